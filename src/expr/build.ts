// Smart constructors. They canonicalise cheaply (flatten, fold numbers, merge like terms and
// like bases) but keep the order in which the author wrote terms and factors, so that printed
// formulas read the way the derivation built them.
import { key } from "./key.js";
import type { Expr, Index, IndexSet, Relation } from "./types.js";

export const num = (value: number): Expr => ({ kind: "num", value: Object.is(value, -0) ? 0 : value });
export const ZERO = num(0);
export const ONE = num(1);
export const MINUS_ONE = num(-1);

export const node = (n: number): Index => ({ kind: "node", n });
export const ivar = (name: string): Index => ({ kind: "var", name });
export const bias = (of: Index): Index => ({ kind: "bias", of });

export const sym = (name: string, ...idx: Index[]): Expr => ({ kind: "sym", name, idx });
export const indexValue = (index: Index): Expr => ({ kind: "index", index });

export const isNum = (e: Expr, v?: number): boolean =>
  e.kind === "num" && (v === undefined || e.value === v);

/** Splits a term into its numeric coefficient and the rest: -2 x y -> [-2, x y]. */
export function coefficient(e: Expr): [number, Expr] {
  if (e.kind === "num") return [e.value, ONE];
  if (e.kind === "mul" && e.factors[0]!.kind === "num") {
    const rest = e.factors.slice(1);
    return [e.factors[0]!.value, rest.length === 1 ? rest[0]! : { kind: "mul", factors: rest }];
  }
  return [1, e];
}

export function add(...input: Expr[]): Expr {
  const flat: Expr[] = [];
  for (const t of input) {
    if (t.kind === "add") flat.push(...t.terms);
    else flat.push(t);
  }
  let constant = 0;
  const order: string[] = [];
  const coeffs = new Map<string, number>();
  const bodies = new Map<string, Expr>();
  for (const t of flat) {
    if (t.kind === "num") {
      constant += t.value;
      continue;
    }
    const [c, body] = coefficient(t);
    const k = key(body);
    if (!coeffs.has(k)) {
      order.push(k);
      bodies.set(k, body);
      coeffs.set(k, 0);
    }
    coeffs.set(k, coeffs.get(k)! + c);
  }
  const terms: Expr[] = [];
  for (const k of order) {
    const c = coeffs.get(k)!;
    if (c !== 0) terms.push(scale(c, bodies.get(k)!));
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
  const flat: Expr[] = [];
  for (const f of input) {
    if (f.kind === "mul") flat.push(...f.factors);
    else flat.push(f);
  }
  let c = 1;
  const order: string[] = [];
  const bases = new Map<string, Expr>();
  const exps = new Map<string, Expr[]>();
  for (const f of flat) {
    if (f.kind === "num") {
      c *= f.value;
      continue;
    }
    const [b, x] = baseExp(f);
    const k = key(b);
    if (!bases.has(k)) {
      order.push(k);
      bases.set(k, b);
      exps.set(k, []);
    }
    exps.get(k)!.push(x);
  }
  if (c === 0) return ZERO;
  const factors: Expr[] = [];
  for (const k of order) {
    const xs = exps.get(k)!;
    const f = xs.length === 1 ? powRaw(bases.get(k)!, xs[0]!) : pow(bases.get(k)!, add(...xs));
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
    const v = Math.pow(base.value, exp.value);
    if (Number.isInteger(v) || Number.isInteger(exp.value)) return num(v);
  }
  if (base.kind === "pow" && exp.kind === "num" && base.exp.kind === "num" && Number.isInteger(exp.value)) {
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
export const sum = (index: string, set: IndexSet, body: Expr): Expr => ({ kind: "sum", index, set, body });

export function iverson(rel: Relation, lhs: Expr, rhs: Expr): Expr {
  if (rel === "eq" && key(lhs) === key(rhs)) return ONE;
  const a = lhs.kind === "index" && lhs.index.kind === "node" ? lhs.index.n : lhs.kind === "num" ? lhs.value : undefined;
  const b = rhs.kind === "index" && rhs.index.kind === "node" ? rhs.index.n : rhs.kind === "num" ? rhs.value : undefined;
  if (a !== undefined && b !== undefined) return num((rel === "eq" ? a === b : a > b) ? 1 : 0);
  return { kind: "iverson", rel, lhs, rhs };
}

export const vecSym = (name: string, idx: Index[] = [], layer?: number): Expr =>
  layer === undefined ? { kind: "tensor", shape: "vec", name, idx } : { kind: "tensor", shape: "vec", name, idx, layer };
export const matSym = (name: string, layer?: number): Expr =>
  layer === undefined ? { kind: "tensor", shape: "mat", name, idx: [] } : { kind: "tensor", shape: "mat", name, idx: [], layer };
export const matrix = (rows: Expr[][]): Expr => ({ kind: "matrix", rows });
export const column = (items: Expr[]): Expr => matrix(items.map((x) => [x]));
export const transpose = (arg: Expr): Expr => ({ kind: "transpose", arg });
export const matmul = (...factors: Expr[]): Expr => ({ kind: "matmul", factors });
export const ELLIPSIS: Expr = { kind: "ellipsis" };
