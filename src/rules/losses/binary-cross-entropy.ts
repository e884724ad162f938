// E = -sum_k [t_k ln y_k + (1 - t_k) ln(1 - y_k)]
import * as b from "../../expr/build.js";
import type { Loss } from "./loss.js";

const xlogy = (x: number, y: number): number => (x === 0 ? 0 : x * Math.log(y));

export const binaryCrossEntropy: Loss = {
  id: "binary-cross-entropy",
  title: "binary cross-entropy",
  scale: -1,
  term: (y, t) => b.add(b.mul(t, b.call("ln", [y])), b.mul(b.sub(b.ONE, t), b.call("ln", [b.sub(b.ONE, y)]))),
  value: (y, t) => -y.reduce((s, v, i) => s + xlogy(t[i]!, v) + xlogy(1 - t[i]!, 1 - v), 0),
  targets: "unit-interval",
};
