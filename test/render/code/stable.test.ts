// The programs compute in the stable forms evaluate uses: at saturated outputs (nets near ±800,
// where a softmax or sigmoid output rounds to 0 or 1 and exp overflows) the softmax, the
// cross-entropy and the binary cross-entropy stay finite, and every program prints evaluate's
// JSON (to 1e-12), in the matrix form (a chain of layers) and node by node (a graph with a
// softmax group, sigmoid outputs). A comment beside each stable formula says so.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { evaluation } from "../../../src/check/evaluation.js";
import { parseBatch } from "../../../src/check/params.js";
import { derive } from "../../../src/derive/derive.js";
import { buildNetwork } from "../../../src/network/graph.js";
import { parseSpec } from "../../../src/network/spec.js";
import { toCode } from "../../../src/render/code/code.js";
import { programRunner, python } from "./python.js";

const dir = mkdtempSync(join(tmpdir(), "bpd-stable-code-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TORCH = python("torch");

/** Inputs of ±4 through weights of ±200 and biases: nets near ±800 at the outputs. */
const layered = (outputActivation: string, loss: string, targets: number[]) => ({
  spec: { layers: [2, 2, 2], activation: "tanh", outputActivation, loss },
  params: {
    inputs: [4, -4],
    targets,
    eta: 0.1,
    weights: {
      "3": { "1": 2, "2": -2, b: 0 },
      "4": { "1": -2, "2": 2, b: 0 },
      "5": { "3": 400, "4": -400, b: 0 },
      "6": { "3": -400, "4": 400, b: 0 },
    },
  },
});

/** A graph, node by node: a tanh node feeding a softmax group of two (or two sigmoids) and a third output. */
const graph = (activation: string, loss: string, targets: number[]) => ({
  spec: {
    inputs: 2,
    nodes: [
      { from: [1, 2], activation: "tanh" },
      { from: [3, 1], activation, ...(activation === "softmax" ? { group: "out" } : {}) },
      { from: [3, 2], activation, ...(activation === "softmax" ? { group: "out" } : {}) },
    ],
    outputs: [4, 5],
    loss,
  },
  params: {
    inputs: [4, -4],
    targets,
    eta: 0.1,
    weights: { "3": { "1": 2, "2": -2, b: 0 }, "4": { "3": 800, "1": 0.5, b: 0 }, "5": { "3": -800, "2": 0.5, b: 0 } },
  },
});

const CASES = [
  { name: "layers, softmax and cross-entropy", ...layered("softmax", "cross-entropy", [0, 1]) },
  { name: "layers, sigmoid and binary cross-entropy", ...layered("sigmoid", "binary-cross-entropy", [0, 1]) },
  { name: "a graph, a softmax group and cross-entropy", ...graph("softmax", "cross-entropy", [0, 1]) },
  { name: "a graph, sigmoid outputs and binary cross-entropy", ...graph("sigmoid", "binary-cross-entropy", [0, 1]) },
];

function same(got: unknown, want: unknown, path = ""): string[] {
  if (typeof want === "number") {
    if (typeof got !== "number") return [`${path}: ${String(got)} is not a number`];
    return Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)) ? [] : [`${path}: ${got} != ${want}`];
  }
  const [g, w] = [got as Record<string, unknown>, want as Record<string, unknown>];
  if (typeof g !== "object" || g === null) return [`${path}: not an object`];
  if (JSON.stringify(Object.keys(g)) !== JSON.stringify(Object.keys(w))) return [`${path}: keys differ`];
  return Object.keys(w).flatMap((k) => same(g[k], w[k], `${path}.${k}`));
}

const runAll = programRunner(dir, TORCH, true);

describe("saturated outputs: finite, and evaluate's JSON", () => {
  const expected = CASES.map((c) => {
    const network = buildNetwork(parseSpec(c.spec));
    const proof = derive(network);
    const batch = parseBatch(network, c.params);
    return { proof, want: JSON.parse(JSON.stringify(evaluation(proof, { ...batch.examples[0]!, eta: batch.eta, values: batch.values }))) };
  });

  it("the cases saturate: an output within 1e-300 of 0, E finite", () => {
    for (const { want } of expected) {
      const ys = Object.values(want.nodes as Record<string, { y: number }>).map((v) => v.y);
      expect(ys.some((y) => Math.abs(y) < 1e-300 || y === 1)).toBe(true);
      expect(Number.isFinite(want.E)).toBe(true);
    }
  });

  for (const lang of ["numpy", "js", "pytorch"] as const)
    it.runIf(lang !== "pytorch" || TORCH !== undefined)(`${lang}: prints them, warning of no overflow`, () => {
      const texts = expected.map(({ proof }) => toCode(proof, lang).text);
      texts.forEach((text, i) => expect(text, CASES[i]!.name).toMatch(/the same value, (which cannot overflow|finite where)/));
      const got = runAll(
        lang,
        texts.map((text, i) => ({ text, params: CASES[i]!.params })),
      );
      expected.forEach(({ want }, i) => expect(same(got[i], want), CASES[i]!.name).toEqual([]));
    });
});
