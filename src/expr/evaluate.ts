// Numeric evaluation of scalar expressions. Symbols, abstract functions, derivative symbols and
// named index sets get their meaning from a Scope; built-in functions are known here.
import { diff } from "./diff.js";
import { builtin, type BuiltinFunction } from "./functions.js";
import { assertNever, type Expr, type Index, type IndexSet } from "./types.js";

export interface Scope {
  /** The value of an indexed symbol whose indices are all concrete. */
  sym(name: string, idx: readonly Index[]): number;
  /** The nodes of a named index set (downstream(6), layer(6), ...), all indices concrete. */
  set(s: IndexSet): readonly number[];
  /** Abstract functions (f, g, ...) and their derivatives. */
  call?(fn: string, order: number, args: number[], node: Expr): number;
  /** The value of an unevaluated derivative symbol. */
  deriv?(of: Expr, wrt: Expr): number;
}

export class EvalError extends Error {}

/** Evaluates fn^(order)(x) for a built-in function by differentiating its derivative table. */
function builtinValue(fn: BuiltinFunction, order: number, x: number): number {
  if (order === 0) return fn.value(x);
  let d: Expr = fn.derivative(u);
  for (let o = 1; o < order; o++) d = diff(d, u);
  return evaluate(d, { sym: () => x, set: () => [] });
}
const u: Expr = { kind: "sym", name: "u", idx: [] };

/** The index with its variables replaced by the nodes they are bound to in `env`. */
export function concrete(i: Index, env: ReadonlyMap<string, number>): Index {
  switch (i.kind) {
    case "node":
      return i;
    case "var": {
      const n = env.get(i.name);
      if (n === undefined) throw new EvalError(`free index ${i.name}`);
      return { kind: "node", n };
    }
    case "bias":
      return { kind: "bias", of: concrete(i.of, env) };
    default:
      return assertNever(i);
  }
}

function concreteSet(s: IndexSet, env: ReadonlyMap<string, number>): IndexSet {
  return "of" in s ? { kind: s.kind, of: concrete(s.of, env) } : s;
}

export function evaluate(e: Expr, scope: Scope, env: ReadonlyMap<string, number> = new Map()): number {
  const ev = (x: Expr): number => evaluate(x, scope, env);
  switch (e.kind) {
    case "num":
      return e.value;
    case "sym":
      return scope.sym(e.name, e.idx.map((i) => concrete(i, env)));
    case "index": {
      const c = concrete(e.index, env);
      if (c.kind !== "node") throw new EvalError("a bias marker has no numeric value");
      return c.n;
    }
    case "add":
      return e.terms.reduce((s, t) => s + ev(t), 0);
    case "mul":
      return e.factors.reduce((p, f) => p * ev(f), 1);
    case "pow":
      return Math.pow(ev(e.base), ev(e.exp));
    case "call": {
      const args = e.args.map(ev);
      const fn = builtin(e.fn);
      if (fn !== undefined && args.length === 1) return builtinValue(fn, e.order, args[0]!);
      if (scope.call === undefined) throw new EvalError(`no meaning for function ${e.fn}`);
      return scope.call(e.fn, e.order, args, e);
    }
    case "deriv":
      if (scope.deriv === undefined) throw new EvalError("no meaning for derivative symbols");
      return scope.deriv(e.of, e.wrt);
    case "sum": {
      let total = 0;
      for (const n of scope.set(concreteSet(e.set, env))) {
        total += evaluate(e.body, scope, new Map(env).set(e.index, n));
      }
      return total;
    }
    case "iverson": {
      const l = ev(e.lhs);
      const r = ev(e.rhs);
      return (e.rel === "gt" ? l > r : l === r) ? 1 : 0;
    }
    case "tensor":
    case "matrix":
    case "transpose":
    case "matmul":
    case "hadamard":
    case "ellipsis":
      throw new EvalError(`a ${e.kind} is not a scalar`);
    default:
      return assertNever(e);
  }
}
