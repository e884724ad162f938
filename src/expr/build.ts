// Smart constructors. They canonicalise cheaply (flatten, fold numbers, merge like terms and
// like bases) but keep the order in which the author wrote terms and factors, so that printed
// formulas read the way the derivation built them.
import { key } from "./key.js";
import type { Expr, Index, IndexSet, Relation } from "./types.js";

export const num = (value: number): Expr => ({ kind: "num", value: Object.is(value, -0) ? 0 : value });
export const ZERO = num(0);
export const ONE = num(1);
export const MINUS_ONE = num(-1);

/** Node indices are shared: one object per node number, however many formulas mention it. */
const NODES: Index[] = [];
export const node = (n: number): Index =>
  Number.isInteger(n) && n >= 0 && n <= 0xffffff ? (NODES[n] ??= { kind: "node", n }) : { kind: "node", n };
export const ivar = (name: string): Index => ({ kind: "var", name });
export const bias = (of: Index): Index => ({ kind: "bias", of });
export const example = (of: Index): Index => ({ kind: "example", of });
export const EXAMPLES: IndexSet = { kind: "examples" };

export const sym = (name: string, ...idx: Index[]): Expr => ({ kind: "sym", name, idx });
export const indexValue = (index: Index): Expr => ({ kind: "index", index });

export const isNum = (e: Expr, v?: number): boolean => e.kind === "num" && (v === undefined || e.value === v);

/** Splits a term into its numeric coefficient and the rest: -2 x y -> [-2, x y]. */
export function coefficient(e: Expr): [number, Expr] {
  if (e.kind === "num") return [e.value, ONE];
  if (e.kind === "mul" && e.factors[0]!.kind === "num") {
    const rest = e.factors.slice(1);
    return [e.factors[0]!.value, rest.length === 1 ? rest[0]! : { kind: "mul", factors: rest }];
  }
  return [1, e];
}

/**
 * Groups items by key, in order of first appearance. A linear scan beats a Map for the few
 * terms most sums have, and allocates far less, which matters at 10^5 nodes.
 */
function group<T>(items: readonly [string, Expr, T][]): [Expr, T[]][] {
  const keys: string[] = [];
  const out: [Expr, T[]][] = [];
  const index = items.length > 8 ? new Map<string, number>() : undefined;
  for (const [k, e, v] of items) {
    const at = index ? (index.get(k) ?? -1) : keys.indexOf(k);
    if (at >= 0) out[at]![1].push(v);
    else {
      index?.set(k, out.length);
      keys.push(k);
      out.push([e, [v]]);
    }
  }
  return out;
}

export function add(...input: Expr[]): Expr {
  let constant = 0;
  const items: [string, Expr, number][] = [];
  const visit = (t: Expr): void => {
    if (t.kind === "add") t.terms.forEach(visit);
    else if (t.kind === "num") constant += t.value;
    else {
      const [c, body] = coefficient(t);
      items.push([key(body), body, c]);
    }
  };
  input.forEach(visit);
  const terms: Expr[] = [];
  for (const [body, cs] of group(items)) {
    const c = cs.length === 1 ? cs[0]! : cs.reduce((x, y) => x + y, 0);
    if (c !== 0) terms.push(scale(c, body));
  }
  if (constant !== 0) terms.push(num(constant));
  if (terms.length === 0) return ZERO;
  if (terms.length === 1) return terms[0]!;
  return { kind: "add", terms };
}

function scale(c: number, body: Expr): Expr {
  if (c === 1) return body;
  if (body.kind === "mul") return { kind: "mul", factors: [num(c), ...body.factors] };
  return { kind: "mul", factors: [num(c), body] };
}

/** Splits a factor into base and exponent: x^2 -> [x, 2], x -> [x, 1]. */
function baseExp(e: Expr): [Expr, Expr] {
  return e.kind === "pow" ? [e.base, e.exp] : [e, ONE];
}

export function mul(...input: Expr[]): Expr {
  let c = 1;
  const items: [string, Expr, Expr][] = [];
  const visit = (f: Expr): void => {
    if (f.kind === "mul") f.factors.forEach(visit);
    else if (f.kind === "num") c *= f.value;
    else {
      const [b, x] = baseExp(f);
      items.push([key(b), b, x]);
    }
  };
  input.forEach(visit);
  if (c === 0) return ZERO;
  const factors: Expr[] = [];
  for (const [base, xs] of group(items)) {
    const f = xs.length === 1 ? powRaw(base, xs[0]!) : pow(base, add(...xs));
    if (f.kind === "num") c *= f.value;
    else if (f.kind === "mul") {
      for (const g of f.factors) {
        if (g.kind === "num") c *= g.value;
        else factors.push(g);
      }
    } else factors.push(f);
  }
  if (c === 0) return ZERO;
  if (factors.length === 0) return num(c);
  if (c !== 1) factors.unshift(num(c));
  if (factors.length === 1) return factors[0]!;
  return { kind: "mul", factors };
}

