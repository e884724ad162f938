// Mini-batches (src/check/batch.ts, src/oracle/batch.ts): the batch loss and its gradient from the
// one-example derived formulas, against the independent oracle's forward passes and its numeric
// derivative of the whole batch E (complex steps where the network is analytic: exact to
// rounding, so 1e-9 is a fair bound), for every activation and loss, layered and graph, n = 1..5
// and n = 1,000; a batch of one under the mean is exactly the one-example numbers.
import { describe, expect, it } from "vitest";
import { batchValues } from "../../src/check/batch.js";
import { derivedValues } from "../../src/check/derived.js";
import { batchEvaluation, evaluation } from "../../src/check/evaluation.js";
import { randomParams } from "../../src/check/params.js";
import { rng, type Rng } from "../../src/oracle/rng.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof } from "../../src/derive/proof.js";
import { batchOf, type Batch } from "../../src/network/batch.js";
import { buildNetwork, type Network } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { batchDerivative, batchPass } from "../../src/oracle/batch.js";
import { forwardPass } from "../../src/oracle/forward.js";

const proofOf = (spec: unknown): Proof => derive(buildNetwork(parseSpec(spec)));

/** n seeded examples at one random point (weights and eta from the first draw). */
function randomBatch(network: Network, n: number, r: Rng): Batch {
  const first = randomParams(network, r);
  const examples = Array.from({ length: n }, (_, d) => {
    const p = d === 0 ? first : randomParams(network, r);
    return { inputs: p.inputs, targets: p.targets };
  });
  return { examples, eta: first.eta, values: first.values };
}

/** E and every gradient of the batch against the oracle: E as the reduction of the examples' forward passes, dE/dw numerically. */
function expectAgrees(proof: Proof, batch: Batch, params: readonly number[] = proof.network.params.map((_, i) => i)): number {
  const network = proof.network;
  const v = batchValues(proof, batch);
  const n = batch.examples.length;
  // The reduction written out here, over the oracle's own passes.
  let sum = 0;
  for (const e of batch.examples) sum += forwardPass(network, { ...e, eta: batch.eta, values: batch.values }).E;
  const expectedE = (network.spec.reduction ?? "mean") === "sum" ? sum : sum / n;
  expect(Math.abs(v.E() - expectedE)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expectedE)));
  const pass = batchPass(network, batch);
  let compared = 0;
  for (const i of params) {
    const numeric = batchDerivative(network, batch, pass, i, "complex-step");
    if (numeric.overflow) continue;
    const derived = v.gradient(i);
    const allowed = 1e-9 * Math.max(Math.abs(derived), Math.abs(numeric.value), 1e-6) + 2 * numeric.noise;
    expect(Math.abs(derived - numeric.value), `${JSON.stringify(network.spec.source)} n=${n} param ${i}`).toBeLessThanOrEqual(allowed);
    // The update is one step against the batch gradient.
    const step = batch.values[i]! - batch.eta * derived;
    expect(Math.abs(v.update(i) - step)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(step)));
    compared++;
  }
  return compared;
}

const ACTIVATIONS: unknown[] = [
  "identity",
  "sigmoid",
  "tanh",
  "relu",
  { name: "leaky-relu", alpha: 0.2 },
  "softplus",
  "softmax",
  { custom: "x / (1 + abs(x))" },
];
const label = (a: unknown): string => (typeof a === "string" ? a : JSON.stringify(a));

