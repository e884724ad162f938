// The error terms: the output layer by the chain rule (or, for softmax, the total derivative
// over the layer), then every hidden layer in reverse order by the total derivative over its
// downstream set. Each delta is written once and referred to by symbol afterwards.
import * as b from "../../expr/build.js";
import type { Expr, Index } from "../../expr/types.js";
import { expandSums } from "../../expr/walk.js";
import { activationKey, type Layer, type Network } from "../../network/graph.js";
import type { Builder, Link } from "../builder.js";
import { concreteLocals, localEquation, localFactor, readByPooling } from "../combine.js";
import type { Block, ForAll, Section, StepList } from "../proof.js";
import { dE, delta, fn, net, t, w, y } from "../symbols.js";
import { nodesPhrase } from "./forward.js";
import { hiddenLayers, outputLayers, overLayer, roles, v } from "./roles.js";

/** The layers that a layer's nodes feed. */
export function downstreamLayers(network: Network, layer: Layer): number[] {
  return [...new Set(layer.nodes.flatMap((n) => network.nodes[n]!.downstream.map((m) => network.nodes[m]!.layer)))].sort((a, c) => a - c);
}
import { resolveSet } from "../../network/sets.js";

/**
 * Whether some node feeds a later node both directly and through another node it feeds (a skip
 * connection beside a path): there a reader may fear the total derivative counts a path twice.
 */
export function severalPaths(network: Network): boolean {
  if (network.plain) return false;
  return network.nodes.some((n) => {
    const direct = new Set(n.downstream);
    return n.downstream.some((m) => network.nodes[m]!.downstream.some((q) => direct.has(q)));
  });
}

/** The loss as a function of the outputs, E's definition: (scale) sum_{i in outputs} term(y_i, t_i). */
export const lossExpr = (network: Network, bound = "i"): Expr =>
  b.mul(b.num(network.loss.scale), b.sum(bound, { kind: "outputs" }, network.loss.term(y(v(bound)), t(v(bound)))));

/**
 * The direct part of dE/dy_k for an output that also feeds others: the loss's own derivative
 * (its sum over the outputs in q where the free index is i, so that no index is bound twice).
 */
export const dLoss = (network: Network, k: Index): Expr => b.deriv(lossExpr(network, k.kind === "var" && k.name === "i" ? "q" : "i"), y(k));

/** sum_{m in downstream(k)} delta_m w_mk: what E gets from y_k through the nodes it feeds. */
export const downstreamSum = (k: Index, m = "k"): Expr => b.sum(m, { kind: "downstream", of: k }, b.mul(delta(v(m)), w(v(m), k)));

/** The generic output delta of node k, in index form. */
function outputDelta(network: Network, layer: Layer, k: Index): Expr {
  const a = layer.activation!;
  if (layer.feeds && a.elementwise) return b.mul(b.add(dLoss(network, k), downstreamSum(k, "m")), fn(layer.fn!, net(k), 1));
  if (a.elementwise) return b.mul(dE(y(k)), fn(layer.fn!, net(k), 1));
  const i = v("i");
  // A softmax output that also feeds: dE/dy_i is the loss's own derivative plus what flows back
  // from the nodes i feeds (an empty sum for a member that feeds none).
  const dEdy = layer.feeds ? b.add(dLoss(network, i), downstreamSum(i, "m")) : dE(y(i));
  return b.sum("i", { kind: "layer", of: k }, b.mul(dEdy, b.deriv(y(i), net(k))));
}

export function outputSection(bd: Builder): Section {
  const blocks: Block[] = [];
  // An output layer of the same activation and role as one before it (the outputs of several
  // steps of a recurrent network): the notes give its result only, the proof the argument again.
  const seen = new Set<string>();
  for (const layer of outputLayers(bd.network)) {
    const key = `${layer.feeds}:${activationKey(layer.activation!)}`;
    const own = outputBlocks(bd, layer);
    if (!seen.has(key)) blocks.push(...own);
    else {
      const k = v(roles(bd.network, layer).self);
      blocks.push(...own.map((blk): Block => (blk.show === undefined ? { ...blk, show: "proof" } : blk)));
      blocks.push(
        bd.text(
          "p-output-same",
          { layer: layer.index, nodes: nodesPhrase(bd, layer.nodes), dk: delta(k), result: b.rawAdd(outputDelta(bd.network, layer, k)) },
          { show: "notes" },
        ),
      );
    }
    seen.add(key);
  }
  return { id: "output", title: bd.title("sec-output"), blocks };
}

