// sum_i c a_i = c sum_i a_i, when c does not depend on i.
import * as b from "../../expr/build.js";
import { mentionsIndex } from "../../expr/walk.js";
import type { SimplifyRule } from "../rule.js";

export const sumFactor: SimplifyRule<"simp-sum-factor"> = {
  id: "sum-factor",
  label: "simp-sum-factor",
  // The identity: \sum_i c\, a_i = c \sum_i a_i
  apply(e) {
    if (e.kind !== "sum" || e.body.kind !== "mul") return undefined;
    const outside = e.body.factors.filter((f) => !mentionsIndex(f, e.index));
    if (outside.length === 0) return undefined;
    const inside = e.body.factors.filter((f) => mentionsIndex(f, e.index));
    return b.mul(...outside, b.sum(e.index, e.set, b.mul(...inside)));
  },
};
