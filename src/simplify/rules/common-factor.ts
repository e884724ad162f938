// a b + a c = a (b + c): pull out the factors that every term shares.
import * as b from "../../expr/build.js";
import { key } from "../../expr/key.js";
import type { Expr } from "../../expr/types.js";
import type { SimplifyRule } from "../rule.js";

const factorsOf = (t: Expr): readonly Expr[] => (t.kind === "mul" ? t.factors.filter((f) => f.kind !== "num") : [t]);

export const commonFactor: SimplifyRule<"simp-common-factor"> = {
  id: "common-factor",
  label: "simp-common-factor",
  // The identity: ab + ac = a(b + c)
  apply(e) {
    if (e.kind !== "add") return undefined;
    const [first, ...rest] = e.terms;
    const shared = factorsOf(first!).filter((f) => rest.every((t) => factorsOf(t).some((g) => key(g) === key(f))));
    if (shared.length === 0) return undefined;
    const inv = b.mul(...shared.map((f) => b.pow(f, b.MINUS_ONE)));
    return b.mul(...shared, b.add(...e.terms.map((t) => b.mul(t, inv))));
  },
};