function outputBlocks(bd: Builder, layer: Layer): Block[] {
  const network = bd.network;
  const r = roles(network, layer);
  const k = v(r.self);
  const forall = overLayer(r, layer);
  const a = layer.activation!;
  const blocks: Block[] = [];
  if (!network.plain) blocks.push(bd.text("p-output-group", { layer: layer.index, nodes: nodesPhrase(bd, layer.nodes) }));
  // delta_k = dE/dnet_k = dE/dy_k dy_k/dnet_k = dE/dy_k f'(net_k), for an elementwise activation.
  const throughOutput = (): Block =>
    bd.steps(
      bd.chain(
        delta(k),
        [
          [dE(net(k)), "definition", "def-delta"],
          [b.mul(dE(y(k)), b.deriv(y(k), net(k))), "chain-rule", "chain-output"],
          [b.mul(dE(y(k)), fn(layer.fn!, net(k), 1)), "activation-derivative", "activation-derivative"],
        ],
        forall,
      ),
    );
  if (layer.feeds && !a.elementwise) blocks.push(...softmaxFeedsBlocks(bd, layer, k, forall));
  else if (layer.feeds) {
    // y_k is read by the loss and by the nodes k feeds: the total derivative over both.
    const m = v("m");
    blocks.push(bd.text("p-output-feeds", { yk: y(k), f: b.sym(layer.fn!) }));
    blocks.push(throughOutput());
    blocks.push(bd.text("p-output-feeds-total", { yk: y(k), netm: net(m) }));
    blocks.push(
      bd.steps(
        bd.chain(
          dE(y(k)),
          [
            [
              b.add(dLoss(network, k), b.sum("m", { kind: "downstream", of: k }, b.mul(dE(net(m)), b.deriv(net(m), y(k))))),
              "total-derivative",
              "total-output-feeds",
            ],
            [b.add(dLoss(network, k), downstreamSum(k, "m")), "linearity", "linearity-y-delta"],
          ],
          forall,
        ),
      ),
    );
    blocks.push(bd.text("p-output-feeds-result"));
    blocks.push(bd.steps(bd.chain(delta(k), [[outputDelta(network, layer, k), "substitution", "substitute"]], forall)));
  } else if (a.elementwise) {
    blocks.push(bd.text("p-output-elementwise", { yk: y(k), f: b.sym(layer.fn!) }));
    // (outputDelta of an elementwise output is dE/dy_k f'(net_k), the chain's last line.)
    blocks.push(throughOutput());
  } else {
    blocks.push(bd.text("p-output-softmax", { yk: y(k), netk: net(k), yi: y(v("i")) }));
    blocks.push(
      bd.steps(
        bd.chain(
          delta(k),
          [
            [dE(net(k)), "definition", "def-delta"],
            [outputDelta(network, layer, k), "total-derivative", "total-output"],
          ],
          forall,
        ),
      ),
    );
  }
  blocks.push(bd.text("p-output-nodes", {}, { show: "proof" }));
  blocks.push(
    bd.steps(
      enumerate(bd, layer, (n) => outputDelta(network, layer, b.node(n))),
      { enumeration: true, show: "proof" },
    ),
  );
  return blocks;
}

/**
 * A softmax output layer whose nodes also feed later nodes: the total derivative over the layer,
 * then each dE/dy_i by the total derivative over the loss and the nodes i feeds.
 */
