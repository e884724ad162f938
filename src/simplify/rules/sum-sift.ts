// sum_{i in S} a_i [i = k] = a_k, when k belongs to S (the sifting property of the bracket).
import * as b from "../../expr/build.js";
import { key } from "../../expr/key.js";
import type { Expr, Index, IndexSet } from "../../expr/types.js";
import { bindIndex } from "../../expr/walk.js";
import type { SimplifyRule } from "../rule.js";

/** The index the bracket pins the bound variable to, if it is [i = k] or [k = i]. */
function pinned(f: Expr, i: string): Index | undefined {
  if (f.kind !== "iverson" || f.rel !== "eq" || f.lhs.kind !== "index" || f.rhs.kind !== "index") return undefined;
  const l = f.lhs.index;
  const r = f.rhs.index;
  if (l.kind === "var" && l.name === i) return r;
  if (r.kind === "var" && r.name === i) return l;
  return undefined;
}

function contains(s: IndexSet, k: Index): boolean {
  if (s.kind === "layer") return key(b.indexValue(s.of)) === key(b.indexValue(k));
  if (s.kind === "nodes") return k.kind === "node" && s.nodes.includes(k.n);
  return false;
}

export const sumSift: SimplifyRule<"simp-sum-sift"> = {
  id: "sum-sift",
  label: "simp-sum-sift",
  // The identity: \sum_{i \in S} a_i [i = k] = a_k \quad (k \in S)
  apply(e) {
    if (e.kind !== "sum") return undefined;
    const factors = e.body.kind === "mul" ? e.body.factors : [e.body];
    for (const f of factors) {
      const k = pinned(f, e.index);
      if (k === undefined || !contains(e.set, k)) continue;
      const rest = b.mul(...factors.filter((g) => g !== f));
      return bindIndex(rest, e.index, k);
    }
    return undefined;
  },
};
