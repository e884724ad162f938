// The backward pass as code, checked by running it: for seeded random layered networks (every
// activation and loss, custom ones too) and random DAGs (ties, softmax groups, outputs that feed
// others), backprop.py and backprop.mjs are run on params files and must print the JSON that
// `evaluate` prints, key for key, each number within 1e-12 (relative to its size above 1).
// evaluate computes from the derived trees through src/check (compiled, in stable forms); the
// programs are independent text run by another interpreter.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batchEvaluation, evaluation } from "../../../src/check/evaluation.js";
import { parseBatch, paramsToJson, randomParams } from "../../../src/check/params.js";
import { derive } from "../../../src/derive/derive.js";
import { buildNetwork } from "../../../src/network/graph.js";
import { parseSpec } from "../../../src/network/spec.js";
import { rng } from "../../../src/oracle/rng.js";
import { toCode } from "../../../src/render/code/code.js";
import { presets } from "../../../src/render/presets.js";
import { randomDag } from "../../check/dag.js";
import { randomSpec } from "../../check/fuzz-networks.js";
import { PYTHON, programRunner, python } from "./python.js";

const dir = mkdtempSync(join(tmpdir(), "bpd-code-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TORCH = python("torch");

/** Every number of `got` within 1e-12 of `want` (relative above 1), every key in the same order. */
function same(got: unknown, want: unknown, path = ""): string[] {
  if (typeof want === "number") {
    if (typeof got !== "number") return [`${path}: ${String(got)} is not a number`];
    return Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)) ? [] : [`${path}: ${got} != ${want}`];
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) return [`${path}: not an array of ${want.length}`];
    return want.flatMap((w, i) => same(got[i], w, `${path}[${i}]`));
  }
  const w = want as Record<string, unknown>;
  const g = got as Record<string, unknown>;
  if (typeof g !== "object" || g === null) return [`${path}: not an object`];
  const keys = Object.keys(w);
  if (JSON.stringify(Object.keys(g)) !== JSON.stringify(keys)) return [`${path}: keys ${Object.keys(g).join(",")} != ${keys.join(",")}`];
  return keys.flatMap((k) => same(g[k], w[k], `${path}.${k}`));
}

const runAll = programRunner(dir, TORCH);

interface Case {
  readonly name: string;
  readonly spec: unknown;
  /** Params of two examples, a mini-batch, instead of one. */
  readonly batch?: boolean;
}

const cases: Case[] = [
  { name: "the seed", spec: presets().seed },
  ...["residual", "tied-autoencoder", "output-feeds", "pruned"].map((p) => ({ name: `preset ${p}`, spec: presets()[p] })),
  ...Array.from({ length: 10 }, (_, i) => ({ name: `random layered network ${i + 1}`, spec: randomSpec(rng(900 + i)) })),
  ...Array.from({ length: 12 }, (_, i) => ({ name: `random DAG ${i + 1}`, spec: randomDag(rng(700 + i)) })),
  // The matrix form with an output δ that is no one formula over the layer: written entry by entry.
  {
    name: "softmax outputs with squared error",
    spec: { layers: [2, 3, 3], activation: "sigmoid", outputActivation: "softmax", loss: "mse" },
  },
  { name: "a mini-batch, mean", spec: { layers: [2, 3, 2], activation: "tanh", loss: "mse" }, batch: true },
  { name: "a mini-batch, sum, of a DAG", spec: { ...randomDag(rng(77)), reduction: "sum" }, batch: true },
];

function expected(c: Case, seed: number): { params: unknown; want: unknown; proof: ReturnType<typeof derive> } {
  const network = buildNetwork(parseSpec(c.spec));
  const proof = derive(network);
  const r = rng(seed);
  const one = paramsToJson(network, randomParams(network, r)) as Record<string, unknown>;
  if (c.batch !== true) {
    const batch = parseBatch(network, one);
    return { params: one, want: evaluation(proof, { ...batch.examples[0]!, eta: batch.eta, values: batch.values }), proof };
  }
  const other = paramsToJson(network, randomParams(network, r)) as Record<string, unknown>;
  const params = {
    examples: [one, other, one].map((p) => ({ inputs: p.inputs, targets: p.targets })),
    eta: one.eta,
    weights: one.weights,
  };
  return { params, want: batchEvaluation(proof, parseBatch(network, params)), proof };
}

/** Every case's program in `lang` run by one Python process; the expected JSON beside each output. */
function pythonRuns(lang: "numpy" | "pytorch"): { got: unknown; want: unknown }[] {
  const all = cases.map((c, i) => {
    const { params, want, proof } = expected(c, 40 + i);
    return { want, text: toCode(proof, lang).text, params };
  });
  const got = runAll(lang, all);
  return all.map((a, i) => ({ got: got[i], want: a.want }));
}

describe("the NumPy program prints evaluate's JSON", () => {
  let runs: { got: unknown; want: unknown }[] = [];
  beforeAll(() => {
    runs = pythonRuns("numpy");
  });
  cases.forEach((c, i) =>
    it(c.name, () => {
      expect(same(runs[i]!.got, runs[i]!.want)).toEqual([]);
    }),
  );
});

describe("the JavaScript program prints evaluate's JSON", () => {
  cases.forEach((c, i) =>
    it(c.name, () => {
      const { params, want, proof } = expected(c, 40 + i);
      expect(same(runAll("js", [{ text: toCode(proof, "js").text, params }])[0], want)).toEqual([]);
    }),
  );
});

describe("the PyTorch program", () => {
  it.runIf(TORCH !== undefined)("prints evaluate's JSON", () => {
    for (const [i, r] of pythonRuns("pytorch").entries()) expect(same(r.got, r.want), cases[i]!.name).toEqual([]);
  });
  it("compiles with python3 -m py_compile", () => {
    const programs = cases.map((c, i) => {
      const program = join(dir, `torch${i}.py`);
      writeFileSync(program, toCode(expected(c, 40 + i).proof, "pytorch").text);
      return program;
    });
    const r = spawnSync(TORCH ?? PYTHON, ["-m", "py_compile", ...programs], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
