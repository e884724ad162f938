// The simplification rules, in the order the driver tries them.
import type { SimplifyRule } from "./rule.js";
import { absSign } from "./rules/abs-sign.js";
import { assumption } from "./rules/assumption.js";
import { commonFactor } from "./rules/common-factor.js";
import { commonPower } from "./rules/common-power.js";
import { distribute } from "./rules/distribute.js";
import { expand } from "./rules/expand.js";
import { negateSum } from "./rules/negate-sum.js";
import { signAbs } from "./rules/sign-abs.js";
import { sumFactor } from "./rules/sum-factor.js";
import { sumSift } from "./rules/sum-sift.js";
import { sumSplit } from "./rules/sum-split.js";

export const SIMPLIFY_RULES = [
  assumption,
  sumSift,
  sumFactor,
  sumSplit,
  distribute,
  expand,
  commonFactor,
  commonPower,
  negateSum,
  absSign,
  signAbs,
] as const satisfies readonly SimplifyRule[];

/** The label of a line a rule made, or of the last line ("simplify"), which the whole rule set made. */
export type TraceLabel = (typeof SIMPLIFY_RULES)[number]["label"] | "simplify";

const LABELS: ReadonlyMap<string, TraceLabel> = new Map(SIMPLIFY_RULES.map((r) => [r.id, r.label]));

/** The label of the line the rule with this id made ("simplify" for the whole rule set's). */
export const traceLabel = (id: string): TraceLabel => LABELS.get(id) ?? "simplify";

/**
 * The order in which a derivation replays the rules, one stage per rule, so that each rewrite a
 * student needs is a line of its own: the algebra first, a stated assumption last (the line
 * before it, -t_k + y_k sum_i t_i, is the one that shows why the assumption is needed).
 */
export const TRACE_ORDER: readonly string[] = [
  "sign-abs",
  "abs-sign",
  "distribute",
  "sum-split",
  "sum-sift",
  "sum-factor",
  "expand",
  "common-factor",
  "common-power",
  "negate-sum",
  "assumption",
];
