// The summary that opens the notes: the algorithm in four steps (forward pass, output error
// terms, hidden error terms backwards, updates) and the four equations of backpropagation
// (BP1-BP4), specialised to the network's activations and loss, in index form (steps that the
// checker tests like any other) and layer by layer in matrix form.
import * as b from "../../expr/build.js";
import { key } from "../../expr/key.js";
import type { Expr, Index } from "../../expr/types.js";
import type { Layer, Network } from "../../network/graph.js";
import { nodesOf, type Builder } from "../builder.js";
import type { Block, ForAll, Section, Step } from "../proof.js";
import { dE, delta, ETA, fn, net, t, w, wb, x, y } from "../symbols.js";
import { hiddenLayers, nonInputLayers, outputLayers, v } from "./roles.js";

const deltaVec = (l: number): Expr => b.vecSym("delta", [], l);
const netVec = (l: number): Expr => b.vecSym("net", [], l);
const xVec = (l: number): Expr => b.vecSym("x", [], l);
const Wbar = (l: number): Expr => b.matSym("Wbar", l);
const W = (l: number): Expr => b.matSym("W", l);

/**
 * An index-form error term of node `self` of layer l as a vector identity: quantities of node
 * `self` become the layer's vectors, products of them entrywise products, and the sum over the
 * downstream nodes the transposed weights of layer l + 1 times its error vector. Undefined for
 * what has no entrywise reading (softmax's sums over the layer, derivative symbols).
 */
export function vectorise(e: Expr, self: string, l: number, back: Expr = plainBack(l)): Expr | undefined {
  const go = (c: Expr): Expr | undefined => vectorise(c, self, l, back);
  const isSelf = (i: Index | undefined): boolean => i?.kind === "var" && i.name === self;
  switch (e.kind) {
    case "num":
      return e;
    case "sym":
      return e.idx.length === 1 && isSelf(e.idx[0]) ? b.vecSym(e.name, [], l) : undefined;
    case "add": {
      const terms = e.terms.map(go);
      return terms.every((t) => t !== undefined) ? b.rawAdd(...(terms as Expr[])) : undefined;
    }
    case "mul": {
      const coefficient = e.factors.filter((f) => f.kind === "num");
      const rest = e.factors.filter((f) => f.kind !== "num").map(go);
      if (rest.some((f) => f === undefined) || rest.length === 0) return undefined;
      const body = rest.length === 1 ? rest[0]! : b.hadamard(...(rest as Expr[]));
      return coefficient.length === 0 ? body : b.rawMul(...coefficient, body);
    }
    case "pow": {
      // y^2 entrywise is y ⊙ y; other powers have no plain entrywise spelling here.
      const base = go(e.base);
      if (base === undefined || e.exp.kind !== "num" || !Number.isInteger(e.exp.value) || e.exp.value < 2 || e.exp.value > 3)
        return undefined;
      return b.hadamard(...Array.from({ length: e.exp.value }, () => base));
    }
    case "call": {
      const args = e.args.map(go);
      return args.every((a) => a !== undefined) ? b.call(e.fn, args as Expr[], e.order) : undefined;
    }
    case "iverson": {
      const lhs = go(e.lhs);
      const rhs = go(e.rhs);
      return lhs !== undefined && rhs !== undefined ? b.iverson(e.rel, lhs, rhs) : undefined;
    }
    case "sum": {
      // sum_{k in downstream(j)} delta_k w_kj = (Wbar^{(l+1)})^T delta^{(l+1)}
      const body = e.body;
      const ok =
        e.set.kind === "downstream" &&
        isSelf(e.set.of) &&
        body.kind === "mul" &&
        body.factors.length === 2 &&
        body.factors.some((f) => key(f) === key(delta(v(e.index)))) &&
        body.factors.some((f) => key(f) === key(w(v(e.index), v(self))));
      return ok ? back : undefined;
    }
    default:
      return undefined;
  }
}

/** sum_{k in downstream(j)} delta_k w_kj for a layer of consecutive layers: (Wbar^{(l+1)})^T delta^{(l+1)}. */
const plainBack = (l: number | "l"): Expr =>
  l === "l"
    ? b.matmul(b.transpose(b.matSym("Wbar", "l + 1")), b.vecSym("delta", [], "l + 1"))
    : b.matmul(b.transpose(Wbar(l + 1)), deltaVec(l + 1));

/**
 * The same sum where every pair of layers is joined fully or not at all: one block of weights
 * per later layer m that layer l feeds, sum_m (Wbar^{(m,l)})^T delta^{(m)}.
 */
const blockBack = (network: Network, layer: Layer): Expr => {
  const later = [...new Set(layer.nodes.flatMap((n) => network.nodes[n]!.downstream.map((m) => network.nodes[m]!.layer)))].sort(
    (a, c) => a - c,
  );
  return b.rawAdd(...later.map((m) => b.matmul(b.transpose(b.blockSym("Wbar", m, layer.index)), deltaVec(m))));
};

