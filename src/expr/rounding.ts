// How far a formula's value may lie from the exact one, a first-order bound propagated through
// the tree (sums add absolute errors, products relative ones, functions scale by their slope),
// from the errors of its leaves: printed numbers rounded to N significant digits (the worked
// example), and values that are themselves estimates (a numeric derivative and its noise).
import { evaluate, type Scope } from "./evaluate.js";
import { builtin } from "./functions.js";
import { assertNever, type Expr } from "./types.js";

export interface Bounded {
  readonly value: number;
  readonly bound: number;
}

/** Half a unit in the last of `digits` significant digits, relative to the number. */
export const halfUlp = (v: number, digits: number): number => (Number.isInteger(v) ? 0 : 0.5 * 10 ** (1 - digits) * Math.abs(v));

/** A leaf's value and error when it is an estimate (undefined: exact, evaluated by the scope). */
export type LeafBound = (e: Expr) => Bounded | undefined;

/** digits: the significant digits numbers were printed with (undefined: numbers are exact). */
export function roundingBound(e: Expr, digits: number | undefined, scope: Scope, leaf?: LeafBound): Bounded {
  const rec = (x: Expr): Bounded => roundingBound(x, digits, scope, leaf);
  const estimate = leaf?.(e);
  if (estimate !== undefined) return estimate;
  switch (e.kind) {
    case "num":
      return { value: e.value, bound: digits === undefined ? 0 : halfUlp(e.value, digits) };
    case "add": {
      const ts = e.terms.map(rec);
      return { value: ts.reduce((s, t) => s + t.value, 0), bound: ts.reduce((s, t) => s + t.bound, 0) };
    }
    case "mul": {
      const fs = e.factors.map(rec);
      const value = fs.reduce((p, f) => p * f.value, 1);
      // d(prod)/d(f_i) = prod of the others.
      const bound = fs.reduce((s, f, i) => s + f.bound * Math.abs(fs.reduce((p, g, j) => (i === j ? p : p * g.value), 1)), 0);
      return { value, bound };
    }
    case "pow": {
      const base = rec(e.base);
      const exp = rec(e.exp);
      const value = Math.pow(base.value, exp.value);
      const dBase = Math.abs(exp.value * Math.pow(base.value, exp.value - 1)) * base.bound;
      const dExp = exp.bound === 0 ? 0 : Math.abs(value * Math.log(Math.abs(base.value))) * exp.bound;
      return { value, bound: dBase + dExp };
    }
    case "call": {
      const fn = builtin(e.fn);
      if (fn === undefined || e.args.length !== 1 || e.order !== 0) return { value: evaluate(e, scope), bound: 0 };
      const a = rec(e.args[0]!);
      if (a.bound === 0) return { value: fn.value(a.value), bound: 0 };
      const h = 1e-6 * Math.max(1, Math.abs(a.value));
      const slope = (fn.value(a.value + h) - fn.value(a.value - h)) / (2 * h);
      return { value: fn.value(a.value), bound: Math.abs(slope) * a.bound };
    }
    case "sym":
    case "index":
    case "iverson":
    case "deriv":
    case "sum":
      // Symbols carry their exact values; a bracket does not move unless its sides cross.
      return { value: evaluate(e, scope), bound: 0 };
    case "tensor":
    case "matrix":
    case "transpose":
    case "matmul":
    case "hadamard":
    case "ellipsis":
      return { value: evaluate(e, scope), bound: 0 };
    default:
      return assertNever(e);
  }
}
