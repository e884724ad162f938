// Numeric evaluation of scalar expressions: the real numbers as an algebra of the one
// interpreter (interpret.ts). Symbols, abstract functions, derivative symbols and named index sets
// get their meaning from a Scope; built-in functions are known here.
import { diff } from "./diff.js";
import { builtin, type BuiltinFunction } from "./functions.js";
import { firstLargest, interpret, NO_ENV, type Algebra, type Env } from "./interpret.js";
import type { Expr, Index, IndexSet } from "./types.js";

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

const u: Expr = { kind: "sym", name: "u", idx: [] };
const tables = new Map<string, Expr>();

/** fn^(order)(x) for a built-in function, by differentiating its derivative table (once per order). */
export function builtinValue(name: string, fn: BuiltinFunction, order: number, x: number): number {
  if (order === 0) return fn.value(x);
  const k = `${name}/${order}`;
  let d = tables.get(k);
  if (d === undefined) {
    d = fn.derivative(u);
    for (let o = 1; o < order; o++) d = diff(d, u);
    tables.set(k, d);
  }
  return evaluate(d, { sym: () => x, set: () => [] });
}

const raise = (message: string): never => {
  throw new EvalError(message);
};

/** The real numbers, with a scope's meanings for symbols, sets, functions and derivatives. */
export function realAlgebra(scope: Scope): Algebra<number> {
  return {
    num: (v) => v,
    index: (n) => n,
    add: (ts) => {
      let s = 0;
      for (const t of ts) s += t;
      return s;
    },
    mul: (fs) => {
      let p = 1;
      for (const f of fs) p *= f;
      return p;
    },
    pow: Math.pow,
    call(node, args) {
      const fn = builtin(node.fn);
      if (fn !== undefined && args.length === 1) return builtinValue(node.fn, fn, node.order, args[0]!);
      if (scope.call === undefined) return raise(`no meaning for function ${node.fn}`);
      return scope.call(node.fn, node.order, [...args], node);
    },
    iverson: (rel, l, r) => ((rel === "gt" ? l > r : l === r) ? 1 : 0),
    max: (values, nodes, arg) => {
      const i = firstLargest(values, (a, b) => a > b);
      return arg ? nodes[i]! : values[i]!;
    },
    sym: (name, idx) => scope.sym(name, idx),
    deriv: (of, wrt) => (scope.deriv === undefined ? raise("no meaning for derivative symbols") : scope.deriv(of, wrt)),
    set: (s) => scope.set(s),
    error: raise,
  };
}

export function evaluate(e: Expr, scope: Scope, env: Env = NO_ENV): number {
  return interpret(e, realAlgebra(scope), env);
}
