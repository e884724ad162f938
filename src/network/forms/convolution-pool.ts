// A pooling layer of the convolutional form: channel by channel, each window of `size` positions
// (stepping by `stride`, by default its size; no padding) becomes one node that takes their
// largest value ("max") or their mean ("average"): a node of the graph with "combine" max or
// average, no weights, no bias, the identity activation.
import { InputError } from "../../errors.js";
import { resolveActivation } from "../../rules/registry.js";
import type { SpecNode } from "../topology.js";
import { type MapShape, nodeAt, type PoolLayer, type StackLayer, windows } from "./convolution-layout.js";

export interface RawPool {
  readonly pool?: "max" | "average";
  readonly size?: number | number[];
  readonly stride?: number | number[];
  readonly activation?: unknown;
  readonly conv?: unknown;
  readonly dense?: unknown;
}

type Axes = (v: number | number[] | undefined, dflt: number, field: string) => [number, number];

/** The pooling layer `field` reading `map`; `axes` reads a size per spatial axis as convolution.ts does. */
export function poolLayer(
  r: RawPool,
  field: string,
  map: MapShape,
  dims: 1 | 2,
  before: readonly StackLayer[],
  first: number,
  axes: Axes,
): PoolLayer {
  const dense = before.findIndex((b) => b.kind === "dense");
  if (dense >= 0)
    throw new InputError(`${field}.pool`, `follows the dense layer stack[${dense}]; pooling layers come before the dense ones`);
  for (const k of ["conv", "dense"] as const)
    if (r[k] !== undefined) throw new InputError(`${field}.${k}`, `is given with "pool"; a layer is one of "conv", "pool" or "dense"`);
  if (r.activation !== undefined)
    throw new InputError(`${field}.activation`, "applies to convolution and dense layers; a pooling layer passes on its pooled values");
  if (r.size === undefined) throw new InputError(`${field}.size`, `is required with "pool": the window's size, s or [sh, sw]`);
  const size = axes(r.size, 1, `${field}.size`);
  const stride = r.stride === undefined ? size : axes(r.stride, 1, `${field}.stride`);
  const sides = [map.h, map.w];
  for (const a of [0, 1] as const) {
    if (size[a] > sides[a]!) {
      const axis = dims === 1 ? "length" : a === 0 ? "height" : "width";
      throw new InputError(
        `${field}.size`,
        `is ${size[a]} along the ${axis}, larger than its input (${sides[a]}); the window must fit inside it`,
      );
    }
  }
  const output = { c: map.c, h: windows(map.h, size[0], stride[0], 0), w: windows(map.w, size[1], stride[1], 0) };
  return { kind: "pool", op: r.pool!, input: map, output, first, size, stride };
}

/** The nodes of a pooling layer whose input map starts at node `inFirst`: one per channel and window. */
export function poolNodes(layer: PoolLayer, field: string, inFirst: number): SpecNode[] {
  const identity = resolveActivation("identity", `${field}.activation`, undefined);
  const m = layer.input;
  const o = layer.output;
  const nodes: SpecNode[] = [];
  for (let c = 0; c < o.c; c++) {
    for (let i = 0; i < o.h; i++) {
      for (let j = 0; j < o.w; j++) {
        const from: number[] = [];
        for (let u = 0; u < layer.size[0]; u++)
          for (let v = 0; v < layer.size[1]; v++) from.push(nodeAt(m, inFirst, c, layer.stride[0] * i + u, layer.stride[1] * j + v));
        nodes.push({ from, activation: identity, bias: false, field, combine: layer.op });
      }
    }
  }
  return nodes;
}
