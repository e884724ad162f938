// The matrix form: the node-by-node results of the output and hidden sections, stacked layer by
// layer into the identities that implementations use. Every identity is derived entry by entry
// from the index form (each link names the rule that justifies it), and is followed by its
// scalar instances, so that a numeric checker can test the matrix steps through their entries:
// - error vectors: an enumeration block with the entry of every node (delta_n = ...), whose size
//   is the layer's width;
// - gradients and updates: index-form steps with forall (k in the layer, j in pred(k)), which a
//   checker binds like any other index-form step; written out, they would be one step per weight.
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import { expandSums } from "../../expr/walk.js";
import type { Layer, Network } from "../../network/graph.js";
import { resolveSet } from "../../network/sets.js";
import type { Builder } from "../builder.js";
import type { Block, Section, Step } from "../proof.js";
import { dE, delta, ETA, fn, net, w, wb, y } from "../symbols.js";
import { hiddenDelta } from "./backward.js";
import { blockDense } from "./summary.js";
import { nonInputLayers, overEdges, overLayer, predOut, roles, v } from "./roles.js";

const netVec = (l: number): Expr => b.vecSym("net", [], l);
const yVec = (l: number): Expr => b.vecSym("y", [], l);
const deltaVec = (l: number): Expr => b.vecSym("delta", [], l);
/** The augmented input of layer l, named as in the forward section: \vec{x} for l = 1. */
const xVec = (l: number): Expr => b.vecSym("x", [], l);
const W = (l: number): Expr => b.matSym("W", l);
const Wbar = (l: number): Expr => b.matSym("Wbar", l);
const biasVec = (l: number): Expr => b.vecSym("w", [b.ivar("b")], l);

export function matrixSection(bd: Builder): Section {
  const network = bd.network;
  // Beyond the seed's consecutive dense layers, the error terms of a node come from several
  // layers (or from some nodes of one): the node-by-node form is the form.
  if (!network.plain)
    return {
      id: "matrix",
      title: bd.title("sec-matrix"),
      blocks: [bd.text(blockDense(network) ? "p-matrix-blocks" : "p-matrix-graph")],
      show: "proof",
    };
  const layers = nonInputLayers(network);
  const L = layers.length;
  const blocks: Block[] = [
    bd.text("p-matrix-intro", {
      net: b.vecSym("net", [], "l"),
      y: b.vecSym("y", [], "l"),
      delta: b.vecSym("delta", [], "l"),
      y0: yVec(0),
      x: b.vecSym("x", [], "l"),
      W: b.matSym("W", "l"),
    }),
    bd.text("p-matrix-split"),
    bd.steps(
      layers.flatMap((layer) => {
        const l = layer.index;
        return [
          bd.step(W(l), b.matrix([[Wbar(l), biasVec(l)]]), "notation", "mx-split"),
          ...bd.chain(netVec(l), [
            [b.matmul(W(l), xVec(l)), "notation", "mx-net"],
            [b.add(b.matmul(Wbar(l), yVec(l - 1)), biasVec(l)), "linearity", "mx-block-product"],
          ]),
        ];
      }),
    ),
  ];
  blocks.push(...outputBlocks(bd, layers[L - 1]!));
  for (let i = L - 2; i >= 0; i--) blocks.push(...hiddenBlocks(bd, layers[i]!, layers[i + 1]!));
  for (const layer of layers) blocks.push(...gradientBlocks(bd, layer));
  // The notes give the matrix form of the four equations in their summary instead.
  return { id: "matrix", title: bd.title("sec-matrix"), blocks, show: "proof" };
}

const column = (layer: Layer, entry: (n: number) => Expr): Expr => b.column(layer.nodes.map(entry));

/** delta_n = (entry n of the identity), one step per node of the layer, written when read. */
function components(bd: Builder, layer: Layer, entry: (n: number) => Expr): Block[] {
  const steps = bd.perNode(
    layer.nodes,
    () => 1,
    (n) => [delta(n), entry(n), "substitution", "mx-entry"],
  );
  return [bd.text("p-matrix-components"), bd.steps(steps, true)];
}

/** A chain of four lines whose formulas are as large as the layer (its weights, its Jacobian): written when read. */
const deferredChain = (bd: Builder, chain: (sub: Builder) => Step[]): Block => bd.steps(bd.deferred(4, chain));

function outputBlocks(bd: Builder, layer: Layer): Block[] {
  const l = layer.index;
  const f = layer.fn!;
  const stack = column(layer, (n) => delta(n));
  if (layer.activation!.elementwise) {
    // delta_k = dE/dy_k f'(net_k): an entrywise product of two vectors.
    const entry = (n: number): Expr => b.mul(dE(y(n)), fn(f, net(n), 1));
    const steps = deferredChain(bd, (sub) =>
      sub.chain(deltaVec(l), [
        [stack, "definition", "mx-stack"],
        [column(layer, entry), "substitution", "mx-from-index"],
        [
          b.hadamard(
            column(layer, (n) => dE(y(n))),
            column(layer, (n) => fn(f, net(n), 1)),
          ),
          "notation",
          "mx-hadamard",
        ],
        [b.hadamard(dE(yVec(l)), fn(f, netVec(l), 1)), "notation", "mx-vectorise"],
      ]),
    );
    return [bd.text("p-matrix-output"), steps, ...components(bd, layer, entry)];
  }
  // Softmax: delta_k = sum_i dE/dy_i dy_i/dnet_k, row k of J^T times the gradient of E.
  const entry = (k: number): Expr => b.add(...layer.nodes.map((i) => b.mul(dE(y(i)), b.deriv(y(i), net(k)))));
  const jacobianT = (): Expr => b.matrix(layer.nodes.map((k) => layer.nodes.map((i) => b.deriv(y(i), net(k)))));
  const steps = deferredChain(bd, (sub) =>
    sub.chain(deltaVec(l), [
      [stack, "definition", "mx-stack"],
      [column(layer, entry), "substitution", "mx-from-index"],
      [
        b.matmul(
          jacobianT(),
          column(layer, (i) => dE(y(i))),
        ),
        "linearity",
        "mx-matvec",
      ],
      [b.matmul(b.transpose(b.deriv(yVec(l), netVec(l))), dE(yVec(l))), "notation", "mx-jacobian"],
    ]),
  );
  return [bd.text("p-matrix-output"), bd.text("p-matrix-output-softmax"), steps, ...components(bd, layer, entry)];
}

