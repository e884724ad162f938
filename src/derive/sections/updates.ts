// The update rules: index form per layer, then every weight and bias of the layer.
import * as b from "../../expr/build.js";
import type { Builder } from "../builder.js";
import type { Block, ParamResult, Section } from "../proof.js";
import { delta, ETA, theta, w, wb } from "../symbols.js";
import { nonInputLayers, overEdges, overLayer, predOut, roles, v } from "./roles.js";

export function updatesSection(bd: Builder, params: readonly ParamResult[]): Section {
  const network = bd.network;
  const blocks: Block[] = [];
  const byNode = new Map<number, ParamResult[]>();
  for (const p of params) {
    const list = byNode.get(p.to);
    if (list) list.push(p);
    else byNode.set(p.to, [p]);
  }
  for (const layer of [...nonInputLayers(network)].reverse()) {
    const r = roles(network, layer);
    const s = v(r.self);
    const p = v(r.pred);
    blocks.push(bd.text("p-updates-layer", { layer: layer.index }));
    blocks.push(
      bd.steps([
        bd.step(w(s, p), b.sub(w(s, p), b.mul(ETA, delta(s), predOut(r, p))), "gradient-descent", "update-rule", {
          relation: "update",
          forall: overEdges(r, layer),
        }),
        ...(layer.bias
          ? [
              bd.step(wb(s), b.sub(wb(s), b.mul(ETA, delta(s))), "gradient-descent", "update-rule", {
                relation: "update",
                forall: overLayer(r, layer),
              }),
            ]
          : []),
      ]),
    );
    // A shared weight moves once, by the sum over its uses (the tied section).
    const ties = new Set(network.tied.flatMap((g) => g.map((e) => network.edges[e]!.to)));
    if (layer.nodes.some((n) => ties.has(n))) blocks.push(bd.text("p-updates-tied", { theta: theta(1) }));
    blocks.push(bd.text("p-updates-nodes"));
    const steps = layer.nodes.flatMap((n) =>
      (byNode.get(n) ?? []).map((q) => bd.step(q.symbol, q.update, "gradient-descent", "update-rule", { relation: "update" })),
    );
    blocks.push(bd.steps(steps, true));
  }
  // The notes state the update once, in the summary's algorithm.
  return { id: "updates", title: bd.title("sec-updates"), blocks, show: "proof" };
}
