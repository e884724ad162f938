// The matrix form of the code model, for a chain of dense layers with biases whose hidden
// activations act elementwise: per layer l, net^(l) = W^(l) y^(l-1) + b^(l), y^(l) = f(net^(l)),
// (BP1) the output δ from the printed per-node formula written over the layer's vectors,
// (BP2) δ^(l) = f'(net^(l)) ⊙ (W^(l+1))^T δ^(l+1), (BP3) ∂E/∂W^(l) = δ^(l) (y^(l-1))^T,
// (BP4) ∂E/∂b^(l) = δ^(l). Vectors are named as the notes' layers: x (the inputs), net1, y1,
// delta1, W1, b1, t (the targets).
import * as b from "../../expr/build.js";
import { equal } from "../../expr/key.js";
import { mapChildren } from "../../expr/walk.js";
import type { Expr } from "../../expr/types.js";
import type { Proof } from "../../derive/proof.js";
import type { Network } from "../../network/graph.js";
import { reductionOf } from "../../network/batch.js";
import type { Reduction } from "../../network/spec.js";
import type { FunctionDef } from "./model.js";
import { ARG } from "./model.js";
import { refsOf, type Ref, type Refs } from "./refs.js";
import { type StableOutput, stableLoss, stableOutput } from "./stable.js";

export interface MatrixLayer {
  /** 1 for the first layer after the inputs. */
  readonly l: number;
  readonly nodes: readonly number[];
  /** The nodes it reads: the layer before. */
  readonly from: readonly number[];
  /** Its activation's letter (f, g), or softmax. */
  readonly fn: string;
  readonly softmax: boolean;
  /** f'(net^(l)) over the vectors net<l> and y<l> (hidden layers). */
  readonly derivative?: Expr;
  readonly refs: { readonly net?: Ref; readonly y?: Ref; readonly delta?: Ref; readonly weight?: Ref; readonly bias?: Ref };
}

export interface MatrixModel {
  readonly form: "matrix";
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly layers: readonly MatrixLayer[];
  readonly functions: readonly FunctionDef[];
  /** The output whose logarithm the loss reads from its net (log_y, log_1_y: stable.ts). */
  readonly stable: StableOutput | undefined;
  /** E over the vectors y<L> and t: scale times the sum of `term`. */
  readonly loss: { readonly scale: number; readonly term: Expr; readonly ref?: Ref };
  /** The output layer's δ over its vectors, or, where it is not one formula, node by node over its entries. */
  readonly outputDelta: { readonly vector: Expr } | { readonly entries: readonly Expr[] };
  readonly update?: Ref;
  readonly reduction: Reduction;
}

/** The vector of a quantity of layer l: x, net1, y1, delta1, t. */
export const vectorName = (q: string, l: number): string => (q === "t" ? "t" : q === "y" && l === 0 ? "x" : `${q}${l}`);

/** Whether a network takes the matrix form: dense consecutive layers with biases, hidden activations elementwise. */
export function isMatrixForm(network: Network): boolean {
  if (!network.plain || network.tied.length > 0 || network.spec.form !== "layers") return false;
  const layers = network.layers.slice(1);
  return (
    layers.every((l, i) => l.bias && (i === layers.length - 1 || l.activation?.elementwise === true)) && layers.at(-1)?.role === "output"
  );
}

/** A formula of one node of layer l written over the layer's vectors, or undefined if it reads other nodes. */
function overLayer(e: Expr, k: number, l: number): Expr | undefined {
  let foreign = false;
  const walk = (x: Expr): Expr => {
    if (x.kind === "sym" && x.idx.length === 1 && x.idx[0]!.kind === "node") {
      if (x.idx[0]!.n !== k) foreign = true;
      return b.sym(vectorName(x.name === "x" ? "y" : x.name, x.name === "x" ? 0 : l));
    }
    return mapChildren(x, walk);
  };
  const out = walk(e);
  return foreign ? undefined : out;
}

