// The parameters of a network, the one owner of their indices and names: network.params lists
// every free weight w_{kj} and bias w_{b_k}, node by node (each node's weights in the order of its
// predecessors, then its bias); a parameter is named w_4_1 or w_b_4; the symbol w_{kj} (two node
// indices) or w_{b_k} (one bias index) resolves to its position here and nowhere else. Written
// over predecessor lists, not layers, so that any feed-forward graph keeps it. network.edges
// lists every use (edge weight and bias); tied edges share the parameter of the first of their
// group, so w_{65} tied to w_{43} resolves to w_{43}'s parameter.
import type { Index } from "../expr/types.js";
import type { Network, Param } from "./graph.js";

/** Numeric values at one point: inputs, targets, eta and every parameter, in network.params order. */
export interface Params {
  readonly inputs: readonly number[];
  readonly targets: readonly number[];
  readonly eta: number;
  /** Flat, in the order of network.params. */
  readonly values: readonly number[];
}

interface Layout {
  /** Where each node's weights start in network.edges (its bias follows them); -1 for inputs. */
  readonly offset: Int32Array;
  /** The position of j in preds(k), for nodes whose predecessors are not consecutive numbers. */
  readonly position: ReadonlyMap<number, ReadonlyMap<number, number>>;
  /** The parameter each edge (by its index in network.edges) uses. */
  readonly slot: Int32Array;
  /** The edges each parameter is used on (by index into network.edges). */
  readonly uses: readonly (readonly number[])[];
}

const layouts = new WeakMap<Network, Layout>();

function layout(network: Network): Layout {
  let l = layouts.get(network);
  if (l !== undefined) return l;
  const offset = new Int32Array(network.nodes.length).fill(-1);
  const position = new Map<number, Map<number, number>>();
  network.edges.forEach((p, i) => {
    if (offset[p.to] === -1) offset[p.to] = i;
  });
  for (const n of network.nodes) {
    if (offset[n.id]! >= 0 && !consecutive(n.preds)) position.set(n.id, new Map(n.preds.map((j, i) => [j, i])));
  }
  // Without ties, edge i is parameter i; a tied group's edges all use its first edge's parameter.
  const slot = new Int32Array(network.edges.length);
  let uses: number[][];
  if (network.tied.length === 0) {
    for (let i = 0; i < slot.length; i++) slot[i] = i;
    uses = [];
  } else {
    const head = new Map<number, number>();
    for (const g of network.tied) for (const e of g) head.set(e, g[0]!);
    const paramOfEdge = new Map<number, number>();
    let next = 0;
    network.edges.forEach((_, i) => {
      const h = head.get(i);
      if (h === undefined || h === i) paramOfEdge.set(i, next++);
    });
    network.edges.forEach((_, i) => (slot[i] = paramOfEdge.get(head.get(i) ?? i)!));
    uses = network.params.map(() => []);
    slot.forEach((p, i) => uses[p]!.push(i));
  }
  l = { offset, position, slot, uses };
  layouts.set(network, l);
  return l;
}

const consecutive = (xs: readonly number[]): boolean => xs.every((x, i) => x === xs[0]! + i);

/** Where node k's weights start in network.edges (its bias at offset + |preds(k)|); -1 for inputs. */
export function paramOffsets(network: Network): Int32Array {
  return layout(network).offset;
}

/** The parameter each edge uses, by index into network.edges (the identity without ties). */
export function edgeParams(network: Network): Int32Array {
  return layout(network).slot;
}

/** The edges (indices into network.edges) that use parameter i: one, or a tied group's. */
export function usesOf(network: Network, i: number): readonly number[] {
  const l = layout(network);
  return network.tied.length === 0 ? [i] : l.uses[i]!;
}

/** The index in network.edges of w_{to,from} (from = "b": the bias w_{b_to}), or undefined if there is no such edge. */
export function edgeAt(network: Network, to: number, from: number | "b"): number | undefined {
  return edgeIn(layout(network), network, to, from);
}

function edgeIn(l: Layout, network: Network, to: number, from: number | "b"): number | undefined {
  const o = l.offset[to];
  const node = network.nodes[to];
  if (o === undefined || o < 0 || node === undefined) return undefined;
  if (from === "b") return node.bias ? o + node.preds.length : undefined;
  const pos = l.position.get(to);
  const i = pos !== undefined ? pos.get(from) : from - node.preds[0]!;
  return i !== undefined && i >= 0 && i < node.preds.length && node.preds[i] === from ? o + i : undefined;
}

/** The index of the parameter that w_{to,from} uses (from = "b": the bias w_{b_to}), or undefined if there is no such weight. */
export function paramAt(network: Network, to: number, from: number | "b"): number | undefined {
  const l = layout(network);
  const e = edgeIn(l, network, to, from);
  return e === undefined ? undefined : l.slot[e];
}

/** The parameter a concrete w symbol names: w_{kj} has two node indices, w_{b_k} one bias index. */
export function paramOfSymbol(network: Network, idx: readonly Index[]): number | undefined {
  const [k, j] = idx;
  if (idx.length === 1 && k?.kind === "bias" && k.of.kind === "node") return paramAt(network, k.of.n, "b");
  if (idx.length === 2 && k?.kind === "node" && j?.kind === "node") return paramAt(network, k.n, j.n);
  return undefined;
}

/** The edge a concrete w symbol names (index into network.edges). */
export function edgeOfSymbol(network: Network, idx: readonly Index[]): number | undefined {
  const [k, j] = idx;
  if (idx.length === 1 && k?.kind === "bias" && k.of.kind === "node") return edgeAt(network, k.of.n, "b");
  if (idx.length === 2 && k?.kind === "node" && j?.kind === "node") return edgeAt(network, k.n, j.n);
  return undefined;
}

/** The parameter a shared-value symbol theta_g names: the g-th tied group's (g from 1). */
export function paramOfShared(network: Network, idx: readonly Index[]): number | undefined {
  const g = idx.length === 1 && idx[0]!.kind === "node" ? network.tied[idx[0]!.n - 1] : undefined;
  return g === undefined ? undefined : layout(network).slot[g[0]!];
}

/** Whether the edge is one use of a parameter shared with other edges. */
export const isTiedEdge = (network: Network, e: number): boolean =>
  network.tied.length > 0 && usesOf(network, layout(network).slot[e]!).length > 1;

/** "4:1" or "4:b" -> parameter index: the key the params file uses (weights[k][j]); a tied group only under its first name. */
export function paramIndex(network: Network): ReadonlyMap<string, number> {
  // Made only where a params file is read: 10^6 keys are too many to make for every forward pass.
  let keys = indexes.get(network);
  if (keys === undefined) {
    keys = new Map<string, number>();
    for (const [i, p] of network.params.entries()) keys.set(`${p.to}:${p.from}`, i);
    indexes.set(network, keys);
  }
  return keys;
}

const indexes = new WeakMap<Network, Map<string, number>>();

/** w_4_1 or w_b_4, the text name of a parameter. */
export const nameOf = (p: Param): string => (p.from === "b" ? `w_b_${p.to}` : `w_${p.to}_${p.from}`);

export const paramName = (network: Network, i: number): string => nameOf(network.params[i]!);