/**
 * Whether the matrix form holds beyond consecutive layers: every layer reads whole layers only
 * (every node of layer l is fed by every node of each layer that feeds l, and all nodes of l by
 * the same layers), every node has a bias, and no output feeds other nodes.
 */
export function blockDense(network: Network): boolean {
  return nonInputLayers(network).every((layer) => {
    if (layer.feeds || !layer.bias) return false;
    const first = network.nodes[layer.nodes[0]!]!.preds;
    const groups = [...new Set(first.map((j) => network.nodes[j]!.layer))];
    const whole = groups.flatMap((g) => network.layers[g]!.nodes).sort((a, c) => a - c);
    return layer.nodes.every((k) => {
      const p = network.nodes[k]!.preds;
      return p.length === whole.length && p.every((j, i) => j === whole[i]);
    });
  });
}

/** The generic matrix form of a layer's error terms, for what vectorise cannot spell. */
function genericMatrix(layer: Layer, back: Expr): Expr {
  const l = layer.index;
  const a = layer.activation!;
  if (layer.role === "output") {
    return a.elementwise
      ? b.hadamard(dE(b.vecSym("y", [], l)), fn(layer.fn!, netVec(l), 1))
      : b.matmul(b.transpose(b.deriv(b.vecSym("y", [], l), netVec(l))), dE(b.vecSym("y", [], l)));
  }
  return a.elementwise
    ? b.hadamard(back, fn(layer.fn!, netVec(l), 1))
    : b.matmul(b.transpose(b.deriv(b.vecSym("y", [], l), netVec(l))), back);
}

export interface SummaryInput {
  /** The specialised error term of each non-input layer in index form (k output, j hidden). */
  readonly indexForm: ReadonlyMap<number, Expr>;
}

