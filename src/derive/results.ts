// The gradient and update of every weight and bias, in terms of the error terms: each refers to
// delta_k by symbol, and each is written when it is read (a proof of 10^6 weights stores none).
// A tied group's shared value theta_g gets the sum over its uses,
// dE/dtheta_g = sum_{(k,j) uses it} delta_k y_j (the total derivative), and one update.
import * as b from "../expr/build.js";
import type { Expr } from "../expr/types.js";
import type { Network, Param } from "../network/graph.js";
import { edgeParams, usesOf } from "../network/params.js";
import { LazySeq } from "./lazy.js";
import type { ParamResult, Seq } from "./proof.js";
import { delta, ETA, out, param, theta } from "./symbols.js";

/** delta_k y_j for an edge, delta_k for a bias: the gradient of one use. */
const useFactors = (network: Network, p: Param): Expr[] => (p.from === "b" ? [delta(p.to)] : [delta(p.to), out(network, p.from)]);

/** The result of parameter i (its index in network.params); `group` is its tied group's number g, if any. */
function paramResult(network: Network, i: number, group: number | undefined): ParamResult {
  const { to, from } = network.params[i]!;
  const uses = group === undefined ? [] : usesOf(network, i);
  if (group !== undefined && uses.length > 1) {
    const symbol = theta(group);
    const gradient = b.rawAdd(...uses.map((e) => b.rawMul(...useFactors(network, network.edges[e]!))));
    return { to, from, symbol, gradient, update: b.rawAdd(symbol, b.rawMul(b.MINUS_ONE, ETA, gradient)) };
  }
  const symbol = param(to, from);
  // Distinct symbols throughout: assembled directly, as canonicalising 10^5 of them would
  // dominate the time of whoever reads them all.
  const factors = useFactors(network, { to, from });
  return { to, from, symbol, gradient: b.rawMul(...factors), update: b.rawAdd(symbol, b.rawMul(b.MINUS_ONE, ETA, ...factors)) };
}

/** Every parameter's result, in the order of network.params, made when read. */
export function paramResults(network: Network): Seq<ParamResult> {
  // The parameter of each tied group -> its number g (from 1).
  const group = new Map<number, number>();
  if (network.tied.length > 0) {
    const slot = edgeParams(network);
    network.tied.forEach((g, i) => group.set(slot[g[0]!]!, i + 1));
  }
  return new LazySeq(network.params.length, (i) => paramResult(network, i, group.get(i)));
}
