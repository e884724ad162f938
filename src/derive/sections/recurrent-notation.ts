// A recurrent network's quantities in Goodfellow's notation, entry by entry: a_j^{(t)}, h_j^{(t)},
// o_k^{(t)}, \hat{y}_k^{(t)} (the output), y_k^{(t)} (its target), U_{ji}, W_{jl}, V_{kj}, b_j, c_k
// and the error terms \delta_{h,j}^{(t)}, \delta_{o,k}^{(t)}; sums over a vector's units run from 1
// to n_x, n_h or n_y. These are notation over one step of the cell (their values are those of the
// unrolled network's nodes, which the node-by-node steps of the proof check); the index forms of
// the specialised error terms, derived node by node, are renamed into it here.
import * as b from "../../expr/build.js";
import { mapChildren } from "../../expr/walk.js";
import type { Expr, IndexSet } from "../../expr/types.js";
import type { Network } from "../../network/graph.js";
import { fn } from "../symbols.js";

/** The step a quantity belongs to: t, t-1, t+1 or a number. */
export type StepIndex = string | number;

/** An entry of a vector of the cell at a step: a_j^{(t)}. */
export const at = (name: string, i: string, t: StepIndex): Expr => ({ kind: "tensor", shape: "mat", name, idx: [b.ivar(i)], layer: t });

/** An entry of an error term at a step: \delta_{h,j}^{(t)} (of: h) or \delta_{o,k}^{(t)} (of: o). */
export const dAt = (of: "h" | "o", i: string, t: StepIndex): Expr => ({
  kind: "tensor",
  shape: "mat",
  name: "delta",
  idx: [b.ivar(`${of},${i}`)],
  layer: t,
});

/** An entry of a shared matrix (U_{ji}) or bias vector (b_j). */
export const entry = (name: string, ...idx: string[]): Expr => ({ kind: "tensor", shape: "mat", name, idx: idx.map((i) => b.ivar(i)) });

/** The units 1, ..., n of the vector whose size is n_x, n_h or n_y. */
export const units = (size: "x" | "h" | "y"): IndexSet => ({ kind: "upto", bound: `n_${size}` });

/** The sum over the units of a vector: \sum_{i=1}^{n_h} body. */
export const over = (index: string, size: "x" | "h" | "y", body: Expr): Expr => b.sum(index, units(size), body);

/** The loss of one step, E^{(t)}. */
export const lossAt = (t: StepIndex): Expr => ({ kind: "tensor", shape: "mat", name: "E", idx: [], layer: t });

/** The activation letters of the hidden state (f) and of the output (g). */
export function letters(network: Network): { readonly f: string; readonly g: string } {
  const l = network.spec.recurrent!;
  const of = (k: number): string => network.layers[network.nodes[k]!.layer]!.fn!;
  return { f: of(l.ids[1]!.get("h")![0]!), g: of(l.ids[l.lossSteps[0]!]!.get("y")![0]!) };
}

/** The output of unit k at step t: g(o_k^{(t)}), or for softmax e^{o_k} / sum_i e^{o_i}. */
export function outputOf(network: Network, k: string, t: StepIndex): Expr {
  const g = letters(network).g;
  const out = network.layers.find((l) => l.role === "output")!.activation!;
  if (out.elementwise) return fn(g, at("o", k, t));
  const e = (i: string): Expr => b.call("exp", [at("o", i, t)]);
  return b.div(e(k), over("i", "y", e("i")));
}

/** The loss of step t in index form: the loss's term summed over the output units. */
export function stepLoss(network: Network, t: StepIndex): Expr {
  const loss = network.loss;
  return b.mul(b.num(loss.scale), over("k", "y", loss.term(at("yhat", "k", t), at("y", "k", t))));
}

/**
 * A node-by-node index form renamed into the cell's notation at step t: for the output layer
 * (index k, softmax sums over layer(k) by i) y -> \hat{y}, t -> y, net -> o; for the hidden
 * state (index j) y -> h, net -> a, and its sum over the downstream set replaced by `downstream`.
 */
export function renamed(e: Expr, role: "output" | "hidden", t: StepIndex, downstream?: Expr): Expr {
  const go = (x: Expr): Expr => {
    const only = x.kind === "sym" && x.idx.length === 1 ? x.idx[0] : undefined;
    if (x.kind === "sym" && only?.kind === "var") {
      const i = only.name;
      const name = role === "output" ? { y: "yhat", t: "y", net: "o" }[x.name] : ({ y: "h", net: "a" } as Record<string, string>)[x.name];
      if (name !== undefined) return at(name, i, t);
    }
    if (x.kind === "sum" && role === "output" && x.set.kind === "layer") return b.sum(x.index, units("y"), go(x.body));
    if (x.kind === "sum" && role === "hidden" && x.set.kind === "downstream" && downstream !== undefined) return downstream;
    return mapChildren(x, go);
  };
  return go(e);
}

/** The readers' sum of the hidden unit j at step t: sum_k V_kj delta_{o,k}^{(t)} + sum_l W_lj delta_{h,l}^{(t+1)}. */
export function readers(withOutput: boolean, withNext: boolean): Expr {
  const terms: Expr[] = [];
  if (withOutput) terms.push(over("k", "y", b.rawMul(entry("V", "k", "j"), dAt("o", "k", "t"))));
  if (withNext) terms.push(over("l", "h", b.rawMul(entry("W", "l", "j"), dAt("h", "l", "t+1"))));
  return terms.length === 0 ? b.ZERO : b.rawAdd(...terms);
}
