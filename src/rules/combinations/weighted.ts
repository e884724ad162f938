// The seed's node: net_k = sum_{i in pred(k)} w_ki y_i (+ w_{b_k}); only the j-th term depends on y_j.
import * as b from "../../expr/build.js";
import { eq } from "../equation.js";
import type { CombinationRule } from "./combination.js";

const w = (k: Parameters<typeof b.sym>[1], j: Parameters<typeof b.sym>[1]) => b.sym("w", k, j);

export const weighted = {
  id: "weighted",
  net: (k, i, out, bias) => {
    const sum = b.sum(i, { kind: "preds", of: k }, b.mul(w(k, b.ivar(i)), out(b.ivar(i))));
    return bias ? b.add(sum, b.sym("w", b.bias(k))) : sum;
  },
  local: (k, j) => eq(b.deriv(b.sym("net", k), b.sym("y", j)), w(k, j), "linearity", "linearity-y"),
} as const satisfies CombinationRule;
