// The recurrent form's programs, checked by running them: for seeded random Elman networks
// (every hidden activation, every output/loss pair, the loss at every step or the last, with and
// without h0, T from 1 to 5), backprop.py, backprop_torch.py (where torch imports) and
// backprop.mjs print exactly the JSON that `evaluate` prints for the recurrent params (E, each
// step's h, yhat and deltas, the gradients and updated U, W, V, b, c), key for key, each number
// within 1e-12; at saturated outputs (logits near ±800) too, finite. Their comments cite the
// recurrent section's equations; they read as course code (lines of at most 100 characters).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { evaluation } from "../../../src/check/evaluation.js";
import { parseBatch } from "../../../src/check/params.js";
import { derive } from "../../../src/derive/derive.js";
import { buildNetwork } from "../../../src/network/graph.js";
import { recurrentEvaluation } from "../../../src/network/forms/recurrent-params.js";
import { parseSpec } from "../../../src/network/spec.js";
import { rng } from "../../../src/oracle/rng.js";
import { toCode } from "../../../src/render/code/code.js";
import { programRunner, python } from "./python.js";

const dir = mkdtempSync(join(tmpdir(), "bpd-rnn-code-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TORCH = python("torch");

const HIDDEN = ["tanh", "sigmoid", "relu", "leaky-relu", "softplus", "identity"] as const;
const PAIRS = [
  ["softmax", "cross-entropy"],
  ["sigmoid", "binary-cross-entropy"],
  ["identity", "mse"],
  ["softmax", "mse"],
  ["tanh", "sse"],
  ["sigmoid", "mse"],
] as const;

interface Case {
  readonly name: string;
  readonly spec: Record<string, unknown>;
  readonly params: Record<string, unknown>;
}

function randomCase(i: number): Case {
  const r = rng(4200 + i);
  const u = (lo: number, hi: number): number => lo + (hi - lo) * r();
  const int = (lo: number, hi: number): number => Math.floor(u(lo, hi + 1));
  const hidden = HIDDEN[i % HIDDEN.length]!;
  const [output, loss] = PAIRS[(i + Math.floor(i / 6)) % PAIRS.length]!;
  const T = 1 + (i % 5);
  const lossAt = i % 3 === 1 ? "last" : "every";
  const withH0 = i % 2 === 1;
  const [nx, nh] = [int(1, 3), int(1, 3)];
  const ny = output === "softmax" ? int(2, 3) : int(1, 3);
  const mat = (rows: number, cols: number, s: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => u(-s, s)));
  const vec = (n: number, lo: number, hi: number) => Array.from({ length: n }, () => u(lo, hi));
  const weights = { U: mat(nh, nx, 1.2), W: mat(nh, nh, 0.9), V: mat(ny, nh, 1.2), b: vec(nh, 0.1, 0.6), c: vec(ny, -0.5, 0.5) };
  const steps = lossAt === "every" ? T : 1;
  const target = (): number[] => {
    if (loss === "cross-entropy") {
      const v = vec(ny, 0.05, 1);
      const s = v.reduce((a, x) => a + x, 0);
      return v.map((x) => x / s);
    }
    return loss === "binary-cross-entropy" || output === "sigmoid" ? vec(ny, 0.05, 0.95) : vec(ny, -1, 1);
  };
  const spec = {
    recurrent: { inputs: nx, hidden: nh, outputs: ny, steps: T, lossAt },
    activation: hidden,
    outputActivation: output,
    loss,
    ...(hidden === "leaky-relu" ? { alpha: 0.1 } : {}),
  };
  const params = {
    inputs: mat(T, nx, 1),
    targets: Array.from({ length: steps }, target),
    eta: u(0.05, 0.5),
    weights,
    ...(withH0 ? { h0: vec(nh, -0.8, 0.8) } : {}),
  };
  return {
    name: `${i}: ${hidden}/${output}/${loss}, T = ${T}, ${lossAt}, ${withH0 ? "h0" : "h0 = 0"}, [${nx}, ${nh}, ${ny}]`,
    spec,
    params,
  };
}

const CASES = Array.from({ length: 12 }, (_, i) => randomCase(i));

/** Saturated outputs: logits near ±800 through V's large entries; softmax with cross-entropy, and sigmoid with BCE. */
const SATURATED: Case[] = (
  [
    ["softmax", "cross-entropy", [0, 1]],
    ["sigmoid", "binary-cross-entropy", [1, 0]],
  ] as const
).map(([output, loss, t]) => ({
  name: `saturated ${output}/${loss}`,
  spec: { recurrent: { inputs: 1, hidden: 2, outputs: 2, steps: 2 }, activation: "tanh", outputActivation: output, loss },
  params: {
    inputs: [[3], [-3]],
    targets: [t, t],
    eta: 0.1,
    weights: {
      U: [[5], [-5]],
      W: [
        [0.5, 0],
        [0, 0.5],
      ],
      V: [
        [800, 0],
        [0, 800],
      ],
      b: [0, 0],
      c: [0, 0],
    },
  },
}));

/** Every number within 1e-12 (relative above 1), every key in the same order. */
function same(got: unknown, want: unknown, path = ""): string[] {
  if (typeof want === "number") {
    if (typeof got !== "number") return [`${path}: ${String(got)} is not a number`];
    return Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)) ? [] : [`${path}: ${got} != ${want}`];
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) return [`${path}: not an array of ${want.length}`];
    return want.flatMap((w, i) => same(got[i], w, `${path}[${i}]`));
  }
  const [g, w] = [got as Record<string, unknown>, want as Record<string, unknown>];
  if (typeof g !== "object" || g === null) return [`${path}: not an object`];
  if (JSON.stringify(Object.keys(g)) !== JSON.stringify(Object.keys(w))) return [`${path}: keys ${Object.keys(g)} != ${Object.keys(w)}`];
  return Object.keys(w).flatMap((k) => same(g[k], w[k], `${path}.${k}`));
}

