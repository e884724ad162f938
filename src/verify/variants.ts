// The known mistakes, each as the correction it calls for: from a failing claim, the variants
// that would hold if the claim had made that mistake. The diagnosis (verify.ts) evaluates each
// variant against the oracle; a variant is never taken on its form alone.
import * as b from "../expr/build.js";
import { equal } from "../expr/key.js";
import type { Expr, Index, IndexSet } from "../expr/types.js";
import type { Network } from "../network/graph.js";
import { ACTIVATIONS } from "../rules/registry.js";
import type { ElementwiseActivation } from "../rules/activations/activation.js";
import { type Claim, indexVars, mainIndex } from "./claim.js";
import { addInside, boundVars, collect, lossDerivative, renameVars, replaceAll, replaceForm, transposeWeights } from "./rewrite.js";

export const DIAGNOSES = [
  "missing-derivative",
  "wrong-derivative",
  "sign",
  "swapped-indices",
  "factor",
  "wrong-set",
  "missing-term",
  "elementwise-softmax",
  "other",
] as const;
export type Diagnosis = (typeof DIAGNOSES)[number];

/** A corrected claim and what the note says of it: the piece written and the piece meant. */
export interface Variant {
  readonly diagnosis: Exclude<Diagnosis, "other">;
  readonly rhs: Expr;
  /** The piece of the claim that was wrong, and its correction (absent where the note needs none). */
  readonly wrote?: Expr;
  readonly meant?: Expr;
  /** A constant factor, for "factor". */
  readonly factor?: number;
  /**
   * What the claim must equal for this diagnosis to apply, where the variant is the correct
   * formula itself (elementwise-softmax: the claim is the elementwise formula's value).
   */
  readonly premise?: Expr;
  /** Sets, for "wrong-set". */
  readonly sets?: readonly [IndexSet, IndexSet];
}

/** The activation of every node of a range, if they share one. */
function activationOf(network: Network, nodes: readonly number[]) {
  const as = new Set(nodes.map((n) => network.layers[network.nodes[n]?.layer ?? 0]?.activation));
  return as.size === 1 ? [...as][0] : undefined;
}

/** The nodes a left side's main index takes. */
function mainNodes(claim: Claim): { index: Index; nodes: readonly number[] } | undefined {
  const main = mainIndex(claim.lhs);
  if (main === undefined) return undefined;
  if (main.kind === "node") return { index: main, nodes: [main.n] };
  if (main.kind !== "var") return undefined;
  const r = claim.ranges.find((x) => x.index === main.name);
  return r === undefined ? undefined : { index: main, nodes: r.nodes };
}

const ELEMENTWISE = Object.values(ACTIVATIONS)
  .map((make) => make())
  .filter((a): a is ElementwiseActivation => a.elementwise && !a.identity);
const SIGMOID = ELEMENTWISE.find((a) => a.id === "sigmoid")!;

/** The derivative f'(net_v) written as the activation's own textbook form (in y where it can). */
const derivativeForm = (a: ElementwiseActivation, v: Index): Expr => a.derivative(b.sym("net", v), b.sym("y", v));

