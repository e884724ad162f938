// E = sum_k (t_k - y_k)^2
import * as b from "../../expr/build.js";
import type { Loss } from "./loss.js";

export const sse: Loss = {
  id: "sse",
  title: "sum of squared errors",
  scale: 1,
  term: (y, t) => b.sq(b.sub(t, y)),
  value: (y, t) => y.reduce((s, v, i) => s + (t[i]! - v) ** 2, 0),
  targets: "real",
  polynomial: true,
  logOutputs: "none",
};