function softmaxFeedsBlocks(bd: Builder, layer: Layer, k: Index, forall: readonly ForAll[]): Block[] {
  const network = bd.network;
  const i = v("i");
  const m = v("m");
  return [
    bd.text("p-output-softmax", { yk: y(k), netk: net(k), yi: y(i) }),
    bd.steps(
      bd.chain(
        delta(k),
        [
          [dE(net(k)), "definition", "def-delta"],
          [b.sum("i", { kind: "layer", of: k }, b.mul(dE(y(i)), b.deriv(y(i), net(k)))), "total-derivative", "total-output"],
        ],
        forall,
      ),
    ),
    bd.text("p-output-softmax-feeds-total", { yi: y(i), netm: net(m) }),
    bd.steps(
      bd.chain(
        dE(y(i)),
        [
          [
            b.add(dLoss(network, i), b.sum("m", { kind: "downstream", of: i }, b.mul(dE(net(m)), b.deriv(net(m), y(i))))),
            "total-derivative",
            "total-output-feeds-softmax",
          ],
          [b.add(dLoss(network, i), downstreamSum(i, "m")), "linearity", "linearity-y-delta"],
        ],
        [{ index: "i", set: forall[0]!.set }],
      ),
    ),
    bd.text("p-output-softmax-feeds-result"),
    bd.steps(bd.chain(delta(k), [[outputDelta(network, layer, k), "substitution", "substitute"]], forall)),
  ];
}

/** For softmax hidden layers: dE/dy_m through the downstream nodes of m. */
export const dEdyHidden = (m: Index): Expr => b.sum("k", { kind: "downstream", of: m }, b.mul(delta(v("k")), w(v("k"), m)));

/** The generic hidden delta of node j, in index form (dnet_k/dy_j is w_kj unless the readers pool: combine.ts). */
export function hiddenDelta(network: Network, layer: Layer, j: Index): Expr {
  const a = layer.activation!;
  const downstream = b.sum("k", { kind: "downstream", of: j }, b.mul(delta(v("k")), localFactor(network, layer, v("k"), j)));
  if (a.elementwise) return b.mul(downstream, fn(layer.fn!, net(j), 1));
  return b.sum("m", { kind: "layer", of: j }, b.mul(dEdyHidden(v("m")), b.deriv(y(v("m")), net(j))));
}

