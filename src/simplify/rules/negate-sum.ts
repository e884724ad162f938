// -c (a - b) = c (b - a): moves a negative coefficient into the sum it multiplies.
import * as b from "../../expr/build.js";
import type { SimplifyRule } from "../rule.js";

export const negateSum: SimplifyRule<"simp-negate-sum"> = {
  id: "negate-sum",
  label: "simp-negate-sum",
  // The identity: -c(a - b) = c(b - a)
  apply(e) {
    if (e.kind !== "mul" || e.factors[0]!.kind !== "num" || e.factors[0]!.value >= 0) return undefined;
    const at = e.factors.findIndex((f) => f.kind === "add");
    if (at < 0) return undefined;
    return b.mul(...e.factors.map((f, i) => (i === 0 ? b.num(-(f as { value: number }).value) : i === at ? b.neg(f) : f)));
  },
};
