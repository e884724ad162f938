// The worked example of a convolutional network as feature maps and kernels: every printed
// matrix (the input, net, y and the error terms of each filter's map, each kernel slice, its
// gradient and its update) equals an independent nested-loop pass (conv-reference.ts) to the 9
// digits printed (1e-9 for numbers below 0.2 in size); the worked example's steps (the scalar chains node by node, whose entries
// the matrices are) are checked with none failed; the notes show the matrices, the proof the chains.
import { describe, expect, it } from "vitest";
import { parseParams } from "../../src/check/params.js";
import { checkSteps } from "../../src/check/steps.js";
import { withWorkedExample } from "../../src/check/worked.js";
import { derive } from "../../src/derive/derive.js";
import type { Step } from "../../src/derive/proof.js";
import { toLatex } from "../../src/expr/latex.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { rng } from "../../src/oracle/rng.js";
import { contentText, FORMATS } from "../../src/render/formats.js";
import { type Map3, type RefLayer, refPass } from "../network/forms/conv-reference.js";

const nested = (r: () => number, dims: readonly number[]): unknown =>
  dims.length === 0 ? -0.9 + 1.8 * r() : Array.from({ length: dims[0]! }, () => nested(r, dims.slice(1)));

interface Case {
  readonly spec: object;
  readonly raw: { inputs: unknown; targets: number[]; eta: number; weights: Record<string, unknown>[] };
  readonly ref: RefLayer[];
  readonly x: Map3;
}

/** One channel, a 4x4 input and one 2x2 kernel (stride 1), or two channels with stride 2 and padding 1. */
function makeCase(seed: number, wide: boolean): Case {
  const r = rng(seed);
  const [C, F, k, s, p] = wide ? [2, 2, 3, 2, 1] : [1, 1, 2, 1, 0];
  const n = 4;
  const o = Math.floor((n + 2 * p - k) / s) + 1;
  const K = nested(r, [F, C, k, k]) as number[][][][];
  const b = nested(r, [F]) as number[];
  const W = nested(r, [2, F * o * o]) as number[][];
  const bd = nested(r, [2]) as number[];
  const x = nested(r, [C, n, n]) as Map3;
  return {
    spec: {
      shape: [C, n, n],
      stack: [
        { conv: { filters: F, kernel: k, stride: s, padding: p }, activation: "tanh" },
        { dense: 2, activation: "softmax" },
      ],
      loss: "cross-entropy",
    },
    raw: {
      inputs: x,
      targets: [0.3, 0.7],
      eta: 0.5,
      weights: [
        { K, b },
        { W, b: bd },
      ],
    },
    ref: [
      { kind: "conv", K, b, stride: [s, s], padding: [p, p], act: "tanh" },
      { kind: "dense", W, b: bd, act: "softmax" },
    ],
    x,
  };
}

/** The numbers of a printed matrix, row by row. */
const numbers = (s: Step): number[] => {
  if (s.rhs.kind !== "matrix") throw new Error(`not a matrix: ${toLatex(s.rhs)}`);
  return s.rhs.rows.flatMap((row) => row.map((e) => (e.kind === "num" ? e.value : Number.NaN)));
};

/** Half a unit in the 9th significant digit of v: what printing to 9 digits may move it (at most 5e-9 |v|). */
const ulp9 = (v: number): number => (v === 0 ? 1e-300 : 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(v))) - 8)) * (1 + 1e-9);

/** Equal to the reference as far as 9 printed digits go, and so within 1e-9 for every number below 0.2 in size, 5e-9 |v| above. */
function close(actual: readonly number[], expected: readonly number[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i]!;
    expect(Math.abs(a - e), `${what}[${i}]: ${a} vs ${e}`).toBeLessThanOrEqual(Math.max(ulp9(e), 1e-15));
  });
}

