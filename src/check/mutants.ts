// Fault injection: small rewrites of a derived proof's trees, each the kind of mistake a hand
// derivation of backpropagation makes. The checker's mutation suite must catch every one, and a
// spot-the-error exercise shows one. An operator returns the mutated tree, or undefined where it does not apply.
import * as b from "../expr/build.js";
import { equal, indexKey } from "../expr/key.js";
import type { Expr, Index } from "../expr/types.js";
import { bindIndex, children, mapChildren, mentionsIndex } from "../expr/walk.js";
import type { Network } from "../network/graph.js";

export interface Site {
  readonly network: Network;
  /** Whether the tree is about the loss (E, dE/dy_k, an output delta): where mse's 1/2 shows. */
  readonly lossSite: boolean;
}

export type Operator = (e: Expr, site: Site) => Expr | undefined;

/** Rewrites the first subtree (pre-order) for which f answers. */
function rewriteFirst(e: Expr, f: (x: Expr) => Expr | undefined): Expr | undefined {
  const hit = f(e);
  if (hit !== undefined) return hit;
  const cs = children(e);
  for (let i = 0; i < cs.length; i++) {
    const r = rewriteFirst(cs[i]!, f);
    if (r !== undefined) {
      let n = 0;
      return mapChildren(e, (c) => (n++ === i ? r : c));
    }
  }
  return undefined;
}

const rewriteAll = (e: Expr, f: (x: Expr) => Expr | undefined): Expr => f(e) ?? mapChildren(e, (c) => rewriteAll(c, f));

const mentions = (e: Expr, p: (x: Expr) => boolean): boolean => p(e) || children(e).some((c) => mentions(c, p));

/** A mul without the given factors (by key), or undefined if not all are present. */
function without(e: Expr, drop: readonly Expr[]): Expr | undefined {
  if (e.kind !== "mul") return undefined;
  const left = [...e.factors];
  for (const d of drop) {
    const i = left.findIndex((f) => equal(f, d));
    if (i < 0) return undefined;
    left.splice(i, 1);
  }
  return b.mul(...left);
}

const INDEX_VARS = ["i", "j", "k", "m"];

/** The activation derivative forms f'(net_n), as the proof writes them, for every node or index. */
function derivativeForms(network: Network): Expr[][] {
  const forms: Expr[][] = [];
  for (const layer of network.layers.slice(1)) {
    const a = layer.activation!;
    if (!a.elementwise) continue;
    const idx: Index[] = [...layer.nodes.map((n) => b.node(n)), ...INDEX_VARS.map((v) => b.ivar(v))];
    for (const i of idx) {
      const net = b.sym("net", i);
      const d = a.derivative(net, b.sym("y", i));
      // identity' = 1: dropping it changes nothing, an equivalent mutant rather than a fault.
      if (d.kind === "num") continue;
      forms.push([b.call(layer.fn!, [net], 1)]);
      forms.push(d.kind === "mul" ? [...d.factors] : [d]);
    }
  }
  return forms;
}

/** Drop the f' factor: forget the activation's derivative in the chain rule. */
export const dropFPrime: Operator = (e, { network }) => {
  const forms = derivativeForms(network);
  return rewriteFirst(e, (x) => {
    for (const f of forms) {
      const r = without(x, f);
      if (r !== undefined) return r;
    }
    return undefined;
  });
};

/** The weight at the transposed position of the layers' weight matrix: W instead of W^T. */
function transposedWeight(network: Network, k: number, j: number): Expr | undefined {
  const lk = network.layers[network.nodes[k]!.layer]!.nodes;
  const lj = network.layers[network.nodes[j]!.layer]!.nodes;
  const pk = lk.indexOf(k);
  const pj = lj.indexOf(j);
  if (pj >= lk.length || pk >= lj.length) return undefined;
  return b.sym("w", b.node(lk[pj]!), b.node(lj[pk]!));
}

/** Swap w_kj for w_jk: in index form literally; with concrete nodes, the transposed matrix entry. */
export const swapWeights: Operator = (e, { network }) => {
  let changed = false;
  let impossible = false;
  const out = rewriteAll(e, (x) => {
    if (x.kind !== "sym" || x.name !== "w" || x.idx.length !== 2) return undefined;
    const [k, j] = x.idx as [Index, Index];
    if (k.kind === "node" && j.kind === "node") {
      const t = transposedWeight(network, k.n, j.n);
      if (t === undefined) impossible = true;
      else if (!equal(t, x)) changed = true;
      return t ?? x;
    }
    changed = true;
    return b.sym("w", j, k);
  });
  return changed && !impossible ? out : undefined;
};

