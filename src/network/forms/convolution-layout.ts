// The layout of a convolutional spec: the shape of every feature map and where its positions sit
// in the node numbering. Every position (channel c, row i, column j) of a map is one node; the
// nodes of a map are numbered in (channel, row, column) order, the order in which a dense layer
// reads its input flattened. A 1-D map is kept as one row (h = 1), so one set of formulas serves
// both; `dims` says which the user wrote. Only the params/evaluate shapes, documents and figures
// read this; the derivation reads the graph.
import type { Activation } from "../../rules/activations/activation.js";

/** A feature map's shape: channels, rows, columns (rows = 1 in 1-D). */
export interface MapShape {
  readonly c: number;
  readonly h: number;
  readonly w: number;
}

interface Common {
  /** The map this layer reads (the previous layer's output, or the input). */
  readonly input: MapShape;
  /** The map it writes; a dense layer's is [n, 1, 1]. */
  readonly output: MapShape;
  /** The number of its first node; its positions follow in (channel, row, column) order. */
  readonly first: number;
}

export interface ConvLayer extends Common {
  readonly kind: "conv";
  /** [rows, columns] of the kernel, stride and padding (rows 1, 0 in 1-D). */
  readonly kernel: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly padding: readonly [number, number];
  readonly activation: Activation;
}

export interface DenseLayer extends Common {
  readonly kind: "dense";
  readonly activation: Activation;
}

export interface PoolLayer extends Common {
  readonly kind: "pool";
  readonly op: "max" | "average";
  /** [rows, columns] of the window and of the stride (rows 1 in 1-D); no padding. */
  readonly size: readonly [number, number];
  readonly stride: readonly [number, number];
}

export type StackLayer = ConvLayer | PoolLayer | DenseLayer;

export interface ConvolutionLayout {
  /** 1 or 2: the spatial axes of the spec's shape. */
  readonly dims: 1 | 2;
  readonly input: MapShape;
  readonly layers: readonly StackLayer[];
}

export const size = (m: MapShape): number => m.c * m.h * m.w;

/** The node at (c, i, j) of a map whose first node is `first`. */
export const nodeAt = (m: MapShape, first: number, c: number, i: number, j: number): number => first + (c * m.h + i) * m.w + j;

/** The number of windows along an axis: floor((n + 2p - k) / s) + 1. */
export const windows = (n: number, k: number, s: number, p: number): number => Math.floor((n + 2 * p - k) / s) + 1;

/** The first window (along one axis) whose kernel offset u lands inside the input, or -1 if none does. */
export function firstWindow(u: number, s: number, p: number, n: number, windows: number): number {
  const i = Math.max(0, Math.ceil((p - u) / s));
  return i < windows && s * i + u - p < n ? i : -1;
}
