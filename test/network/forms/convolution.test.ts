// The convolutional form end to end: seeded random networks (1-D and 2-D, 1-3 channels and
// filters, kernels 2-3, strides 1-2, padding 0-1, every output/loss pair) parsed into the graph,
// derived, and evaluated from the derived formulas at params given in the form's own shapes;
// E, every layer's net, y and delta, every gradient and update must equal an independent
// nested-loop pass (conv-reference.ts) to 1e-9, and that pass's gradients must equal central
// differences of its own E.
import { describe, expect, it } from "vitest";
import { convolutionEvaluation } from "../../../src/check/convolution-evaluation.js";
import { parseParams } from "../../../src/check/params.js";
import { derive } from "../../../src/derive/derive.js";
import { buildNetwork } from "../../../src/network/graph.js";
import { parseSpec } from "../../../src/network/spec.js";
import { rng } from "../../../src/oracle/rng.js";
import { type Map3, type RefLayer, refPass } from "./conv-reference.js";

const PAIRS = [
  ["softmax", "cross-entropy"],
  ["sigmoid", "binary-cross-entropy"],
  ["identity", "mse"],
  ["tanh", "sse"],
  ["sigmoid", "mse"],
  ["softmax", "mse"],
] as const;

interface Case {
  spec: Record<string, unknown>;
  params: { inputs: unknown; targets: number[]; eta: number; weights: Record<string, unknown>[] };
  ref: RefLayer[];
  x: Map3;
  loss: string;
}

const nested = (r: () => number, dims: readonly number[], lo: number, hi: number): unknown =>
  dims.length === 0 ? lo + (hi - lo) * r() : Array.from({ length: dims[0]! }, () => nested(r, dims.slice(1), lo, hi));

/** Pooling in a case: none, or (forced) at least one pooling layer after a convolution. */
type Pooling = "none" | "some";

function randomCase(seed: number, pooling: Pooling = "none"): Case {
  const r = rng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const dims = seed % 2 === 0 ? 1 : 2;
  const [outAct, loss] = PAIRS[seed % PAIRS.length]!;
  for (;;) {
    const C = int(1, 3);
    let h = dims === 1 ? 1 : int(3, 6);
    let w = int(4, dims === 1 ? 8 : 6);
    const shape = dims === 1 ? [C, w] : [C, h, w];
    const stack: Record<string, unknown>[] = [];
    const ref: RefLayer[] = [];
    const weights: Record<string, unknown>[] = [];
    let c = C;
    let ok = true;
    const convs = int(1, 2);
    const lastConv = seed % 5 === 4 && outAct !== "softmax";
    for (let l = 0; l < convs && ok; l++) {
      const F = int(1, 3);
      const k = int(2, 3);
      const s = int(1, 2);
      const p = int(0, 1);
      const kh = dims === 1 ? 1 : k;
      const [sh, ph] = dims === 1 ? [1, 0] : [s, p];
      const oh = Math.floor((h + 2 * ph - kh) / sh) + 1;
      const ow = Math.floor((w + 2 * p - k) / s) + 1;
      // Every kernel entry must reach the input in some window (the spec refuses it otherwise).
      const reaches = (n: number, kk: number, ss: number, pp: number, o: number): boolean =>
        Array.from({ length: kk }, (_, u) => u).every((u) =>
          Array.from({ length: o }, (_, i) => ss * i + u - pp).some((q) => q >= 0 && q < n),
        );
      if (kh > h + 2 * ph || k > w + 2 * p || oh < 1 || ow < 1 || !reaches(h, kh, sh, ph, oh) || !reaches(w, k, s, p, ow)) {
        ok = false;
        break;
      }
      const act = l === convs - 1 && lastConv ? outAct : pick(["tanh", "sigmoid", "relu"]);
      stack.push({ conv: { filters: F, kernel: k, stride: s, padding: p }, activation: act });
      const K = nested(r, dims === 1 ? [F, c, k] : [F, c, k, k], -0.9, 0.9) as number[][][] | number[][][][];
      const b = nested(r, [F], -0.3, 0.5) as number[];
      weights.push({ K, b });
      const K4 = dims === 1 ? (K as number[][][]).map((f) => f.map((ch) => [ch])) : (K as number[][][][]);
      ref.push({ kind: "conv", K: K4, b, stride: [sh, s], padding: [ph, p], act });
      c = F;
      h = oh;
      w = ow;
      // A pooling layer after this convolution (never last: the output layer is a convolution or dense).
      const last = l === convs - 1;
      if (pooling === "some" && !(last && lastConv) && (last || r() < 0.5)) {
        const op = (seed >> 1) % 2 === 0 ? "max" : "average";
        const size: [number, number] = dims === 1 ? [1, int(2, 3)] : [int(1, 2), 2];
        // Stride = size, or (every other seed) a stride that differs: overlapping windows, or a gap.
        const differ = (seed >> 2) % 2 === 1;
        const stride: [number, number] = differ ? [dims === 1 ? 1 : int(1, 2), size[1] === 2 ? pick([1, 3]) : 1] : size;
        if (size[0] > h || size[1] > w) continue;
        const given = dims === 1 ? { size: size[1], stride: stride[1] } : { size, stride };
        stack.push(differ ? { pool: op, ...given } : { pool: op, size: given.size });
        weights.push({});
        ref.push({ kind: "pool", op, size, stride, act: "identity" });
        h = Math.floor((h - size[0]) / stride[0]) + 1;
        w = Math.floor((w - size[1]) / stride[1]) + 1;
      }
    }
    if (!ok) continue;
    if (pooling === "some" && !ref.some((L) => L.kind === "pool")) continue;
    let outputs = c * h * w;
    if (!lastConv) {
      const n = outAct === "softmax" ? int(2, 3) : int(1, 3);
      stack.push({ dense: n, activation: outAct });
      const W = nested(r, [n, c * h * w], -0.8, 0.8) as number[][];
      const b = nested(r, [n], -0.3, 0.3) as number[];
      weights.push({ W, b });
      ref.push({ kind: "dense", W, b, act: outAct });
      outputs = n;
    }
    let targets = Array.from({ length: outputs }, () => 0.1 + 0.8 * r());
    if (loss === "cross-entropy") {
      const s = targets.reduce((a, b) => a + b, 0);
      targets = targets.map((t) => t / s);
    }
    const inputs = nested(r, shape, -1, 1);
    const x = (dims === 1 ? (inputs as number[][]).map((row) => [row]) : inputs) as Map3;
    const last = stack.at(-1)!;
    const targetsNested = last.dense !== undefined ? targets : nestTargets(targets, c, h, w, dims);
    return {
      spec: { shape, stack, loss },
      params: { inputs, targets: targetsNested as number[], eta: 0.1 + 0.4 * r(), weights },
      ref,
      x,
      loss,
    };
  }
}

