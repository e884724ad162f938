// The notation of the convolution section: a feature map's entries y^{(l)}_{c,i,j}, net^{(l)}_{f,i,j},
// delta^{(l)}_{f,i,j}, a kernel's entries K^{(l)}_{f,c,u,v} and a filter's bias b^{(l)}_f, with
// their index expressions written for the layer's own stride and padding (2i+u-1). They are the
// entries of tensors: a step about them is read as a statement about whole maps, and the step
// check checks its scalar entries over the numbered nodes instead (convolution-backward.ts).
// In 1-D a map has no rows: its entries carry one spatial index.
import * as b from "../../expr/build.js";
import type { Expr, IndexSet } from "../../expr/types.js";
import type { ConvLayer } from "../../network/forms/convolution-layout.js";
import type { Builder } from "../builder.js";

/** The function letter (f, g, ...) of the layer whose first node is `first`. */
export function letterAt(bd: Builder, first: number): string {
  const network = bd.network;
  return network.layers[network.nodes[first]!.layer]!.fn!;
}

/** An entry of a map or kernel of layer `l`: name_{idx}^{(l)}. */
export const entry = (name: string, idx: string, l?: number | string): Expr =>
  l === undefined
    ? { kind: "tensor", shape: "mat", name, idx: idx === "" ? [] : [b.ivar(idx)] }
    : { kind: "tensor", shape: "mat", name, idx: idx === "" ? [] : [b.ivar(idx)], layer: l };

/** The loss, as a quantity of the maps' formulas (so that dE/dy_{c,i,j} reads as a fraction). */
export const LOSS: Expr = { kind: "tensor", shape: "mat", name: "E", idx: [] };
export const dLoss = (q: Expr): Expr => b.deriv(LOSS, q);

/** The set {from, ..., from + n - 1}. */
export const range = (from: number, n: number): IndexSet => ({ kind: "nodes", nodes: Array.from({ length: n }, (_, i) => from + i) });

/** Sums over the given indices and sets, innermost last. */
export const sums = (over: readonly (readonly [string, IndexSet])[], body: Expr): Expr =>
  over.reduceRight((acc, [i, set]) => b.sum(i, set, acc), body);

/** The input position a window places kernel offset u on: s i + u - p. */
export function forwardAt(i: string, u: string, s: number, p: number): string {
  return `${s > 1 ? s : ""}${i}+${u}${p > 0 ? `-${p}` : ""}`;
}

/** The output position whose window places offset u on input position r: (r + p - u) / s. */
export function backAt(r: string, u: string, s: number, p: number): string {
  const diff = `${r}${p > 0 ? `+${p}` : ""}-${u}`;
  return s > 1 ? `(${diff})/${s}` : diff;
}

/** Offset r + p - (k - 1) + u of the padded, flipped reading: r-1+u, r+u, r+1+u. */
export function fullAt(r: string, u: string, k: number, p: number): string {
  const shift = p - (k - 1);
  return `${r}${shift > 0 ? `+${shift}` : shift < 0 ? `${shift}` : ""}+${u}`;
}

/** Index text of a map entry: "c,i,j" in 2-D, "c,i" in 1-D (rows are not there). */
export const at = (dims: 1 | 2, c: string, i: string, j: string): string => (dims === 1 ? `${c},${j}` : `${c},${i},${j}`);

/** The kernel's index text: f,c,u,v (f,c,v in 1-D). */
export const kernelAt = (dims: 1 | 2, f: string, c: string, u: string, v: string): string =>
  dims === 1 ? `${f},${c},${v}` : `${f},${c},${u},${v}`;

/** The sums over a kernel's offsets: u and v (v alone in 1-D, along the length). */
export const offsetSums = (dims: 1 | 2, layer: ConvLayer): [string, IndexSet][] =>
  dims === 1
    ? [["v", range(0, layer.kernel[1])]]
    : [
        ["u", range(0, layer.kernel[0])],
        ["v", range(0, layer.kernel[1])],
      ];

/** The sums over an output map's positions: i and j (j alone in 1-D). */
export const positionSums = (dims: 1 | 2, layer: ConvLayer): [string, IndexSet][] =>
  dims === 1
    ? [["j", range(0, layer.output.w)]]
    : [
        ["i", range(0, layer.output.h)],
        ["j", range(0, layer.output.w)],
      ];
