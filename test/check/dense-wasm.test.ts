// The dense kernel's WebAssembly loops (scripts/dense-wasm.mjs) and its JavaScript ones where
// WebAssembly is missing: with the weights in the kernel's own memory (parameterArray) or where
// they are, at batch 1 and over mini-batches, each equals the printed per-node trees and the
// independent oracle's finite differences; and a wrong kernel is refused by the comparison with
// the printed formulas (kernelAgrees), so that gradientValues never uses it.
import { describe, expect, it } from "vitest";
import { batchGradientValues, batchValues } from "../../src/check/batch.js";
import { denseKernel, type DenseKernel } from "../../src/check/dense.js";
import { derivedValues, gradientValues, kernelAgrees, parameterArray, usesDenseKernel } from "../../src/check/derived.js";
import { DENSE_WASM } from "../../src/check/generated/dense-wasm.js";
import { randomParams } from "../../src/check/params.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof } from "../../src/derive/proof.js";
import type { Batch } from "../../src/network/batch.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { batchDerivative, batchPass } from "../../src/oracle/batch.js";
import { rng, type Rng } from "../../src/oracle/rng.js";

const HIDDEN: unknown[] = ["sigmoid", "tanh", "relu", "leaky-relu", "softplus", "identity", { custom: "x / (1 + abs(x))" }];
const OUTPUTS: [unknown, unknown][] = [
  ["sigmoid", "mse"],
  ["identity", "sse"],
  ["softmax", "cross-entropy"],
  ["sigmoid", "binary-cross-entropy"],
  ["tanh", { custom: "(y - t)^4" }],
];

/** A seeded random chain of dense layers, wide enough that the SIMD loops and their tails both run. */
function randomChain(r: Rng): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const layers = Array.from({ length: 3 + Math.floor(r() * 2) }, () => 1 + Math.floor(r() * 13));
  const [out, loss] = pick(OUTPUTS);
  if (out === "softmax") layers[layers.length - 1] = Math.max(2, layers.at(-1)!);
  return { layers, activations: [...layers.slice(2).map(() => pick(HIDDEN)), out], loss, reduction: pick(["mean", "sum"]) };
}

const proofOf = (spec: unknown): Proof => derive(buildNetwork(parseSpec(spec)));

/** The largest difference between two gradients, relative to the largest entry of the first (at least 1). */
function gap(a: ArrayLike<number>, z: ArrayLike<number>): number {
  let scale = 1;
  let worst = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]!));
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - z[i]!));
  expect(a.length).toBe(z.length);
  return worst / scale;
}

function randomBatch(proof: Proof, r: Rng, n: number): Batch {
  const first = randomParams(proof.network, r);
  const examples = Array.from({ length: n }, (_, d) => {
    const p = d === 0 ? first : randomParams(proof.network, r);
    return { inputs: p.inputs, targets: p.targets };
  });
  return { examples, eta: first.eta, values: first.values };
}

const gradientOf = (proof: Proof, v: { gradient(i: number): number }): number[] => proof.network.params.map((_, i) => v.gradient(i));

