// The network as a graph: nodes numbered as in the seed (inputs first, 1, 2, 3, ...), each with
// its predecessors and downstream set as the spec wires them, its depth (the longest path from
// an input, for presentation) and its group. The derivation is written over these sets, never
// over matrix shapes.
//
// A group ("layer" in the code: Layer, network.layers) is a set of like nodes whose error terms
// one index-form formula covers: the nodes of one depth with one activation, one role (output,
// output that also feeds others, hidden) and the same bias switch; a softmax group is exactly
// the set the softmax normalises over, whatever the bias switches of its members; in a layered spec each layer is one group. Groups are
// ordered by depth (a layered spec: by layer), so every edge runs from an earlier group to a
// later one, and the documents call group l "layer l". For the seed's
// fully connected network (spec.plain) the groups are its layers, and nothing else changes.
import type { Activation, ElementwiseActivation } from "../rules/activations/activation.js";
import type { Loss } from "../rules/losses/loss.js";
import type { Combination } from "../rules/combinations/combination.js";
import type { Spec } from "./spec.js";
import { depths } from "./topology.js";

export interface NodeInfo {
  readonly id: number;
  /** The node's group (index into network.layers); 0 for inputs. */
  readonly layer: number;
  /** The longest path from an input (a softmax group's members share the deepest). */
  readonly depth: number;
  /** Nodes j with an edge j -> id, ascending. */
  readonly preds: readonly number[];
  /** Nodes k with an edge id -> k, ascending. */
  readonly downstream: readonly number[];
  /** Whether the node has a bias w_{b_k} (inputs: false). */
  readonly bias: boolean;
  /** How it combines its inputs into net_k (inputs: weighted, unused); only a weighted node has weights. */
  readonly combine: Combination;
}

/** A weight w_{to,from} or the bias w_{b_to}. */
export interface Param {
  readonly to: number;
  readonly from: number | "b";
}

/** What a group's nodes are to the loss. */
export type Role = "input" | "hidden" | "output";

export interface Layer {
  readonly index: number;
  readonly nodes: readonly number[];
  /** Undefined for the input layer. */
  readonly activation?: Activation;
  /** The abstract function letter used for this layer in the generic derivation (f, g, ...). */
  readonly fn?: string;
  /** The depth of its nodes (the deepest, for a softmax group spanning depths). */
  readonly depth: number;
  readonly role: Role;
  /** An output group whose nodes also feed later nodes: E depends on them directly and downstream. */
  readonly feeds: boolean;
  /** Whether every node of it has a bias (only a softmax group may mix: see each node's own bias). */
  readonly bias: boolean;
  /** The layer of a layered spec it is. */
  readonly specLayer?: number;
  /** How its nodes combine their inputs (one kind per group; the input layer's is "weighted", unused). */
  readonly combine: Combination;
}

