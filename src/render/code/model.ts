// The one code model of a proof that every language prints: the forward pass, the loss, the
// backward pass (δ's, then gradients) and the update, as statements `name = formula`, each with
// the equation of the notes it implements. The formulas are the proof's own printed trees
// (forward definitions, E, the final δ's and gradients), never a second derivation.
//
// Two forms: `index`, node by node in number order (any topology: connections, graphs, ties,
// softmax groups), and `matrix`, one statement per layer (a chain of dense layers: W1, delta1).
// A front end with a form of its own (recurrent, convolutional) adds a form here and its
// printers next to these; the runners (params in, evaluate's JSON out) stay the same.
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import type { Proof } from "../../derive/proof.js";
import type { Network } from "../../network/graph.js";
import { nameOf } from "../../network/params.js";
import { reductionOf } from "../../network/batch.js";
import type { Reduction } from "../../network/spec.js";
import { refsOf, type Ref, type Refs } from "./refs.js";
import { nodeLogs, stableLoss, stableOutput, stableSoftmax } from "./stable.js";

export interface Statement {
  /** The notes' name of what it computes: net_4, delta_6, dE_dw_6_4, w_6_4. */
  readonly target: string;
  readonly value: Expr;
  readonly ref?: Ref;
}

/** An activation function the formulas call by its letter (f, g) or derivative (d_f). */
export interface FunctionDef {
  readonly name: string;
  readonly fn: string;
  readonly order: number;
  /** Its body over the argument `x`. */
  readonly body: Expr;
  /** The nodes it is the activation of, for its comment. */
  readonly nodes: readonly number[];
  /** What it is the activation of, where not nodes: "the hidden state h". */
  readonly of?: string;
  readonly title: string;
  /** The activation's id (sigmoid, softplus: written in a stable form, stable.ts). */
  readonly id?: string;
}

export interface CodeModel {
  readonly form: "index";
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  /** Non-input nodes, in number order: the keys of evaluate's `nodes`. */
  readonly nodes: readonly number[];
  /** Free parameters in network.params order: name, and evaluate's keys (to, from). */
  readonly params: readonly { readonly name: string; readonly to: number; readonly from: number | "b" }[];
  /** Tied edges: `name` takes the value of the parameter `of`. */
  readonly ties: readonly { readonly name: string; readonly of: string }[];
  readonly functions: readonly FunctionDef[];
  readonly forward: readonly Statement[];
  readonly loss: Statement;
  readonly backward: readonly Statement[];
  readonly gradients: readonly Statement[];
  readonly updates: readonly Statement[];
  readonly reduction: Reduction;
}

/** The argument of an activation function's body. */
export const ARG = b.sym("x");

/** The name of the gradient of a parameter: dE_dw_6_4 for ∂E/∂w_{64}. */
export const gradientName = (param: string): string => `dE_d${param}`;

/** Every call in an expression, as fn/order pairs. */
function calls(e: Expr, out: Map<string, { fn: string; order: number }>): void {
  if (e.kind === "call") out.set(`${e.order}:${e.fn}`, { fn: e.fn, order: e.order });
  switch (e.kind) {
    case "add":
      for (const t of e.terms) calls(t, out);
      break;
    case "mul":
      for (const t of e.factors) calls(t, out);
      break;
    case "pow":
      calls(e.base, out);
      calls(e.exp, out);
      break;
    case "call":
      for (const t of e.args) calls(t, out);
      break;
    case "iverson":
      calls(e.lhs, out);
      calls(e.rhs, out);
      break;
    default:
      break;
  }
}

/** The activation letters (f, g) the formulas call, with their bodies from the activation rules. */
function functionsOf(network: Network, used: readonly Expr[]): FunctionDef[] {
  const found = new Map<string, { fn: string; order: number }>();
  for (const e of used) calls(e, found);
  const out: FunctionDef[] = [];
  for (const layer of network.layers) {
    const a = layer.activation;
    if (a === undefined || !a.elementwise || layer.fn === undefined) continue;
    for (const order of [0, 1]) {
      const name = order === 0 ? layer.fn : `d_${layer.fn}`;
      if (!found.has(`${order}:${layer.fn}`) || out.some((f) => f.name === name)) continue;
      const body = order === 0 ? a.definition(ARG) : a.derivative(ARG, a.definition(ARG));
      const nodes = network.layers.filter((l) => l.fn === layer.fn).flatMap((l) => l.nodes);
      out.push({ name, fn: layer.fn, order, body, nodes, title: a.title, id: a.id });
    }
  }
  return out;
}