/** A formula over layer l's vectors at node k: the vectors' entries k. */
function atNode(e: Expr, k: number, l: number): Expr {
  const names = new Map(["net", "y", "delta", "t"].map((q) => [vectorName(q, l), q]));
  const walk = (x: Expr): Expr => {
    if (x.kind === "sym" && x.idx.length === 0 && names.has(x.name)) return b.sym(names.get(x.name)!, b.node(k));
    return mapChildren(x, walk);
  };
  return walk(e);
}

export function matrixModel(proof: Proof, refs: Refs = refsOf(proof)): MatrixModel {
  const network = proof.network;
  const all = network.layers;
  const L = all.length - 1;
  const layers = all.slice(1).map((layer, i): MatrixLayer => {
    const l = i + 1;
    const a = layer.activation!;
    const k = layer.nodes[0]!;
    // The index form's tag (BP1) with the matrix form's equation of the layer, where the notes have one.
    const both = (tag: Ref | undefined, vector: Ref | undefined): Ref | undefined =>
      tag === undefined || vector === undefined ? (vector ?? tag) : { number: `${tag.number}, ${vector.number}`, text: vector.text };
    const r = {
      net: refs.of({ kind: "net", node: k }),
      y: refs.of({ kind: "vector-y", layer: l }) ?? refs.of({ kind: "y", node: k }),
      delta: both(refs.of({ kind: "delta", node: k }), refs.of({ kind: "vector-delta", layer: l })),
      weight: both(refs.of({ kind: "gradient", node: k, bias: false }), refs.of({ kind: "matrix-gradient", layer: l })),
      bias: refs.of({ kind: "gradient", node: k, bias: true }),
    };
    const derivative = l < L && a.elementwise ? a.derivative(b.sym(vectorName("net", l)), b.sym(vectorName("y", l))) : undefined;
    return {
      l,
      nodes: layer.nodes,
      from: all[i]!.nodes,
      fn: a.elementwise ? layer.fn! : "softmax",
      softmax: !a.elementwise,
      ...(derivative === undefined ? {} : { derivative }),
      refs: Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)),
    };
  });
  const out = all[L]!.nodes;
  const deltas = out.map((k) => proof.results.delta.get(k)!);
  const vector = overLayer(deltas[0]!, out[0]!, L);
  const fits = vector !== undefined && out.every((k, i) => equal(atNode(vector, k, L), deltas[i]!));
  const lossRef = refs.of({ kind: "E" });
  const update = refs.of({ kind: "update", node: out[0]!, bias: false });
  return {
    form: "matrix",
    inputs: network.inputs,
    outputs: network.outputs,
    layers,
    functions: layerFunctions(network),
    stable: stableOutput(all[L]!.activation?.id),
    loss: {
      scale: network.loss.scale,
      term: stableLoss(
        network.loss.term(b.sym(vectorName("y", L)), b.sym("t")),
        b.sym(vectorName("y", L)),
        stableOutput(all[L]!.activation?.id),
      ),
      ...(lossRef ? { ref: lossRef } : {}),
    },
    outputDelta: fits ? { vector } : { entries: deltas },
    ...(update ? { update } : {}),
    reduction: reductionOf(network),
  };
}

/** The activation letters a chain of dense layers calls: f, g over x, for y = f(net) elementwise. */
export function layerFunctions(network: Network): FunctionDef[] {
  const out: FunctionDef[] = [];
  for (const layer of network.layers) {
    const a = layer.activation;
    if (a === undefined || !a.elementwise || layer.fn === undefined || out.some((f) => f.name === layer.fn)) continue;
    const nodes = network.layers.filter((l) => l.fn === layer.fn).flatMap((l) => l.nodes);
    out.push({ name: layer.fn, fn: layer.fn, order: 0, body: a.definition(ARG), nodes, title: a.title, id: a.id });
  }
  return out;
}
