// Seeded random points of a network: inputs, targets that fit the loss, eta, and every parameter.
import { activationOf, distributionGroups, type Network } from "../network/graph.js";
import type { Params } from "../network/params.js";
import { uniform, type Rng } from "./rng.js";

/** Seeded random parameters: weights scaled by fan-in, targets that fit the loss. */
export function randomParams(network: Network, r: Rng): Params {
  const inputs = network.inputs.map(() => uniform(r, -1, 1));
  // Nodes with a kink (ReLU) get positive biases, so that most are active and their gradients
  // are not trivially zero.
  const kinked = (k: number): boolean => activationOf(network, k)!.kinks.length > 0;
  const values = network.params.map((p) => {
    const fanIn = network.nodes[p.to]!.preds.length;
    if (p.from !== "b") return uniform(r, -1.5, 1.5) / Math.sqrt(fanIn);
    return kinked(p.to) ? uniform(r, 0.1, 0.6) : uniform(r, -0.5, 0.5);
  });
  let targets = network.outputs.map(() => uniform(r, 0.05, 0.95));
  if (network.loss.targets === "distribution") {
    // Each softmax group of outputs gets targets that sum to 1 (the proof assumes it); without
    // one, all the outputs together.
    for (const g of distributionGroups(network)) {
      const s = g.reduce((a, i) => a + targets[i]!, 0);
      targets = targets.map((t, i) => (g.includes(i) ? t / s : t));
    }
  }
  return { inputs, targets, eta: uniform(r, 0.05, 0.5), values };
}