export interface Network {
  readonly spec: Spec;
  /** The groups, inputs first, in order of depth. */
  readonly layers: readonly Layer[];
  /** Indexed by node id; index 0 is unused. */
  readonly nodes: readonly NodeInfo[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  /** Every free parameter: each weight and bias node by node (weights before the bias), a tied group once, at its first name. */
  readonly params: readonly Param[];
  /** Every edge weight and bias node by node, tied or not: the uses of the parameters. */
  readonly edges: readonly Param[];
  /** Tied groups of edges, by index into edges; the first of each is its parameter. */
  readonly tied: readonly (readonly number[])[];
  /** The seed's fully connected network: consecutive dense layers, no ties. */
  readonly plain: boolean;
  readonly loss: Loss;
}

const LETTERS = ["f", "g", "h", "u", "v"];

export function buildNetwork(spec: Spec): Network {
  const total = spec.inputs + spec.nodes.length;
  const depth = depths(spec);
  const downstream: number[][] = Array.from({ length: total + 1 }, () => []);
  spec.nodes.forEach((n, i) => {
    for (const j of n.from) downstream[j]!.push(spec.inputs + 1 + i);
  });
  const outputs = new Set(spec.outputs);
  // Group keys: the layer (layered form), the softmax group, or depth, activation, role and bias.
  const keyOf = (i: number): string => {
    const n = spec.nodes[i]!;
    const k = spec.inputs + 1 + i;
    if (n.layer !== undefined) return `L${n.layer}`;
    if (n.group !== undefined) return `G${n.group}`;
    const role = outputs.has(k) ? (downstream[k]!.length > 0 ? "both" : "out") : "hidden";
    // Average nodes of one group share their constant weight 1/|pred(k)|: one fan-in per group.
    const combine = n.combine === "average" ? `average/${n.from.length}` : (n.combine ?? "weighted");
    return `D${depth[k]}|${activationKey(n.activation)}|${role}|${n.bias}|${combine}`;
  };
  const byKey = new Map<string, number[]>();
  spec.nodes.forEach((_, i) => {
    const key = keyOf(i);
    const list = byKey.get(key);
    if (list) list.push(spec.inputs + 1 + i);
    else byKey.set(key, [spec.inputs + 1 + i]);
  });
  // In order of the spec's layers (a connection runs from an earlier layer to a later one), or of depth.
  const groups = [...byKey.values()].map((nodes) => {
    const d = Math.max(...nodes.map((k) => depth[k]!));
    return { nodes, depth: d, order: spec.nodes[nodes[0]! - spec.inputs - 1]!.layer ?? d };
  });
  groups.sort((a, b) => a.order - b.order || a.nodes[0]! - b.nodes[0]!);
  const inputIds = Array.from({ length: spec.inputs }, (_, i) => i + 1);
  // Each distinct activation gets its own letter, in order of first use: f, g, ...
  const letters = new Map<string, string>();
  const layers: Layer[] = [
    {
      index: 0,
      nodes: inputIds,
      depth: 0,
      role: "input",
      feeds: false,
      bias: false,
      combine: "weighted",
      ...(spec.form === "layers" ? { specLayer: 0 } : {}),
    },
  ];
  const groupOf = new Int32Array(total + 1);
  for (const g of groups) {
    const first = spec.nodes[g.nodes[0]! - spec.inputs - 1]!;
    const activation = first.activation;
    const id = activationKey(activation);
    if (!letters.has(id)) letters.set(id, LETTERS[letters.size] ?? `f_{${letters.size + 1}}`);
    const index = layers.length;
    for (const k of g.nodes) groupOf[k] = index;
    const isOut = g.nodes.some((k) => outputs.has(k));
    layers.push({
      index,
      nodes: g.nodes,
      activation,
      fn: letters.get(id)!,
      depth: g.depth,
      role: isOut ? "output" : "hidden",
      feeds: isOut && g.nodes.some((k) => downstream[k]!.length > 0),
      bias: g.nodes.every((k) => spec.nodes[k - spec.inputs - 1]!.bias),
      combine: first.combine ?? "weighted",
      ...(first.layer === undefined ? {} : { specLayer: first.layer }),
    });
  }
  const nodes: NodeInfo[] = [{ id: 0, layer: -1, depth: -1, preds: [], downstream: [], bias: false, combine: "weighted" }];
  for (const k of inputIds)
    nodes.push({ id: k, layer: 0, depth: 0, preds: [], downstream: downstream[k]!, bias: false, combine: "weighted" });
  spec.nodes.forEach((n, i) => {
    const k = spec.inputs + 1 + i;
    const combine = n.combine ?? "weighted";
    nodes.push({ id: k, layer: groupOf[k]!, depth: depth[k]!, preds: n.from, downstream: downstream[k]!, bias: n.bias, combine });
  });
  const edges: Param[] = [];
  for (const n of nodes) {
    if (n.layer <= 0) continue;
    // A pooling node's inputs are no parameters: it has no edge weights (nor a bias).
    if (n.combine === "weighted") for (const j of n.preds) edges.push({ to: n.id, from: j });
    if (n.bias) edges.push({ to: n.id, from: "b" });
  }
  let params: Param[] = edges;
  let tied: number[][] = [];
  if (spec.tied.length > 0) {
    // Each tied key "k:j" (or "k:b") resolves through node k's first edge and j's place among its
    // ascending predecessors: linear in the names, whatever the width of the nodes.
    const first = new Int32Array(total + 1).fill(-1);
    for (let i = edges.length - 1; i >= 0; i--) first[edges[i]!.to] = i;
    const edgeOf = (key: string): number => {
      const colon = key.indexOf(":");
      const k = Number(key.slice(0, colon));
      const from = key.slice(colon + 1);
      const preds = nodes[k]!.preds;
      return first[k]! + (from === "b" ? preds.length : place(preds, Number(from)));
    };
    tied = spec.tied.map((g) => g.map(edgeOf));
    const dropped = new Uint8Array(edges.length);
    for (const g of tied) for (let i = 1; i < g.length; i++) dropped[g[i]!] = 1;
    params = edges.filter((_, i) => dropped[i] === 0);
  }
  return {
    spec,
    layers,
    nodes,
    inputs: inputIds,
    outputs: spec.outputs,
    params,
    edges,
    tied,
    plain: spec.plain,
    loss: spec.loss,
  };
}

/** What tells two activations apart: its id and title (two custom activations differ by their definitions). */
export function activationKey(a: Activation): string {
  return `${a.id}:${a.title}`;
}

/** The activation of a node (an input node's is its layer's: none). */
export const activationOf = (network: Network, node: number): Activation | undefined =>
  network.layers[network.nodes[node]?.layer ?? 0]?.activation;

/** The elementwise activations of the network by the function letter of their layer (f, g, ...). */
export function activationLetters(network: Network): ReadonlyMap<string, ElementwiseActivation> {
  let m = letterCache.get(network);
  if (m === undefined) {
    m = new Map();
    for (const l of network.layers) if (l.fn !== undefined && l.activation?.elementwise) m.set(l.fn, l.activation);
    letterCache.set(network, m);
  }
  return m;
}
const letterCache = new WeakMap<Network, Map<string, ElementwiseActivation>>();

/** The positions in the targets of each softmax group of outputs (none without a softmax output layer). */
export function softmaxOutputGroups(network: Network): number[][] {
  const at = new Map(network.outputs.map((k, i) => [k, i]));
  return network.layers
    .filter((l) => l.role === "output" && l.activation?.elementwise === false)
    .map((l) => l.nodes.map((k) => at.get(k)!));
}

/**
 * The groups of targets over which a loss of distributions (cross-entropy) takes its targets:
 * each softmax group of outputs, or without one all the outputs together.
 */
export function distributionGroups(network: Network): number[][] {
  const groups = softmaxOutputGroups(network);
  return groups.length > 0 ? groups : [network.outputs.map((_, i) => i)];
}

/** The place of j among ascending predecessors (tiedGroups made sure it is there). */
function place(preds: readonly number[], j: number): number {
  let lo = 0;
  let hi = preds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (preds[mid]! < j) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
