// The network: sizes, numbering, notation, and each node's weight vector (the seed's w_4).
import * as b from "../../expr/build.js";
import type { Builder } from "../builder.js";
import type { Section } from "../proof.js";
import { param, w, wb, x, y } from "../symbols.js";
import { nonInputLayers, v } from "./roles.js";

export function networkSection(bd: Builder): Section {
  const network = bd.network;
  const list = (ns: readonly number[]): string => ns.join(", ");
  const nodes = nonInputLayers(network).flatMap((layer) => layer.nodes);
  const steps = bd.perNode(nodes, () => 1, (k) => [
    b.vecSym("w", [b.node(k)]),
    b.transpose(b.matrix([[...network.nodes[k]!.preds.map((j) => param(k, j)), wb(k)]])),
    "notation",
    "def-weight-vector",
    "define",
  ]);
  return {
    id: "network",
    title: bd.title("sec-network"),
    blocks: [
      bd.text("p-network", {
        layers: network.layers.length,
        sizes: network.spec.layers.join("-"),
        inputs: list(network.inputs),
        outputs: list(network.outputs),
        wkj: w(v("k"), v("j")),
        wbk: wb(v("k")),
        yi: y(v("i")),
        xi: x(v("i")),
      }),
      bd.text("p-weight-vector", { wk: b.vecSym("w", [v("k")]) }),
      bd.steps(steps, { enumeration: true, show: "proof" }),
    ],
  };
}
