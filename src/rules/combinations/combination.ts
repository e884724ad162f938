// How a node combines the outputs of the nodes it reads into its net. Every node of the seed
// weighs them (net_k = sum_j w_kj y_j + w_{b_k}, each weight a parameter); a pooling node does
// not learn: an average node weighs each of its |pred(k)| inputs by the constant 1/|pred(k)|, a
// max node takes the largest (net_k = max_j y_j). Neither has a bias or a parameter, and its
// activation is the identity (y_k = net_k). Each kind is one rule module (weighted.ts,
// average.ts, max.ts) with its forward definition and its local derivative dnet_k/dy_j; a later
// kind (a product, for gated cells) is one more module and one more case of this union.
import type { Expr, Index } from "../../expr/types.js";
import type { Equation } from "../equation.js";

export const COMBINATIONS = ["weighted", "average", "max"] as const;
export type Combination = (typeof COMBINATIONS)[number];

export interface CombinationRule {
  readonly id: Combination;
  /** net_k in index form, its inputs bound as `i` over pred(k); `out` is the output symbol of an input (x_i or y_i). */
  net(k: Index, i: string, out: (i: Index) => Expr, bias: boolean, fanIn: number | undefined): Expr;
  /**
   * d net_k / d y_j for j in pred(k), as an equation with its rule: w_kj (linearity), 1/|pred(k)|
   * (fanIn, where every node it covers has the same), or the indicator of j's being the arg max.
   */
  local(k: Index, j: Index, fanIn: number | undefined): Equation;
}
