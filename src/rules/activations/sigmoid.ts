// sigma(x) = 1 / (1 + e^{-x}); sigma'(x) = sigma(x) (1 - sigma(x)).
import * as b from "../../expr/build.js";
import { csigma } from "../../expr/complex-numbers.js";
import { logOneMinusSigma, logSigma, sigma } from "../../expr/functions.js";
import type { Expr } from "../../expr/types.js";
import { eq } from "../equation.js";
import type { ElementwiseActivation } from "./activation.js";

const emx = (x: Expr): Expr => b.call("exp", [b.neg(x)]);
const denom = (x: Expr): Expr => b.add(b.ONE, emx(x));

export const sigmoid: ElementwiseActivation = {
  id: "sigmoid",
  title: "sigmoid",
  elementwise: true,
  symbol: "sigma",
  analytic: true,
  polynomial: false,
  piecewiseLinear: false,
  identity: false,
  userFormula: false,
  kinks: [],
  definition: (x) => b.pow(denom(x), b.MINUS_ONE),
  value: sigma,
  complexValue: csigma,
  logValue: logSigma,
  logOneMinusValue: logOneMinusSigma,
  derivative: (_x, y) => b.mul(y, b.sub(b.ONE, y)),
  derivativeInOutput: true,
  lemma(x, y) {
    const f = b.call("sigma", [x]);
    const df = b.call("sigma", [x], 1);
    return [
      eq(f, b.pow(denom(x), b.MINUS_ONE), "definition", "def-sigmoid", "define"),
      eq(df, b.mul(emx(x), b.pow(denom(x), b.num(-2))), "differentiation", "lemma-sigmoid-chain"),
      eq(df, b.mul(f, b.sub(b.ONE, f)), "simplification", "lemma-sigmoid-one-minus"),
      eq(df, b.mul(y, b.sub(b.ONE, y)), "substitution", "lemma-output-sigmoid"),
    ];
  },
};
