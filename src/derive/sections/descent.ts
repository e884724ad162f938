// Gradient descent, the definition of the error term, and the chain rule for every weight.
import * as b from "../../expr/build.js";
import type { Builder } from "../builder.js";
import { nodesOf } from "../builder.js";
import type { ForAll, Section } from "../proof.js";
import { dE, delta, ETA, net, w, wb, y } from "../symbols.js";
import { nonInputLayers, predOut, roles, v, weightedLayers } from "./roles.js";

/** The nodes that have weights. */
const weightedNodes = (network: Parameters<typeof weightedLayers>[0]): number[] => weightedLayers(network).flatMap((l) => l.nodes);

export function descentSection(bd: Builder): Section {
  const network = bd.network;
  const k = v("k");
  const j = v("j");
  const all = nonInputLayers(network).flatMap((l) => l.nodes);
  const overK: ForAll[] = [{ index: "k", set: nodesOf(all) }];
  const overKJ: ForAll[] = [
    { index: "k", set: nodesOf(weightedNodes(network)) },
    { index: "j", set: { kind: "preds", of: k } },
  ];
  return {
    id: "descent",
    title: bd.title("sec-descent"),
    blocks: [
      bd.text("p-descent", { eta: ETA }),
      bd.steps([
        bd.step(w(k, j), b.sub(w(k, j), b.mul(ETA, dE(w(k, j)))), "gradient-descent", "gradient-descent", {
          relation: "update",
          forall: overKJ,
        }),
      ]),
      bd.text("p-delta"),
      // Stated with "=", not ":=": the same equation opens the output and hidden derivations below,
      // and every statement of it is checked numerically against the oracle's dE/dnet_k alike.
      bd.steps([bd.step(delta(k), dE(net(k)), "definition", "def-delta", { forall: overK, anchor: "def-delta" })]),
      bd.text("p-sign"),
    ],
  };
}

export function chainSection(bd: Builder): Section {
  const network = bd.network;
  const k = v("k");
  const j = v("j");
  const i = v("i");
  const all = weightedNodes(network);
  const overKJ: ForAll[] = [
    { index: "k", set: nodesOf(all) },
    { index: "j", set: { kind: "preds", of: k } },
  ];
  // The bias term, where every node has one (it does not depend on w_kj either way).
  const weighted = b.sum("i", { kind: "preds", of: k }, b.mul(w(k, i), y(i)));
  const netDef = all.every((n) => network.nodes[n]!.bias) ? b.add(weighted, wb(k)) : weighted;
  const weight = bd.chain(
    dE(w(k, j)),
    [
      [b.mul(dE(net(k)), b.deriv(net(k), w(k, j))), "chain-rule", "chain-net"],
      [b.mul(dE(net(k)), b.deriv(netDef, w(k, j))), "substitution", "substitute-net"],
      [b.mul(dE(net(k)), y(j)), "linearity", "linearity-w"],
      [b.mul(delta(k), y(j)), "definition", "use-delta"],
    ],
    overKJ,
  );
  // Over the nodes that have a bias (all of them, unless a spec switches some off).
  const biased = all.filter((n) => network.nodes[n]!.bias);
  const overBiased: ForAll[] = [{ index: "k", set: nodesOf(biased) }];
  const biasChain = bd.chain(
    dE(wb(k)),
    [
      [b.mul(dE(net(k)), b.deriv(net(k), wb(k))), "chain-rule", "chain-net"],
      [dE(net(k)), "linearity", "linearity-b"],
      [delta(k), "definition", "use-delta"],
    ],
    overBiased,
  );
  const perLayer = weightedLayers(network).map((layer) => {
    const r = roles(network, layer);
    const s = v(r.self);
    const p = v(r.pred);
    const forall: ForAll[] = [
      { index: r.self, set: nodesOf(layer.nodes) },
      { index: r.pred, set: { kind: "preds", of: s } },
    ];
    return bd.step(dE(w(s, p)), b.mul(delta(s), predOut(r, p)), "substitution", "substitute-delta", { forall });
  });
  return {
    id: "chain",
    title: bd.title("sec-chain"),
    blocks: [
      bd.text("p-chain", { wkj: w(k, j), netk: net(k) }),
      bd.steps(weight),
      ...(biased.length === 0
        ? []
        : [
            bd.text("p-chain-bias", {}, { show: "proof" }),
            bd.steps(biasChain, { show: "proof" }),
            bd.text("p-chain-bias-notes", { lhs: dE(wb(k)), rhs: delta(k) }, { show: "notes" }),
          ]),
      bd.text(network.plain ? "p-chain-layers" : "p-chain-layers-graph", {}, { show: "proof" }),
      bd.steps(perLayer, { show: "proof" }),
      bd.text("p-gradient-known", { y: y(j) }),
    ],
  };
}
