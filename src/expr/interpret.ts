// One interpreter of scalar expressions, folded over an algebra: the real numbers (evaluate.ts),
// complex numbers for complex steps (complex.ts), values with error bounds (rounding.ts) and the
// intermediate form that codegen.ts compiles are each an Algebra; the walk of the tree, the
// binding of index variables by enclosing sums and the resolution of index sets are written here
// once. What has no meaning (a free index, a matrix) goes to the algebra's error, which raises it
// or keeps it as a node to raise later.
import { assertNever, type Expr, type Index, type IndexSet, type Relation } from "./types.js";

/** The position of the largest of values by `above` (a strict order, so that a tie keeps the first). */
export function firstLargest<V>(values: readonly V[], above: (a: V, b: V) => boolean): number {
  let at = 0;
  for (let i = 1; i < values.length; i++) if (above(values[i]!, values[at]!)) at = i;
  return at;
}

export type CallNode = Extract<Expr, { kind: "call" }>;

export interface Algebra<V> {
  num(value: number): V;
  /** An index used as a value, as in the Iverson bracket [i = k]. */
  index(n: number): V;
  add(terms: readonly V[]): V;
  mul(factors: readonly V[]): V;
  pow(base: V, exp: V): V;
  call(node: CallNode, args: readonly V[]): V;
  iverson(rel: Relation, lhs: V, rhs: V): V;
  /** The largest of `values` (one per node of the set, in its order), or with `arg` its node; a tie goes to the first. */
  max(values: readonly V[], nodes: readonly number[], arg: boolean): V;
  /** An indexed symbol, its indices all concrete. */
  sym(name: string, idx: readonly Index[]): V;
  /** An unevaluated derivative symbol, its indices bound. */
  deriv(of: Expr, wrt: Expr): V;
  /** The nodes of a named set, its indices concrete; undefined when it does not resolve. */
  set(s: IndexSet): readonly number[] | undefined;
  /** What has no meaning here. */
  error(message: string): V;
  /** A subtree with a meaning of its own (an estimate, a stable form), taken before the fold. */
  intercept?(e: Expr, env: Env): V | undefined;
}

/** Index variables bound by enclosing sums. */
export type Env = ReadonlyMap<string, number>;
export const NO_ENV: Env = new Map();

/** The index with its variables replaced by the nodes they are bound to, or undefined if one is free. */
export function concrete(i: Index, env: Env): Index | undefined {
  switch (i.kind) {
    case "node":
      return i;
    case "var": {
      const n = env.get(i.name);
      return n === undefined ? undefined : { kind: "node", n };
    }
    case "bias":
    case "example": {
      const of = concrete(i.of, env);
      return of === undefined ? undefined : { kind: i.kind, of };
    }
    default:
      return assertNever(i);
  }
}

const freeName = (i: Index): string => (i.kind === "var" ? i.name : i.kind === "node" ? String(i.n) : freeName(i.of));

/** A set with its index bound, or undefined while it is free. */
export function concreteSet(s: IndexSet, env: Env): IndexSet | undefined {
  if (!("of" in s)) return s;
  const of = concrete(s.of, env);
  return of === undefined ? undefined : { kind: s.kind, of };
}

function all<V>(es: readonly Expr[], alg: Algebra<V>, env: Env): V[] {
  const out: V[] = [];
  for (const x of es) out.push(interpret(x, alg, env));
  return out;
}

export function interpret<V>(e: Expr, alg: Algebra<V>, env: Env = NO_ENV): V {
  if (alg.intercept !== undefined) {
    const v = alg.intercept(e, env);
    if (v !== undefined) return v;
  }
  switch (e.kind) {
    case "num":
      return alg.num(e.value);
    case "sym": {
      const idx: Index[] = [];
      for (const i of e.idx) {
        const c = i.kind === "node" ? i : concrete(i, env);
        if (c === undefined) return alg.error(`free index ${freeName(i)}`);
        idx.push(c);
      }
      return alg.sym(e.name, idx);
    }
    case "index": {
      const c = concrete(e.index, env);
      if (c === undefined) return alg.error(`free index ${freeName(e.index)}`);
      return c.kind === "node" ? alg.index(c.n) : alg.error(`${c.kind === "bias" ? "a bias" : "an example"} marker has no numeric value`);
    }
    case "add":
      return alg.add(all(e.terms, alg, env));
    case "mul":
      return alg.mul(all(e.factors, alg, env));
    case "pow":
      return alg.pow(interpret(e.base, alg, env), interpret(e.exp, alg, env));
    case "call":
      return alg.call(e, all(e.args, alg, env));
    case "deriv":
      return alg.deriv(e.of, e.wrt);
    case "sum": {
      const s = concreteSet(e.set, env);
      if (s === undefined) return alg.error(`free index ${"of" in e.set ? freeName(e.set.of) : ""}`);
      const nodes = alg.set(s);
      if (nodes === undefined) return alg.error("a sum over an unresolved set");
      const terms: V[] = [];
      for (const n of nodes) terms.push(interpret(e.body, alg, new Map(env).set(e.index, n)));
      return alg.add(terms);
    }
    case "max": {
      const s = concreteSet(e.set, env);
      if (s === undefined) return alg.error(`free index ${"of" in e.set ? freeName(e.set.of) : ""}`);
      const nodes = alg.set(s);
      if (nodes === undefined || nodes.length === 0) return alg.error("a max over an unresolved or empty set");
      const values: V[] = [];
      for (const n of nodes) values.push(interpret(e.body, alg, new Map(env).set(e.index, n)));
      return alg.max(values, nodes, e.arg);
    }
    case "iverson":
      return alg.iverson(e.rel, interpret(e.lhs, alg, env), interpret(e.rhs, alg, env));
    case "tensor":
    case "matrix":
    case "transpose":
    case "matmul":
    case "hadamard":
    case "ellipsis":
      return alg.error(`a ${e.kind} is not a scalar`);
    default:
      return assertNever(e);
  }
}
