// Arrays a perturbed pass is written into, reused from pass to pass: a pass from the unperturbed
// pass `from` starts from a copy of it, and on a network of 10^4 nodes whose perturbation moves
// a dozen, copying every node for every pass would cost more than the pass. The arrays remember
// which pass they last held and the nodes written since, so that the next pass from the same one
// puts back only those. Each pass must be done with before the next is written.
import type { Network } from "../network/graph.js";
import type { ForwardPass } from "./forward.js";

export interface Scratch {
  readonly net: Float64Array;
  readonly y: Float64Array;
  /** The pass the arrays hold but for the nodes in `dirty`; undefined: unknown. */
  from: ForwardPass | undefined;
  /** Nodes whose net or y may differ from `from`'s. */
  readonly dirty: number[];
}

/** Empty scratch arrays for a network's passes. */
export const newScratch = (network: Network): Scratch => ({
  net: new Float64Array(network.nodes.length),
  y: new Float64Array(network.nodes.length),
  from: undefined,
  dirty: [],
});

/** The scratch arrays (or new ones) made to hold `from`, ready to be written, each node written listed in `dirty`. */
export function begin(network: Network, from: ForwardPass, scratch: Scratch = newScratch(network)): Scratch {
  const { net, y, dirty } = scratch;
  if (scratch.from === from) {
    for (const k of dirty) {
      net[k] = from.net[k]!;
      y[k] = from.y[k]!;
    }
  } else {
    net.set(from.net);
    y.set(from.y);
  }
  dirty.length = 0;
  // Until the pass is done, the arrays are not known to hold `from` anywhere.
  scratch.from = undefined;
  return scratch;
}

/** The pass written into the scratch arrays is complete: they hold `from` but for `dirty`. */
export function end(scratch: Scratch, from: ForwardPass): void {
  scratch.from = from;
}
