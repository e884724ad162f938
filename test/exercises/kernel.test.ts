// The kernel gradient of a convolutional network's sheet: the entry ∂E/∂K_{f,c,u,v} against the
// independent convolutional network (test/network/forms/conv-reference.ts) recomputed from the
// exercise's own spec and params, to 1e-9; in kernel notation (K, δ_{f,i,j}, x_{c,r,q}), never
// node numbers; and its worked line checked against the independent evaluation.
import { describe, expect, it } from "vitest";
import { checkSteps } from "../../src/check/steps.js";
import { derive } from "../../src/derive/derive.js";
import { sheetFiles } from "../../src/exercises/formats.js";
import { makeSheet } from "../../src/exercises/sheet.js";
import type { Exercise } from "../../src/exercises/types.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { presetSpec } from "../render/helpers.js";
import { type Map3, type RefLayer, refPass } from "../network/forms/conv-reference.js";

const SPECS: [string, Record<string, unknown>][] = [
  ["conv2d", presetSpec("conv2d") as Record<string, unknown>],
  ["conv1d", presetSpec("conv1d") as Record<string, unknown>],
  [
    "two channels, stride 2, padding 1, then a second convolution",
    {
      shape: [2, 5, 5],
      stack: [
        { conv: { filters: 2, kernel: 3, stride: 2, padding: 1 }, activation: "tanh" },
        { conv: { filters: 1, kernel: 2 }, activation: "sigmoid" },
        { dense: 2, activation: "identity" },
      ],
      loss: "mse",
    },
  ],
];

type Conv = {
  conv: { filters: number; kernel: number | number[]; stride?: number | number[]; padding?: number | number[] };
  activation: string;
};
type Dense = { dense: number; activation: string };
type Pool = { pool: "max" | "average"; size: number | number[]; stride?: number | number[] };

/** The reference network of an exercise's own spec and params. */
function reference(e: Exercise): { x: Map3; layers: RefLayer[]; targets: number[]; loss: string } {
  const spec = e.spec as { shape: number[]; stack: (Conv | Pool | Dense)[]; loss: string };
  const p = e.params as { inputs: unknown; targets: unknown; weights: Record<string, unknown>[] };
  const one = spec.shape.length === 2;
  const pair = (v: number | number[] | undefined, d: number): [number, number] =>
    v === undefined ? [one ? 1 : d, d] : typeof v === "number" ? [one ? 1 : v, v] : [v[0]!, v[1]!];
  const zero = (v: number | number[] | undefined): [number, number] =>
    v === undefined ? [0, 0] : typeof v === "number" ? [one ? 0 : v, v] : [v[0]!, v[1]!];
  const x = one ? (p.inputs as number[][]).map((row) => [row]) : (p.inputs as Map3);
  const layers = spec.stack.map((s, l): RefLayer => {
    const w = p.weights[l]!;
    if ("dense" in s) return { kind: "dense", W: w.W as number[][], b: w.b as number[], act: s.activation };
    // A pool's stride is its size unless given.
    if ("pool" in s) return { kind: "pool", op: s.pool, size: pair(s.size, 1), stride: pair(s.stride ?? s.size, 1), act: "identity" };
    const K = one ? (w.K as number[][][]).map((f) => f.map((k) => [k])) : (w.K as number[][][][]);
    return { kind: "conv", K, b: w.b as number[], stride: pair(s.conv.stride, 1), padding: zero(s.conv.padding), act: s.activation };
  });
  return { x, layers, targets: (p.targets as unknown[]).flat(3) as number[], loss: spec.loss };
}

describe.each(SPECS)("the kernel gradient on the sheet of %s", (_, spec) => {
  const proof = derive(buildNetwork(parseSpec(spec)));
  const sheet = makeSheet(proof, { seed: 2, kinds: ["numeric"] });
  const kernel = sheet.exercises.filter((e) => e.quantity?.kernel !== undefined);

  it("equals the independent convolutional network at the exercise's own spec and params to 1e-9", () => {
    expect(kernel).toHaveLength(1);
    const e = kernel[0]!;
    const ref = reference(e);
    const pass = refPass(ref.x, ref.layers, ref.targets, ref.loss);
    const first = ref.layers[0] as Extract<RefLayer, { kind: "conv" }>;
    const [f, c, u, v] =
      e.quantity!.kernel!.length === 3
        ? [e.quantity!.kernel![0]!, e.quantity!.kernel![1]!, 1, e.quantity!.kernel![2]!]
        : e.quantity!.kernel!;
    const kh = first.K[0]![0]!.length;
    const kw = first.K[0]![0]![0]!.length;
    const C = first.K[0]!.length;
    const want = pass.gradients[0]![(((f! - 1) * C + (c! - 1)) * kh + (u! - 1)) * kw + (v! - 1)]!;
    expect(Math.abs(e.answer.value! - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
    expect(e.quantity!.layer).toBe(1);
  });

  it("speaks in kernel notation, never in node numbers", () => {
    const e = kernel[0]!;
    const text = e.answer.lines.map((l) => JSON.stringify(l.step.lhs) + JSON.stringify(l.step.rhs)).join("");
    expect(text).not.toMatch(/"name":"(theta|w|y)"/);
    const md = sheetFiles(sheet, "md").find((f) => f.name === "answers.md")!.content;
    expect(md).toMatch(/\\frac\{\\partial E\}\{\\partial K_\{1,\d,\d(,\d)?\}\}/);
    expect(md).toMatch(/\\delta_\{1,?\d/);
  });
});

describe.each(SPECS)("the kernel gradient's derivation on the sheet of %s", (_, spec) => {
  const proof = derive(buildNetwork(parseSpec(spec)));
  const sheet = makeSheet(proof, { seed: 2, kinds: ["derivation"] });
  const e = sheet.exercises.find((x) => x.prompt.some((p) => "tex" in p && p.tex.startsWith("K_")));

  it("is the total derivative over the windows' uses, every step checked, in kernel notation", () => {
    expect(e).toBeDefined();
    const lines = e!.answer.lines;
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const report = checkSteps(proof, { only: new Set(lines.map((l) => l.step.id)), seed: 3 });
    expect(report.failed).toBe(0);
    expect(report.verified).toBeGreaterThanOrEqual(1);
    const text = lines.map((l) => JSON.stringify(l.step.lhs) + JSON.stringify(l.step.rhs)).join("");
    expect(text).not.toMatch(/"name":"(theta|w|y)"/);
    expect(text).toContain('"name":"K"');
  });
});
