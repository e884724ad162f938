// The checker catches the classic mistakes of a hand-derived convolution backward pass, each
// injected into the derived error terms of the map a strided convolution reads: the kernel not
// flipped (each δ paired with the mirrored kernel entry) and the stride ignored (the δ gathered
// from the windows a stride of 1 would have). As a control, the same terms rebuilt correctly
// (the full convolution of the δ's with the flipped kernel) pass.
import { describe, expect, it } from "vitest";
import { gradientCheck } from "../../src/check/gradcheck.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof } from "../../src/derive/proof.js";
import * as b from "../../src/expr/build.js";
import type { Expr } from "../../src/expr/types.js";
import { children } from "../../src/expr/walk.js";
import { buildNetwork } from "../../src/network/graph.js";
import { weightSlots } from "../../src/network/forms/convolution-params.js";
import { parseSpec } from "../../src/network/spec.js";

const network = buildNetwork(
  parseSpec({
    shape: [1, 5, 5],
    stack: [
      { conv: { filters: 2, kernel: 2 }, activation: "tanh" },
      { conv: { filters: 2, kernel: 2, stride: 2 }, activation: "tanh" },
      { dense: 2, activation: "identity" },
    ],
    loss: "mse",
  }),
);
const layout = network.spec.convolution!;
const proof = derive(network);
// The second convolution reads the first one's 2×4×4 map.
const conv = layout.layers[1]!;
if (conv.kind !== "conv") throw new Error("a convolution");
const M = conv.input;
const O = conv.output;
const [kh, kw] = conv.kernel;
const s = conv.stride[0];
// w symbols of each kernel entry K[f][c][u][v] (its tied group's first edge).
const slots = weightSlots(network, layout, 1);
const kernelSymbol = (f: number, c: number, u: number, v: number): Expr => {
  const p = network.params[slots[((f * M.c + c) * kh + u) * kw + v]!.param]!;
  return b.sym("w", b.node(p.to), b.node(p.from as number));
};
const mentionsDelta = (e: Expr): boolean => (e.kind === "sym" && e.name === "delta") || children(e).some(mentionsDelta);

type Pairing = (r: number, q: number) => { f: number; i: number; j: number; u: number; v: number; K: [number, number] }[];

/** The error terms of the read map, δ_{c,r,q} = f'(net) Σ δ_{f,i,j} K, with the given windows and kernel entries. */
function withDeltas(pairs: Pairing): Proof {
  const delta = new Map(proof.results.delta);
  for (let c = 0; c < M.c; c++) {
    for (let r = 0; r < M.h; r++) {
      for (let q = 0; q < M.w; q++) {
        const n = conv.first - M.c * M.h * M.w + (c * M.h + r) * M.w + q;
        const tree = delta.get(n)!;
        const fprime = tree.kind === "mul" ? tree.factors.filter((x) => !mentionsDelta(x)) : [];
        const terms = pairs(r, q).map((t) =>
          b.mul(b.sym("delta", b.node(conv.first + (t.f * O.h + t.i) * O.w + t.j)), kernelSymbol(t.f, c, t.K[0], t.K[1])),
        );
        delta.set(n, b.mul(...fprime, b.add(...terms)));
      }
    }
  }
  return { ...proof, results: { ...proof.results, delta } };
}

/** The windows (f, i, j) at offset (u, v) that cover (r, q) with the given stride. */
function windows(r: number, q: number, stride: number) {
  const out: { f: number; i: number; j: number; u: number; v: number }[] = [];
  for (let f = 0; f < O.c; f++)
    for (let u = 0; u < kh; u++)
      for (let v = 0; v < kw; v++) {
        const i = (r - u) / stride;
        const j = (q - v) / stride;
        if (Number.isInteger(i) && Number.isInteger(j) && i >= 0 && j >= 0 && i < O.h && j < O.w) out.push({ f, i, j, u, v });
      }
  return out;
}

const failed = (p: Proof): number => gradientCheck(p, { seed: 3, full: true }).failed;

describe("mutants of a convolution's backward pass", () => {
  it("the derived proof and the error terms rebuilt as the full convolution with the flipped kernel pass", () => {
    expect(failed(proof)).toBe(0);
    expect(failed(withDeltas((r, q) => windows(r, q, s).map((w) => ({ ...w, K: [w.u, w.v] }))))).toBe(0);
  });

  it("catches a kernel that is not flipped in the input's δ", () => {
    expect(failed(withDeltas((r, q) => windows(r, q, s).map((w) => ({ ...w, K: [kh - 1 - w.u, kw - 1 - w.v] }))))).toBeGreaterThan(0);
  });

  it("catches a stride ignored in the backward pass", () => {
    expect(s).toBe(2);
    expect(failed(withDeltas((r, q) => windows(r, q, 1).map((w) => ({ ...w, K: [w.u, w.v] }))))).toBeGreaterThan(0);
  });
});
