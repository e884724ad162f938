// Max pooling: net_k = max_{i in pred(k)} y_i. Moving y_j moves net_k one for one where j is the
// input that attains the max, and not at all where another one does: dnet_k/dy_j = [j = arg max
// y_i]. On a tie the arg max is the first of the equal inputs (in the order of pred(k)), the
// convention of the forward pass; there the max has no derivative, only one-sided ones.
import * as b from "../../expr/build.js";
import { eq } from "../equation.js";
import type { CombinationRule } from "./combination.js";

export const max = {
  id: "max",
  net: (k, i, out) => b.max(i, { kind: "preds", of: k }, out(b.ivar(i))),
  local: (k, j) =>
    eq(
      b.deriv(b.sym("net", k), b.sym("y", j)),
      b.iverson("eq", b.indexValue(j), b.max("i", { kind: "preds", of: k }, b.sym("y", b.ivar("i")), true)),
      "max-derivative",
      "max-arg",
    ),
} as const satisfies CombinationRule;
