// The convolutional form of a spec (`shape`, `stack`) as the one graph with tied weights: every
// position of every feature map is a node; a convolution's position (f, i, j) reads the input
// positions its kernel window covers (a window position in the zero padding is no edge: a zero
// adds nothing to net and its weight gets nothing from it); the edges of one kernel entry
// K_{f,c,u,v}, over all the window's positions, are one tied group, and so are the biases b_f of
// one filter. A dense layer reads every node of the map before it, in (channel, row, column)
// order. Convolution is cross-correlation, as in deep-learning libraries.
import { InputError } from "../../errors.js";
import type { Activation } from "../../rules/activations/activation.js";
import { resolveActivation, resolveLoss } from "../../rules/registry.js";
import { checkTopology, depths, plainLayers, type SpecNode } from "../topology.js";
import { poolLayer, poolNodes } from "./convolution-pool.js";
import {
  firstWindow,
  type ConvLayer,
  type ConvolutionLayout,
  type MapShape,
  nodeAt,
  size,
  type StackLayer,
  windows,
} from "./convolution-layout.js";

/** The most weights and biases (kernel entries counted once) and the most activations (every map's positions, the input's included). */
export const MAX_CONV_WEIGHTS = 1_000_000;
export const MAX_CONV_ACTIVATIONS = 1_000_000;

/** Spec keys of the other forms, refused beside `shape` and `stack`. */
const OTHER_FORMS = [
  "layers",
  "connections",
  "outputActivation",
  "activations",
  "inputs",
  "nodes",
  "outputs",
  "tied",
  "allowDead",
] as const;

interface RawLayer {
  readonly conv?: { filters: number; kernel: number | number[]; stride?: number | number[]; padding?: number | number[] };
  readonly dense?: number;
  readonly activation?: unknown;
  readonly pool?: "max" | "average";
  readonly size?: number | number[];
  readonly stride?: number | number[];
}

/** The fields of the network spec (spec.ts) for a convolutional spec, its layout among them. */
export function convolutionSpec(o: Record<string, unknown>, alpha: number | undefined) {
  for (const k of OTHER_FORMS) {
    if (o[k] !== undefined) throw new InputError(k, 'belongs to another form; the convolutional form gives "shape" and "stack"');
  }
  if (o.shape === undefined) throw new InputError("shape", "is required with stack: [channels, length] or [channels, height, width]");
  if (o.stack === undefined) throw new InputError("stack", 'is required with shape: the layers, e.g. [{ "conv": {...} }, { "dense": 10 }]');
  const shape = o.shape as number[];
  const dims: 1 | 2 = shape.length === 2 ? 1 : 2;
  const input: MapShape = dims === 1 ? { c: shape[0]!, h: 1, w: shape[1]! } : { c: shape[0]!, h: shape[1]!, w: shape[2]! };
  const fallback = o.activation ?? "sigmoid";
  const raw = o.stack as RawLayer[];
  const layers: StackLayer[] = [];
  let map = input;
  let next = 1 + size(input);
  let activations = size(input);
  let weights = 0;
  raw.forEach((r, l) => {
    const field = `stack[${l}]`;
    if (r.pool === undefined)
      for (const k of ["size", "stride"] as const)
        if (r[k] !== undefined)
          throw new InputError(`${field}.${k}`, 'belongs to a pooling layer ("pool"); a convolution gives its own inside "conv"');
    const activation = resolveActivation(
      r.pool !== undefined ? "identity" : (r.activation ?? fallback),
      r.activation === undefined ? "activation" : `${field}.activation`,
      alpha,
    );
    const layer =
      r.pool !== undefined
        ? poolLayer(r, field, map, dims, layers, next, (v, dflt, at) => axes(v, dflt, dims, 1, at))
        : r.conv !== undefined
          ? convLayer(r, field, map, dims, activation, layers, next)
          : denseLayer(r, field, map, activation, next);
    layers.push(layer);
    weights +=
      layer.kind === "conv"
        ? layer.output.c * (map.c * layer.kernel[0] * layer.kernel[1] + 1)
        : layer.kind === "dense"
          ? layer.output.c * (size(map) + 1)
          : 0;
    activations += size(layer.output);
    if (weights > MAX_CONV_WEIGHTS) throw new InputError(field, `brings the weights and biases to ${weights}; at most ${MAX_CONV_WEIGHTS}`);
    if (activations > MAX_CONV_ACTIVATIONS) {
      throw new InputError(
        field,
        `brings the feature maps to ${activations} positions (the input's included); at most ${MAX_CONV_ACTIVATIONS}`,
      );
    }
    map = layer.output;
    next += size(layer.output);
  });
  const { nodes, tied } = graphOf(layers);
  const last = layers.at(-1)!;
  const outputs = Array.from({ length: size(last.output) }, (_, i) => last.first + i);
  // A stride that skips positions leaves them on no path to an output: their error term is 0.
  const topology = { inputs: size(input), nodes, outputs, tied, allowDead: true };
  checkTopology(topology, "stack");
  const d = depths(topology);
  const convolution: ConvolutionLayout = { dims, input, layers };
  const counts: number[] = [];
  for (let k = 1; k < d.length; k++) counts[d[k]!] = (counts[d[k]!] ?? 0) + 1;
  const shapes = [input, ...layers.map((l) => l.output)].map((m) => shapeText(m, dims, isVector(layers, m)));
  return {
    name: (o.name as string | undefined) ?? shapes.join(" → "),
    form: "graph" as const,
    layers: Array.from(counts, (n) => n ?? 0),
    activations: nodes.map((n) => n.activation),
    ...topology,
    plain: plainLayers(topology, d),
    loss: resolveLoss(o.loss ?? "mse", "loss"),
    source: o,
    convolution,
  };
}

