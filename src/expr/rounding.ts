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

export interface BoundOptions {
  /** The significant digits printed numbers were rounded to (undefined: numbers are exact). */
  readonly digits?: number;
  /**
   * Bound floating-point evaluation too: each symbol's value is taken as correct to this many
   * units of its last place, and each operation adds one rounding. Where a formula cancels
   * (1 - y with y within ulps of 1), this is what shows that its value cannot be trusted.
   */
  readonly ulps?: number;
  readonly leaf?: LeafBound;
  /**
   * Called when an operation on finite numbers gives a number too large for double precision
   * (e^{1000}, a product of two huge numbers): the formula overflowed. A pole (1/0, ln 0) is
   * not an overflow and is not reported.
   */
  readonly overflow?: () => void;
}

const EPS = Number.EPSILON;

/** The largest change of f over [x - d, x + d], from its ends (Infinity where f is not defined there). */
function spread(f: (x: number) => number, x: number, d: number): number {
  if (d === 0) return 0;
  const fx = f(x);
  const up = Math.abs(f(x + d) - fx);
  const down = Math.abs(f(x - d) - fx);
  const s = Math.max(up, down);
  return Number.isNaN(up) || Number.isNaN(down) ? Infinity : s;
}

/** Whether a non-finite value of e comes from finite operands by overflow rather than at a pole. */
function overflowed(e: Expr, value: number, options: BoundOptions, scope: Scope): boolean {
  const quiet = { ...options, overflow: undefined, leaf: options.leaf };
  const v = (x: Expr): number => roundingBound(x, quiet, scope).value;
  // At a pole only through rounding: the argument is 0 but its error bound says it need not be.
  const blurred = (x: Expr): boolean => {
    const r = roundingBound(x, quiet, scope);
    return r.value === 0 && r.bound > 0;
  };
  switch (e.kind) {
    // Finite operands give Infinity, or NaN (an intermediate Infinity times 0), only by overflow.
    case "add":
      return e.terms.every((t) => Number.isFinite(v(t)));
    case "mul":
      return e.factors.every((f) => Number.isFinite(v(f)));
    case "pow": {
      const base = v(e.base);
      const exp = v(e.exp);
      return Number.isFinite(base) && Number.isFinite(exp) && !Number.isNaN(value) && (!(base === 0 && exp < 0) || blurred(e.base));
    }
    case "call": {
      const a = e.args.length === 1 ? v(e.args[0]!) : Number.NaN;
      return Number.isFinite(a) && !Number.isNaN(value) && (a !== 0 || blurred(e.args[0]!));
    }
    default:
      return false;
  }
}

export function roundingBound(e: Expr, options: BoundOptions, scope: Scope): Bounded {
  const estimate = options.leaf?.(e);
  if (estimate !== undefined) return estimate;
  const b = bound(e, options, scope);
  if (options.overflow !== undefined && !Number.isFinite(b.value) && overflowed(e, b.value, options, scope)) options.overflow();
  // A bound that cannot be computed (Infinity times 0, a value that overflowed) is no bound.
  if (Number.isNaN(b.bound) || (options.ulps !== undefined && !Number.isFinite(b.value))) return { value: b.value, bound: Infinity };
  // The rounding of the operation itself (a number or symbol is no operation): relative, and
  // absolute at the bottom of the range, where a result may have underflowed to 0 (e^{-1000}).
  const operation = e.kind === "add" || e.kind === "mul" || e.kind === "pow" || e.kind === "call";
  return options.ulps === undefined || !operation || b.bound === Infinity ? b : { value: b.value, bound: b.bound + EPS * Math.abs(b.value) + Number.MIN_VALUE };
}

function bound(e: Expr, options: BoundOptions, scope: Scope): Bounded {
  const rec = (x: Expr): Bounded => roundingBound(x, options, scope);
  const { digits, ulps } = options;
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
      const bnd = fs.reduce((s, f, i) => s + (f.bound === 0 ? 0 : f.bound * Math.abs(fs.reduce((p, g, j) => (i === j ? p : p * g.value), 1))), 0);
      return { value, bound: bnd };
    }
    case "pow": {
      const base = rec(e.base);
      const exp = rec(e.exp);
      const value = Math.pow(base.value, exp.value);
      const dBase = spread((x) => Math.pow(x, exp.value), base.value, base.bound);
      const dExp = spread((x) => Math.pow(base.value, x), exp.value, exp.bound);
      return { value, bound: dBase + dExp };
    }
    case "call": {
      if (e.args.length !== 1 || e.order !== 0) return { value: evaluate(e, scope), bound: 0 };
      const fn = builtin(e.fn);
      const f = fn !== undefined ? fn.value : (x: number): number => evaluate({ ...e, args: [{ kind: "num", value: x }] }, scope);
      const a = rec(e.args[0]!);
      return { value: f(a.value), bound: spread(f, a.value, a.bound) };
    }
    case "sym": {
      // Symbols carry their values as computed: exact, or correct to `ulps` units in the last place.
      const value = evaluate(e, scope);
      // A computed 0 may be a positive number that underflowed: it is correct to the smallest
      // numbers too, not only relatively.
      return { value, bound: ulps === undefined ? 0 : ulps * (EPS * Math.abs(value) + Number.MIN_VALUE) };
    }
    case "index":
    case "iverson":
    case "deriv":
    case "sum":
      // A bracket does not move unless its sides cross.
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
