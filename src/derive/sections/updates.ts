// The update rules: index form per layer, then every weight and bias of the layer.
import * as b from "../../expr/build.js";
import type { Builder } from "../builder.js";
import type { Block, ParamResult, Section, Seq } from "../proof.js";
import { delta, ETA, theta, w, wb } from "../symbols.js";
import { nodesOf } from "../builder.js";
import { biasedNodes, weightedLayers, overEdges, overLayer, predOut, roles, v } from "./roles.js";

export function updatesSection(bd: Builder, params: Seq<ParamResult>): Section {
  const network = bd.network;
  const blocks: Block[] = [];
  // Where each node's parameters start in network.params (a node's weights, then its bias).
  const first = new Map<number, { at: number; count: number }>();
  network.params.forEach((q, i) => {
    const hit = first.get(q.to);
    if (hit) hit.count++;
    else first.set(q.to, { at: i, count: 1 });
  });
  for (const layer of [...weightedLayers(network)].reverse()) {
    const r = roles(network, layer);
    const s = v(r.self);
    const p = v(r.pred);
    const biased = biasedNodes(network, layer);
    blocks.push(bd.text("p-updates-layer", { layer: layer.index }));
    const rules = [
      bd.step(w(s, p), b.sub(w(s, p), b.mul(ETA, delta(s), predOut(r, p))), "gradient-descent", "update-rule", {
        relation: "update",
        forall: overEdges(r, layer),
      }),
      // The bias rule over the nodes that have one (a softmax group may mix).
      ...(biased.length > 0
        ? [
            bd.step(wb(s), b.sub(wb(s), b.mul(ETA, delta(s))), "gradient-descent", "update-rule", {
              relation: "update",
              forall: layer.bias ? overLayer(r, layer) : [{ index: r.self, set: nodesOf(biased) }],
            }),
          ]
        : []),
    ];
    blocks.push(bd.steps(rules));
    // A shared weight moves once, by the sum over its uses (the tied section).
    const ties = new Set(network.tied.flatMap((g) => g.map((e) => network.edges[e]!.to)));
    if (layer.nodes.some((n) => ties.has(n))) blocks.push(bd.text("p-updates-tied", { theta: theta(1) }));
    blocks.push(bd.text("p-updates-nodes"));
    // One step per weight, written when read.
    const steps = bd.perNode(
      layer.nodes,
      (n) => first.get(n)?.count ?? 0,
      (n, i) => {
        const q = params.at(first.get(n)!.at + i)!;
        return [q.symbol, q.update, "gradient-descent", "update-rule", "update"];
      },
    );
    blocks.push(bd.steps(steps, { enumeration: true, instancesOf: rules.map((st) => st.id) }));
  }
  // The notes state the update once, in the summary's algorithm.
  return { id: "updates", title: bd.title("sec-updates"), blocks, show: "proof" };
}