describe("the batch loss and its gradient agree with the oracle to 1e-9", () => {
  it.each(ACTIVATIONS.map((a) => [label(a), a]))("hidden %s, layered, n = 1..5, mean and sum", (_name, a) => {
    for (const reduction of ["mean", "sum"]) {
      const proof = proofOf({ layers: [3, 4, 2], activations: [a, "sigmoid"], loss: "mse", reduction });
      for (let n = 1; n <= 5; n++) expect(expectAgrees(proof, randomBatch(proof.network, n, rng(100 + n)))).toBeGreaterThan(0);
    }
  });

  const outputs: [string, unknown, unknown][] = [
    ["identity with sse", "identity", "sse"],
    ["tanh with mse", "tanh", "mse"],
    ["softmax with mse", "softmax", "mse"],
    ["softmax with cross-entropy", "softmax", "cross-entropy"],
    ["sigmoid with binary cross-entropy", "sigmoid", "binary-cross-entropy"],
    ["softplus with a custom loss", "softplus", { custom: "(y - t)^4" }],
  ];
  it.each(outputs)("output %s, layered, n = 1..5", (_name, output, loss) => {
    const proof = proofOf({ layers: [2, 3, 3], activation: "tanh", outputActivation: output, loss, reduction: "mean" });
    for (let n = 1; n <= 5; n++) expect(expectAgrees(proof, randomBatch(proof.network, n, rng(200 + n)))).toBeGreaterThan(0);
  });

  it.each(outputs)("output %s, graph form with skips and a tie, n = 1..5", (_name, output, loss) => {
    const softmax = output === "softmax";
    const spec = {
      inputs: 2,
      nodes: [
        { from: [1, 2], activation: "tanh" },
        { from: [1, 2, 3], activation: "sigmoid", bias: false },
        { from: [3, 4], activation: output, ...(softmax ? { group: "out" } : {}) },
        { from: [1, 4], activation: output, ...(softmax ? { group: "out" } : {}) },
      ],
      outputs: [5, 6],
      loss,
      tied: [["w_5_4", "w_6_4"]],
      reduction: "sum",
    };
    const proof = proofOf(spec);
    for (let n = 1; n <= 5; n++) expect(expectAgrees(proof, randomBatch(proof.network, n, rng(300 + n)))).toBeGreaterThan(0);
  });

  it("a batch of 1,000 examples", () => {
    const proof = proofOf({ layers: [4, 6, 3], activation: "sigmoid", outputActivation: "softmax", loss: "cross-entropy" });
    const batch = randomBatch(proof.network, 1000, rng(7));
    // A seeded handful of parameters: each numeric derivative runs over all 1,000 examples.
    expect(expectAgrees(proof, batch, [0, 5, 17, 29, 32, proof.network.params.length - 1])).toBe(6);
  });
});

describe("a batch of one is the one-example derivation", () => {
  it.each([
    ["mean", { layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" }],
    ["sum", { layers: [2, 3, 1], activation: "tanh", loss: "mse", reduction: "sum" }],
  ])("%s: E, every node, gradient and update exactly", (_name, spec) => {
    const proof = proofOf(spec);
    const p = randomParams(proof.network, rng(5));
    const one = derivedValues(proof, p);
    const v = batchValues(proof, batchOf(p));
    expect(v.E()).toBe(one.E());
    proof.network.params.forEach((_, i) => {
      expect(v.gradient(i)).toBe(one.gradient(i));
      expect(v.update(i)).toBe(one.update(i));
    });
    const single = evaluation(proof, p);
    const batched = batchEvaluation(proof, batchOf(p));
    expect(batched.E).toBe(single.E);
    expect(batched.examples).toEqual([{ E: single.E, nodes: single.nodes }]);
    expect(batched.gradients).toEqual(single.gradients);
    expect(batched.updated).toEqual(single.updated);
  });

  it("the sum is n times the mean", () => {
    const mean = proofOf({ layers: [2, 3, 2], activation: "sigmoid", loss: "mse" });
    const sum = proofOf({ layers: [2, 3, 2], activation: "sigmoid", loss: "mse", reduction: "sum" });
    const batch = randomBatch(mean.network, 4, rng(9));
    const [m, s] = [batchValues(mean, batch), batchValues(sum, batch)];
    expect(s.E()).toBeCloseTo(4 * m.E(), 12);
    mean.network.params.forEach((_, i) => expect(s.gradient(i)).toBeCloseTo(4 * m.gradient(i), 12));
  });
});
