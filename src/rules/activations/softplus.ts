// softplus(x) = ln(1 + e^x); softplus'(x) = e^x / (1 + e^x) = sigma(x).
import * as b from "../../expr/build.js";
import { csoftplus } from "../../expr/complex-numbers.js";
import { softplus as softplusValue } from "../../expr/functions.js";
import type { Expr } from "../../expr/types.js";
import { eq } from "../equation.js";
import type { ElementwiseActivation } from "./activation.js";

const onePlusExp = (x: Expr): Expr => b.add(b.ONE, b.call("exp", [x]));

export const softplus: ElementwiseActivation = {
  id: "softplus",
  title: "softplus",
  elementwise: true,
  symbol: "softplus",
  analytic: true,
  polynomial: false,
  piecewiseLinear: false,
  identity: false,
  userFormula: false,
  kinks: [],
  definition: (x) => b.call("ln", [onePlusExp(x)]),
  value: softplusValue,
  complexValue: csoftplus,
  derivative: (x) => b.call("sigma", [x]),
  derivativeInOutput: false,
  lemma: (x) => [
    eq(b.call("softplus", [x]), b.call("ln", [onePlusExp(x)]), "definition", "def-softplus", "define"),
    eq(b.call("softplus", [x], 1), b.div(b.call("exp", [x]), onePlusExp(x)), "differentiation", "lemma-softplus-chain"),
    eq(b.call("softplus", [x], 1), b.call("sigma", [x]), "simplification", "lemma-softplus-sigma"),
  ],
};
