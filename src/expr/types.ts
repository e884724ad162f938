// The expression tree: immutable, JSON-serialisable plain data tagged by `kind`.
// Build nodes only through the smart constructors in build.ts.

/** An index of a symbol: a concrete node number, an index variable, or the bias marker b_k. */
export type Index =
  | { readonly kind: "node"; readonly n: number }
  | { readonly kind: "var"; readonly name: string }
  | { readonly kind: "bias"; readonly of: Index }
  /** The training example a quantity belongs to in a mini-batch: delta_k^{(d)}, E_d. */
  | { readonly kind: "example"; readonly of: Index };

/** The set a bound index ranges over. Concrete networks resolve the named sets to node lists. */
export type IndexSet =
  | { readonly kind: "downstream"; readonly of: Index }
  | { readonly kind: "preds"; readonly of: Index }
  | { readonly kind: "layer"; readonly of: Index }
  | { readonly kind: "outputs" }
  | { readonly kind: "nodes"; readonly nodes: readonly number[] }
  /** The examples 1..n of a mini-batch. */
  | { readonly kind: "examples" };

export type Relation = "gt" | "eq";

export type Expr =
  | { readonly kind: "num"; readonly value: number }
  /** An indexed scalar symbol: w_{kj}, y_j, x_i, net_k, delta_k, t_k, eta, E. */
  | { readonly kind: "sym"; readonly name: string; readonly idx: readonly Index[] }
  /** An index used as a value, as in the Iverson bracket [i = k]. */
  | { readonly kind: "index"; readonly index: Index }
  | { readonly kind: "add"; readonly terms: readonly Expr[] }
  | { readonly kind: "mul"; readonly factors: readonly Expr[] }
  | { readonly kind: "pow"; readonly base: Expr; readonly exp: Expr }
  /** Function application; `order` counts derivatives: f'(net_k) has order 1. */
  | { readonly kind: "call"; readonly fn: string; readonly order: number; readonly args: readonly Expr[] }
  /** An unevaluated partial derivative symbol, kept for proofs: dE/dnet_k. */
  | { readonly kind: "deriv"; readonly of: Expr; readonly wrt: Expr }
  /** A sum over a bound index: sum_{index in set} body. */
  | { readonly kind: "sum"; readonly index: string; readonly set: IndexSet; readonly body: Expr }
  /** The largest value of body over a bound index (max_{index in set} body), or with `arg` the
   * first index that attains it (arg max; on a tie, the first in the set's order). */
  | { readonly kind: "max"; readonly arg: boolean; readonly index: string; readonly set: IndexSet; readonly body: Expr }
  /** The Iverson bracket: 1 when the relation holds, else 0. */
  | { readonly kind: "iverson"; readonly rel: Relation; readonly lhs: Expr; readonly rhs: Expr }
  /** A named vector or matrix: \vec{w_4}, \vec{x}, W^{(1)}, \vec{y}^{(1)}; with `from`, the block of
   * weights from layer `from` to layer `layer`, \bar{W}^{(3,1)}. */
  | {
      readonly kind: "tensor";
      readonly shape: "vec" | "mat";
      readonly name: string;
      readonly idx: readonly Index[];
      /** The layer, a number or a letter standing for any layer (l). */
      readonly layer?: number | string;
      readonly from?: number;
    }
  /** A literal matrix; a column vector has rows of length 1, a row vector one row. */
  | { readonly kind: "matrix"; readonly rows: readonly (readonly Expr[])[] }
  | { readonly kind: "transpose"; readonly arg: Expr }
  /** A matrix product (not commutative, unlike mul). */
  | { readonly kind: "matmul"; readonly factors: readonly Expr[] }
  /** The entrywise (Hadamard) product of vectors or matrices of one shape: a \odot b. */
  | { readonly kind: "hadamard"; readonly factors: readonly Expr[] }
  /** An elided run of terms or entries, printed as \dots. */
  | { readonly kind: "ellipsis" };

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