/** The index form: every node's statements in number order, a softmax group's y's after its last net. */
export function codeModel(proof: Proof, refs: Refs = refsOf(proof)): CodeModel {
  const network = proof.network;
  const forward: Statement[] = [];
  const pending = new Map<number, Statement[]>();
  const node = (k: number) => network.nodes[k]!;
  for (const [k, def] of [...proof.forward].sort((x, y) => x[0] - y[0])) {
    forward.push(stmt(`net_${k}`, def.net, refs.of({ kind: "net", node: k })));
    const layer = network.layers[node(k).layer]!;
    // A softmax node's output from the nets of its group without overflow (stable.ts).
    const nets = layer.nodes.map((j) => b.sym("net", b.node(j)));
    const yValue = layer.activation?.id === "softmax" ? stableSoftmax(b.sym("net", b.node(k)), nets) : def.y;
    const y = stmt(`y_${k}`, yValue, refs.of({ kind: "y", node: k }));
    if (layer.activation?.elementwise !== false) {
      forward.push(y);
      continue;
    }
    const last = Math.max(...layer.nodes);
    pending.set(last, [...(pending.get(last) ?? []), y]);
    if (k === last) forward.push(...(pending.get(last) ?? []));
  }
  // E as the notes write it out: scale times the sum of the outputs' terms.
  // ln y_k of a softmax or sigmoid output read from its net (stable.ts), as evaluate reads it.
  const terms = network.outputs.map((k) => {
    const y = b.sym("y", b.node(k));
    const layer = network.layers[node(k).layer]!;
    const stable = stableOutput(layer.activation?.id);
    const term = network.loss.term(y, b.sym("t", b.node(k)));
    if (stable === undefined) return term;
    const logs = nodeLogs(
      stable,
      b.sym("net", b.node(k)),
      layer.nodes.map((j) => b.sym("net", b.node(j))),
    );
    return stableLoss(term, y, stable, logs.logY, logs.log1mY);
  });
  const lossValue = b.mul(b.num(network.loss.scale), b.add(...terms));
  const loss = stmt("E", lossValue, refs.of({ kind: "E" }));
  // δ of a node reads the δ's of nodes downstream: numbers greater than its own.
  const backward = [...proof.results.delta]
    .sort((x, y) => y[0] - x[0])
    .map(([k, d]) => stmt(`delta_${k}`, d, refs.of({ kind: "delta", node: k })));
  const params = network.params.map((q) => ({ name: nameOf(q), to: q.to, from: q.from }));
  const tiedAt = new Map<number, string>();
  network.tied.forEach((g, i) => tiedAt.set(g[0]!, `theta_${i + 1}`));
  const edgeOf = new Map(network.edges.map((e, i) => [nameOf(e), i]));
  const gradients: Statement[] = [];
  const updates: Statement[] = [];
  [...proof.results.params].forEach((r, i) => {
    const name = params[i]!.name;
    const theta = tiedAt.get(edgeOf.get(name) ?? -1);
    const q = { node: r.to, bias: r.from === "b", ...(theta === undefined ? {} : { tied: theta }) };
    gradients.push(stmt(gradientName(name), r.gradient, refs.of({ kind: "gradient", ...q })));
    const w = b.sym(name);
    const step = b.sub(w, b.mul(b.sym("eta"), b.sym(gradientName(name))));
    updates.push(stmt(name, step, refs.of({ kind: "update", ...q })));
  });
  const ties = network.tied.flatMap((g) => g.slice(1).map((e) => ({ name: nameOf(network.edges[e]!), of: nameOf(network.edges[g[0]!]!) })));
  const nodes = network.nodes.filter((n) => proof.forward.has(n.id)).map((n) => n.id);
  const used = [...forward, loss, ...backward, ...gradients].map((s) => s.value);
  return {
    form: "index",
    inputs: network.inputs,
    outputs: network.outputs,
    nodes,
    params,
    ties,
    functions: functionsOf(network, used),
    forward,
    loss,
    backward,
    gradients,
    updates,
    reduction: reductionOf(network),
  };
}

const stmt = (target: string, value: Expr, ref: Ref | undefined): Statement =>
  ref === undefined ? { target, value } : { target, value, ref };