const isTotalTerm = (t: Expr): boolean => mentions(t, (x) => (x.kind === "sym" && x.name === "delta") || x.kind === "deriv");

/** Drop one term of a total-derivative sum (written out). */
export const dropTerm: Operator = (e) =>
  rewriteFirst(e, (x) => {
    if (x.kind !== "add") return undefined;
    const terms = x.terms.filter(isTotalTerm);
    if (terms.length < 2) return undefined;
    const last = terms[terms.length - 1]!;
    return b.add(...x.terms.filter((t) => t !== last));
  });

/**
 * Use the wrong set: downstream(j) for layer(j) and the other way round (index form). Only in
 * explicit sums (delta_k w_kj): a sum of derivative symbols over another set can still be a true
 * total derivative (sum over layer(j) of dE/dnet_k dnet_k/dnet_j is dE/dnet_j), no fault at all.
 */
export const wrongSet: Operator = (e) =>
  rewriteFirst(e, (x) => {
    if (x.kind !== "sum" || derivs(x.body).length > 0) return undefined;
    if (x.set.kind === "downstream") return b.sum(x.index, { kind: "layer", of: x.set.of }, x.body);
    if (x.set.kind === "layer") return b.sum(x.index, { kind: "downstream", of: x.set.of }, x.body);
    return undefined;
  });

/** Flip a sign: the first term of the first sum, or the whole tree. */
export const flipSign: Operator = (e) => {
  const r = rewriteFirst(e, (x) => (x.kind === "add" ? b.add(b.neg(x.terms[0]!), ...x.terms.slice(1)) : undefined));
  if (r !== undefined) return r;
  return e.kind === "num" && e.value === 0 ? undefined : b.neg(e);
};

/** Drop the 1/2 of mse: remove a factor 1/2, or (where it has cancelled) double the result. */
export const dropHalf: Operator = (e, { network, lossSite }) => {
  if (network.loss.id !== "mse" || !lossSite) return undefined;
  const r = rewriteFirst(e, (x) =>
    x.kind === "mul" && x.factors.some((f) => f.kind === "num" && f.value === 0.5) ? without(x, [b.num(0.5)]) : undefined,
  );
  return r ?? b.mul(b.num(2), e);
};

/** Replace y_k (1 - y_k) by y_k: the sigmoid's derivative half remembered. */
export const yForSigmoidPrime: Operator = (e, { network }) => {
  if (!network.layers.some((l) => l.activation?.id === "sigmoid")) return undefined;
  return rewriteFirst(e, (x) => {
    if (x.kind !== "mul") return undefined;
    for (const f of x.factors) {
      if (f.kind !== "sym" || f.name !== "y") continue;
      const r = without(x, [b.sub(b.ONE, f)]);
      if (r !== undefined) return r;
    }
    return undefined;
  });
};

/** Treat softmax as elementwise: the total derivative over the layer keeps only its i = k term. */
export const softmaxElementwise: Operator = (e) =>
  rewriteFirst(e, (x) => {
    if (x.kind === "sum" && x.set.kind === "layer" && mentionsIndex(x.body, x.index)) return bindIndex(x.body, x.index, x.set.of);
    // Written out: keep the terms whose dy_i/dnet_k has i = k.
    if (x.kind !== "add") return undefined;
    const marks = x.terms.map(diagonal);
    if (marks.some((m) => m === undefined) || !marks.includes(false) || !marks.includes(true)) return undefined;
    return b.add(...x.terms.filter((_, i) => marks[i]));
  });

const derivs = (t: Expr): Expr[] => (t.kind === "deriv" ? [t] : children(t).flatMap(derivs));

/** Whether a term's one dy_i/dnet_k has i = k; undefined if it has none or several. */
function diagonal(t: Expr): boolean | undefined {
  const ds = derivs(t).filter(
    (d) => d.kind === "deriv" && d.of.kind === "sym" && d.of.name === "y" && d.wrt.kind === "sym" && d.wrt.name === "net",
  );
  const d = ds[0];
  if (ds.length !== 1 || d?.kind !== "deriv" || d.of.kind !== "sym" || d.wrt.kind !== "sym") return undefined;
  return indexKey(d.of.idx[0]!) === indexKey(d.wrt.idx[0]!);
}

export const OPERATORS = {
  "drop-fprime": dropFPrime,
  "swap-wkj": swapWeights,
  "drop-sum-term": dropTerm,
  "wrong-set": wrongSet,
  "flip-sign": flipSign,
  "drop-half-mse": dropHalf,
  "y-for-y(1-y)": yForSigmoidPrime,
  "softmax-elementwise": softmaxElementwise,
} satisfies Record<string, Operator>;

export type OperatorName = keyof typeof OPERATORS;
