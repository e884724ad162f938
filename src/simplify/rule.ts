// A simplification rule: one identity, applied at one node of the tree. The driver accepts a
// rewrite only when it makes the expression strictly smaller, so every rule may propose freely.
import type { Expr } from "../expr/types.js";

export interface Assumption {
  readonly lhs: Expr;
  readonly rhs: Expr;
}

export interface SimplifyContext {
  /** Equalities the proof has stated as assumptions, e.g. sum_i t_i = 1. */
  readonly assumptions: readonly Assumption[];
  /** Only these rules (by id) may fire; all of them when absent. */
  readonly only?: ReadonlySet<string>;
}

/** A rule, its label a literal type (SimplifyRule<"simp-expand">): derive/ checks it is one its rule may give. */
export interface SimplifyRule<L extends `simp-${string}` = `simp-${string}`> {
  readonly id: string;
  /** The justification of a line of a derivation that this rule made: a message key. */
  readonly label: L;
  apply(e: Expr, ctx: SimplifyContext): Expr | undefined;
}
