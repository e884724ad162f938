// The network: sizes, numbering, notation, and each node's weight vector (the seed's w_4).
import * as b from "../../expr/build.js";
import type { Builder } from "../builder.js";
import type { Block, Section } from "../proof.js";
import { param, w, wb, x, y } from "../symbols.js";
import { biasedNodes, nonInputLayers, v } from "./roles.js";
import { nodesPhrase } from "./forward.js";
import { activationName } from "./names.js";

/** How this network is wired, for a network that is not the seed's fully connected one: its
 * layers (groups of like nodes) with their depth, role and activation, and its shared weights. */
function graphBlocks(bd: Builder): Block[] {
  const network = bd.network;
  // Softmax groups count as one node for the depth: said only where there is one.
  const softmax = network.layers.some((l) => l.activation !== undefined && !l.activation.elementwise);
  // A softmax group whose members differ in having a bias is still one layer.
  const mixed = nonInputLayers(network).some((l) => !l.bias && biasedNodes(network, l).length > 0);
  const blocks: Block[] = [
    bd.text(mixed ? "p-network-layers-softmax-mixed" : softmax ? "p-network-layers-softmax" : "p-network-layers", {
      count: network.layers.length - 1,
      depth: Math.max(...network.layers.map((l) => l.depth)),
    }),
  ];
  for (const layer of nonInputLayers(network)) {
    const role = bd.title(
      layer.role === "output"
        ? layer.feeds
          ? "role-output-feeds"
          : "role-output"
        : layer.nodes.every((n) => network.nodes[n]!.downstream.length > 0)
          ? "role-hidden"
          : "role-dead",
    );
    blocks.push(
      bd.text(
        layer.bias ? "p-network-layer" : biasedNodes(network, layer).length > 0 ? "p-network-layer-somebias" : "p-network-layer-nobias",
        {
          ...(layer.bias ? {} : { biased: nodesPhrase(bd, biasedNodes(network, layer)) }),
          layer: layer.index,
          nodes: nodesPhrase(bd, layer.nodes),
          depth: layer.depth,
          role,
          activation: activationName(layer.activation!),
        },
        { layout: "bullet" },
      ),
    );
  }
  return blocks;
}

export function networkSection(bd: Builder): Section {
  const network = bd.network;
  const list = (ns: readonly number[]): string => ns.join(", ");
  const nodes = nonInputLayers(network).flatMap((layer) => layer.nodes);
  const steps = bd.perNode(
    nodes,
    () => 1,
    (k) => [
      b.vecSym("w", [b.node(k)]),
      b.transpose(b.matrix([[...network.nodes[k]!.preds.map((j) => param(k, j)), ...(network.nodes[k]!.bias ? [wb(k)] : [])]])),
      "notation",
      network.nodes[k]!.bias ? "def-weight-vector" : "def-weight-vector-nobias",
      "define",
    ],
  );
  return {
    id: "network",
    title: bd.title("sec-network"),
    blocks: [
      bd.text(network.plain ? "p-network" : "p-network-graph", {
        layers: network.layers.length,
        sizes: network.spec.layers.join("-"),
        inputs: list(network.inputs),
        outputs: list(network.outputs),
        wkj: w(v("k"), v("j")),
        wbk: wb(v("k")),
        yi: y(v("i")),
        xi: x(v("i")),
      }),
      ...(network.plain ? [] : graphBlocks(bd)),
      bd.text(network.nodes.every((n) => n.layer <= 0 || n.bias) ? "p-weight-vector" : "p-weight-vector-nobias", {
        wk: b.vecSym("w", [v("k")]),
      }),
      bd.steps(steps, { enumeration: true, show: "proof" }),
    ],
  };
}