/** Every variant of a failing claim, in the order the diagnosis tries them. */
export function variants(network: Network, claim: Claim): Variant[] {
  const out: Variant[] = [];
  const rhs = claim.rhs;
  const main = mainNodes(claim);
  const activation = main === undefined ? undefined : activationOf(network, main.nodes);
  const elementwise = activation?.elementwise === true ? activation : undefined;
  const aboutDelta = claim.target === "delta" || claim.target === "dE/dnet";

  // elementwise-softmax: y_i (1 - y_i) written for a softmax node, where the layer couples.
  if (activation?.elementwise === false && main !== undefined) {
    const v = main.index;
    const sigmoidForm = derivativeForm(SIGMOID, v);
    const i = b.ivar(v.kind === "var" && v.name === "i" ? "m" : "i");
    const coupled = b.mul(b.sym("y", i), b.sub(b.iverson("eq", b.indexValue(i), b.indexValue(v)), b.sym("y", v)));
    if (claim.target === "dy/dnet" && claim.lhs.kind === "deriv" && claim.lhs.of.kind === "sym") {
      const of = claim.lhs.of.idx[0]!;
      const right = b.mul(b.sym("y", of), b.sub(b.iverson("eq", b.indexValue(of), b.indexValue(v)), b.sym("y", v)));
      out.push({
        diagnosis: "elementwise-softmax",
        rhs: right,
        premise: b.mul(b.iverson("eq", b.indexValue(of), b.indexValue(v)), sigmoidForm),
      });
    } else if (aboutDelta) {
      const sum = b.sum(i.kind === "var" ? i.name : "i", { kind: "layer", of: v }, b.mul(b.deriv(b.sym("E"), b.sym("y", i)), coupled));
      const premise = b.mul(b.deriv(b.sym("E"), b.sym("y", v)), sigmoidForm);
      out.push({ diagnosis: "elementwise-softmax", rhs: sum, wrote: sigmoidForm, premise });
    }
  }

  // sign: of the whole formula, or of one term of a sum.
  out.push({ diagnosis: "sign", rhs: b.neg(rhs) });
  for (const sum of collect(rhs, (x) => x.kind === "add").slice(0, 8)) {
    if (sum.kind !== "add") continue;
    for (const t of sum.terms) {
      const flipped = b.add(...sum.terms.map((u) => (u === t ? b.neg(u) : u)));
      out.push({ diagnosis: "sign", rhs: replaceAll(rhs, sum, flipped), wrote: t, meant: b.neg(t) });
    }
  }

  // swapped-indices: w_jk for w_kj; a node's symbol with another index (y_k for y_j).
  for (const w of collect(rhs, (x) => x.kind === "sym" && x.name === "w" && x.idx.length === 2)) {
    if (w.kind !== "sym") continue;
    const swapped = b.sym("w", w.idx[1]!, w.idx[0]!);
    out.push({ diagnosis: "swapped-indices", rhs: replaceAll(rhs, w, swapped), wrote: w, meant: swapped });
  }
  // Every weight written the other way round at once: w_jk for w_kj in index form; with
  // concrete nodes, each weight at the transposed place of its layers' weight matrix.
  const all = transposeWeights(network, rhs);
  if (all !== undefined) out.push({ diagnosis: "swapped-indices", rhs: all.rhs, wrote: all.wrote, meant: all.meant });
  const vars = [...new Set([...indexVars(claim.lhs), ...boundVars(rhs)])];
  for (const s of collect(rhs, (x) => x.kind === "sym" && x.name !== "w" && x.idx.length === 1 && x.idx[0]!.kind === "var")) {
    if (s.kind !== "sym") continue;
    const own = s.idx[0]!;
    for (const v of vars) {
      if (own.kind === "var" && own.name === v) continue;
      const other = b.sym(s.name, b.ivar(v));
      out.push({ diagnosis: "swapped-indices", rhs: replaceAll(rhs, s, other), wrote: s, meant: other });
    }
  }

  // Two index names exchanged throughout (delta_j y_k for delta_k y_j).
  for (let a = 0; a < vars.length; a++) {
    for (let c = a + 1; c < vars.length; c++) {
      const swapped = renameVars(rhs, vars[a]!, vars[c]!);
      if (!equal(swapped, rhs)) out.push({ diagnosis: "swapped-indices", rhs: swapped, wrote: rhs, meant: swapped });
    }
  }

  // factor: off by a constant, the whole formula or one part (a term of a sum, what a
  // derivative is taken of: the 1/2 of E left out).
  for (const c of [0.5, 2, 0.25, 4, -0.5, -2]) out.push({ diagnosis: "factor", rhs: b.mul(b.num(c), rhs), factor: c });
  const parts = [
    ...collect(rhs, (x) => x.kind === "deriv" && x.of.kind !== "sym"),
    ...collect(rhs, (x) => x.kind === "add").flatMap((x) => (x.kind === "add" ? x.terms : [])),
  ].slice(0, 12);
  for (const part of parts) {
    for (const c of [0.5, 2]) {
      const scaled = part.kind === "deriv" ? b.deriv(b.mul(b.num(c), part.of), part.wrt) : b.mul(b.num(c), part);
      out.push({ diagnosis: "factor", rhs: replaceAll(rhs, part, scaled), wrote: part, meant: scaled, factor: c });
    }
  }

  if (elementwise !== undefined && main !== undefined && aboutDelta) {
    const right = derivativeForm(elementwise, main.index);
    // missing-derivative: f'(net_j) left out.
    out.push({ diagnosis: "missing-derivative", rhs: b.mul(rhs, right), meant: right });
    // wrong-derivative: another activation's derivative where this one's belongs.
    for (const other of ELEMENTWISE) {
      if (other.id === elementwise.id) continue;
      const wrong = derivativeForm(other, main.index);
      const swapped = replaceForm(rhs, wrong, right);
      if (swapped !== undefined) out.push({ diagnosis: "wrong-derivative", rhs: swapped, wrote: wrong, meant: right });
      const call = b.call(other.symbol, [b.sym("net", main.index)], 1);
      const swappedCall = replaceForm(rhs, call, right);
      if (swappedCall !== undefined) out.push({ diagnosis: "wrong-derivative", rhs: swappedCall, wrote: call, meant: right });
    }
    // y_j alone where the sigmoid's y_j (1 - y_j) belongs: its derivative half remembered.
    if (elementwise.id === "sigmoid") {
      const y = b.sym("y", main.index);
      const fixed = replaceForm(rhs, y, right);
      if (fixed !== undefined) out.push({ diagnosis: "wrong-derivative", rhs: fixed, wrote: y, meant: right });
    }
  }

  // wrong-set: a sum over other nodes.
  for (const s of collect(rhs, (x) => x.kind === "sum")) {
    if (s.kind !== "sum" || !("of" in s.set)) continue;
    const of = s.set.of;
    for (const kind of ["downstream", "layer", "preds"] as const) {
      if (kind === s.set.kind) continue;
      const set: IndexSet = { kind, of };
      out.push({ diagnosis: "wrong-set", rhs: replaceAll(rhs, s, b.sum(s.index, set, s.body)), sets: [s.set, set] });
    }
  }

  // missing-term of dE/dy_k: the direct term of an output, or the terms of the nodes it feeds.
  if (main !== undefined && claim.target === "dE/dy") {
    const v = main.index;
    const k = b.ivar(v.kind === "var" && v.name === "m" ? "n" : "m");
    const name = k.kind === "var" ? k.name : "m";
    const direct = lossDerivative(network, v);
    const downstream = b.sum(name, { kind: "downstream", of: v }, b.mul(b.sym("delta", k), b.sym("w", k, v)));
    out.push({ diagnosis: "missing-term", rhs: b.add(rhs, direct), meant: direct });
    out.push({ diagnosis: "missing-term", rhs: b.add(rhs, downstream), meant: downstream });
  }
  // A softmax node's error term written out over its layer, one term left out.
  if (main !== undefined && aboutDelta && activation?.elementwise === false && main.index.kind === "node") {
    const v = main.index;
    for (const m of network.layers[network.nodes[v.n]!.layer]!.nodes) {
      const term = b.mul(b.deriv(b.sym("E"), b.sym("y", b.node(m))), b.deriv(b.sym("y", b.node(m)), b.sym("net", v)));
      if (collect(rhs, (x) => equal(x, b.sym("y", b.node(m)))).length > 0) continue;
      out.push({ diagnosis: "missing-term", rhs: b.add(rhs, term), meant: term });
    }
  }
  // missing-term: an output's direct term, or the downstream terms of a node that feeds others.
  if (main !== undefined && aboutDelta && elementwise !== undefined) {
    const v = main.index;
    const fPrime = derivativeForm(elementwise, v);
    const direct = b.mul(lossDerivative(network, v), fPrime);
    const k = b.ivar(v.kind === "var" && v.name === "k" ? "m" : "k");
    const name = k.kind === "var" ? k.name : "k";
    const downstream = b.mul(fPrime, b.sum(name, { kind: "downstream", of: v }, b.mul(b.sym("delta", k), b.sym("w", k, v))));
    out.push({ diagnosis: "missing-term", rhs: b.add(rhs, direct), meant: direct });
    out.push({ diagnosis: "missing-term", rhs: b.add(rhs, downstream), meant: downstream });
    // A written-out sum over concrete nodes with one term left out.
    if (v.kind === "node") {
      for (const m of network.nodes[v.n]?.downstream ?? []) {
        const term = b.mul(b.sym("delta", b.node(m)), b.sym("w", b.node(m), v));
        if (collect(rhs, (x) => equal(x, b.sym("w", b.node(m), v))).length > 0) continue;
        out.push({ diagnosis: "missing-term", rhs: addInside(rhs, term) ?? b.add(rhs, b.mul(term, fPrime)), meant: term });
      }
    }
  }
  return out;
}
