// What an activation declares: its value, its derivative in textbook form, its LaTeX and the
// lemma that proves its derivative identity. Elementwise activations act node by node; a layer
// activation (softmax) couples every node of its layer.
import type { Complex } from "../../expr/complex-numbers.js";
import type { Expr, Index } from "../../expr/types.js";
import type { Equation } from "../equation.js";

interface Common {
  /** Registry id, as written in specs: "sigmoid". */
  readonly id: string;
  /** Display name in prose. */
  readonly title: string;
  /** Its function name in lemmas: sigma, tanh, relu, ... */
  readonly symbol: string;
  /** Whether it is analytic (complex-step differentiation applies). */
  readonly analytic: boolean;
  /** A polynomial on each side of its kinks (identity, ReLU, leaky ReLU): a CAS decides identities of it. */
  readonly polynomial: boolean;
  /** Linear on each side of 0 (ReLU, leaky ReLU): the side the sign of x picks is a formula of its own. */
  readonly piecewiseLinear: boolean;
  /** f(x) = x: a formula with its numbers in shows the argument itself, not f of it. */
  readonly identity: boolean;
  /** A formula in x that the spec wrote: no name of its own (shown as its formula, or as f). */
  readonly userFormula: boolean;
}

export interface ElementwiseActivation extends Common {
  readonly elementwise: true;
  /** f(x) written out: sigma(x) = 1 / (1 + e^{-x}). */
  definition(x: Expr): Expr;
  /** Plain numeric value, independent of the expression tree. */
  value(x: number): number;
  /** f'(x) in textbook form, in terms of y = f(x) where an identity allows it. */
  derivative(x: Expr, y: Expr): Expr;
  /** Whether derivative() is written in terms of y (an output identity). */
  readonly derivativeInOutput: boolean;
  /** The proof of the derivative identity, over a free variable x with y = f(x). */
  lemma(x: Expr, y: Expr): Equation[];
  /** Points where the derivative jumps (relu's 0), to keep numeric checks away from them. */
  readonly kinks: readonly number[];
  /** f on complex arguments, for complex steps; absent where f is not analytic (relu). */
  readonly complexValue?: (z: Complex) => Complex;
  /** ln f(x) and ln(1 - f(x)), stably, where f is a probability with a closed form for them (sigmoid). */
  readonly logValue?: (x: number) => number;
  readonly logOneMinusValue?: (x: number) => number;
}

export interface LayerActivation extends Common {
  readonly elementwise: false;
  /** y_k written out over the layer of node k. */
  definition(k: Index): Expr;
  values(nets: readonly number[]): number[];
  /** ln y_i and ln(1 - y_i) of every node, stably (log-softmax: net_i - ln sum_l e^{net_l}). */
  logValues?(nets: readonly number[]): { readonly log: number[]; readonly logOneMinus: number[] };
  /** dy_i/dnet_k in textbook form. */
  partial(i: Index, k: Index): Expr;
  /** The proof of the partial-derivative identity, for output index i and input index k. */
  lemma(i: Index, k: Index): Equation[];
  readonly kinks: readonly number[];
}

export type Activation = ElementwiseActivation | LayerActivation;