/** evaluate's answer, computed in this process from the derived trees (src/check). */
function expected(c: Case) {
  const network = buildNetwork(parseSpec(c.spec));
  const proof = derive(network);
  const batch = parseBatch(network, c.params);
  const want = recurrentEvaluation(network, evaluation(proof, { ...batch.examples[0]!, eta: batch.eta, values: batch.values }));
  return { proof, want: JSON.parse(JSON.stringify(want)) as unknown };
}

const runAll = programRunner(dir, TORCH);

describe("the recurrent form's programs print evaluate's JSON", () => {
  for (const lang of ["numpy", "js", "pytorch"] as const)
    it.runIf(lang !== "pytorch" || TORCH !== undefined)(`${lang}: 12 random networks and 2 saturated ones`, () => {
      const all = [...CASES, ...SATURATED].map((c) => ({ name: c.name, params: c.params, ...expected(c) }));
      const texts = all.map((a) => toCode(a.proof, lang).text);
      texts.forEach((text, i) =>
        expect(
          text.split("\n").filter((l) => l.length > 100),
          all[i]!.name,
        ).toEqual([]),
      );
      const got = runAll(
        lang,
        all.map((a, i) => ({ text: texts[i]!, params: a.params })),
      );
      all.forEach((a, i) => expect(same(got[i], a.want), a.name).toEqual([]));
    });

  it("the saturated cases' numbers are finite, and their outputs saturated", () => {
    for (const c of SATURATED) {
      const { want } = expected(c);
      const numbers = JSON.stringify(want).match(/-?\d[\d.e+-]*/g) ?? [];
      expect(JSON.stringify(want)).not.toMatch(/null|Infinity|NaN/);
      expect(numbers.length).toBeGreaterThan(20);
      // An output within 1e-300 of 0 or 1: its logit is hundreds away.
      const yhat = (want as { steps: { yhat: number[] }[] }).steps.flatMap((s) => s.yhat);
      expect(yhat.some((y) => y < 1e-100 || 1 - y === 0)).toBe(true);
    }
  });

  it("cite the recurrent section's equations: the forward pass, BPTT, the sums over the steps, the update", () => {
    const { proof } = expected(CASES[0]!);
    const text = toCode(proof, "numpy").text;
    for (const lhs of ["vec_a_t", "vec_h_t", "vec_o_t", "vec_yhat_t", "grad(E, vec_h_t)", "vec_delta_h_t", "grad(E, U)", "grad(E, vec_c)"])
      expect(text, lhs).toMatch(new RegExp(`# \\((\\d+|BPTT\\d)\\) ${lhs.replace(/[()]/g, "\\$&")}`));
    // The output's error term at a step, as the section on the output's error term specialises it.
    expect(text).toMatch(/# \(\d+\) delta_o,k_t = /);
    expect(text).not.toMatch(/backward\(\)|autograd|requires_grad/);
  });
});
