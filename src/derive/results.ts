// The gradient and update of every weight and bias, in terms of the error terms: linear in the
// number of parameters, since each refers to delta_k by symbol. A tied group's shared value
// theta_g gets the sum over its uses, dE/dtheta_g = sum_{(k,j) uses it} delta_k y_j (the total
// derivative), and one update.
import * as b from "../expr/build.js";
import type { Expr } from "../expr/types.js";
import type { Network, Param } from "../network/graph.js";
import { edgeParams, usesOf } from "../network/params.js";
import type { ParamResult } from "./proof.js";
import { delta, ETA, out, param, theta } from "./symbols.js";

/** delta_k y_j for an edge, delta_k for a bias: the gradient of one use. */
const useFactors = (network: Network, p: Param): Expr[] => (p.from === "b" ? [delta(p.to)] : [delta(p.to), out(network, p.from)]);

export function paramResults(network: Network): ParamResult[] {
  // The parameter of each tied group -> its number g (from 1).
  const slot = edgeParams(network);
  const group = new Map<number, number>();
  network.tied.forEach((g, i) => group.set(slot[g[0]!]!, i + 1));
  return network.params.map(({ to, from }, i) => {
    const uses = usesOf(network, i);
    if (uses.length > 1) {
      const g = group.get(i)!;
      const symbol = theta(g);
      const gradient = b.rawAdd(...uses.map((e) => b.rawMul(...useFactors(network, network.edges[e]!))));
      return { to, from, symbol, gradient, update: b.rawAdd(symbol, b.rawMul(b.MINUS_ONE, ETA, gradient)) };
    }
    const symbol = param(to, from);
    // Distinct symbols throughout: assembled directly, as canonicalising 10^5 of them would
    // dominate the derivation's time.
    const factors = useFactors(network, { to, from });
    const gradient = b.rawMul(...factors);
    return { to, from, symbol, gradient, update: b.rawAdd(symbol, b.rawMul(b.MINUS_ONE, ETA, ...factors)) };
  });
}
