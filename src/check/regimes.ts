// The regimes of a network's activations that a point exercises: each side of every kink of a
// piecewise activation (relu, leaky-relu, a custom formula's kinks) and, for the saturating ones
// (sigmoid, tanh), the flat ends as well as the middle. A wrong derivative that agrees with the
// right one in one regime (leaky-relu' = [x > 0] where every net is positive, tanh' = 1 - y near
// y = 1) is caught only at a point in another: the check says which regimes no point reached.
import type { Network } from "../network/graph.js";

/** |net| beyond which sigmoid and tanh count as saturated. */
export const SATURATION = 4;
const SATURATING = new Set(["sigmoid", "tanh"]);

export interface Regime {
  readonly what: string;
  readonly holds: (net: ArrayLike<number>) => boolean;
}

/** Every regime of every elementwise node with kinks or flat ends. */
export function regimesOf(network: Network): Regime[] {
  const out: Regime[] = [];
  for (const layer of network.layers.slice(1)) {
    const a = layer.activation;
    if (a === undefined || !a.elementwise) continue;
    for (const k of layer.nodes) {
      for (const kink of a.kinks) {
        out.push({ what: `net_${k} below the kink of ${a.title} at ${kink}`, holds: (net) => net[k]! < kink });
        out.push({ what: `net_${k} above the kink of ${a.title} at ${kink}`, holds: (net) => net[k]! > kink });
      }
      if (SATURATING.has(a.id)) {
        out.push({ what: `net_${k} in the middle of ${a.title} (|net| < ${SATURATION})`, holds: (net) => Math.abs(net[k]!) < SATURATION });
        out.push({ what: `net_${k} saturated low (net < -${SATURATION})`, holds: (net) => net[k]! < -SATURATION });
        out.push({ what: `net_${k} saturated high (net > ${SATURATION})`, holds: (net) => net[k]! > SATURATION });
      }
    }
  }
  return out;
}

/** The regimes that none of the points' nets reach. */
export const unreached = (regimes: readonly Regime[], nets: readonly ArrayLike<number>[]): Regime[] =>
  regimes.filter((g) => !nets.some((net) => g.holds(net)));
