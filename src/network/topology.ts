// The structure of a network as the spec gives it, in either form, checked as a whole: the
// layered form (sizes, optionally `connections` between layers) and the graph form (each node
// with the earlier nodes it reads) both become one list of nodes numbered inputs first, each
// with its predecessor list, and the same refusals apply to both: edges only from earlier nodes,
// softmax groups complete before they are read, every node on a path to an output (unless
// `allowDead`), tied weights that name edges of this spec, each once.
import { InputError, shown } from "../errors.js";
import type { Activation } from "../rules/activations/activation.js";
import type { Combination } from "../rules/combinations/combination.js";
import { MAX_PARAMETERS, parseWeightName } from "./schema.js";

export interface SpecNode {
  /** The earlier nodes that feed this one, ascending. */
  readonly from: readonly number[];
  readonly activation: Activation;
  readonly bias: boolean;
  /** How it combines its inputs into net (combination.ts); absent: weighted, as every node of the seed. */
  readonly combine?: Combination;
  /** The set a softmax normalises over: its group's name (graph form) or its layer (layered form). */
  readonly group?: string;
  /** The layer of a layered spec; undefined in the graph form. */
  readonly layer?: number;
  /** Where a message points for this node: nodes[3] or layers[2]. */
  readonly field: string;
}

export interface Topology {
  readonly inputs: number;
  /** The non-input nodes, numbered inputs + 1, inputs + 2, ... */
  readonly nodes: readonly SpecNode[];
  readonly outputs: readonly number[];
  /** Groups of tied weights, each as parameter keys "k:j" / "k:b", the first the parameter. */
  readonly tied: readonly (readonly string[])[];
  readonly allowDead: boolean;
}

/** Refuses what no schema can say about a topology (edges were checked as the nodes were read). */
export function checkTopology(t: Topology, outputsField: string): void {
  const total = t.inputs + t.nodes.length;
  const id = (i: number): number => t.inputs + 1 + i;
  let params = 0;
  // Softmax groups: their members, and the last member (readers must come after it).
  const members = new Map<string, number[]>();
  t.nodes.forEach((n, i) => {
    params += (n.combine === undefined || n.combine === "weighted" ? n.from.length : 0) + (n.bias ? 1 : 0);
    if (n.group !== undefined) {
      const list = members.get(n.group);
      if (list) list.push(id(i));
      else members.set(n.group, [id(i)]);
    }
  });
  if (params - t.tied.reduce((s, g) => s + g.length - 1, 0) > MAX_PARAMETERS) {
    throw new InputError(
      t.nodes[0]?.layer !== undefined ? "layers" : "nodes",
      `has ${params} weights and biases; at most ${MAX_PARAMETERS} can be derived`,
    );
  }
  const groupOf = new Map<number, string>();
  for (const [g, ids] of members) for (const m of ids) groupOf.set(m, g);
  t.nodes.forEach((n, i) => {
    const k = id(i);
    for (const j of n.from) {
      const g = groupOf.get(j);
      if (g === undefined) continue;
      const last = members.get(g)!.at(-1)!;
      if (k <= last) {
        throw new InputError(
          `${n.field}.from`,
          `reads node ${j} of softmax group "${g}" before the group is complete (its node ${last}); list node ${k} after every member of the group`,
        );
      }
    }
  });
  // Outputs
  const outputs = new Set<number>();
  t.outputs.forEach((o, i) => {
    const field = `${outputsField}[${i}]`;
    if (o > total) throw new InputError(field, `is ${o}, an unknown node; the network has nodes 1 to ${total}`);
    if (o <= t.inputs) throw new InputError(field, `is ${o}, an input node; outputs must be non-input nodes (${t.inputs + 1} to ${total})`);
    if (outputs.has(o)) throw new InputError(field, `lists node ${o} a second time; each output once`);
    outputs.add(o);
  });
  // Every node on a path to an output: backwards, in reverse numbered order.
  const live = new Uint8Array(total + 1);
  for (const o of outputs) live[o] = 1;
  const feeds = new Uint8Array(total + 1);
  for (let i = t.nodes.length - 1; i >= 0; i--) {
    if (!live[id(i)]) continue;
    for (const j of t.nodes[i]!.from) live[j] = 1;
  }
  t.nodes.forEach((n) => n.from.forEach((j) => (feeds[j] = 1)));
  if (!t.allowDead) {
    const dead = t.nodes.findIndex((_, i) => !live[id(i)]);
    if (dead >= 0) {
      throw new InputError(
        t.nodes[dead]!.field,
        `node ${id(dead)} is on no path to an output, so its error term would be 0; connect it to an output, or set "allowDead": true to show it with delta = 0`,
      );
    }
  }
  // A softmax group is one set: all outputs or all hidden (an output of it may also feed later nodes).
  for (const [g, ids] of members) {
    const out = ids.filter((m) => outputs.has(m));
    const n = t.nodes[ids[0]! - t.inputs - 1]!;
    if (out.length > 0 && out.length < ids.length) {
      throw new InputError(
        `${n.field}.group`,
        `softmax group "${g}" (nodes ${ids.join(", ")}) mixes outputs (${out.join(", ")}) with other nodes; make all its members outputs or none`,
      );
    }
  }
}

