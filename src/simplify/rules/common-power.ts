// a^p c + a^q d = a^m (a^{p-m} c + a^{q-m} d), m the smaller power: a common denominator, so
// 1/(1 + |x|) - |x|/(1 + |x|)^2 = (1 + |x| - |x|)/(1 + |x|)^2 = 1/(1 + |x|)^2.
import * as b from "../../expr/build.js";
import { key } from "../../expr/key.js";
import type { Expr } from "../../expr/types.js";
import type { SimplifyRule } from "../rule.js";

/** The factors of a term as (base, numeric exponent). */
function powers(t: Expr): Map<string, { base: Expr; exp: number }> {
  const out = new Map<string, { base: Expr; exp: number }>();
  for (const f of t.kind === "mul" ? t.factors : [t]) {
    if (f.kind === "num") continue;
    const [base, exp] = f.kind === "pow" && f.exp.kind === "num" ? [f.base, f.exp.value] : [f, 1];
    out.set(key(base), { base, exp });
  }
  return out;
}

export const commonPower: SimplifyRule<"simp-common-power"> = {
  id: "common-power",
  label: "simp-common-power",
  // The identity: a^{p} c + a^{q} d = a^{q}\left(a^{p - q} c + d\right)
  apply(e) {
    if (e.kind !== "add" || e.terms.length < 2) return undefined;
    const all = e.terms.map(powers);
    for (const [k, { base }] of all[0]!) {
      if (!all.every((p) => p.has(k))) continue;
      const exps = all.map((p) => p.get(k)!.exp);
      // Only where the powers differ: equal ones are common-factor's.
      if (exps.every((x) => x === exps[0])) continue;
      const m = Math.min(...exps);
      return b.mul(b.pow(base, b.num(m)), b.add(...e.terms.map((t) => b.mul(t, b.pow(base, b.num(-m))))));
    }
    return undefined;
  },
};
