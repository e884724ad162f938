// A mini-batch: several examples {inputs, targets} at one set of weights. Its loss is
// E = (1/n) sum_d E_d ("mean", the default) or E = sum_d E_d ("sum"), where E_d is the loss of
// example d alone; every per-example quantity is that of the one-example network at Params d.
import type { Network } from "./graph.js";
import type { Params } from "./params.js";
import type { Reduction } from "./spec.js";

export interface Example {
  readonly inputs: readonly number[];
  readonly targets: readonly number[];
}

/** The numbers of a mini-batch: its examples, eta and every parameter (network.params order). */
export interface Batch {
  readonly examples: readonly Example[];
  readonly eta: number;
  /** Flat, in the order of network.params. */
  readonly values: readonly number[];
}

/** The spec's reduction, "mean" unless it says "sum". */
export const reductionOf = (network: Network): Reduction => network.spec.reduction ?? "mean";

/** The factor of sum_d E_d in E: 1/n for the mean, 1 for the sum. */
export const batchScale = (network: Network, n: number): number => (reductionOf(network) === "mean" ? 1 / n : 1);

/** Example d (from 0) as the params of one example. */
export const exampleParams = (batch: Batch, d: number): Params => {
  const e = batch.examples[d]!;
  return { inputs: e.inputs, targets: e.targets, eta: batch.eta, values: batch.values };
};

/** One example as a batch of one. */
export const batchOf = (p: Params): Batch => ({ examples: [{ inputs: p.inputs, targets: p.targets }], eta: p.eta, values: p.values });
