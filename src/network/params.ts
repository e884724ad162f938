// The parameters of a network, the one owner of their indices and names: network.params lists
// every weight w_{kj} and bias w_{b_k}, node by node (each node's weights in the order of its
// predecessors, then its bias); a parameter is named w_4_1 or w_b_4; the symbol w_{kj} (two node
// indices) or w_{b_k} (one bias index) resolves to its position here and nowhere else. Written
// over predecessor lists, not layers, so that any feed-forward graph keeps it.
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
  /** Where each node's weights start (its bias follows them); -1 for inputs. */
  readonly offset: Int32Array;
  /** The position of j in preds(k), for nodes whose predecessors are not consecutive numbers. */
  readonly position: ReadonlyMap<number, ReadonlyMap<number, number>>;
}

const layouts = new WeakMap<Network, Layout>();

function layout(network: Network): Layout {
  let l = layouts.get(network);
  if (l !== undefined) return l;
  const offset = new Int32Array(network.nodes.length).fill(-1);
  const position = new Map<number, Map<number, number>>();
  network.params.forEach((p, i) => {
    if (offset[p.to] === -1) offset[p.to] = i;
  });
  for (const n of network.nodes) {
    if (offset[n.id]! >= 0 && !consecutive(n.preds)) position.set(n.id, new Map(n.preds.map((j, i) => [j, i])));
  }
  l = { offset, position };
  layouts.set(network, l);
  return l;
}

const consecutive = (xs: readonly number[]): boolean => xs.every((x, i) => x === xs[0]! + i);

/** Where node k's weights start in network.params (its bias at offset + |preds(k)|); -1 for inputs. */
export function paramOffsets(network: Network): Int32Array {
  return layout(network).offset;
}

/** The index of w_{to,from} (from = "b": the bias w_{b_to}), or undefined if there is no such parameter. */
export function paramAt(network: Network, to: number, from: number | "b"): number | undefined {
  const l = layout(network);
  const o = l.offset[to];
  const node = network.nodes[to];
  if (o === undefined || o < 0 || node === undefined) return undefined;
  if (from === "b") return o + node.preds.length;
  const pos = l.position.get(to);
  const i = pos !== undefined ? pos.get(from) : from - node.preds[0]!;
  return i !== undefined && i >= 0 && i < node.preds.length && node.preds[i] === from ? o + i : undefined;
}

/** The parameter a concrete w symbol names: w_{kj} has two node indices, w_{b_k} one bias index. */
export function paramOfSymbol(network: Network, idx: readonly Index[]): number | undefined {
  const [k, j] = idx;
  if (idx.length === 1 && k?.kind === "bias" && k.of.kind === "node") return paramAt(network, k.of.n, "b");
  if (idx.length === 2 && k?.kind === "node" && j?.kind === "node") return paramAt(network, k.n, j.n);
  return undefined;
}

/** "4:1" or "4:b" -> index: the key the params file uses (weights[k][j]). */
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