/** The longest path from an input to every node, a softmax group counted as one node (its members share the deepest depth). */
export function depths(t: Topology): Int32Array {
  const total = t.inputs + t.nodes.length;
  const d = new Int32Array(total + 1);
  const last = new Map<string, number>();
  t.nodes.forEach((n, i) => n.group !== undefined && last.set(n.group, t.inputs + 1 + i));
  const pending = new Map<string, number[]>();
  t.nodes.forEach((n, i) => {
    const k = t.inputs + 1 + i;
    let m = 0;
    for (const j of n.from) m = Math.max(m, d[j]!);
    d[k] = m + 1;
    if (n.group === undefined) return;
    const list = pending.get(n.group) ?? [];
    list.push(k);
    pending.set(n.group, list);
    if (last.get(n.group) === k) {
      const deepest = Math.max(...list.map((q) => d[q]!));
      for (const q of list) d[q] = deepest;
    }
  });
  return d;
}

/** The tied groups as parameter keys, each name an edge or bias of the spec and in one group only. */
export function tiedGroups(names: readonly (readonly string[])[], nodes: readonly SpecNode[], inputs: number): string[][] {
  const seen = new Map<string, number>();
  return names.map((group, g) =>
    group.map((name, i) => {
      const field = `tied[${g}][${i}]`;
      const weight = parseWeightName(name);
      if (weight === undefined) throw new InputError(field, `is ${shown(name)}; must be a weight name, "w_5_4" or "w_b_5"`);
      const { to: k, from } = weight;
      const key = `${k}:${from}`;
      const node = nodes[k - inputs - 1];
      const exists = node !== undefined && (from === "b" ? node.bias : feeds(node.from, from));
      if (!exists) {
        throw new InputError(
          field,
          `is "${name}", which is no ${from === "b" ? "bias" : "edge"} of this network; ${from === "b" ? `node ${k} has no bias` : `there is no edge from node ${from} to node ${k}`}`,
        );
      }
      const before = seen.get(key);
      if (before !== undefined)
        throw new InputError(field, `is "${name}", already tied in group ${before}; a weight belongs to at most one group`);
      seen.set(key, g);
      return key;
    }),
  );
}

/** Whether j is among a node's predecessors (ascending): a binary search, so that ties of wide nodes stay linear. */
function feeds(from: readonly number[], j: number): boolean {
  let lo = 0;
  let hi = from.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = from[mid]!;
    if (v === j) return true;
    if (v < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Whether the topology is the seed's: consecutive fully connected layers, whatever form the spec
 * has. Each depth is one layer of contiguous numbers with one activation (a softmax over the
 * whole layer), every node is fed by exactly the whole layer before it and has a bias, the
 * outputs are the last layer in order, and no weight is tied. Such a network gets the seed's
 * documents (and the matrix form); any other gets the ones written for arbitrary graphs.
 */
export function plainLayers(t: Topology, d: Int32Array): boolean {
  if (t.tied.length > 0 || t.nodes.some((n) => !n.bias || (n.combine ?? "weighted") !== "weighted")) return false;
  const columns: number[][] = [];
  for (let k = 1; k < d.length; k++) (columns[d[k]!] ??= []).push(k);
  if (columns.some((c) => c === undefined) || columns[0]!.length !== t.inputs) return false;
  let next = 1;
  for (const c of columns) for (const k of c) if (k !== next++) return false;
  const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
  for (let l = 1; l < columns.length; l++) {
    const nodes = columns[l]!.map((k) => t.nodes[k - t.inputs - 1]!);
    const a = nodes[0]!.activation;
    if (!nodes.every((n) => n.activation.id === a.id && n.activation.title === a.title && same(n.from, columns[l - 1]!))) return false;
    // A softmax is normalised over exactly its layer.
    if (!a.elementwise && !nodes.every((n) => n.group === nodes[0]!.group)) return false;
    if (!a.elementwise && t.nodes.some((n, i) => n.group === nodes[0]!.group && d[t.inputs + 1 + i] !== l)) return false;
  }
  return same(t.outputs, columns[columns.length - 1]!);
}
