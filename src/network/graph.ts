// The network as a graph: nodes numbered as in the seed (inputs first, 1, 2, 3, ...), edges from
// each node to every node of the next layer, and for each node its predecessors and downstream
// set. The derivation is written over these sets, never over matrix shapes.
import type { Activation } from "../rules/activations/activation.js";
import type { Loss } from "../rules/losses/loss.js";
import type { Spec } from "./spec.js";

export interface NodeInfo {
  readonly id: number;
  /** 0 for inputs. */
  readonly layer: number;
  /** Nodes j with an edge j -> id, in order. */
  readonly preds: readonly number[];
  /** Nodes k with an edge id -> k, in order. */
  readonly downstream: readonly number[];
}

/** A weight w_{to,from} or the bias w_{b_to}. */
export interface Param {
  readonly to: number;
  readonly from: number | "b";
}

export interface Layer {
  readonly index: number;
  readonly nodes: readonly number[];
  /** Undefined for the input layer. */
  readonly activation?: Activation;
  /** The abstract function letter used for this layer in the generic derivation (f, g, ...). */
  readonly fn?: string;
}

export interface Network {
  readonly spec: Spec;
  readonly layers: readonly Layer[];
  /** Indexed by node id; index 0 is unused. */
  readonly nodes: readonly NodeInfo[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  /** Every weight and bias, node by node, each node's weights before its bias. */
  readonly params: readonly Param[];
  readonly loss: Loss;
}

const LETTERS = ["f", "g", "h", "u", "v"];

export function buildNetwork(spec: Spec): Network {
  const layerNodes: number[][] = [];
  let next = 1;
  for (const size of spec.layers) {
    layerNodes.push(Array.from({ length: size }, () => next++));
  }
  // Each distinct activation gets its own letter, in order of first use: f, g, ...
  const letters = new Map<string, string>();
  const layers: Layer[] = layerNodes.map((nodes, index) => {
    if (index === 0) return { index, nodes };
    const activation = spec.activations[index - 1]!;
    const id = activationKey(activation);
    if (!letters.has(id)) letters.set(id, LETTERS[letters.size] ?? `f_{${letters.size + 1}}`);
    return { index, nodes, activation, fn: letters.get(id)! };
  });
  const nodes: NodeInfo[] = [{ id: 0, layer: -1, preds: [], downstream: [] }];
  layerNodes.forEach((ids, l) => {
    for (const id of ids) {
      nodes.push({ id, layer: l, preds: l === 0 ? [] : layerNodes[l - 1]!, downstream: layerNodes[l + 1] ?? [] });
    }
  });
  const params: Param[] = [];
  for (const n of nodes) {
    if (n.layer <= 0) continue;
    for (const j of n.preds) params.push({ to: n.id, from: j });
    params.push({ to: n.id, from: "b" });
  }
  return {
    spec,
    layers,
    nodes,
    inputs: layerNodes[0]!,
    outputs: layerNodes[layerNodes.length - 1]!,
    params,
    loss: spec.loss,
  };
}

function activationKey(a: Activation): string {
  return `${a.id}:${a.title}`;
}

export const layerOf = (net: Network, id: number): Layer => net.layers[net.nodes[id]!.layer]!;
export const isInput = (net: Network, id: number): boolean => net.nodes[id]!.layer === 0;
export const isOutput = (net: Network, id: number): boolean => net.nodes[id]!.layer === net.layers.length - 1;