/** Whether a map is a dense layer's output (written as a vector). */
const isVector = (layers: readonly StackLayer[], m: MapShape): boolean => layers.some((l) => l.kind === "dense" && l.output === m);

const shapeText = (m: MapShape, dims: 1 | 2, vector: boolean): string =>
  vector ? `[${m.c}]` : dims === 1 ? `[${m.c}, ${m.w}]` : `[${m.c}, ${m.h}, ${m.w}]`;

/** [rows, columns] from a number or one entry per axis; 1-D has one axis (rows are `flat`). */
function axes(v: number | number[] | undefined, dflt: number, dims: 1 | 2, flat: number, field: string): [number, number] {
  if (v === undefined) return dims === 1 ? [flat, dflt] : [dflt, dflt];
  if (typeof v === "number") return dims === 1 ? [flat, v] : [v, v];
  if (v.length !== dims)
    throw new InputError(
      field,
      `has ${v.length} entries; the input has ${dims} spatial ${dims === 1 ? "axis" : "axes"}, so give one number or ${dims}`,
    );
  return dims === 1 ? [flat, v[0]!] : [v[0]!, v[1]!];
}

function convLayer(
  r: RawLayer,
  field: string,
  map: MapShape,
  dims: 1 | 2,
  activation: Activation,
  before: readonly StackLayer[],
  first: number,
): ConvLayer {
  const c = r.conv!;
  const dense = before.findIndex((b) => b.kind === "dense");
  if (dense >= 0)
    throw new InputError(`${field}.conv`, `follows the dense layer stack[${dense}]; convolution layers come before the dense ones`);
  if (r.dense !== undefined) throw new InputError(`${field}.dense`, 'is given with "conv"; a layer is one of "conv" or "dense"');
  if (!activation.elementwise)
    throw new InputError(
      `${field}.activation`,
      `is ${activation.id}; a convolution layer's activation acts position by position (softmax belongs to a dense layer)`,
    );
  const kernel = axes(c.kernel, 1, dims, 1, `${field}.conv.kernel`);
  const stride = axes(c.stride, 1, dims, 1, `${field}.conv.stride`);
  const padding = axes(c.padding, 0, dims, 0, `${field}.conv.padding`);
  const sides = [map.h, map.w];
  for (const a of [0, 1] as const) {
    const n = sides[a]! + 2 * padding[a];
    if (kernel[a] > n) {
      const axis = dims === 1 ? "length" : a === 0 ? "height" : "width";
      throw new InputError(
        `${field}.conv.kernel`,
        `is ${kernel[a]} along the ${axis}, larger than the padded input (${sides[a]} + 2 × ${padding[a]} = ${n}); the kernel must fit inside it`,
      );
    }
    const out = windows(sides[a]!, kernel[a], stride[a], padding[a]);
    const lost = Array.from({ length: kernel[a] }, (_, u) => u).find((u) => firstWindow(u, stride[a], padding[a], sides[a]!, out) < 0);
    if (lost !== undefined) {
      throw new InputError(
        `${field}.conv.padding`,
        `is ${padding[a]}; the kernel's entry ${lost} (from 0) would meet only padding in every window, so it would be no weight of the network; use less padding`,
      );
    }
    if (padding[a] >= kernel[a]) {
      throw new InputError(
        `${field}.conv.padding`,
        `is ${padding[a]}; at most ${kernel[a] - 1} (the kernel's size less 1), so that every window reaches the input`,
      );
    }
  }
  const output = { c: c.filters, h: windows(map.h, kernel[0], stride[0], padding[0]), w: windows(map.w, kernel[1], stride[1], padding[1]) };
  return { kind: "conv", input: map, output, first, kernel, stride, padding, activation };
}

