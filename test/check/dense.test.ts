// The dense kernel (src/check/dense.ts, the matrix form BP1-BP4 compiled once per shape) gives
// what the printed per-node trees give and what the independent oracle's finite differences
// give, on seeded random chains of dense layers; it is never used where it is not a chain of
// dense layers, nor for a proof whose printed formulas say otherwise.
import { describe, expect, it } from "vitest";
import * as b from "../../src/expr/build.js";
import { derivedValues, gradientValues, usesDenseKernel, type Derived } from "../../src/check/derived.js";
import { randomParams } from "../../src/check/params.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof } from "../../src/derive/proof.js";
import { buildNetwork, type Network } from "../../src/network/graph.js";
import type { Params } from "../../src/network/params.js";
import { parseSpec } from "../../src/network/spec.js";
import { forwardPass } from "../../src/oracle/forward.js";
import { rng, type Rng } from "../../src/oracle/rng.js";

const HIDDEN: unknown[] = ["sigmoid", "tanh", "relu", "leaky-relu", "softplus", "identity", { custom: "x / (1 + abs(x))" }];
const OUTPUTS: [unknown, unknown][] = [
  ["sigmoid", "mse"],
  ["identity", "sse"],
  ["softmax", "cross-entropy"],
  ["sigmoid", "binary-cross-entropy"],
  ["tanh", { custom: "(y - t)^4" }],
];

function randomChain(r: Rng): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const layers = Array.from({ length: 3 + Math.floor(r() * 3) }, () => 1 + Math.floor(r() * 6));
  const [out, loss] = pick(OUTPUTS);
  if (out === "softmax") layers[layers.length - 1] = Math.max(2, layers.at(-1)!);
  return { layers, activations: [...layers.slice(2).map(() => pick(HIDDEN)), out], loss };
}

const proofOf = (spec: unknown): Proof => derive(buildNetwork(parseSpec(spec)));
const nonInputs = (network: Network): number[] => network.nodes.filter((n) => n.layer > 0).map((n) => n.id);

/** Every net, y, δ and gradient of two sets of values, to within rounding of the largest of each kind. */
function expectSame(a: Derived, z: Derived, network: Network, where: string): void {
  const kinds: [string, number[], (d: Derived, i: number) => number][] = [
    ["net", nonInputs(network), (d, n) => d.net(n)],
    ["y", nonInputs(network), (d, n) => d.y(n)],
    ["delta", nonInputs(network), (d, n) => d.delta(n)],
    ["gradient", network.params.map((_, i) => i), (d, i) => d.gradient(i)],
  ];
  for (const [kind, at, of] of kinds) {
    const xs = at.map((i) => of(a, i));
    const scale = Math.max(1, ...xs.map(Math.abs));
    at.forEach((i, n) => expect(Math.abs(of(z, i) - xs[n]!), `${where}: ${kind} ${i}`).toBeLessThanOrEqual(1e-12 * scale));
  }
}

/** ∂E/∂w_i by central differences of the oracle's forward pass (no derived formula involved). */
function oracleGradient(network: Network, p: Params, i: number): number {
  const h = 1e-5 * Math.max(1, Math.abs(p.values[i]!));
  const at = (v: number): number => forwardPass(network, p, { param: { index: i, value: v } }).E;
  return (at(p.values[i]! + h) - at(p.values[i]! - h)) / (2 * h);
}

describe("the dense kernel", () => {
  const r = rng(20261207);
  const cases = Array.from({ length: 24 }, (_, i) => ({ i, spec: randomChain(r) }));

  it.each(cases)("chain $i: the printed trees' values and the oracle's", ({ i, spec }) => {
    const proof = proofOf(spec);
    const network = proof.network;
    const where = JSON.stringify(spec);
    for (const seed of [1, 2]) {
      const p = randomParams(network, rng(1000 * i + seed));
      const fast = gradientValues(proof, p);
      expect(usesDenseKernel(proof), where).toBe(true);
      expectSame(derivedValues(proof, p), fast, network, where);
      // A relu may sit on its kink only where a net is exactly 0: these random points never do.
      const scale = Math.max(1, ...network.params.map((_, k) => Math.abs(fast.gradient(k))));
      network.params.forEach((_, k) =>
        expect(Math.abs(fast.gradient(k) - oracleGradient(network, p, k)), `${where}: gradient ${k}`).toBeLessThan(1e-6 * scale),
      );
    }
  });

  it("two values of one proof read in turn keep their own gradients", () => {
    const proof = proofOf({ layers: [4, 5, 3], activation: "tanh", outputActivation: "sigmoid", loss: "mse" });
    const [p, q] = [randomParams(proof.network, rng(5)), randomParams(proof.network, rng(6))];
    const all = (d: Derived): number[] => proof.network.params.map((_, i) => d.gradient(i));
    // Each read alone first, then both read in turn, gradient by gradient.
    const [ga, gz] = [all(gradientValues(proof, p)), all(gradientValues(proof, q))];
    expect(ga).not.toEqual(gz);
    const [a, z] = [gradientValues(proof, p), gradientValues(proof, q)];
    expect(usesDenseKernel(proof)).toBe(true);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < proof.network.params.length; i++) {
        expect(a.gradient(i)).toBe(ga[i]);
        expect(z.gradient(i)).toBe(gz[i]);
      }
    }
  });

  it("is not used where the network is no chain of dense layers", () => {
    for (const spec of [
      {
        layers: [3, 4, 2],
        connections: [
          [0, 1],
          [1, 2],
          [0, 2],
        ],
        activation: "sigmoid",
        loss: "mse",
      },
      { layers: [3, 4, 3, 2], activations: ["tanh", "softmax", "sigmoid"], loss: "mse" },
      {
        inputs: 2,
        nodes: [{ from: [1, 2] }, { from: [1, 2] }, { from: [3, 4] }],
        outputs: [5],
        activation: "sigmoid",
        loss: "mse",
        tied: [["w_3_1", "w_4_2"]],
      },
    ]) {
      const proof = proofOf(spec);
      const p = randomParams(proof.network, rng(3));
      expectSame(derivedValues(proof, p), gradientValues(proof, p), proof.network, JSON.stringify(spec));
      expect(usesDenseKernel(proof), JSON.stringify(spec)).toBe(false);
    }
  });

  it("is not used for a proof whose printed gradient differs from it: the printed one is what is evaluated", () => {
    const proof = proofOf({ layers: [3, 4, 2], activation: "sigmoid", loss: "mse" });
    const params = [...proof.results.params];
    const wrong = params.map((r, i) => (i === 5 ? { ...r, gradient: b.mul(b.num(2), r.gradient) } : r));
    const mutated: Proof = { ...proof, results: { ...proof.results, params: wrong } };
    const p = randomParams(proof.network, rng(4));
    const d = gradientValues(mutated, p);
    expect(usesDenseKernel(mutated)).toBe(false);
    expect(d.gradient(5)).toBeCloseTo(2 * gradientValues(proof, p).gradient(5), 12);
    expect(usesDenseKernel(proof)).toBe(true);
  });
});
