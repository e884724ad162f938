// Forward propagation: net_k and y_k for every node, index form, node by node and per layer in
// the seed's matrix form; then the loss.
import * as b from "../../expr/build.js";
import { assertNever, type Expr, type Index } from "../../expr/types.js";
import { COMBINATION_RULES } from "../../rules/combinations/index.js";
import { netOfLayer } from "../combine.js";
import { expandSums } from "../../expr/walk.js";
import type { Layer, Network } from "../../network/graph.js";
import { type Builder, nodesOf } from "../builder.js";
import { message } from "../messages/index.js";
import type { Block, Section } from "../proof.js";
import { E, fn, net, out, param, t, w, wb, y } from "../symbols.js";
import { biasedNodes, nonInputLayers, outputLayers, overLayer, predOut, roles, v } from "./roles.js";

/** "node 4" or "nodes 4, 5, 6" (layers likewise), in the proof's language. */
export const nodesPhrase = (bd: Builder, nodes: readonly (number | string)[], what: "nodes" | "layers" = "nodes"): string =>
  fillList(bd.title(`${what}-${nodes.length === 1 ? "one" : "many"}`), nodeList(nodes));
const fillList = (template: string, list: string): string => template.replace("{list}", list);

/** A list of node numbers for prose: "4, 5, 6". */
export const nodeList = (nodes: readonly (number | string)[]): string =>
  nodes.length <= 8 ? nodes.join(", ") : `${nodes.slice(0, 6).join(", ")}, ..., ${nodes[nodes.length - 1]}`;
import { activationName } from "./names.js";
import { LazyMap } from "../lazy.js";

export interface Forward {
  readonly net: Expr;
  readonly y: Expr;
}

/**
 * net_k written out: w_{k1} x_1 + ... + w_{b_k} (no bias term for a node without one); a pooling
 * node's: the max over its inputs' nodes, or 1/n times their sum.
 */
export const netSum = (network: Network, k: number): Expr => {
  const node = network.nodes[k]!;
  switch (node.combine) {
    case "weighted": {
      const terms = node.preds.map((j) => b.rawMul(param(k, j), out(network, j)));
      return node.bias ? b.rawAdd(...terms, wb(k)) : terms.length === 1 ? terms[0]! : b.rawAdd(...terms);
    }
    case "average":
      return COMBINATION_RULES.average.net(b.node(k), "i", (i) => inputOut(network, node.preds, i), false, node.preds.length);
    case "max":
      return b.max("i", nodesOf(node.preds), inputOut(network, node.preds, v("i")));
    default:
      return assertNever(node.combine);
  }
};

/** The output symbol of a pooling node's inputs: x_i where they are all inputs, y_i otherwise. */
const inputOut = (network: Network, preds: readonly number[], i: Index): Expr =>
  preds.every((j) => network.nodes[j]!.layer === 0) ? b.sym("x", i) : y(i);

/** Whether every node of the layer is fed by the same nodes, so that one matrix holds its weights. */
export const denseLayer = (network: Network, layer: Layer): boolean => {
  const first = network.nodes[layer.nodes[0]!]!.preds;
  return layer.nodes.every((k) => {
    const p = network.nodes[k]!.preds;
    return p === first || (p.length === first.length && p.every((j, i) => j === first[i]));
  });
};

/** y_k in terms of net: f(net_k), or softmax's quotient over its layer. */
export function outputOf(layer: Layer, k: number): Expr {
  const a = layer.activation!;
  if (a.elementwise) return fn(layer.fn!, net(k));
  return expandSums(a.definition(b.node(k)), (s) => (s.kind === "layer" ? layer.nodes : undefined));
}

