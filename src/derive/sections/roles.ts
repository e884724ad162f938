// The index letters the seed uses for a group of nodes: k for output nodes with j feeding them
// (and m downstream of an output that also feeds others); j for hidden nodes with i feeding
// them and k downstream.
import * as b from "../../expr/build.js";
import type { Expr, Index } from "../../expr/types.js";
import type { Layer, Network } from "../../network/graph.js";
import { nodesOf } from "../builder.js";
import type { ForAll } from "../proof.js";
import { x, y } from "../symbols.js";

export interface Roles {
  /** The layer's node index: k (output) or j (hidden). */
  readonly self: string;
  /** The index of the nodes feeding it. */
  readonly pred: string;
  /** The index of the downstream nodes (hidden layers). */
  readonly down: string;
  readonly isOutput: boolean;
  /** Whether every predecessor is an input node (so its output is written x_i). */
  readonly fedByInputs: boolean;
}

export function roles(network: Network, layer: Layer): Roles {
  const isOutput = layer.role === "output";
  return {
    self: isOutput ? "k" : "j",
    pred: isOutput ? "j" : "i",
    down: isOutput ? "m" : "k",
    isOutput,
    fedByInputs: layer.nodes.every((k) => network.nodes[k]!.preds.every((j) => network.nodes[j]!.layer === 0)),
  };
}

/** The output symbol of a predecessor index: x_i for inputs, y_j otherwise. */
export const predOut = (r: Roles, i: Index): Expr => (r.fedByInputs ? x(i) : y(i));

export const v = (name: string): Index => b.ivar(name);

/** forall self in the layer's nodes. */
export const overLayer = (r: Roles, layer: Layer): ForAll[] => [{ index: r.self, set: nodesOf(layer.nodes) }];

/** The nodes of a layer that have a bias: all, none or (a softmax group) some of them. */
export const biasedNodes = (network: Network, layer: Layer): number[] => layer.nodes.filter((k) => network.nodes[k]!.bias);

/** forall self in the layer, pred in pred(self). */
export const overEdges = (r: Roles, layer: Layer): ForAll[] => [
  ...overLayer(r, layer),
  { index: r.pred, set: { kind: "preds", of: v(r.self) } },
];

export const nonInputLayers = (network: Network): readonly Layer[] => network.layers.slice(1);
/** The groups whose nodes have weights (not pooling ones): the nodes every statement about w_kj ranges over. */
export const weightedLayers = (network: Network): readonly Layer[] => nonInputLayers(network).filter((l) => l.combine === "weighted");
/** The groups of hidden nodes, in order of depth. */
export const hiddenLayers = (network: Network): readonly Layer[] => network.layers.filter((l) => l.role === "hidden");
/** The groups of output nodes, in order of depth: the last layer of a layered spec. */
export const outputLayers = (network: Network): readonly Layer[] => network.layers.filter((l) => l.role === "output");
