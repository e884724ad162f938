// The gradient of a mini-batch: [784,128,10] sigmoid/mse, a batch of 100, from the compiled
// derived formulas (the one-example derivation at each example, reduced: src/check/batch.ts)
// against a hand-written batched JS loop (forward and backward per example, gradients summed
// and averaged), on the same weights and examples.
import { batchValues } from "../src/check/batch.js";
import { randomParams } from "../src/check/params.js";
import { rng } from "../src/oracle/rng.js";
import { derive } from "../src/derive/derive.js";
import type { Batch } from "../src/network/batch.js";
import { buildNetwork } from "../src/network/graph.js";
import { parseSpec } from "../src/network/spec.js";
import { handBackprop } from "./gradient.js";
import { medianTime, worstRelative } from "./measure.js";

const EXAMPLES = 100;
const WARMUP = 5;
const RUNS = 11;

/** The mean gradient of the batch, by the hand-written loop, into `grad`. */
function handBatch(layers: readonly number[], batch: Batch, grad: Float64Array, one: Float64Array): number {
  grad.fill(0);
  let E = 0;
  for (const e of batch.examples) {
    E += handBackprop(layers, { ...e, eta: batch.eta, values: batch.values }, one);
    for (let i = 0; i < grad.length; i++) grad[i] = grad[i]! + one[i]!;
  }
  const n = batch.examples.length;
  for (let i = 0; i < grad.length; i++) grad[i] = grad[i]! / n;
  return E / n;
}

export function benchBatch(): string[] {
  const layers = [784, 128, 10];
  const network = buildNetwork(parseSpec({ layers, activation: "sigmoid", loss: "mse" }));
  const proof = derive(network);
  const r = rng(1);
  const first = randomParams(network, r);
  const examples = Array.from({ length: EXAMPLES }, (_, d) => {
    const p = d === 0 ? first : randomParams(network, r);
    return { inputs: p.inputs, targets: p.targets };
  });
  const batch: Batch = { examples, eta: first.eta, values: first.values };
  const total = network.params.length;
  const grad = new Float64Array(total);
  const one = new Float64Array(total);
  // Both agree, or the comparison means nothing.
  handBatch(layers, batch, grad, one);
  const check = batchValues(proof, batch);
  const worst = worstRelative(
    total,
    (i) => check.gradient(i),
    (i) => grad[i]!,
  );
  let sink = 0;
  const runHand = (): void => {
    sink += handBatch(layers, batch, grad, one);
  };
  const runDerived = (): void => {
    const v = batchValues(proof, batch);
    sink += v.gradient(0);
  };
  medianTime(WARMUP, runHand);
  medianTime(WARMUP, runDerived);
  const hand = medianTime(RUNS, runHand);
  const derived = medianTime(RUNS, runDerived);
  if (!Number.isFinite(sink)) throw new Error("non-finite gradient in the bench");
  return [
    `== the gradient of a mini-batch of ${EXAMPLES} on [${layers.join(",")}] sigmoid/mse (${total} parameters), median of ${RUNS} after ${WARMUP} warm-up runs each`,
    `hand-written batched loop:               ${hand.toFixed(1).padStart(8)} ms`,
    `from the derived expressions:            ${derived.toFixed(1).padStart(8)} ms`,
    `derived / hand-written: ${(derived / hand).toFixed(2)} (target <= 3); largest relative difference between them ${worst.toExponential(1)}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of benchBatch()) console.log(l);