export function hiddenSection(bd: Builder): Section {
  const network = bd.network;
  const blocks: Block[] = [];
  // The notes derive the hidden error term once, for the last hidden layer, and give the other
  // layers its result; the proof derives it for every layer.
  let first = true;
  for (const layer of [...hiddenLayers(network)].reverse()) {
    const shown = first ? "both" : "proof";
    const r = roles(network, layer);
    const j = v(r.self);
    const k = v(r.down);
    const forall = overLayer(r, layer);
    const overJK: ForAll[] = [...forall, { index: r.down, set: { kind: "downstream", of: j } }];
    const f = layer.fn!;
    blocks.push(bd.text("p-hidden-layer", { layer: layer.index, yj: y(j), netj: net(j), netk: net(k) }, { show: shown }));
    if (!network.plain && downstreamLayers(network, layer).length > 0)
      blocks.push(bd.text("p-hidden-graph", { downstream: nodesPhrase(bd, downstreamLayers(network, layer), "layers") }, { show: shown }));
    // Once, where the reader first meets the total derivative over a node reached by several paths.
    if (first && severalPaths(network)) blocks.push(bd.text("p-paths"));
    if (!first) {
      const nodes = layer.nodes.length <= 3 ? layer.nodes.join(", ") : `${layer.nodes[0]}, ..., ${layer.nodes[layer.nodes.length - 1]}`;
      blocks.push(bd.text("p-hidden-same", { layer: layer.index, nodes }, { show: "notes" }));
    }
    if (layer.activation!.elementwise) {
      const total = b.sum(r.down, { kind: "downstream", of: j }, b.mul(dE(net(k)), b.deriv(net(k), net(j))));
      const withDelta = b.sum(r.down, { kind: "downstream", of: j }, b.mul(delta(k), b.deriv(net(k), net(j))));
      blocks.push(
        bd.steps(
          bd.chain(
            delta(j),
            [
              [dE(net(j)), "definition", "def-delta"],
              [total, "total-derivative", "total-hidden"],
              [withDelta, "definition", "use-delta"],
            ],
            forall,
          ),
          { show: shown },
        ),
      );
      blocks.push(bd.text("p-hidden-inner", { netk: net(k), netj: net(j), yj: y(j) }, { show: shown }));
      // dnet_k/dy_j: the weight w_kj, or (readers that pool) their rule's derivative.
      const local = localEquation(network, layer, k, j);
      const factor = localFactor(network, layer, k, j);
      if (readByPooling(network, layer))
        blocks.push(
          bd.text(local === undefined ? "p-hidden-mixed-pool" : "p-hidden-pool", { netk: net(k), yj: y(j), wkj: w(k, j) }, { show: shown }),
        );
      const inner: Link[] = [[b.mul(b.deriv(net(k), y(j)), b.deriv(y(j), net(j))), "chain-rule", "chain-inner"]];
      if (local !== undefined) inner.push([b.mul(local.rhs, b.deriv(y(j), net(j))), local.rule, local.label] as Link);
      inner.push([b.mul(factor, fn(f, net(j), 1)), "activation-derivative", "activation-derivative"]);
      blocks.push(bd.steps(bd.chain(b.deriv(net(k), net(j)), inner, overJK), { show: shown }));
      const seedForm = b.sum(r.down, { kind: "downstream", of: j }, b.mul(delta(k), factor, fn(f, net(j), 1)));
      blocks.push(
        bd.steps(
          bd.chain(
            delta(j),
            [
              [seedForm, "substitution", "substitute"],
              [hiddenDelta(network, layer, j), "factor", "factor-out"],
            ],
            forall,
          ),
          // The notes give the other hidden layers the result only.
          first ? {} : { notesLast: true },
        ),
      );
    } else {
      const m = v("m");
      blocks.push(bd.text("p-hidden-softmax", { netj: net(j) }));
      blocks.push(
        bd.steps([
          bd.step(dE(y(m)), dEdyHidden(m), "total-derivative", "total-hidden-softmax", {
            forall: [{ index: "m", set: forall[0]!.set }],
          }),
          ...bd.chain(
            delta(j),
            [
              [dE(net(j)), "definition", "def-delta"],
              [b.sum("m", { kind: "layer", of: j }, b.mul(dE(y(m)), b.deriv(y(m), net(j)))), "total-derivative", "total-output"],
              [hiddenDelta(network, layer, j), "substitution", "substitute"],
            ],
            forall,
          ),
        ]),
      );
    }
    blocks.push(bd.text("p-hidden-nodes", {}, { show: "proof" }));
    // The notes write out one node of a layer; of a recurrent network's steps, of the first derived only.
    const example = first || network.spec.recurrent === undefined;
    if (example) blocks.push(bd.text("p-hidden-example", { n: layer.nodes[0]! }, { show: "notes" }));
    blocks.push(
      bd.steps(
        enumerate(bd, layer, (n) => hiddenDelta(network, layer, b.node(n))),
        example ? { enumeration: true, notesRows: 1 } : { enumeration: true, show: "proof" },
      ),
    );
    first = false;
  }
  if (blocks.length > 0) blocks.push(bd.text(network.plain ? "p-backprop" : "p-backprop-graph"));
  return { id: "hidden", title: bd.title("sec-hidden"), blocks };
}

/** delta_n = (its index-form expression with every sum written out), for each node of a layer. */
function enumerate(bd: Builder, layer: Layer, deltaOf: (n: number) => Expr): StepList {
  const network: Network = bd.network;
  const key = layer.activation!.elementwise && layer.role === "output" && !layer.feeds ? "instantiate" : "enumerate";
  return bd.perNode(
    layer.nodes,
    () => 1,
    (n) => [
      delta(n),
      concreteLocals(
        network,
        expandSums(deltaOf(n), (s) => resolveSet(network, s)),
      ),
      "substitution",
      key,
    ],
  );
}
