// The worked example of a convolutional network as feature maps: every map of the one evaluation
// (the input, net, y and the error terms) and every kernel with its gradient and its update,
// channel by channel, as small matrices (a row in 1-D). The numbers are the worked example's
// (the derived trees evaluated at the params); each entry is one of the scalar steps the worked
// example states node by node, which the step check checks, so these displays are read as
// matrix forms of checked steps.
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import { type ConvLayer, type ConvolutionLayout, type MapShape, nodeAt } from "../../network/forms/convolution-layout.js";
import { paramAt } from "../../network/params.js";
import type { Builder } from "../builder.js";
import type { Block, Step } from "../proof.js";
import { ETA } from "../symbols.js";
import { dLoss, entry } from "./convolution-notation.js";
import { round } from "./round.js";

/** What the matrices print, of the worked example's numbers (worked.ts's WorkedValues has them all). */
export interface MapValues {
  readonly digits: number;
  /** Weights and biases, in the order of network.params. */
  readonly values: readonly number[];
  net(k: number): number;
  y(k: number): number;
  delta(k: number): number;
  gradient(i: number): number;
  update(i: number): number;
}

/** The slice of channel c of a map (or of filter k and channel c of a kernel): y_{1,:,:}. */
const slice = (dims: 1 | 2, lead: readonly number[]): string => [...lead, ...(dims === 1 ? [":"] : [":", ":"])].join(",");

/** One channel of a map as a matrix of numbers, read position by position. */
function matrixOf(m: MapShape, at: (i: number, j: number) => number): Expr {
  return b.matrix(Array.from({ length: m.h }, (_, i) => Array.from({ length: m.w }, (_, j) => b.num(at(i, j)))));
}

/** The parameter index of kernel entry (k, c, u, v) of a layer: the weight of any window that uses it. */
function kernelParam(bd: Builder, layer: ConvLayer, inFirst: number, k: number, c: number, u: number, v: number): number {
  const { input: m, output: o } = layer;
  for (let i = 0; i < o.h; i++) {
    const r = layer.stride[0] * i + u - layer.padding[0];
    if (r < 0 || r >= m.h) continue;
    for (let j = 0; j < o.w; j++) {
      const q = layer.stride[1] * j + v - layer.padding[1];
      if (q < 0 || q >= m.w) continue;
      return paramAt(bd.network, nodeAt(o, layer.first, k, i, j), nodeAt(m, inFirst, c, r, q))!;
    }
  }
  throw new Error(`kernel entry ${k},${c},${u},${v} of the layer at node ${layer.first} is used by no window`);
}

export function convolutionWorked(bd: Builder, values: MapValues): Block[] {
  const layout: ConvolutionLayout | undefined = bd.network.spec.convolution;
  if (layout === undefined) return [];
  const d = layout.dims;
  const r = (v: number): number => round(v, values.digits);
  const shown = (
    name: string,
    lead: readonly number[],
    l: number,
    m: MapShape,
    first: number,
    of: (n: number) => number,
    c: number,
  ): Step =>
    bd.step(
      entry(name, slice(d, lead), l),
      matrixOf(m, (i, j) => r(of(nodeAt(m, first, c, i, j)))),
      "substitution",
      "worked-substitute",
    );
  const blocks: Block[] = [bd.text(d === 1 ? "p-conv-worked-1d" : "p-conv-worked")];
  const input = layout.input;
  blocks.push(
    bd.text("p-conv-worked-input"),
    bd.steps(Array.from({ length: input.c }, (_, c) => shown("y", [c + 1], 0, input, 1, values.y, c))),
  );
  let inFirst = 1;
  layout.layers.forEach((layer, idx) => {
    const l = idx + 1;
    const from = inFirst;
    inFirst = layer.first;
    if (layer.kind === "pool") {
      const o = layer.output;
      const maps = Array.from({ length: o.c }, (_, k) => [
        shown("y", [k + 1], l, o, layer.first, values.y, k),
        shown("delta", [k + 1], l, o, layer.first, values.delta, k),
      ]).flat();
      blocks.push(bd.text("p-conv-worked-pool", { l }), bd.steps(maps));
      return;
    }
    if (layer.kind !== "conv") return;
    const { input: m, output: o } = layer;
    const [kh, kw] = layer.kernel;
    const kernel = (k: number, c: number, value: (i: number) => number): Expr =>
      b.matrix(
        Array.from({ length: kh }, (_, u) =>
          Array.from({ length: kw }, (_, v) => b.num(r(value(kernelParam(bd, layer, from, k, c, u, v))))),
        ),
      );
    const steps: Step[] = [];
    for (let k = 0; k < o.c; k++) {
      for (let c = 0; c < m.c; c++)
        steps.push(
          bd.step(
            entry("K", slice(d, [k + 1, c + 1]), l),
            kernel(k, c, (i) => values.values[i]!),
            "substitution",
            "worked-substitute",
          ),
        );
      const bias = paramAt(bd.network, nodeAt(o, layer.first, k, 0, 0), "b")!;
      steps.push(bd.step(entry("b", String(k + 1), l), b.num(r(values.values[bias]!)), "substitution", "worked-substitute"));
    }
    blocks.push(bd.text("p-conv-worked-kernel", { l }), bd.steps(steps));
    const maps: Step[] = [];
    for (let k = 0; k < o.c; k++) {
      maps.push(shown("net", [k + 1], l, o, layer.first, values.net, k), shown("y", [k + 1], l, o, layer.first, values.y, k));
    }
    blocks.push(bd.text("p-conv-worked-forward", { l }), bd.steps(maps));
    const deltas = Array.from({ length: o.c }, (_, k) => shown("delta", [k + 1], l, o, layer.first, values.delta, k));
    blocks.push(bd.text("p-conv-worked-delta", { l }), bd.steps(deltas));
    const grads: Step[] = [];
    for (let k = 0; k < o.c; k++) {
      for (let c = 0; c < m.c; c++) {
        const K = entry("K", slice(d, [k + 1, c + 1]), l);
        grads.push(bd.step(dLoss(K), kernel(k, c, values.gradient), "substitution", "worked-substitute"));
        grads.push(
          bd.step(
            K,
            b.rawAdd(
              kernel(k, c, (i) => values.values[i]!),
              b.rawMul(b.MINUS_ONE, ETA, kernel(k, c, values.gradient)),
            ),
            "substitution",
            "worked-substitute",
            { relation: "update" },
          ),
          bd.step(K, kernel(k, c, values.update), "substitution", "worked-substitute", { relation: "update", continues: true }),
        );
      }
      const bias = entry("b", String(k + 1), l);
      const bi = paramAt(bd.network, nodeAt(o, layer.first, k, 0, 0), "b")!;
      grads.push(
        bd.step(dLoss(bias), b.num(r(values.gradient(bi))), "substitution", "worked-substitute"),
        bd.step(bias, b.num(r(values.update(bi))), "substitution", "worked-substitute", { relation: "update" }),
      );
    }
    blocks.push(bd.text("p-conv-worked-gradient", { l, eta: ETA }), bd.steps(grads));
  });
  return blocks;
}
