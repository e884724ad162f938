// The recurrent form of the code model: Goodfellow's Elman network as the notes' section on
// backpropagation through time writes it, a^(t) = b + W h^(t-1) + U x^(t), h^(t) = f(a^(t)),
// o^(t) = c + V h^(t), y^(t) = g(o^(t)); the output δ_o^(t) from the proof's own formula for an
// output node, written over the step's vectors (o, y, t); δ_h^(t) = f'(a^(t)) ⊙ ∇_h E from the last
// step back; the gradients of U, W, b, V and c as sums over the steps; and the update. The
// printers (python-recurrent.ts, js-recurrent.ts) name the step's vectors a[t], h[t], delta_h[t].
import * as b from "../../expr/build.js";
import { equal } from "../../expr/key.js";
import type { Expr } from "../../expr/types.js";
import { mapChildren } from "../../expr/walk.js";
import type { Proof } from "../../derive/proof.js";
import { layoutOf } from "../../network/forms/recurrent-params.js";
import { ARG, type FunctionDef } from "./model.js";
import { type Ref, type Refs, refsOf } from "./refs.js";
import { type StableOutput, stableLoss, stableOutput } from "./stable.js";

export interface RecurrentModel {
  readonly form: "recurrent";
  readonly steps: number;
  /** The steps whose output carries a loss, ascending. */
  readonly lossSteps: readonly number[];
  /** U, W, V, b, c in the order evaluate prints them. */
  readonly shared: readonly { readonly name: string; readonly matrix: boolean }[];
  /** f, and g unless the output is a softmax (then `softmax`). */
  readonly functions: readonly FunctionDef[];
  readonly softmax: boolean;
  /** f'(a^(t)) ⊙ ∇_h E over the vectors `a`, `h` and `dE_dh`. */
  readonly delta: Expr;
  /** The output whose logarithm the loss reads from o (log_y, log_1_y: stable.ts). */
  readonly stable: StableOutput | undefined;
  /** One step's loss over the vectors `y` and `t`: scale times the sum of `term`. */
  readonly loss: { readonly scale: number; readonly term: Expr };
  /**
   * The output δ over the step's vectors `o`, `y`, `t`, or, where it is not one formula, entry by
   * entry over `o#i`, `y#i`, `t#i` (entry i of the vector).
   */
  readonly outputDelta: { readonly vector: Expr } | { readonly entries: readonly Expr[] };
  readonly refs: Readonly<Partial<Record<RecurrentRef, Ref>>>;
}

export type RecurrentRef = "a" | "h" | "o" | "y" | "dE_dh" | "delta_h" | "delta_o" | "U" | "W" | "b" | "V" | "c" | "update";

/** The left sides of the recurrent section's equations, by what the code computes. */
const LHS: Readonly<Record<Exclude<RecurrentRef, "delta_o">, string>> = {
  a: "vec_a_t",
  h: "vec_h_t",
  o: "vec_o_t",
  y: "vec_yhat_t",
  dE_dh: "grad(E, vec_h_t)",
  delta_h: "vec_delta_h_t",
  U: "grad(E, U)",
  W: "grad(E, W)",
  b: "grad(E, vec_b)",
  V: "grad(E, V)",
  c: "grad(E, vec_c)",
  update: "U",
};

/** A formula of output node k written over its step's vectors, or entry i of them; undefined if it reads another node. */
function overStep(e: Expr, nodes: readonly number[], entry?: boolean): Expr | undefined {
  const names: Record<string, string> = { net: "o", y: "y", t: "t" };
  let foreign = false;
  const walk = (x: Expr): Expr => {
    if (x.kind === "sym" && x.idx.length === 1 && x.idx[0]!.kind === "node" && names[x.name] !== undefined) {
      const i = nodes.indexOf(x.idx[0]!.n);
      if (i < 0) foreign = true;
      return b.sym(entry ? `${names[x.name]}#${i}` : names[x.name]!);
    }
    if (x.kind === "sym" && x.idx.length > 0) foreign = true;
    return mapChildren(x, walk);
  };
  const out = walk(e);
  return foreign ? undefined : out;
}

export function recurrentModel(proof: Proof, refs: Refs = refsOf(proof)): RecurrentModel {
  const network = proof.network;
  const l = layoutOf(network);
  const [hidden, output] = l.cell.units;
  const f = hidden!.activation;
  if (!f.elementwise) throw new Error("code: the recurrent form's hidden activation acts elementwise");
  const g = output!.activation;
  const T = l.steps;
  const outs = l.ids[T]!.get("y")!;
  const deltas = outs.map((k) => proof.results.delta.get(k)!);
  // One formula for the layer where node k's, written over the vectors, gives each node's own.
  const vector = overStep(deltas[0]!, [outs[0]!]);
  const fits =
    vector !== undefined &&
    outs.every((k, i) => {
      const own = overStep(deltas[i]!, [k]);
      return own !== undefined && equal(own, vector);
    });
  const entries = deltas.map((d) => overStep(d, outs, true));
  if (!fits && entries.some((e) => e === undefined)) throw new Error("code: an output δ of the recurrent form reads another step");
  const named: Partial<Record<RecurrentRef, Ref>> = {};
  for (const [k, lhs] of Object.entries(LHS)) {
    const r = refs.of({ kind: "recurrent", lhs });
    if (r !== undefined) named[k as RecurrentRef] = r;
  }
  // The output's error term at a step, specialised to the output and loss.
  const deltaO = refs.of({ kind: "delta", node: outs[0]! }) ?? refs.of({ kind: "recurrent", lhs: "delta_o,k_t" });
  const functions: FunctionDef[] = [
    { name: "f", fn: "f", order: 0, body: f.definition(ARG), nodes: [], of: "the hidden state h", title: f.title, id: f.id },
  ];
  if (g.elementwise)
    functions.push({ name: "g", fn: "g", order: 0, body: g.definition(ARG), nodes: [], of: "the output y", title: g.title, id: g.id });
  return {
    form: "recurrent",
    steps: T,
    lossSteps: l.lossSteps,
    shared: l.shared.map((s) => ({ name: s.name, matrix: s.cols !== 0 })),
    functions,
    softmax: !g.elementwise,
    delta: b.mul(f.derivative(b.sym("a"), b.sym("h")), b.sym("dE_dh")),
    stable: stableOutput(g.id),
    loss: { scale: network.loss.scale, term: stableLoss(network.loss.term(b.sym("y"), b.sym("t")), b.sym("y"), stableOutput(g.id)) },
    outputDelta: fits ? { vector: vector! } : { entries: entries as Expr[] },
    refs: { ...named, ...(deltaO === undefined ? {} : { delta_o: deltaO }) },
  };
}
