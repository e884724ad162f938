// u / |u| = sign(u), for u != 0; at u = 0 the left side is undefined and sign(0) = 0 is the
// usual convention, so the rewrite only ever removes a point of undefinedness.
import * as b from "../../expr/build.js";
import { key } from "../../expr/key.js";
import type { Expr } from "../../expr/types.js";
import type { SimplifyRule } from "../rule.js";

const absOf = (f: Expr): Expr | undefined =>
  f.kind === "pow" && f.exp.kind === "num" && f.exp.value === -1 && f.base.kind === "call" && f.base.fn === "abs" && f.base.order === 0
    ? f.base.args[0]
    : undefined;

export const signAbs: SimplifyRule<"simp-sign-abs"> = {
  id: "sign-abs",
  label: "simp-sign-abs",
  // The identity: \frac{u}{\left|u\right|} = \operatorname{sign}(u) \quad (u \neq 0)
  apply(e) {
    if (e.kind !== "mul") return undefined;
    for (const d of e.factors) {
      const u = absOf(d);
      if (u === undefined) continue;
      const at = e.factors.findIndex((f) => key(f) === key(u));
      if (at < 0) continue;
      return b.mul(...e.factors.filter((f, i) => f !== d && i !== at), b.call("sign", [u]));
    }
    return undefined;
  },
};
