// E = -sum_k [t_k ln y_k + (1 - t_k) ln(1 - y_k)]
import * as b from "../../expr/build.js";
import { xlogy, type Loss } from "./loss.js";

export const binaryCrossEntropy: Loss = {
  id: "binary-cross-entropy",
  title: "binary cross-entropy",
  scale: -1,
  term: (y, t) => b.add(b.mul(t, b.call("ln", [y])), b.mul(b.sub(b.ONE, t), b.call("ln", [b.sub(b.ONE, y)]))),
  value: (y, t) => -y.reduce((s, v, i) => s + xlogy(t[i]!, Math.log(v)) + xlogy(1 - t[i]!, Math.log1p(-v)), 0),
  fromLogs: (o, t) => -o.reduce((s, v, i) => s + xlogy(t[i]!, v.log) + xlogy(1 - t[i]!, v.logOneMinus), 0),
  targets: "unit-interval",
  polynomial: false,
  logOutputs: "y-and-one-minus-y",
};
