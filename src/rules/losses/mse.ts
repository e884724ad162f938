// E = 1/2 sum_k (t_k - y_k)^2
import * as b from "../../expr/build.js";
import type { Loss } from "./loss.js";

export const mse: Loss = {
  id: "mse",
  title: "half the sum of squared errors",
  scale: 0.5,
  term: (y, t) => b.sq(b.sub(t, y)),
  value: (y, t) => 0.5 * y.reduce((s, v, i) => s + (t[i]! - v) ** 2, 0),
  targets: "real",
  polynomial: true,
  logOutputs: "none",
};