function nestTargets(t: number[], c: number, h: number, w: number, dims: number): unknown {
  let at = 0;
  const row = () => Array.from({ length: w }, () => t[at++]!);
  return Array.from({ length: c }, () => (dims === 1 ? row() : Array.from({ length: h }, row)));
}

const flatten = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flatten) : [v as number]);

function close(actual: readonly number[], expected: readonly number[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i]!;
    expect(Math.abs(a - e), `${what}[${i}]: ${a} vs ${e}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e)));
  });
}

const CASES = Array.from({ length: 32 }, (_, i) => 1000 + i);
const POOLED = Array.from({ length: 32 }, (_, i) => 2000 + i);

describe.each([
  ["without pooling", CASES, "none"],
  ["with pooling", POOLED, "some"],
] as const)("convolutional networks %s against an independent nested-loop pass", (_, cases, pooling) => {
  it.each(cases)("seed %i: E, every layer's net, y and delta, every gradient and update to 1e-9", (seed) => {
    const c = randomCase(seed, pooling);
    const network = buildNetwork(parseSpec(c.spec));
    const layout = network.spec.convolution!;
    const p = parseParams(network, c.params);
    const got = convolutionEvaluation(derive(network), layout, p);
    const targets = flatten(c.params.targets);
    const ref = refPass(c.x, c.ref, targets, c.loss);
    close([got.E], [ref.E], "E");
    got.layers.forEach((L, l) => {
      // A pooling layer prints no net (its y is its pooled value).
      if (c.ref[l]!.kind === "pool") expect(L.net, `net of stack[${l}]`).toBeUndefined();
      else close(flatten(L.net), ref.layers[l]!.net, `net of stack[${l}]`);
      close(flatten(L.y), ref.layers[l]!.y, `y of stack[${l}]`);
      close(flatten(L.delta), ref.layers[l]!.delta, `delta of stack[${l}]`);
    });
    got.gradients.forEach((g, l) => close(flatten(Object.values(g)), ref.gradients[l]!, `gradients of stack[${l}]`));
    got.updated.forEach((u, l) => {
      const w = flatten(Object.values(c.params.weights[l]!));
      close(
        flatten(Object.values(u)),
        w.map((v, i) => v - c.params.eta * ref.gradients[l]![i]!),
        `updated of stack[${l}]`,
      );
    });
  });

  it.each(cases.slice(0, 8))("seed %i: the reference's own gradients equal central differences of its E", (seed) => {
    const c = randomCase(seed, pooling);
    const targets = flatten(c.params.targets);
    const ref = refPass(c.x, c.ref, targets, c.loss);
    c.ref.forEach((L, l) => {
      if (L.kind === "pool") return;
      const arrays = L.kind === "conv" ? [L.K.flat(2), L.b] : [L.W, L.b];
      // Each weight is perturbed in place through its innermost array.
      const cells: [number[], number][] = [];
      for (const a of arrays) for (const row of (Array.isArray(a[0]) ? a : [a]) as number[][]) row.forEach((_, i) => cells.push([row, i]));
      cells.forEach(([row, i], n) => {
        const h = 1e-6;
        const v = row[i]!;
        row[i] = v + h;
        const up = refPass(c.x, c.ref, targets, c.loss).E;
        row[i] = v - h;
        const down = refPass(c.x, c.ref, targets, c.loss).E;
        row[i] = v;
        const fd = (up - down) / (2 * h);
        expect(Math.abs(fd - ref.gradients[l]![n]!), `stack[${l}] weight ${n}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(fd)));
      });
    });
  });
});

describe("the pooled cases", () => {
  it("cover max and average, 1-D and 2-D, stride = size and stride != size, and every output/loss pair", () => {
    const seen = new Set<string>();
    for (const seed of POOLED) {
      const c = randomCase(seed, "some");
      const dims = (c.spec.shape as number[]).length === 2 ? "1-D" : "2-D";
      for (const L of c.ref) {
        if (L.kind !== "pool") continue;
        seen.add(`${L.op} ${dims}`);
        seen.add(L.stride[0] === L.size[0] && L.stride[1] === L.size[1] ? "stride = size" : "stride != size");
      }
      const last = (c.spec.stack as Record<string, unknown>[]).at(-1)!;
      seen.add(`${String(last.activation)}/${c.loss}`);
    }
    const wanted = [
      "max 1-D",
      "max 2-D",
      "average 1-D",
      "average 2-D",
      "stride = size",
      "stride != size",
      ...PAIRS.map(([a, l]) => `${a}/${l}`),
    ];
    expect(wanted.filter((w) => !seen.has(w))).toEqual([]);
  });
});
