// sum_i (a_i + b_i) = sum_i a_i + sum_i b_i
import * as b from "../../expr/build.js";
import type { SimplifyRule } from "../rule.js";
import { distribute } from "./distribute.js";

export const sumSplit: SimplifyRule<"simp-sum-split"> = {
  id: "sum-split",
  label: "simp-sum-split",
  // The identity: \sum_i (a_i + b_i) = \sum_i a_i + \sum_i b_i
  apply(e, ctx) {
    if (e.kind !== "sum") return undefined;
    // A product with a sum among its factors is multiplied out first.
    const body = e.body.kind === "add" ? e.body : distribute.apply(e.body, ctx);
    if (body === undefined || body.kind !== "add") return undefined;
    return b.add(...body.terms.map((t) => b.sum(e.index, e.set, t)));
  },
};