function powRaw(base: Expr, exp: Expr): Expr {
  return isNum(exp, 1) ? base : { kind: "pow", base, exp };
}

export function pow(base: Expr, exp: Expr): Expr {
  if (isNum(exp, 0)) return ONE;
  if (isNum(exp, 1)) return base;
  if (isNum(base, 1)) return ONE;
  if (base.kind === "num" && exp.kind === "num") {
    const v = base.value ** exp.value;
    if (Number.isInteger(v) || Number.isInteger(exp.value)) return num(v);
  }
  // (a^m)^n = a^{mn} for integers m and n; (a^{1/2})^2 = a only where a >= 0, so not then.
  if (
    base.kind === "pow" &&
    exp.kind === "num" &&
    base.exp.kind === "num" &&
    Number.isInteger(exp.value) &&
    Number.isInteger(base.exp.value)
  ) {
    return pow(base.base, num(base.exp.value * exp.value));
  }
  // (a b)^n = a^n b^n for integer n: keeps like bases mergeable.
  if (base.kind === "mul" && exp.kind === "num" && Number.isInteger(exp.value)) {
    return mul(...base.factors.map((f) => pow(f, exp)));
  }
  return { kind: "pow", base, exp };
}

export const neg = (e: Expr): Expr => mul(MINUS_ONE, e);
export const sub = (a: Expr, b: Expr): Expr => add(a, neg(b));
export const div = (a: Expr, b: Expr): Expr => mul(a, pow(b, MINUS_ONE));
export const sq = (e: Expr): Expr => pow(e, num(2));

export const call = (fn: string, args: Expr[], order = 0): Expr => ({ kind: "call", fn, order, args });
export const deriv = (of: Expr, wrt: Expr): Expr => ({ kind: "deriv", of, wrt });
/** A sum of zeros is zero, whatever the set. */
export const sum = (index: string, set: IndexSet, body: Expr): Expr =>
  body.kind === "num" && body.value === 0 ? ZERO : { kind: "sum", index, set, body };

/** max_{index in set} body; `arg`: the first index that attains it (arg max). */
export const max = (index: string, set: IndexSet, body: Expr, arg = false): Expr => ({ kind: "max", arg, index, set, body });

export function iverson(rel: Relation, lhs: Expr, rhs: Expr): Expr {
  if (rel === "eq" && key(lhs) === key(rhs)) return ONE;
  const a = lhs.kind === "index" && lhs.index.kind === "node" ? lhs.index.n : lhs.kind === "num" ? lhs.value : undefined;
  const b = rhs.kind === "index" && rhs.index.kind === "node" ? rhs.index.n : rhs.kind === "num" ? rhs.value : undefined;
  if (a !== undefined && b !== undefined) return num((rel === "eq" ? a === b : a > b) ? 1 : 0);
  return { kind: "iverson", rel, lhs, rhs };
}

export const vecSym = (name: string, idx: Index[] = [], layer?: number | string): Expr =>
  layer === undefined ? { kind: "tensor", shape: "vec", name, idx } : { kind: "tensor", shape: "vec", name, idx, layer };
export const matSym = (name: string, layer?: number | string): Expr =>
  layer === undefined ? { kind: "tensor", shape: "mat", name, idx: [] } : { kind: "tensor", shape: "mat", name, idx: [], layer };
/** The block of weights from layer `from` to layer `to`: \bar{W}^{(to,from)}. */
export const blockSym = (name: string, to: number, from: number): Expr => ({
  kind: "tensor",
  shape: "mat",
  name,
  idx: [],
  layer: to,
  from,
});
export const matrix = (rows: Expr[][]): Expr => ({ kind: "matrix", rows });
export const column = (items: Expr[]): Expr => matrix(items.map((x) => [x]));
export const transpose = (arg: Expr): Expr => ({ kind: "transpose", arg });
export const matmul = (...factors: Expr[]): Expr => ({ kind: "matmul", factors });
export const hadamard = (...factors: Expr[]): Expr => ({ kind: "hadamard", factors });
export const ELLIPSIS: Expr = { kind: "ellipsis" };

/**
 * Assembles a product or sum without canonicalising, for hot paths that build O(P) formulas
 * from factors known to be distinct symbols (w_{kj} y_j, eta delta_k y_j): the caller
 * guarantees that no factor or term is a number (except a leading coefficient), a product or a
 * sum of the same kind, and that no two share a base or body.
 */
export const rawMul = (...factors: Expr[]): Expr => (factors.length === 1 ? factors[0]! : { kind: "mul", factors });
export const rawAdd = (...terms: Expr[]): Expr => (terms.length === 1 ? terms[0]! : { kind: "add", terms });
