// An equation with its justification: the unit of every proof, lemma and rule statement.
import type { Expr } from "../expr/types.js";

/** Stable ids of the reasons a step may give; renderers and checkers dispatch on them. */
export const RULE_IDS = [
  "definition",
  "notation",
  "gradient-descent",
  "chain-rule",
  "total-derivative",
  "linearity",
  "activation-derivative",
  "loss-derivative",
  "differentiation",
  "substitution",
  "factor",
  "simplification",
  "assumption",
  "lemma",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** How the two sides relate: an equality, a definition (:=), or an update (\leftarrow). */
export type Relation = "eq" | "define" | "update";

export interface Equation {
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly rule: RuleId;
  /** Message id of the human justification (see derive/messages). */
  readonly label: string;
  readonly relation?: Relation;
}

export const eq = (lhs: Expr, rhs: Expr, rule: RuleId, label: string, relation: Relation = "eq"): Equation => ({
  lhs,
  rhs,
  rule,
  label,
  relation,
});
