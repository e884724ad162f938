// Multiplies out every product of sums, letting like terms cancel: t(y - 1) - (t - 1)y = y - t.
// Only small trees are expanded, since expansion can grow exponentially.
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import { mapChildren, size } from "../../expr/walk.js";
import type { SimplifyRule } from "../rule.js";
import { distribute } from "./distribute.js";

const MAX_SIZE = 80;

function expandAll(e: Expr): Expr {
  const inner = e.kind === "add" || e.kind === "mul" || e.kind === "pow" ? mapChildren(e, expandAll) : e;
  const step = distribute.apply(inner, { assumptions: [] });
  return step === undefined ? inner : b.add(...(step.kind === "add" ? step.terms : [step]).map(expandAll));
}

export const expand: SimplifyRule<"simp-expand"> = {
  id: "expand",
  label: "simp-expand",
  // The identity: (a + b)(c + d) = ac + ad + bc + bd
  apply(e) {
    if ((e.kind !== "add" && e.kind !== "mul") || size(e) > MAX_SIZE) return undefined;
    const out = expandAll(e);
    return out === e ? undefined : out;
  },
};
