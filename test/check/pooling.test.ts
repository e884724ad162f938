// Pooling nodes through the one checker. Max pooling's error terms routed to every position of a
// window (the Iverson bracket [j = arg max] dropped) are caught by the gradient check, while the
// derived ones pass; the step check passes for pooled convolutional networks (max and average,
// 1-D and 2-D, stride = size and not) and for random graph specs with max and average nodes; and
// a deliberate tie (two equal inputs of a max) gives the first of them the whole δ, in the engine
// and in the independent reference alike, and a check whose differences would cross the tie is
// refused at that point as a kink of the max (as at a relu's kink), never counted as a failure.
import { describe, expect, it } from "vitest";
import { convolutionEvaluation } from "../../src/check/convolution-evaluation.js";
import { gradientCheck, KinkError } from "../../src/check/gradcheck.js";
import { parseParams } from "../../src/check/params.js";
import { checkSteps } from "../../src/check/steps.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof } from "../../src/derive/proof.js";
import * as b from "../../src/expr/build.js";
import type { Expr } from "../../src/expr/types.js";
import { mapChildren } from "../../src/expr/walk.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { rng } from "../../src/oracle/rng.js";
import { refPass } from "../network/forms/conv-reference.js";

const proofOf = (spec: unknown): Proof => derive(buildNetwork(parseSpec(spec)));

const pooled = (op: "max" | "average", shape: number[], pool: Record<string, unknown>) =>
  proofOf({
    shape,
    stack: [
      { conv: { filters: 2, kernel: 2 }, activation: "tanh" },
      { pool: op, ...pool },
      { dense: 2, activation: "sigmoid" },
    ],
    loss: "mse",
  });

/** Every [j = arg max ...] replaced by 1: the δ of a max node sent to every position of its window. */
const everywhere = (e: Expr): Expr => (e.kind === "iverson" && e.rhs.kind === "max" && e.rhs.arg ? b.ONE : mapChildren(e, everywhere));

describe("a max pool's routed error terms", () => {
  const proof = pooled("max", [1, 5, 5], { size: 2 });
  const failed = (p: Proof): number => gradientCheck(p, { seed: 5, full: true }).failed;

  it("pass as derived", () => {
    expect(failed(proof)).toBe(0);
  });

  it("are caught when routed to every position of the window", () => {
    const delta = new Map([...proof.results.delta].map(([n, e]) => [n, everywhere(e)] as const));
    const changed = [...delta].filter(([n, e]) => e !== proof.results.delta.get(n));
    expect(changed.length).toBeGreaterThan(0);
    expect(failed({ ...proof, results: { ...proof.results, delta } })).toBeGreaterThan(0);
  });
});

describe("the step check of pooled networks", () => {
  it.each([
    ["max, 2-D, stride = size", () => pooled("max", [1, 5, 5], { size: 2 })],
    ["average, 2-D, overlapping windows", () => pooled("average", [2, 4, 5], { size: [2, 2], stride: 1 })],
    ["max, 1-D, a gap between windows", () => pooled("max", [1, 9], { size: 2, stride: 3 })],
    ["average, 1-D, stride = size", () => pooled("average", [2, 7], { size: 3 })],
  ])("%s: every step verified or a definition, none failed", (_, make) => {
    const report = checkSteps(make(), { seed: 2 });
    expect(report.failed).toBe(0);
    expect(report.verified).toBeGreaterThan(0);
  });

  it.each([11, 12, 13, 14, 15, 16])("random graph spec %i with max and average nodes", (seed) => {
    const r = rng(seed);
    const inputs = 2 + Math.floor(r() * 2);
    const hidden = 3 + Math.floor(r() * 3);
    const nodes: Record<string, unknown>[] = [];
    for (let h = 0; h < hidden; h++)
      nodes.push({ from: Array.from({ length: inputs }, (_, i) => i + 1), activation: r() < 0.5 ? "tanh" : "sigmoid" });
    const first = inputs + 1;
    const pick = (n: number): number[] => {
      const all = Array.from({ length: hidden }, (_, i) => first + i);
      return all
        .filter(() => r() < 0.6)
        .slice(0, n)
        .concat(all.slice(0, 2))
        .filter((x, i, a) => a.indexOf(x) === i);
    };
    nodes.push({ from: pick(3), combine: "max" }, { from: pick(3), combine: seed % 2 === 0 ? "average" : "max" });
    const pooledIds = [first + hidden, first + hidden + 1];
    // An output reads a pool and (sometimes) a hidden node directly: readers of mixed kinds.
    nodes.push({ from: [first, ...pooledIds].sort((a, c) => a - c), activation: "sigmoid" });
    const spec = { inputs, nodes, outputs: [first + hidden + 2], loss: "mse", allowDead: true };
    const proof = proofOf(spec);
    expect(proof.network.nodes.some((n) => n.combine === "max")).toBe(true);
    const report = checkSteps(proof, { seed });
    expect(report.failed).toBe(0);
    expect(gradientCheck(proof, { seed, full: true }).failed).toBe(0);
  });
});

