// Replaces a stated assumption's left side by its right side: sum_i t_i = 1.
// Sums match up to the name of their bound index.
import * as b from "../../expr/build.js";
import { key, setKey } from "../../expr/key.js";
import type { Expr } from "../../expr/types.js";
import { bindIndex } from "../../expr/walk.js";
import type { SimplifyRule } from "../rule.js";

function matches(e: Expr, pattern: Expr): boolean {
  if (e.kind === "sum" && pattern.kind === "sum") {
    return (
      setKey(e.set) === setKey(pattern.set) &&
      key(bindIndex(e.body, e.index, b.ivar("§"))) === key(bindIndex(pattern.body, pattern.index, b.ivar("§")))
    );
  }
  return key(e) === key(pattern);
}

export const assumption: SimplifyRule<"simp-assumption"> = {
  id: "assumption",
  label: "simp-assumption",
  // The identity: \text{an assumption } a = b \text{ stated in the proof}
  apply(e, ctx) {
    for (const a of ctx.assumptions) if (matches(e, a.lhs)) return a.rhs;
    return undefined;
  },
};
