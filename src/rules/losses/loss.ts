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
  /** A polynomial in the outputs (mse, sse): a CAS decides identities of it. */
  readonly polynomial: boolean;
  /**
   * The logarithms of the outputs it takes: ln y (cross-entropy), ln y and ln(1 - y) (binary
   * cross-entropy), or none; an output it takes the log of is perturbed within its domain.
   */
  readonly logOutputs: "none" | "y" | "y-and-one-minus-y";
  /**
   * E from each output's y, ln y and ln(1 - y), given by the caller computed stably (from the
   * logit where there is one), and with 0 ln 0 = 0: finite wherever E is, even where y rounds to
   * 0 or 1. Losses without logarithms leave it out and use value().
   */
  fromLogs?(outputs: readonly OutputLogs[], t: readonly number[]): number;
}

export interface OutputLogs {
  readonly y: number;
  readonly log: number;
  readonly logOneMinus: number;
}

/** x ln y with 0 ln y = 0 for every y, as the limit x ln x -> 0 makes it for a loss. */
export const xlogy = (x: number, logY: number): number => (x === 0 ? 0 : x * logY);