function denseLayer(r: RawLayer, field: string, map: MapShape, activation: Activation, first: number): StackLayer {
  if (r.dense === undefined) throw new InputError(field, 'must give one of "conv", "pool" or "dense"');
  return { kind: "dense", input: map, output: { c: r.dense, h: 1, w: 1 }, first, activation };
}

/** The nodes of every layer and the tied groups of the kernels' entries and biases, as parameter keys. */
function graphOf(layers: readonly StackLayer[]): { nodes: SpecNode[]; tied: string[][] } {
  const nodes: SpecNode[] = [];
  const tied: string[][] = [];
  let inFirst = 1;
  layers.forEach((layer, l) => {
    const field = `stack[${l}]`;
    const m = layer.input;
    if (layer.kind === "pool") nodes.push(...poolNodes(layer, field, inFirst));
    else if (layer.kind === "dense") {
      const from = Array.from({ length: size(m) }, (_, i) => inFirst + i);
      const group = layer.activation.elementwise ? {} : { group: field };
      for (let n = 0; n < layer.output.c; n++) nodes.push({ from, activation: layer.activation, bias: true, field, ...group });
    } else {
      const [kh, kw] = layer.kernel;
      const [sh, sw] = layer.stride;
      const [ph, pw] = layer.padding;
      const o = layer.output;
      // groups[((f * C + c) * kh + u) * kw + v]: the uses of K_{f,c,u,v}; biases[f]: of b_f.
      const groups: string[][] = Array.from({ length: o.c * m.c * kh * kw }, () => []);
      const biases: string[][] = Array.from({ length: o.c }, () => []);
      for (let f = 0; f < o.c; f++) {
        for (let i = 0; i < o.h; i++) {
          for (let j = 0; j < o.w; j++) {
            const k = nodeAt(o, layer.first, f, i, j);
            const from: number[] = [];
            for (let c = 0; c < m.c; c++) {
              for (let u = 0; u < kh; u++) {
                const r = sh * i + u - ph;
                if (r < 0 || r >= m.h) continue;
                for (let v = 0; v < kw; v++) {
                  const q = sw * j + v - pw;
                  if (q < 0 || q >= m.w) continue;
                  const p = nodeAt(m, inFirst, c, r, q);
                  from.push(p);
                  groups[((f * m.c + c) * kh + u) * kw + v]!.push(`${k}:${p}`);
                }
              }
            }
            biases[f]!.push(`${k}:b`);
            nodes.push({ from, activation: layer.activation, bias: true, field });
          }
        }
      }
      for (const g of [...groups, ...biases]) if (g.length > 1) tied.push(g);
    }
    inFirst = layer.first;
  });
  return { nodes, tied };
}