function hiddenBlocks(bd: Builder, layer: Layer, next: Layer): Block[] {
  const network: Network = bd.network;
  const l = layer.index;
  const m = next.index;
  const f = layer.fn!;
  // Row j of the transposed bias-free weight matrix: the weights w_kj out of node j. It and the
  // other formulas as large as the layer's weights are made only when the chain is read.
  const weightsT = (): Expr => b.matrix(layer.nodes.map((j) => next.nodes.map((k) => w(k, j))));
  const nextDeltas = column(next, (k) => delta(k));
  const backSum = (j: number): Expr => b.add(...next.nodes.map((k) => b.mul(w(k, j), delta(k))));
  const fromIndex = (): Expr => column(layer, (j) => expandSums(hiddenDelta(network, layer, b.node(j)), (s) => resolveSet(network, s)));
  const stack = column(layer, (j) => delta(j));
  const head = bd.text("p-matrix-hidden", { layer: l, next: m, W: W(m) });
  if (layer.activation!.elementwise) {
    const entry = (j: number): Expr => b.mul(backSum(j), fn(f, net(j), 1));
    const steps = deferredChain(bd, (sub) =>
      sub.chain(deltaVec(l), [
        [stack, "definition", "mx-stack"],
        [fromIndex(), "substitution", "mx-from-index"],
        [
          b.hadamard(
            b.matmul(weightsT(), nextDeltas),
            column(layer, (j) => fn(f, net(j), 1)),
          ),
          "linearity",
          "mx-matvec-w",
        ],
        [b.hadamard(b.matmul(b.transpose(Wbar(m)), deltaVec(m)), fn(f, netVec(l), 1)), "notation", "mx-transpose"],
      ]),
    );
    return [head, steps, ...components(bd, layer, entry)];
  }
  // A softmax hidden layer: the transposed Jacobian of the layer, then the weights.
  const jacobianT = (): Expr => b.matrix(layer.nodes.map((j) => layer.nodes.map((q) => b.deriv(y(q), net(j)))));
  const entry = (j: number): Expr => b.add(...layer.nodes.map((q) => b.mul(b.deriv(y(q), net(j)), backSum(q))));
  const steps = deferredChain(bd, (sub) =>
    sub.chain(deltaVec(l), [
      [stack, "definition", "mx-stack"],
      [fromIndex(), "substitution", "mx-from-index"],
      [b.matmul(jacobianT(), weightsT(), nextDeltas), "linearity", "mx-matvec-w"],
      [b.matmul(b.transpose(b.deriv(yVec(l), netVec(l))), b.transpose(Wbar(m)), deltaVec(m)), "notation", "mx-transpose"],
    ]),
  );
  return [head, steps, ...components(bd, layer, entry)];
}

function gradientBlocks(bd: Builder, layer: Layer): Block[] {
  const network = bd.network;
  const l = layer.index;
  const r = roles(network, layer);
  const s = v(r.self);
  const p = v(r.pred);
  const outer = b.matmul(deltaVec(l), b.transpose(xVec(l)));
  const gradient = bd.chain(dE(W(l)), [
    [outer, "chain-rule", "mx-outer"],
    [b.matrix([[b.matmul(deltaVec(l), b.transpose(yVec(l - 1))), deltaVec(l)]]), "notation", "mx-block-gradient"],
  ]);
  const entries = [
    bd.step(dE(w(s, p)), b.mul(delta(s), predOut(r, p)), "chain-rule", "mx-entry-chain", { forall: overEdges(r, layer) }),
    bd.step(dE(wb(s)), delta(s), "chain-rule", "mx-entry-chain", { forall: overLayer(r, layer) }),
  ];
  const update = [
    bd.step(W(l), b.sub(W(l), b.mul(ETA, dE(W(l)))), "gradient-descent", "update-rule", { relation: "update" }),
    bd.step(W(l), b.sub(W(l), b.mul(ETA, outer)), "substitution", "mx-update", { continues: true }),
  ];
  const updateEntries = [
    bd.step(w(s, p), b.sub(w(s, p), b.mul(ETA, delta(s), predOut(r, p))), "gradient-descent", "update-rule", {
      relation: "update",
      forall: overEdges(r, layer),
    }),
    bd.step(wb(s), b.sub(wb(s), b.mul(ETA, delta(s))), "gradient-descent", "update-rule", {
      relation: "update",
      forall: overLayer(r, layer),
    }),
  ];
  return [
    bd.text("p-matrix-gradient", { layer: l, W: W(l), entry: `${r.self}, ${r.pred}`, dkyj: b.mul(delta(s), predOut(r, p)) }),
    bd.steps(gradient),
    bd.text("p-matrix-gradient-entries"),
    bd.steps(entries),
    bd.text("p-matrix-update"),
    bd.steps(update),
    bd.steps(updateEntries),
  ];
}
