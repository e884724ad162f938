// The gradient check (src/check/gradcheck.ts): the derived gradients agree with central differences
// of the independent oracle on seeded random networks with every activation and loss; the check
// can fail; large networks are sampled.
import { MAZUR_PARAMS, MAZUR_SPEC } from "../fixtures/mazur.js";
import { describe, expect, it } from "vitest";
import { derivedValues } from "../../src/check/derived.js";
import { gradientCheck, SAMPLE_SIZE, type GradientReport } from "../../src/check/gradcheck.js";
import { parseParams, randomParams } from "../../src/check/params.js";
import { rng, type Rng } from "../../src/oracle/rng.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof } from "../../src/derive/proof.js";
import * as b from "../../src/expr/build.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { LOSS_NAMES } from "../rules/names.js";

const proofOf = (spec: unknown): Proof => derive(buildNetwork(parseSpec(spec)));

const describeFailures = (r: GradientReport): string =>
  r.rows
    .filter((x) => x.outcome === "failed")
    .slice(0, 5)
    .map((x) => `${x.name}: derived ${x.derived}, numeric ${x.numeric}, rel ${x.relError}`)
    .join("; ");

function expectPasses(spec: unknown, seed: number): GradientReport {
  const proof = proofOf(spec);
  const report = gradientCheck(proof, { seed });
  expect(report.failed, `${JSON.stringify(spec)}: ${describeFailures(report)}`).toBe(0);
  // A softmax of one node is 1 whatever its input: E does not depend on the weights before it,
  // whose gradients are all 0, compared as nothing and reported so.
  const constant = proof.network.layers.some((l) => l.activation?.id === "softmax" && l.nodes.length === 1);
  const vacuous = report.notCompared.vacuous ?? 0;
  if (!constant) expect(vacuous, `${JSON.stringify(spec)}: not compared ${JSON.stringify(report.notCompared)}`).toBe(0);
  for (const row of report.rows) if (row.reason === "vacuous") expect(row.derived === 0 && Math.abs(row.numeric) <= row.noise).toBe(true);
  expect(report.checked + vacuous).toBe(report.total);
  expect(report.checked + vacuous).toBeGreaterThan(0);
  // The rows really compare two finite numbers, within the tolerance.
  for (const row of report.rows) {
    expect(Number.isFinite(row.derived) && Number.isFinite(row.numeric)).toBe(true);
    expect(row.relError <= report.tolerance || Math.abs(row.derived - row.numeric) <= 1e-9).toBe(true);
  }
  return report;
}

const ACTIVATIONS: unknown[] = [
  "identity",
  "sigmoid",
  "tanh",
  "relu",
  { name: "leaky-relu", alpha: 0.2 },
  "leaky-relu",
  "softplus",
  "softmax",
  { custom: "x / (1 + abs(x))" },
];
const LOSSES: unknown[] = [...LOSS_NAMES, { custom: "(y - t)^4" }];
const label = (a: unknown): string => (typeof a === "string" ? a : JSON.stringify(a));

describe("every activation and loss on a fixed small network", () => {
  it.each(ACTIVATIONS.map((a) => [label(a), a]))("hidden %s", (_name, a) => {
    expectPasses({ layers: [3, 4, 3], activations: [a, "identity"], loss: "mse" }, 11);
  });

  it.each(ACTIVATIONS.filter((a) => a !== "softmax").map((a) => [label(a), a]))("output %s with mse", (_name, a) => {
    expectPasses({ layers: [3, 4, 3], activations: ["tanh", a], loss: "mse" }, 12);
  });

  const outputs: [string, unknown, unknown][] = [
    ["softmax with mse", "softmax", "mse"],
    ["identity with sse", "identity", "sse"],
    ["softmax with cross-entropy", "softmax", "cross-entropy"],
    ["sigmoid with binary cross-entropy", "sigmoid", "binary-cross-entropy"],
    ["tanh with a custom loss", "tanh", { custom: "(y - t)^4" }],
    ["top-level alpha for leaky-relu", "sigmoid", "mse"],
  ];
  it.each(outputs)("%s", (name, output, loss) => {
    const spec =
      name === "top-level alpha for leaky-relu"
        ? { layers: [2, 3, 2], activation: "leaky-relu", outputActivation: output, loss, alpha: 0.3 }
        : { layers: [3, 4, 3], activation: "relu", outputActivation: output, loss };
    expectPasses(spec, 13);
  });

  it("softmax as a hidden layer feeding softmax with cross-entropy", () => {
    expectPasses({ layers: [2, 3, 4, 3], activations: ["softmax", "tanh", "softmax"], loss: "cross-entropy" }, 14);
  });
});

