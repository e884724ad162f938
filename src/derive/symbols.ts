// The seed's symbols for the quantities of a network.
import * as b from "../expr/build.js";
import type { Expr, Index } from "../expr/types.js";
import type { Network } from "../network/graph.js";

const at = (i: Index | number): Index => (typeof i === "number" ? b.node(i) : i);

export const w = (k: Index | number, j: Index | number): Expr => b.sym("w", at(k), at(j));
export const wb = (k: Index | number): Expr => b.sym("w", b.bias(at(k)));
export const net = (k: Index | number): Expr => b.sym("net", at(k));
export const y = (k: Index | number): Expr => b.sym("y", at(k));
export const x = (i: Index | number): Expr => b.sym("x", at(i));
export const t = (k: Index | number): Expr => b.sym("t", at(k));
export const delta = (k: Index | number): Expr => b.sym("delta", at(k));
export const ETA = b.sym("eta");
/** The shared value of the g-th group of tied weights (g from 1). */
export const theta = (g: number): Expr => b.sym("theta", b.node(g));
export const E = b.sym("E");

/** The output of a node: x_i for an input node, y_j otherwise. */
export const out = (network: Network, n: number): Expr => (network.nodes[n]!.layer === 0 ? x(n) : y(n));

/** The parameter symbol: w_{kj} or w_{b_k}. */
export const param = (k: number, j: number | "b"): Expr => (j === "b" ? wb(k) : w(k, j));

/** d E / d q */
export const dE = (q: Expr): Expr => b.deriv(E, q);

/** f(net) or f'(net) for the layer's function letter. */
export const fn = (letter: string, arg: Expr, order = 0): Expr => b.call(letter, [arg], order);

/** The loss written out over the outputs: its scale times the sum of its terms in y_k and t_k. */
export const lossWritten = (network: Network): Expr =>
  b.mul(b.num(network.loss.scale), b.add(...network.outputs.map((n) => network.loss.term(y(n), t(n)))));

/** The layers whose elementwise activation has a letter (f, g, ...), by that letter. */
export function layerLetters(network: Network): ReadonlyMap<string, Network["layers"][number]> {
  const letters = new Map<string, Network["layers"][number]>();
  for (const l of network.layers) if (l.fn !== undefined) letters.set(l.fn, l);
  return letters;
}
