// E = -sum_k t_k ln y_k
import * as b from "../../expr/build.js";
import { xlogy, type Loss } from "./loss.js";

export const crossEntropy: Loss = {
  id: "cross-entropy",
  title: "cross-entropy",
  scale: -1,
  term: (y, t) => b.mul(t, b.call("ln", [y])),
  value: (y, t) => -y.reduce((s, v, i) => s + xlogy(t[i]!, Math.log(v)), 0),
  fromLogs: (o, t) => -o.reduce((s, v, i) => s + xlogy(t[i]!, v.log), 0),
  targets: "distribution",
  polynomial: false,
  logOutputs: "y",
};