describe("seeded random networks: depth 2 to 5, widths 1 to 7, every activation and loss", () => {
  const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

  function randomSpec(r: Rng, n: number): Record<string, unknown> {
    const depth = 2 + (n % 4);
    const layers = Array.from({ length: depth }, () => 1 + Math.floor(r() * 7));
    const loss = pick(r, LOSSES);
    const output = loss === "cross-entropy" ? "softmax" : loss === "binary-cross-entropy" ? "sigmoid" : pick(r, ACTIVATIONS);
    const hidden = layers.slice(1, -1).map(() => pick(r, ACTIVATIONS));
    return { layers, activations: [...hidden, output], loss };
  }

  it("pass with failed === 0 (64 networks)", () => {
    const r = rng(2022_06_07);
    const seen = {
      depth: new Set<number>(),
      width: new Set<number>(),
      hidden: new Set<string>(),
      output: new Set<string>(),
      loss: new Set<string>(),
    };
    for (let n = 0; n < 64; n++) {
      const spec = randomSpec(r, n);
      const layers = spec.layers as number[];
      const acts = spec.activations as unknown[];
      seen.depth.add(layers.length);
      layers.forEach((w) => seen.width.add(w));
      acts.slice(0, -1).forEach((a) => seen.hidden.add(label(a)));
      seen.output.add(label(acts[acts.length - 1]));
      seen.loss.add(label(spec.loss));
      expectPasses(spec, 100 + n);
    }
    expect([...seen.depth].sort()).toEqual([2, 3, 4, 5]);
    expect(seen.width.has(1) && seen.width.has(7)).toBe(true);
    expect(seen.loss.size).toBe(LOSSES.length);
    for (const a of ["sigmoid", "tanh", "relu", "softmax"]) expect(seen.hidden.has(a)).toBe(true);
    for (const a of ["sigmoid", "softmax"]) expect(seen.output.has(a)).toBe(true);
  }, 30_000);
});

describe("the check can fail", () => {
  const proof = proofOf({ layers: [3, 2, 2], activation: "sigmoid", loss: "mse" });

  it("a gradient multiplied by 2 is caught, and only that one", () => {
    const wrong = 5; // w_{52}
    const tampered: Proof = {
      ...proof,
      results: {
        ...proof.results,
        params: [...proof.results.params].map((p, i) => (i === wrong ? { ...p, gradient: b.mul(b.num(2), p.gradient) } : p)),
      },
    };
    const report = gradientCheck(tampered, { seed: 3 });
    expect(report.failed).toBe(1);
    expect(report.rows.find((x) => x.outcome === "failed")!.param).toBe(wrong);
    expect(report.rows.find((x) => x.outcome === "failed")!.name).toBe("w_5_2");
    expect(report.worst).toBeGreaterThan(0.3);
    // The untampered proof passes at the same seed.
    expect(gradientCheck(proof, { seed: 3 }).failed).toBe(0);
  });

  it("a wrong error term fails every parameter of its node", () => {
    const delta = new Map(proof.results.delta);
    delta.set(4, b.mul(b.num(1.01), delta.get(4)!));
    const report = gradientCheck({ ...proof, results: { ...proof.results, delta } }, { seed: 4 });
    expect(report.rows.filter((x) => x.outcome === "failed").map((x) => x.name)).toEqual(["w_4_1", "w_4_2", "w_4_3", "w_b_4"]);
  });

  it("a gradient with a wrong sign is caught", () => {
    const tampered: Proof = {
      ...proof,
      results: { ...proof.results, params: [...proof.results.params].map((p, i) => (i === 0 ? { ...p, gradient: b.neg(p.gradient) } : p)) },
    };
    expect(gradientCheck(tampered, { seed: 5 }).failed).toBe(1);
  });
});