describe("a tie of a max's inputs", () => {
  // A 1×1 kernel and equal inputs: positions 0 and 1 (and 4 and 5) of the map tie in their windows.
  const spec = {
    shape: [1, 6],
    stack: [
      { conv: { filters: 1, kernel: 1 }, activation: "tanh" },
      { pool: "max", size: 2 },
      { dense: 2, activation: "identity" },
    ],
    loss: "mse",
  };
  const x = [0.4, 0.4, -0.3, 0.2, 0.7, 0.7];
  const params = {
    inputs: [x],
    targets: [0.3, -0.2],
    eta: 0.1,
    weights: [
      { K: [[[0.8]]], b: [0.1] },
      {},
      {
        W: [
          [0.5, -0.4, 0.3],
          [0.2, 0.6, -0.7],
        ],
        b: [0.05, -0.1],
      },
    ],
  };
  const network = buildNetwork(parseSpec(spec));
  const proof = derive(network);
  const p = parseParams(network, params);

  it("gives the first of the equal inputs the whole δ, in the engine and in the reference", () => {
    const got = convolutionEvaluation(proof, network.spec.convolution!, p);
    const ref = refPass(
      [[x]],
      [
        { kind: "conv", K: [[[[0.8]]]], b: [0.1], stride: [1, 1], padding: [0, 0], act: "tanh" },
        { kind: "pool", op: "max", size: [1, 2], stride: [1, 2], act: "identity" },
        { kind: "dense", W: params.weights[2]!.W!, b: params.weights[2]!.b!, act: "identity" },
      ],
      params.targets,
      "mse",
    );
    const delta = (got.layers[0]!.delta as number[][]).flat();
    delta.forEach((d, i) => expect(Math.abs(d - ref.layers[0]!.delta[i]!)).toBeLessThanOrEqual(1e-12));
    // The first of each tied pair has the δ, the second none.
    expect(delta[0]).not.toBe(0);
    expect(Math.abs(delta[1]!)).toBe(0);
    expect(delta[4]).not.toBe(0);
    expect(Math.abs(delta[5]!)).toBe(0);
  });

  it("is a kink for the step check at that point (moving one tied input alone crosses it): refused as such, as at a relu's kink, not a failure", () => {
    expect(() => checkSteps(proof, { params: p })).toThrow(KinkError);
    expect(() => checkSteps(proof, { params: p })).toThrow(
      /largest input of max node \d+ from y_\d+ .*a tie of its inputs, where the max has no derivative/,
    );
  });

  it("leaves the gradients checkable: every weight moves both tied inputs alike, so no difference crosses the tie", () => {
    const report = gradientCheck(proof, { params: p, full: true });
    expect(report.failed).toBe(0);
    expect(report.checked).toBe(network.params.length);
  });

  it("refuses the gradient check, as a kink and not a failure, where a weight moves one tied input alone", () => {
    const graph = buildNetwork(
      parseSpec({
        inputs: 1,
        nodes: [
          { from: [1], activation: "tanh" },
          { from: [1], activation: "tanh" },
          { from: [2, 3], combine: "max" },
          { from: [4], activation: "identity" },
        ],
        outputs: [5],
        loss: "mse",
      }),
    );
    // w_21 = w_31 and b_2 = b_3: y_2 = y_3, a tie that w_21 alone breaks.
    const at = parseParams(graph, {
      inputs: [0.5],
      targets: [0.2],
      eta: 0.1,
      weights: { 2: { 1: 0.6, b: 0.1 }, 3: { 1: 0.6, b: 0.1 }, 5: { 4: 0.9, b: 0 } },
    });
    const graphProof = derive(graph);
    expect(() => gradientCheck(graphProof, { params: at })).toThrow(KinkError);
    expect(() => gradientCheck(graphProof, { params: at })).toThrow(/max node 4 .*a tie of its inputs/);
  });
});
