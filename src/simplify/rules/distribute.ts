// a (b + c) = a b + a c, and (b + c)^n multiplied out for small n.
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import type { SimplifyRule } from "../rule.js";

const MAX_POWER = 3;

function asTerms(f: Expr): readonly Expr[] | undefined {
  if (f.kind === "add") return f.terms;
  if (f.kind === "pow" && f.base.kind === "add" && f.exp.kind === "num" && Number.isInteger(f.exp.value)) {
    const n = f.exp.value;
    if (n < 2 || n > MAX_POWER) return undefined;
    let acc: readonly Expr[] = f.base.terms;
    for (let i = 1; i < n; i++) acc = product(acc, f.base.terms);
    return acc;
  }
  return undefined;
}

const product = (xs: readonly Expr[], ys: readonly Expr[]): Expr[] => xs.flatMap((x) => ys.map((y) => b.mul(x, y)));

export const distribute: SimplifyRule<"simp-distribute"> = {
  id: "distribute",
  label: "simp-distribute",
  // The identity: a(b + c) = ab + ac
  apply(e) {
    const factors = e.kind === "mul" ? e.factors : e.kind === "pow" ? [e] : undefined;
    if (factors === undefined) return undefined;
    // One sum at a time: the other factors stay whole, so that u^{-1} u cancels before u is
    // multiplied out.
    const at = factors.findIndex((f) => asTerms(f) !== undefined);
    if (at < 0) return undefined;
    const others = factors.filter((_, i) => i !== at);
    return b.add(...asTerms(factors[at]!)!.map((t) => b.mul(t, ...others)));
  },
};