export function forwardSection(bd: Builder): { section: Section; forward: ReadonlyMap<number, Forward> } {
  const network = bd.network;
  const blocks: Block[] = [];
  const layerOfNode = new Map<number, Layer>();
  for (const layer of nonInputLayers(network)) for (const n of layer.nodes) layerOfNode.set(n, layer);
  // Written when read: a network of 10^6 weights stores none of its sums.
  const forward = new LazyMap([...layerOfNode.keys()], (n): Forward => ({ net: netSum(network, n), y: outputOf(layerOfNode.get(n)!, n) }));
  for (const layer of nonInputLayers(network)) {
    const r = roles(network, layer);
    const a = layer.activation!;
    const role = bd.title(r.isOutput ? "role-output" : "role-hidden");
    // A softmax group may mix nodes with and without a bias: its net_k is written for each kind.
    const biased = biasedNodes(network, layer);
    const mixed = biased.length > 0 && !layer.bias;
    const unbiased = layer.nodes.filter((n) => !network.nodes[n]!.bias);
    // The layer's activation letter (f, g, ...) is introduced here, before any formula uses it.
    const written = a.elementwise ? message(bd.lang, "written-as", { fn: b.sym(layer.fn!) }) : "";
    // A pooling layer is said first: the layer's sentence runs on into its equations.
    if (layer.combine !== "weighted")
      blocks.push(
        bd.text(layer.combine === "max" ? "p-forward-max" : "p-forward-average", {
          layer: layer.index,
          nodes: nodesPhrase(bd, layer.nodes),
        }),
      );
    blocks.push(
      bd.text(network.plain ? "p-forward-layer" : "p-forward-layer-graph", {
        layer: layer.index,
        role,
        activation: activationName(a),
        written,
        self: b.indexValue(v(r.self)),
        pred: b.indexValue(v(r.pred)),
        ...(network.plain
          ? {}
          : {
              nodes: nodesPhrase(bd, layer.nodes),
              depth: layer.depth,
              nobias: layer.bias
                ? ""
                : mixed
                  ? message(bd.lang, "bias-only-at", { nodes: nodesPhrase(bd, biased) })
                  : bd.title("without-biases"),
            }),
      }),
    );
    const k = v(r.self);
    const netDef = (bias: boolean, over: readonly number[]) =>
      bd.step(
        net(k),
        netOfLayer(network, layer, k, r.pred, (i) => predOut(r, i), bias),
        "definition",
        "def-net",
        {
          relation: "define",
          forall: [{ index: r.self, set: nodesOf(over) }],
        },
      );
    const yk = a.elementwise ? fn(layer.fn!, net(k)) : a.definition(k);
    blocks.push(
      bd.steps([
        ...(mixed ? [netDef(true, biased), netDef(false, unbiased)] : [netDef(layer.bias, layer.nodes)]),
        bd.step(y(k), yk, "definition", "def-y", { relation: "define", forall: overLayer(r, layer) }),
      ]),
    );
    if (!a.elementwise) blocks.push(bd.text("p-softmax-forward", { y: y(k) }));
    blocks.push(bd.text("p-forward-nodes", {}, { show: "proof" }));
    const perNode = bd.perNode(
      layer.nodes,
      () => 2,
      (n, i) =>
        i === 0
          ? [net(n), netSum(network, n), "definition", "def-net", "define"]
          : [y(n), outputOf(layer, n), "definition", "def-y", "define"],
    );
    blocks.push(bd.steps(perNode, { enumeration: true, show: "proof" }));
    if (denseLayer(network, layer) && layer.combine === "weighted") {
      const W = b.matSym("W", layer.index);
      if (mixed) blocks.push(bd.text("p-forward-matrix-somebias", { W, nodes: nodesPhrase(bd, unbiased) }));
      else blocks.push(bd.text(layer.bias ? "p-forward-matrix" : "p-forward-matrix-nobias", { W }));
      // The notes show the layer's equation, y = f(W x); the proof spells out W and x too (W as
      // large as the layer's weights: written when read).
      blocks.push(
        bd.steps(
          bd.deferred(4, (sub) => matrixForm(sub, layer)),
          { notesRows: 1 },
        ),
      );
    } else if (layer.combine === "weighted") blocks.push(bd.text("p-forward-no-matrix"));
  }
  blocks.push(bd.text("p-loss", { t: t(v("k")) }));
  blocks.push(bd.steps(lossSteps(bd)));
  blocks.push(lossNote(bd));
  return { section: { id: "forward", title: bd.title("sec-forward"), blocks }, forward };
}

function matrixForm(bd: Builder, layer: Layer): ReturnType<Builder["step"]>[] {
  const network = bd.network;
  const preds = network.nodes[layer.nodes[0]!]!.preds;
  const xVec = b.vecSym("x", [], layer.index);
  const W = b.matSym("W", layer.index);
  const yVec = b.vecSym("y", [], layer.index);
  // A column of biases where any node has one; a node without a bias has 0 there.
  const bias = layer.nodes.some((k) => network.nodes[k]!.bias);
  const rows = layer.nodes.map((k) => [
    ...network.nodes[k]!.preds.map((j) => w(k, j)),
    ...(bias ? [network.nodes[k]!.bias ? wb(k) : b.ZERO] : []),
  ]);
  const fName = layer.activation!.elementwise ? layer.fn! : "softmax";
  return [
    bd.step(yVec, b.call(fName, [b.matmul(W, xVec)]), "notation", "matrix-form", { relation: "eq" }),
    bd.step(W, b.matrix(rows), "notation", "matrix-form", { relation: "define" }),
    bd.step(
      xVec,
      b.column([...preds.map((j) => out(network, j)), ...(bias ? [b.ONE] : [])]),
      "notation",
      bias ? "def-augmented" : "def-layer-input",
      { relation: "define" },
    ),
    bd.step(yVec, b.column(layer.nodes.map((k) => y(k))), "notation", "def-y", { relation: "define" }),
  ];
}

function lossSteps(bd: Builder): ReturnType<Builder["step"]>[] {
  const network = bd.network;
  const loss = network.loss;
  const k = v("k");
  const indexForm = b.mul(b.num(loss.scale), b.sum("k", { kind: "outputs" }, loss.term(y(k), t(k))));
  const written = b.mul(b.num(loss.scale), b.add(...network.outputs.map((n) => loss.term(y(n), t(n)))));
  return [
    bd.step(E, indexForm, "definition", "def-loss", { relation: "define" }),
    bd.step(E, written, "definition", "def-loss-written", { continues: true }),
  ];
}

/** What the loss is, in a sentence: why the 1/2, or the form cross-entropy is computed in. */
function lossNote(bd: Builder): Block {
  const network = bd.network;
  const loss = network.loss;
  switch (loss.id) {
    case "mse":
      return bd.text("p-loss-mse");
    case "sse":
      return bd.text("p-loss-sse");
    case "binary-cross-entropy":
      return bd.text("p-loss-bce");
    case "cross-entropy": {
      const outs = outputLayers(network);
      // ln-sum-exp over the outputs holds when they are one softmax group.
      if (outs.length !== 1 || outs[0]!.activation!.elementwise || outs[0]!.feeds) return bd.text("p-loss-ce-plain");
      // E = ln sum_l e^{net_l} - sum_k t_k net_k, when sum_k t_k = 1.
      const k = v("k");
      const l = v("l");
      const lse = b.sub(
        b.call("ln", [b.sum("l", { kind: "outputs" }, b.call("exp", [net(l)]))]),
        b.sum("k", { kind: "outputs" }, b.mul(t(k), net(k))),
      );
      return bd.text("p-loss-ce", { lse: b.rawAdd(...(lse.kind === "add" ? lse.terms : [lse])) });
    }
    default:
      return bd.text("p-loss-custom");
  }
}
