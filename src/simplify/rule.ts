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

export interface SimplifyRule {
  readonly id: string;
  apply(e: Expr, ctx: SimplifyContext): Expr | undefined;
}
