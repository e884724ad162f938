// y_k = e^{net_k} / sum_{l in layer(k)} e^{net_l}; dy_i/dnet_k = y_i ([i = k] - y_k).
import * as b from "../../expr/build.js";
import type { Expr, Index } from "../../expr/types.js";
import { eq } from "../equation.js";
import type { LayerActivation } from "./activation.js";

const net = (i: Index): Expr => b.sym("net", i);
const y = (i: Index): Expr => b.sym("y", i);
const expNet = (i: Index): Expr => b.call("exp", [net(i)]);
const partition = (k: Index): Expr => b.sum("l", { kind: "layer", of: k }, expNet(b.ivar("l")));

export const softmax: LayerActivation = {
  id: "softmax",
  title: "softmax",
  elementwise: false,
  symbol: "softmax",
  analytic: true,
  polynomial: false,
  piecewiseLinear: false,
  identity: false,
  userFormula: false,
  kinks: [],
  definition: (k) => b.div(expNet(k), partition(k)),
  values(nets) {
    const m = Math.max(...nets);
    const e = nets.map((v) => Math.exp(v - m));
    const s = e.reduce((a, c) => a + c, 0);
    return e.map((v) => v / s);
  },
  logValues(nets) {
    // ln y_i = net_i - m - ln sum_l e^{net_l - m}; ln(1 - y_i) = ln sum_{l != i} e^{net_l - m} - ln sum_l e^{net_l - m}.
    const m = Math.max(...nets);
    const e = nets.map((v) => Math.exp(v - m));
    const s = e.reduce((a, c) => a + c, 0);
    const ls = Math.log(s);
    // s - e_i cancels where e_i is most of s (a saturated output): there the others are summed
    // instead (at most one term is over half of s, so this stays linear).
    const others = (i: number): number => (e[i]! > s / 2 ? e.reduce((a, c, l) => (l === i ? a : a + c), 0) : s - e[i]!);
    return { log: nets.map((v) => v - m - ls), logOneMinus: e.map((_, i) => Math.log(others(i)) - ls) };
  },
  partial: (i, k) => b.mul(y(i), b.sub(b.iverson("eq", b.indexValue(i), b.indexValue(k)), y(k))),
  lemma(i, k) {
    const z = partition(k);
    const d = b.deriv(y(i), net(k));
    return [
      // y_i over its own layer, layer(i), which is layer(k): i and k are nodes of one layer.
      eq(y(i), b.div(expNet(i), partition(i)), "definition", "def-softmax", "define"),
      eq(
        d,
        b.sub(b.div(b.mul(expNet(i), b.iverson("eq", b.indexValue(i), b.indexValue(k))), z), b.div(b.mul(expNet(i), expNet(k)), b.sq(z))),
        "differentiation",
        "lemma-quotient-rule",
      ),
      eq(d, b.sub(b.mul(y(i), b.iverson("eq", b.indexValue(i), b.indexValue(k))), b.mul(y(i), y(k))), "substitution", "lemma-softmax-back"),
      eq(d, b.mul(y(i), b.sub(b.iverson("eq", b.indexValue(i), b.indexValue(k)), y(k))), "factor", "lemma-factor-out"),
    ];
  },
};
