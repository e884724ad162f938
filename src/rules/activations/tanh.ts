// tanh(x) = (e^x - e^{-x}) / (e^x + e^{-x}); tanh'(x) = 1 - tanh^2(x).
import * as b from "../../expr/build.js";
import { ctanh } from "../../expr/complex-numbers.js";
import type { Expr } from "../../expr/types.js";
import { eq } from "../equation.js";
import type { ElementwiseActivation } from "./activation.js";

const ep = (x: Expr): Expr => b.call("exp", [x]);
const em = (x: Expr): Expr => b.call("exp", [b.neg(x)]);

export const tanh: ElementwiseActivation = {
  id: "tanh",
  title: "tanh",
  elementwise: true,
  symbol: "tanh",
  analytic: true,
  polynomial: false,
  piecewiseLinear: false,
  identity: false,
  userFormula: false,
  kinks: [],
  definition: (x) => b.call("tanh", [x]),
  value: Math.tanh,
  complexValue: ctanh,
  derivative: (_x, y) => b.sub(b.ONE, b.sq(y)),
  derivativeInOutput: true,
  lemma(x, y) {
    const f = b.call("tanh", [x]);
    const df = b.call("tanh", [x], 1);
    const s = b.add(ep(x), em(x));
    const d = b.sub(ep(x), em(x));
    return [
      eq(f, b.div(d, s), "definition", "def-tanh", "define"),
      eq(df, b.div(b.sub(b.sq(s), b.sq(d)), b.sq(s)), "differentiation", "lemma-quotient-rule"),
      eq(df, b.sub(b.ONE, b.sq(b.div(d, s))), "simplification", "lemma-split-fraction"),
      eq(df, b.sub(b.ONE, b.sq(f)), "substitution", "lemma-tanh-back"),
      eq(df, b.sub(b.ONE, b.sq(y)), "substitution", "lemma-output-tanh"),
    ];
  },
};
