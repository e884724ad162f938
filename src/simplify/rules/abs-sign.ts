// sign(u) u = |u|: true for every u, 0 included (sign(0) = 0).
import * as b from "../../expr/build.js";
import { key } from "../../expr/key.js";
import type { Expr } from "../../expr/types.js";
import type { SimplifyRule } from "../rule.js";

const isSignOf = (f: Expr): f is Extract<Expr, { kind: "call" }> =>
  f.kind === "call" && f.fn === "sign" && f.order === 0 && f.args.length === 1;

export const absSign: SimplifyRule<"simp-abs-sign"> = {
  id: "abs-sign",
  label: "simp-abs-sign",
  // The identity: \operatorname{sign}(u)\, u = \left|u\right|
  apply(e) {
    if (e.kind !== "mul") return undefined;
    for (const s of e.factors) {
      if (!isSignOf(s)) continue;
      const u = key(s.args[0]!);
      const at = e.factors.findIndex((f) => key(f) === u);
      if (at < 0) continue;
      return b.mul(...e.factors.filter((f, i) => f !== s && i !== at), b.call("abs", [s.args[0]!]));
    }
    return undefined;
  },
};
