// Named index sets resolved against a concrete network.
import { assertNever, type IndexSet } from "../expr/types.js";
import type { Network } from "./graph.js";

/** The nodes of a set whose indices are concrete; undefined while an index is still a variable. */
export function resolveSet(network: Network, s: IndexSet): readonly number[] | undefined {
  switch (s.kind) {
    case "nodes":
      return s.nodes;
    case "examples":
      // The examples of a mini-batch: the network does not know how many (the checker does).
      return undefined;
    // The units of a recurrent cell's vector, in notation only.
    case "upto":
      return undefined;
    case "outputs":
      return network.outputs;
    case "downstream":
    case "preds":
    case "layer": {
      if (s.of.kind !== "node") return undefined;
      const n = network.nodes[s.of.n];
      if (n === undefined) return undefined;
      if (s.kind === "downstream") return n.downstream;
      if (s.kind === "preds") return n.preds;
      return network.layers[n.layer]!.nodes;
    }
    default:
      return assertNever(s);
  }
}
