// relu(x) = max(0, x) = x [x > 0]; relu'(x) = [x > 0], taking 0 at the kink x = 0.
import * as b from "../../expr/build.js";
import { eq } from "../equation.js";
import type { ElementwiseActivation } from "./activation.js";

export const relu: ElementwiseActivation = {
  id: "relu",
  title: "ReLU",
  elementwise: true,
  symbol: "relu",
  analytic: false,
  polynomial: true,
  piecewiseLinear: true,
  identity: false,
  userFormula: false,
  kinks: [0],
  definition: (x) => b.mul(x, b.iverson("gt", x, b.ZERO)),
  // biome-ignore lint/complexity/useMathMinMax: a NaN net gives 0 here as in the derivative's Iverson bracket, where Math.max would give NaN
  value: (x) => (x > 0 ? x : 0),
  derivative: (x) => b.iverson("gt", x, b.ZERO),
  derivativeInOutput: false,
  lemma: (x) => [
    eq(b.call("relu", [x]), b.mul(x, b.iverson("gt", x, b.ZERO)), "definition", "def-relu", "define"),
    eq(b.call("relu", [x], 1), b.iverson("gt", x, b.ZERO), "differentiation", "lemma-relu"),
  ],
};
