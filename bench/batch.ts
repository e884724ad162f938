// The gradient of a mini-batch: [784,128,10] sigmoid/mse, a batch of 100, by batchGradientValues
// (the one-example derivation at each example, reduced: src/check/batch.ts, through the dense
// kernel once it agrees with the printed formulas) and by the printed trees alone (batchValues,
// what the checks use), against a hand-written batched JS loop (forward and backward per
// example, gradients summed and averaged), on the same weights and examples.
import { batchGradientValues, batchValues } from "../src/check/batch.js";
import { parameterArray } from "../src/check/derived.js";
import { randomParams } from "../src/check/params.js";
import { rng } from "../src/oracle/rng.js";
import { derive } from "../src/derive/derive.js";
import type { Batch } from "../src/network/batch.js";
import { buildNetwork } from "../src/network/graph.js";
import { parseSpec } from "../src/network/spec.js";
import { handBackprop } from "./gradient.js";
import { medianTime } from "./measure.js";

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
  const own = parameterArray(proof);
  own.set(batch.values);
  const resident: Batch = { ...batch, values: own as unknown as number[] };
  // All agree, or the comparison means nothing.
  handBatch(layers, batch, grad, one);
  const trees = batchValues(proof, batch);
  const fast = batchGradientValues(proof, batch);
  const fastOwn = batchGradientValues(proof, resident);
  let worst = 0;
  for (let i = 0; i < total; i++) {
    const scale = Math.max(Math.abs(grad[i]!), 1e-12);
    for (const v of [trees, fast, fastOwn]) worst = Math.max(worst, Math.abs(v.gradient(i) - grad[i]!) / scale);
  }
  let sink = 0;
  const runHand = (): void => {
    sink += handBatch(layers, batch, grad, one);
  };
  const run = (of: () => { gradient(i: number): number }) => (): void => {
    sink += of().gradient(0);
  };
  const runs = [
    run(() => batchValues(proof, batch)),
    run(() => batchGradientValues(proof, batch)),
    run(() => batchGradientValues(proof, resident)),
  ];
  medianTime(WARMUP, runHand);
  for (const r of runs) medianTime(WARMUP, r);
  const hand = medianTime(RUNS, runHand);
  const [slow, plain, inPlace] = runs.map((r) => medianTime(RUNS, r)) as [number, number, number];
  if (!Number.isFinite(sink)) throw new Error("non-finite gradient in the bench");
  return [
    `== the gradient of a mini-batch of ${EXAMPLES} on [${layers.join(",")}] sigmoid/mse (${total} parameters), median of ${RUNS} after ${WARMUP} warm-up runs each`,
    `hand-written batched loop (JavaScript):               ${hand.toFixed(1).padStart(8)} ms`,
    `batchValues (the printed trees alone, as the checks): ${slow.toFixed(1).padStart(8)} ms`,
    `batchGradientValues, values a plain array:            ${plain.toFixed(1).padStart(8)} ms`,
    `batchGradientValues, values = parameterArray:         ${inPlace.toFixed(1).padStart(8)} ms`,
    `÷ hand-written: ${(slow / hand).toFixed(2)} (trees), ${(plain / hand).toFixed(2)} (plain array), ${(inPlace / hand).toFixed(2)} (parameterArray); largest relative difference ${worst.toExponential(1)}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of benchBatch()) console.log(l);
