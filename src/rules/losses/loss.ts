// What a loss declares. Every loss here is a scaled sum over the output nodes of one term
// l(y_k, t_k); its derivative is derived by the engine from that term, not written by hand.
import type { Expr } from "../../expr/types.js";

/** What a loss assumes of the targets; params that violate it are refused. */
export type TargetDomain = "real" | "unit-interval" | "distribution";

export interface Loss {
  readonly id: string;
  readonly title: string;
  /** E = scale * sum_k term(y_k, t_k). */
  readonly scale: number;
  term(y: Expr, t: Expr): Expr;
  /** Plain numeric value of E, independent of the expression tree. */
  value(y: readonly number[], t: readonly number[]): number;
  readonly targets: TargetDomain;
}
