// f(x) = x; f'(x) = 1.
import * as b from "../../expr/build.js";
import { eq } from "../equation.js";
import type { ElementwiseActivation } from "./activation.js";

export const identity: ElementwiseActivation = {
  id: "identity",
  title: "identity",
  elementwise: true,
  symbol: "identity",
  analytic: true,
  polynomial: true,
  piecewiseLinear: false,
  identity: true,
  userFormula: false,
  kinks: [],
  definition: (x) => x,
  value: (x) => x,
  complexValue: (z) => z,
  derivative: () => b.ONE,
  derivativeInOutput: false,
  lemma: (x) => [eq(b.call("identity", [x], 1), b.ONE, "differentiation", "lemma-identity")],
};
