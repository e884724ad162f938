// The gradient and update of every weight and bias, in terms of the error terms: each refers to
// delta_k by symbol, and each is written when it is read (a proof of 10^6 weights stores none).
import * as b from "../expr/build.js";
import type { Network, Param } from "../network/graph.js";
import { LazySeq } from "./lazy.js";
import type { ParamResult, Seq } from "./proof.js";
import { delta, ETA, out, param } from "./symbols.js";

/** w_{kj}: dE/dw_{kj} = delta_k y_j (delta_k for a bias), and w_{kj} <- w_{kj} - eta delta_k y_j. */
export function paramResult(network: Network, { to, from }: Param): ParamResult {
  const symbol = param(to, from);
  // Distinct symbols throughout: assembled directly, as canonicalising 10^5 of them would
  // dominate the time of whoever reads them all.
  const factors = from === "b" ? [delta(to)] : [delta(to), out(network, from)];
  return { to, from, symbol, gradient: b.rawMul(...factors), update: b.rawAdd(symbol, b.rawMul(b.MINUS_ONE, ETA, ...factors)) };
}

/** Every parameter's result, in the order of network.params, made when read. */
export const paramResults = (network: Network): Seq<ParamResult> => new LazySeq(network.params.length, (i) => paramResult(network, network.params[i]!));
