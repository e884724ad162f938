// The params of a convolutional spec in its own shapes: `inputs` nested as the spec's shape
// ([C][H][W] or [C][L]), `targets` as the last layer's output, and `weights` one entry per stack
// layer: { K: F×C×kh×kw (F×C×k in 1-D), b: F } for a convolution, { W: n×m, b: n } for a dense
// layer reading m values. They are mapped onto the graph's parameter vector: a kernel entry is the
// parameter of its tied group (the first edge that uses it; the spec makes sure that every entry
// reaches the input in some window).
import { InputError, shown } from "../../errors.js";
import type { Network } from "../graph.js";
import { paramAt } from "../params.js";
import { type ConvolutionLayout, firstWindow, type MapShape, nodeAt, size, type StackLayer } from "./convolution-layout.js";

/** One value of a stack layer's weights: where it is (path below weights[l]) and its parameter, if it has one. */
export interface WeightSlot {
  /** Its path below the layer's entry, e.g. ["K", 1, 0, 2, 1]. */
  readonly path: readonly (string | number)[];
  /** The graph parameter it is. */
  readonly param: number;
}

/** The first node of the map a layer reads (the input's first is 1). */
export const inputFirst = (layout: ConvolutionLayout, l: number): number => (l === 0 ? 1 : layout.layers[l - 1]!.first);

/** The dimensions of a map as nested arrays: [C, H, W], [C, L] (1-D), or [n] for a dense layer's output. */
export function dimsOf(layout: ConvolutionLayout, m: MapShape, dense: boolean): number[] {
  if (dense) return [m.c];
  return layout.dims === 1 ? [m.c, m.w] : [m.c, m.h, m.w];
}

/** The dimensions of a layer's weights by key: K and b, or W and b. */
export function weightDims(layout: ConvolutionLayout, layer: StackLayer): Record<string, number[]> {
  if (layer.kind === "pool") return {};
  if (layer.kind === "dense") return { W: [layer.output.c, size(layer.input)], b: [layer.output.c] };
  const [kh, kw] = layer.kernel;
  return { K: layout.dims === 1 ? [layer.output.c, layer.input.c, kw] : [layer.output.c, layer.input.c, kh, kw], b: [layer.output.c] };
}

/** Every value of a layer's weights, in row-major order of K (or W), then b, with its parameter. */
export function weightSlots(network: Network, layout: ConvolutionLayout, l: number): WeightSlot[] {
  const layer = layout.layers[l]!;
  // A pooling layer has no weights.
  if (layer.kind === "pool") return [];
  const from = inputFirst(layout, l);
  const m = layer.input;
  const slots: WeightSlot[] = [];
  const param = (to: number, j: number | "b"): number => {
    const i = paramAt(network, to, j);
    if (i === undefined) throw new Error(`no parameter w_${to}_${j} in a convolutional network's graph`);
    return i;
  };
  if (layer.kind === "dense") {
    for (let n = 0; n < layer.output.c; n++)
      for (let j = 0; j < size(m); j++) slots.push({ path: ["W", n, j], param: param(layer.first + n, from + j) });
  } else {
    const [kh, kw] = layer.kernel;
    const o = layer.output;
    for (let f = 0; f < o.c; f++) {
      for (let c = 0; c < m.c; c++) {
        for (let u = 0; u < kh; u++) {
          const i = firstWindow(u, layer.stride[0], layer.padding[0], m.h, o.h);
          for (let v = 0; v < kw; v++) {
            const j = firstWindow(v, layer.stride[1], layer.padding[1], m.w, o.w);
            const p = param(
              nodeAt(o, layer.first, f, i, j),
              nodeAt(m, from, c, layer.stride[0] * i + u - layer.padding[0], layer.stride[1] * j + v - layer.padding[1]),
            );
            slots.push({ path: layout.dims === 1 ? ["K", f, c, v] : ["K", f, c, u, v], param: p });
          }
        }
      }
    }
  }
  for (let f = 0; f < layer.output.c; f++) slots.push({ path: ["b", f], param: param(nodeAt(layer.output, layer.first, f, 0, 0), "b") });
  return slots;
}

/** A nested array of the given dimensions, flattened in row-major order; `field` names it in messages. */
export function flatten(v: unknown, dims: readonly number[], field: string): number[] {
  const out: number[] = [];
  const walk = (x: unknown, d: number, at: string): void => {
    if (d === dims.length) {
      if (typeof x !== "number" || !Number.isFinite(x)) throw new InputError(at, `is ${shown(x)}; must be a finite number`);
      out.push(x);
      return;
    }
    const n = dims[d]!;
    if (!Array.isArray(x) || x.length !== n) {
      const shape = dims.slice(d).join(" × ");
      throw new InputError(at, `must be an array of ${n} ${d === dims.length - 1 ? "numbers" : "arrays"} (the shape ${shape} here)`);
    }
    x.forEach((y, i) => walk(y, d + 1, `${at}[${i}]`));
  };
  walk(v, 0, field);
  return out;
}

/** A flat row-major list as nested arrays of the given dimensions. */
export function nest(flat: ArrayLike<number>, dims: readonly number[]): unknown {
  let at = 0;
  const build = (d: number): unknown => {
    if (d === dims.length) return flat[at++];
    return Array.from({ length: dims[d]! }, () => build(d + 1));
  };
  return build(0);
}

/** The params' `weights` (one entry per stack layer) as the graph's parameter vector. */
export function weightValues(network: Network, layout: ConvolutionLayout, weights: unknown, root: string): number[] {
  const n = layout.layers.length;
  if (!Array.isArray(weights) || weights.length !== n) {
    throw new InputError(root, `must be an array of ${n} entr${n === 1 ? "y" : "ies"}, one per stack layer ({ "K", "b" } or { "W", "b" })`);
  }
  const values = new Array<number>(network.params.length).fill(Number.NaN);
  layout.layers.forEach((layer, l) => {
    const at = `${root}[${l}]`;
    const entry = weights[l] as unknown;
    const dims = weightDims(layout, layer);
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
      throw new InputError(
        at,
        `must be an object { ${Object.keys(dims)
          .map((k) => `"${k}"`)
          .join(", ")} } for this ${layer.kind === "conv" ? "convolution" : layer.kind === "pool" ? "pooling" : "dense"} layer`,
      );
    }
    const o = entry as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (layer.kind === "pool")
        throw new InputError(`${at}.${shown(k).slice(1, -1)}`, "is given, but a pooling layer has no weights: give {}");
      if (!Object.hasOwn(dims, k))
        throw new InputError(`${at}.${shown(k).slice(1, -1)}`, `unknown key; allowed: ${Object.keys(dims).join(", ")}`);
    }
    const flat = Object.keys(dims).flatMap((k) => flatten(o[k], dims[k]!, `${at}.${k}`));
    weightSlots(network, layout, l).forEach((s, i) => (values[s.param] = flat[i]!));
  });
  return values;
}

/** A parameter vector as the params' `weights`: one entry per stack layer, in its own shapes. */
export function weightsJson(network: Network, layout: ConvolutionLayout, value: (i: number) => number): Record<string, unknown>[] {
  return layout.layers.map((layer, l) => {
    const dims = weightDims(layout, layer);
    const slots = weightSlots(network, layout, l);
    const out: Record<string, unknown> = {};
    let at = 0;
    for (const [k, d] of Object.entries(dims)) {
      const n = d.reduce((a, b) => a * b, 1);
      out[k] = nest(
        slots.slice(at, at + n).map((s) => value(s.param)),
        d,
      );
      at += n;
    }
    return out;
  });
}