export function summarySection(bd: Builder, input: SummaryInput): Section {
  const network = bd.network;
  const k = v("k");
  const j = v("j");
  const i = v("i");
  // Layers with one and the same error term share one equation.
  const sameForm = (layers: readonly Layer[]): { layers: Layer[]; form: Expr }[] => {
    const groups: { layers: Layer[]; form: Expr }[] = [];
    for (const layer of layers) {
      const form = input.indexForm.get(layer.index)!;
      const same = groups.find((g) => key(g.form) === key(form));
      if (same) same.layers.push(layer);
      else groups.push({ layers: [layer], form });
    }
    return groups;
  };
  const outs = sameForm(outputLayers(network));
  const groups = sameForm(hiddenLayers(network));
  const bp1 = outs[0]!.form;
  const all = nonInputLayers(network)
    .filter((l) => l.combine === "weighted")
    .flatMap((l) => l.nodes);
  const biased = all.filter((n) => network.nodes[n]!.bias);
  const overKJ: ForAll[] = [
    { index: "k", set: nodesOf(all) },
    { index: "j", set: { kind: "preds", of: k } },
  ];
  const ref = (name: string, tag: string) => ({ ref: name, text: `(${tag})` });
  const bp1Tag = (n: number): string => (outs.length === 1 ? "BP1" : `BP1.${n + 1}`);
  const bp2Tag = (n: number): string => (groups.length === 1 ? "BP2" : `BP2.${n + 1}`);

  const index: Step[] = [
    ...outs.map((g, n) =>
      bd.step(delta(k), g.form, "substitution", "bp1", {
        forall: [{ index: "k", set: nodesOf(g.layers.flatMap((l) => l.nodes)) }],
        anchor: n === 0 ? "bp1" : `bp1-${n + 1}`,
        tag: bp1Tag(n),
      }),
    ),
    ...groups.map((g, n) =>
      bd.step(delta(j), g.form, "substitution", "bp2", {
        forall: [{ index: "j", set: nodesOf(g.layers.flatMap((l) => l.nodes)) }],
        anchor: n === 0 ? "bp2" : `bp2-${n + 1}`,
        tag: bp2Tag(n),
      }),
    ),
    bd.step(dE(w(k, j)), b.mul(delta(k), y(j)), "substitution", "bp3", { forall: overKJ, anchor: "bp3", tag: "BP3" }),
    ...(biased.length === 0
      ? []
      : [
          bd.step(dE(wb(k)), delta(k), "substitution", "bp4", {
            forall: [{ index: "k", set: nodesOf(biased) }],
            anchor: "bp4",
            tag: "BP4",
          }),
        ]),
  ];
  const matrix: Step[] = [];
  // Consecutive layers, or whole layers joined by blocks of weights: a matrix form exists.
  const byBlocks = !network.plain && blockDense(network);
  const hasMatrix = network.plain || byBlocks;
  for (const layer of hasMatrix ? [...nonInputLayers(network)].reverse() : []) {
    const l = layer.index;
    const self = layer.role === "output" ? "k" : "j";
    const form = input.indexForm.get(l)!;
    const back = layer.role === "output" ? plainBack(l) : network.plain ? plainBack(l) : blockBack(network, layer);
    matrix.push(bd.step(deltaVec(l), vectorise(form, self, l, back) ?? genericMatrix(layer, back), "substitution", "bp-matrix"));
  }
  for (const layer of hasMatrix ? nonInputLayers(network) : []) {
    const l = layer.index;
    matrix.push(bd.step(dE(W(l)), b.matmul(deltaVec(l), b.transpose(xVec(l))), "substitution", "bp-matrix"));
  }

  const blocks: Block[] = [bd.text("p-summary-intro", { yk: y(k), tk: t(k) })];
  const weighted = b.sum("j", { kind: "preds", of: k }, b.mul(w(k, j), y(j)));
  const netdef = biased.length === 0 ? weighted : b.add(weighted, wb(k));
  blocks.push(
    bd.text(
      network.plain ? "alg-forward" : biased.length === all.length || biased.length === 0 ? "alg-forward-graph" : "alg-forward-graph-bias",
      { net: net(k), netdef, y: y(k), ydef: fn("f", net(k)), f: b.sym("f"), yi: y(i), xi: x(i) },
      { layout: "item" },
    ),
  );
  const pools = new Set(nonInputLayers(network).flatMap((l) => (l.combine === "weighted" ? [] : [l.combine])));
  if (pools.size > 0) {
    const kind = pools.size === 2 ? "alg-pool-both" : pools.has("max") ? "alg-pool-max" : "alg-pool-average";
    const max = b.max("j", { kind: "preds", of: k }, y(j));
    const mean = b.sum("j", { kind: "preds", of: k }, y(j));
    blocks.push(bd.text(kind, { net: net(k), max, mean }, { layout: "item" }));
  }
  if (outs.length === 1)
    blocks.push(
      bd.text(network.plain ? "alg-output" : "alg-output-graph", { d: delta(k), bp1, ref: ref("bp1", "BP1") }, { layout: "item" }),
    );
  else blocks.push(bd.text("alg-output-mixed", { ref: ref("bp1", "BP1.1") }, { layout: "item" }));
  if (groups.length === 1)
    blocks.push(
      bd.text(
        network.plain ? "alg-hidden" : "alg-hidden-graph",
        { d: delta(j), bp2: groups[0]!.form, ref: ref("bp2", "BP2") },
        { layout: "item" },
      ),
    );
  else if (groups.length > 1) blocks.push(bd.text("alg-hidden-mixed", { ref: ref("bp2", "BP2.1") }, { layout: "item" }));
  blocks.push(
    bd.text(
      "alg-update",
      {
        eta: ETA,
        w: w(k, j),
        wupd: b.sub(w(k, j), b.mul(ETA, delta(k), y(j))),
        wb: wb(k),
        wbupd: b.sub(wb(k), b.mul(ETA, delta(k))),
        ref3: ref("bp3", "BP3"),
        ref4: ref("bp4", "BP4"),
      },
      { layout: "item" },
    ),
  );
  if (network.tied.length > 0) blocks.push(bd.text("alg-tied", { theta: b.sym("theta") }, { layout: "item" }));
  blocks.push(bd.text("p-bp-index", { yj: y(j), xj: x(j) }), bd.steps(index));
  if (network.plain) {
    blocks.push(
      bd.text("p-bp-matrix", {
        delta: b.vecSym("delta", [], "l"),
        Wbar: b.matSym("Wbar", "l"),
        x: b.vecSym("x", [], "l"),
        W: b.matSym("W", "l"),
      }),
      bd.steps(matrix),
    );
    // Where (BP2) and (BP4) exist, the matrix form is derived from them in a paragraph.
    if (groups.length > 0 && biased.length > 0)
      blocks.push(
        bd.text("p-bp-matrix-why", {
          back: plainBack("l"),
          sum: b.sum("k", { kind: "downstream", of: j }, b.mul(delta(k), w(k, j))),
          entry: "k, j",
          outer: b.matmul(b.vecSym("delta", [], "l"), b.transpose(b.vecSym("x", [], "l"))),
          dkyj: b.mul(delta(k), y(j)),
          dk: delta(k),
        }),
      );
  } else if (byBlocks) {
    // The example block: from the first hidden layer (or the inputs' first reader) to the first layer it feeds.
    const from = network.layers[1]!;
    const to = network.nodes[network.nodes[from.nodes[0]!]!.downstream[0] ?? from.nodes[0]!]!.layer;
    const example = b.blockSym("Wbar", to, from.index);
    blocks.push(
      bd.text("p-bp-matrix-blocks", {
        delta: b.vecSym("delta", [], "l"),
        example,
        from: from.index,
        to,
        x: b.vecSym("x", [], "l"),
        W: b.matSym("W", "l"),
      }),
      bd.steps(matrix),
    );
  } else if (network.spec.recurrent === undefined) blocks.push(bd.text("p-bp-matrix-graph"));
  // (A recurrent network's summary closes with its matrix form over time instead: recurrent-summary.ts.)
  return { id: "summary", title: bd.title("sec-summary"), blocks, part: "summary" };
}
