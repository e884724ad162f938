// The gradient and update of every weight and bias, in terms of the error terms: linear in the
// number of parameters, since each refers to delta_k by symbol.
import * as b from "../expr/build.js";
import type { Network } from "../network/graph.js";
import type { ParamResult } from "./proof.js";
import { delta, ETA, out, param } from "./symbols.js";

export function paramResults(network: Network): ParamResult[] {
  return network.params.map(({ to, from }) => {
    const symbol = param(to, from);
    // Distinct symbols throughout: assembled directly, as canonicalising 10^5 of them would
    // dominate the derivation's time.
    const factors = from === "b" ? [delta(to)] : [delta(to), out(network, from)];
    const gradient = b.rawMul(...factors);
    return { to, from, symbol, gradient, update: b.rawAdd(symbol, b.rawMul(b.MINUS_ONE, ETA, ...factors)) };
  });
}
