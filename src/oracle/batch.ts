// The independent oracle over a mini-batch: E = (1/n) sum_d E_d (or sum_d E_d), each E_d the
// forward pass of example d alone, and the numeric derivative of that whole E. A central
// difference of a sum is the sum of the examples' central differences at the same step, so the
// batch's is taken example by example, each through the oracle's own perturbation (one forward
// pass downstream of the parameter), and its estimated noise is the sum of theirs.
import * as b from "../expr/build.js";
import { batchScale, exampleParams, type Batch } from "../network/batch.js";
import type { Network } from "../network/graph.js";
import { derivative, newTally, type Method } from "./differences.js";
import { forwardPass, type ForwardPass } from "./forward.js";

export interface BatchPass {
  /** The batch loss. */
  readonly E: number;
  /** Each example's forward pass (its E is E_d). */
  readonly examples: readonly ForwardPass[];
}

/** The forward pass of every example and the batch loss. */
export function batchPass(network: Network, batch: Batch): BatchPass {
  const examples = batch.examples.map((_, d) => forwardPass(network, exampleParams(batch, d)));
  let s = 0;
  for (const p of examples) s += p.E;
  return { E: batchScale(network, examples.length) * s, examples };
}

export interface BatchDerivative {
  readonly value: number;
  /** The estimated error of the value (rounding and truncation of every example's difference). */
  readonly noise: number;
  /** Some example's value overflowed: no evidence either way. */
  readonly overflow: boolean;
}

const E = b.sym("E");

/** dE/d(parameter i) of the batch loss, numerically. */
export function batchDerivative(network: Network, batch: Batch, pass: BatchPass, i: number, method: Method = "central"): BatchDerivative {
  const scale = batchScale(network, batch.examples.length);
  let value = 0;
  let noise = 0;
  let overflow = false;
  batch.examples.forEach((_, d) => {
    const tally = newTally();
    const base = pass.examples[d]!;
    value += derivative({ network, params: exampleParams(batch, d), base, method, tally }, E, { kind: "param", index: i });
    noise += tally.noise;
    overflow ||= tally.overflow;
  });
  return { value: scale * value, noise: scale * noise, overflow };
}
