// f(x) = x for x > 0, alpha x otherwise; f'(x) = alpha + (1 - alpha) [x > 0].
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import { eq } from "../equation.js";
import type { ElementwiseActivation } from "./activation.js";

export const DEFAULT_ALPHA = 0.01;

export function leakyRelu(alpha: number = DEFAULT_ALPHA): ElementwiseActivation {
  const a = b.num(alpha);
  const step = (x: Expr): Expr => b.iverson("gt", x, b.ZERO);
  const slope = (x: Expr): Expr => b.add(a, b.mul(b.num(1 - alpha), step(x)));
  return {
    id: "leaky-relu",
    title: `leaky ReLU (alpha = ${alpha})`,
    elementwise: true,
    symbol: "leakyrelu",
    analytic: false,
    polynomial: true,
    piecewiseLinear: true,
    identity: false,
    userFormula: false,
    kinks: [0],
    definition: (x) => b.mul(x, slope(x)),
    value: (x) => (x > 0 ? x : alpha * x),
    derivative: slope,
    derivativeInOutput: false,
    lemma: (x) => [
      eq(b.call("leakyrelu", [x]), b.mul(x, slope(x)), "definition", "def-leaky-relu", "define"),
      eq(b.call("leakyrelu", [x], 1), slope(x), "differentiation", "lemma-leaky-relu"),
    ],
  };
}
