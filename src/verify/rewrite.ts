// The rewrites that turn a failing claim into its corrected variants (variants.ts): replacing a
// piece, transposing the weights, exchanging index names, adding a term inside a written-out sum.
import * as b from "../expr/build.js";
import { equal, key } from "../expr/key.js";
import type { Expr, Index } from "../expr/types.js";
import { children, mapChildren } from "../expr/walk.js";
import type { Network } from "../network/graph.js";

/** The factors of a product, or the expression alone. */
const factorsOf = (e: Expr): readonly Expr[] => (e.kind === "mul" ? e.factors : [e]);

/** Rewrites every subtree equal to `from`. */
export function replaceAll(e: Expr, from: Expr, to: Expr): Expr {
  if (equal(e, from)) return to;
  return mapChildren(e, (c) => replaceAll(c, from, to));
}

export function collect(e: Expr, p: (x: Expr) => boolean, out: Expr[] = []): Expr[] {
  if (p(e) && !out.some((x) => equal(x, e))) out.push(e);
  for (const c of children(e)) collect(c, p, out);
  return out;
}

/** Every weight of a formula transposed (see variants); undefined where one has no transposed place. */
export function transposeWeights(network: Network, rhs: Expr): { rhs: Expr; wrote: Expr; meant: Expr } | undefined {
  let first: { wrote: Expr; meant: Expr } | undefined;
  let impossible = false;
  const visit = (x: Expr): Expr => {
    if (x.kind !== "sym" || x.name !== "w" || x.idx.length !== 2) return mapChildren(x, visit);
    const [k, j] = x.idx as [Index, Index];
    let t: Expr | undefined;
    if (k.kind === "node" && j.kind === "node") {
      const lk = network.layers[network.nodes[k.n]?.layer ?? -1]?.nodes;
      const lj = network.layers[network.nodes[j.n]?.layer ?? -1]?.nodes;
      const pk = lk?.indexOf(k.n) ?? -1;
      const pj = lj?.indexOf(j.n) ?? -1;
      t =
        lk !== undefined && lj !== undefined && pj < lk.length && pk < lj.length ? b.sym("w", b.node(lk[pj]!), b.node(lj[pk]!)) : undefined;
    } else if (k.kind !== "bias" && j.kind !== "bias") t = b.sym("w", j, k);
    else t = x;
    if (t === undefined) {
      impossible = true;
      return x;
    }
    if (first === undefined && !equal(t, x)) first = { wrote: x, meant: t };
    return t;
  };
  const out = visit(rhs);
  return impossible || first === undefined ? undefined : { rhs: out, ...first };
}

/** Exchanges the index variables a and c everywhere but in weights (the chain's order of w_kj stays). */
export function renameVars(e: Expr, a: string, c: string): Expr {
  const swap = (i: Index): Index => (i.kind === "var" && (i.name === a || i.name === c) ? b.ivar(i.name === a ? c : a) : i);
  if (e.kind === "sym" && e.name !== "w") return b.sym(e.name, ...e.idx.map(swap));
  if (e.kind === "index") return b.indexValue(swap(e.index));
  return mapChildren(e, (x) => renameVars(x, a, c));
}

export const boundVars = (e: Expr): string[] => collect(e, (x) => x.kind === "sum").flatMap((s) => (s.kind === "sum" ? [s.index] : []));

/** dE/dy_v of the loss term alone (the direct dependence of E on an output), written out. */
export function lossDerivative(network: Network, v: Index): Expr {
  const y = b.sym("y", v);
  const t = b.sym("t", v);
  switch (network.loss.id) {
    case "mse":
      return b.sub(y, t);
    case "sse":
      return b.mul(b.num(2), b.sub(y, t));
    case "cross-entropy":
      return b.neg(b.div(t, y));
    case "binary-cross-entropy":
      return b.div(b.sub(y, t), b.mul(y, b.sub(b.ONE, y)));
    default:
      return b.deriv(b.sym("E"), y);
  }
}

/** Replaces a form (a product's factors, or a whole subtree) by another, where it occurs. */
export function replaceForm(e: Expr, form: Expr, to: Expr): Expr | undefined {
  const want = factorsOf(form).map(key);
  let done = false;
  const visit = (x: Expr): Expr => {
    if (done) return x;
    if (equal(x, form)) {
      done = true;
      return to;
    }
    if (x.kind === "mul" && want.length > 0) {
      const left = [...x.factors];
      const found = want.every((w) => {
        const i = left.findIndex((f) => key(f) === w);
        if (i < 0) return false;
        left.splice(i, 1);
        return true;
      });
      if (found) {
        done = true;
        return b.mul(...left, to);
      }
    }
    return mapChildren(x, visit);
  };
  const out = visit(e);
  return done ? out : undefined;
}

/** Adds a term to the first sum of terms that holds error terms (a written-out total derivative). */
export function addInside(e: Expr, term: Expr): Expr | undefined {
  let done = false;
  const visit = (x: Expr): Expr => {
    if (done) return x;
    if (x.kind === "add" && x.terms.some((t) => collect(t, (y) => y.kind === "sym" && y.name === "delta").length > 0)) {
      done = true;
      return b.add(...x.terms, term);
    }
    return mapChildren(x, visit);
  };
  const out = visit(e);
  return done ? out : undefined;
}