describe.each([false, true])("the convolutional worked example (two channels, stride 2, padding 1: %s)", (wide) => {
  const c = makeCase(wide ? 11 : 7, wide);
  const network = buildNetwork(parseSpec(c.spec));
  const params = parseParams(network, c.raw);
  const proof = withWorkedExample(derive(network), { params, digits: 9 });
  const worked = proof.sections.find((s) => s.id === "worked")!;
  const printed = new Map<string, Step[]>();
  for (const blk of worked.blocks)
    if (blk.kind === "steps")
      for (const s of blk.steps)
        if (s.rhs.kind === "matrix" || ((s.lhs.kind === "tensor" || s.lhs.kind === "deriv") && s.rhs.kind === "num")) {
          const key = toLatex(s.lhs);
          printed.set(key, [...(printed.get(key) ?? []), s]);
        }
  const one = (key: string, i = 0): Step => {
    const s = printed.get(key)?.[i];
    if (s === undefined) throw new Error(`no printed ${key}; printed: ${[...printed.keys()].join(" | ")}`);
    return s;
  };
  const ref = refPass(c.x, c.ref, c.raw.targets, "cross-entropy");
  const conv = c.ref[0] as Extract<RefLayer, { kind: "conv" }>;
  const F = conv.K.length;
  const C = conv.K[0]!.length;
  const k = conv.K[0]![0]!.length;
  const per = ref.layers[0]!.net.length / F;

  it("prints the input, net, y and the error terms of every filter's map as the reference computes them", () => {
    for (let ch = 0; ch < C; ch++) close(numbers(one(`y_{${ch + 1},:,:}^{(0)}`)), c.x[ch]!.flat(), `input channel ${ch + 1}`);
    for (let f = 0; f < F; f++) {
      const part = (v: number[]): number[] => v.slice(f * per, (f + 1) * per);
      close(numbers(one(`\\mathrm{net}_{${f + 1},:,:}^{(1)}`)), part(ref.layers[0]!.net), `net of filter ${f + 1}`);
      close(numbers(one(`y_{${f + 1},:,:}^{(1)}`)), part(ref.layers[0]!.y), `y of filter ${f + 1}`);
      close(numbers(one(`\\delta_{${f + 1},:,:}^{(1)}`)), part(ref.layers[0]!.delta), `delta of filter ${f + 1}`);
    }
  });

  it("prints every kernel slice, its gradient and its update, and each bias's, as the reference computes them", () => {
    const g = ref.gradients[0]!;
    for (let f = 0; f < F; f++) {
      for (let ch = 0; ch < C; ch++) {
        const at = (f * C + ch) * k * k;
        const grad = g.slice(at, at + k * k);
        const K = `K_{${f + 1},${ch + 1},:,:}^{(1)}`;
        close(numbers(one(K)), conv.K[f]![ch]!.flat(), `K ${f + 1},${ch + 1}`);
        close(numbers(one(`\\frac{\\partial E}{\\partial ${K}}`)), grad, `gradient of K ${f + 1},${ch + 1}`);
        const updated = printed.get(K)!.at(-1)!;
        close(
          numbers(updated),
          conv.K[f]![ch]!.flat().map((v, i) => v - 0.5 * grad[i]!),
          `updated K ${f + 1},${ch + 1}`,
        );
      }
      const db = g[F * C * k * k + f]!;
      const bias = one(`\\frac{\\partial E}{\\partial b_${f + 1}^{(1)}}`);
      close([bias.rhs.kind === "num" ? bias.rhs.value : Number.NaN], [db], `gradient of b ${f + 1}`);
      const upd = printed.get(`b_${f + 1}^{(1)}`)!.at(-1)!;
      close([upd.rhs.kind === "num" ? upd.rhs.value : Number.NaN], [conv.b[f]! - 0.5 * db], `updated b ${f + 1}`);
    }
  });

  it("checks every step of the worked example, none failed", () => {
    const report = checkSteps(proof, { worked: { params, digits: 9 } });
    expect(report.failed).toBe(0);
    expect(report.verified).toBeGreaterThan(50);
  });

  it("the notes show the matrices and leave the chains node by node to the proof", () => {
    const md = (style: "notes" | "proof"): string => {
      const f = FORMATS.md({ proof, report: undefined as never }, { style }).find((x) => x.name === "derivation.md")!;
      return String(contentText(f.content));
    };
    const notes = md("notes");
    expect(notes).toContain("K_{1,1,:,:}^{(1)} &= \\begin{bmatrix}");
    expect(notes).not.toMatch(/\\mathrm\{net\}_\{\d+\} &= /);
    expect(md("proof")).toMatch(/\\mathrm\{net\}_\{\d+\} &= /);
  });
});