describe("the dense kernel's WebAssembly and JavaScript loops", () => {
  const r = rng(20261208);
  const cases = Array.from({ length: 16 }, (_, i) => ({ i, spec: randomChain(r) }));

  it.each(cases)("chain $i: weights in the kernel's memory, batch 1 and a mini-batch, against the trees and the oracle", ({ i, spec }) => {
    const proof = proofOf(spec);
    const where = JSON.stringify(spec);
    const q = randomParams(proof.network, rng(7 * i + 1));
    const own = parameterArray(proof);
    expect(usesDenseKernel(proof), where).toBe(true);
    own.set(q.values);
    const trees = derivedValues(proof, q);
    const inPlace = gradientValues(proof, { ...q, values: own as unknown as number[] });
    expect(gap(gradientOf(proof, trees), gradientOf(proof, inPlace)), where).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(trees.E() - inPlace.E()), where).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(trees.E())));
    for (const n of [1, 2 + (i % 4)]) {
      const batch = randomBatch(proof, rng(100 * i + n), n);
      const slow = gradientOf(proof, batchValues(proof, batch));
      const pass = batchPass(proof.network, batch);
      const oracle = proof.network.params.map((_, k) => batchDerivative(proof.network, batch, pass, k).value);
      own.set(batch.values);
      for (const values of [batch.values, own as unknown as number[]]) {
        const fast = gradientOf(proof, batchGradientValues(proof, { ...batch, values }));
        expect(gap(slow, fast), `${where}, batch of ${n}`).toBeLessThanOrEqual(1e-12);
        // Central differences: their own error, not the formulas', sets this bound.
        expect(gap(oracle, fast), `${where}, batch of ${n}, oracle`).toBeLessThan(1e-6);
      }
    }
  });

  it("the JavaScript loops, where there is no WebAssembly, give the same", () => {
    for (const { spec } of cases.slice(0, 6)) {
      const proof = proofOf(spec);
      const js = denseKernel(proof.network, Uint8Array.of(0, 1, 2))!;
      expect(js.weights).toBeUndefined();
      expect(kernelAgrees(proof, js), JSON.stringify(spec)).toBe(true);
    }
  });
});

/** Every place of an instruction's bytes in the module. */
function places(bytes: Uint8Array, op: readonly number[]): number[] {
  const at: number[] = [];
  for (let i = 0; i + op.length <= bytes.length; i++) if (op.every((x, k) => bytes[i + k] === x)) at.push(i);
  return at;
}

describe("a wrong kernel is refused", () => {
  const proof = proofOf({ layers: [11, 9, 5, 3], activations: ["tanh", "sigmoid", "softmax"], loss: "cross-entropy" });

  it("the kernel as built agrees with the printed formulas", () => {
    expect(kernelAgrees(proof, denseKernel(proof.network, DENSE_WASM)!)).toBe(true);
  });

  // f64x2.mul and f64.mul, each turned into an addition in turn (in matvec: W y; in outer: δ yᵀ);
  // a byte equal to the opcode elsewhere (a size, an immediate) leaves no valid module, and is no mutant.
  const mutate = (at: number, to: readonly number[]): Uint8Array<ArrayBuffer> => {
    const bytes = Uint8Array.from(DENSE_WASM);
    bytes.set(to, at);
    return bytes;
  };
  const mutants = [
    ...places(DENSE_WASM, [0xfd, 0xf2, 0x01]).map((at) => ({
      name: `f64x2.mul at byte ${at} made an add`,
      bytes: mutate(at, [0xfd, 0xf0, 0x01]),
    })),
    ...places(DENSE_WASM, [0xa2]).map((at) => ({ name: `f64.mul at byte ${at} made an add`, bytes: mutate(at, [0xa0]) })),
  ].filter((m) => WebAssembly.validate(m.bytes));

  it("finds the module's multiplications to mutate: four SIMD and one scalar in matvec, four and two in outer", () => {
    expect(mutants.length).toBe(11);
  });

  it.each(mutants)("$name", ({ bytes }) => {
    expect(denseKernel(proof.network, bytes)!.weights).toBeDefined();
    expect(kernelAgrees(proof, denseKernel(proof.network, bytes)!)).toBe(false);
  });

  const wrapped: [string, (k: DenseKernel) => DenseKernel][] = [
    [
      "a gradient off by its weight's share",
      (k) => ({ ...k, backward: (a, add) => k.backward(a, add).map((g, i) => (i === 7 ? g * 1.001 : g)) }),
    ],
    [
      "a hidden δ doubled",
      (k) => ({
        ...k,
        backward(a, add) {
          const g = k.backward(a, add);
          a.delta[12] = a.delta[12]! * 2;
          return g;
        },
      }),
    ],
    [
      "a net without its bias",
      (k) => ({
        ...k,
        forward(a) {
          k.forward(a);
          a.net[13] = a.net[13]! - 0.5;
        },
      }),
    ],
  ];

  it.each(wrapped)("%s", (_, mutate) => {
    expect(kernelAgrees(proof, mutate(denseKernel(proof.network)!))).toBe(false);
  });
});