describe("sampling", () => {
  // 14 * 21 + 2 * 15 = 324 parameters.
  const proof = proofOf({ layers: [20, 14, 2], activation: "tanh", loss: "mse" });

  it(`checks exactly SAMPLE_SIZE (${SAMPLE_SIZE}) of them, distinct and sorted`, () => {
    expect(proof.network.params.length).toBe(324);
    const report = gradientCheck(proof, { seed: 9 });
    expect(report.total).toBe(324);
    expect(report.checked).toBe(SAMPLE_SIZE);
    const ids = report.rows.map((x) => x.param);
    expect(new Set(ids).size).toBe(SAMPLE_SIZE);
    expect(ids).toEqual([...ids].sort((a, c) => a - c));
    expect(ids.every((i) => i >= 0 && i < 324)).toBe(true);
    expect(report.failed).toBe(0);
  });

  it("the sample is seeded: same seed, same sample; another seed, another sample", () => {
    const a = gradientCheck(proof, { seed: 9 }).rows.map((x) => x.param);
    const again = gradientCheck(proof, { seed: 9 }).rows.map((x) => x.param);
    const other = gradientCheck(proof, { seed: 10 }).rows.map((x) => x.param);
    expect(again).toEqual(a);
    expect(other).not.toEqual(a);
  });

  it("full checks all of them", () => {
    const report = gradientCheck(proof, { seed: 9, full: true });
    expect(report.checked).toBe(324);
    expect(report.failed).toBe(0);
  });

  it("a network at or below SAMPLE_SIZE is checked in full", () => {
    // 13 * 21 + 2 * 14 = 301 > 300; 12 * 21 + 2 * 13 = 278 <= 300.
    const small = gradientCheck(proofOf({ layers: [20, 12, 2], activation: "tanh" }), { seed: 1 });
    expect(small.checked).toBe(278);
    const just = gradientCheck(proofOf({ layers: [20, 13, 2], activation: "tanh" }), { seed: 1 });
    expect([just.total, just.checked]).toEqual([301, SAMPLE_SIZE]);
  });
});

describe("a published worked example (Mazur, 'A Step by Step Backpropagation Example')", () => {
  // 2-2-2 sigmoid network with E = 1/2 sum (t - y)^2; Mazur's w1..w8 are w_31, w_32, w_41, w_42,
  // w_53, w_54, w_63, w_64 here, his b1 and b2 the biases of the hidden and output nodes.
  const proof = proofOf(MAZUR_SPEC);
  const params = parseParams(proof.network, MAZUR_PARAMS);
  const updated: [string, number][] = [
    ["3:1", 0.149780716],
    ["3:2", 0.19956143],
    ["4:1", 0.24975114],
    ["4:2", 0.29950229],
    ["5:3", 0.35891648],
    ["5:4", 0.408666186],
    ["6:3", 0.51130127],
    ["6:4", 0.561370121],
  ];

  it("the derived updates match the published values", () => {
    const d = derivedValues(proof, params);
    expect(d.E()).toBeCloseTo(0.298371109, 8);
    expect(d.gradient(proof.network.params.findIndex((p) => p.to === 5 && p.from === 3))).toBeCloseTo(0.082167041, 8);
    for (const [name, value] of updated) {
      const [to, from] = name.split(":").map(Number);
      const i = proof.network.params.findIndex((p) => p.to === to && p.from === from);
      expect(Math.abs(d.update(i) - value), name).toBeLessThan(1e-8);
    }
  });

  it("the check passes at these fixed params", () => {
    const report = gradientCheck(proof, { params });
    expect(report.failed).toBe(0);
    expect(report.params).toBe(params);
  });
});

describe("random params fit the loss", () => {
  it("softmax with cross-entropy gets targets that sum to 1", () => {
    const network = buildNetwork(parseSpec({ layers: [3, 4], outputActivation: "softmax", loss: "cross-entropy" }));
    const p = randomParams(network, rng(1));
    expect(p.targets.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(p.values.length).toBe(network.params.length);
  });
});
