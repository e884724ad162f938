// How far a formula's value may lie from the exact one, a first-order bound propagated through
// the tree (sums add absolute errors, products relative ones, functions scale by their slope),
// from the errors of its leaves: printed numbers rounded to N significant digits (the worked
// example), and values that are themselves estimates (a numeric derivative and its noise).
import { EvalError, realAlgebra, type Scope } from "./evaluate.js";
import { builtin } from "./functions.js";
import { firstLargest, interpret, type Algebra, type Env } from "./interpret.js";
import type { Expr } from "./types.js";

export interface Bounded {
  readonly value: number;
  readonly bound: number;
}

/** Half a unit in the last of `digits` significant digits, relative to the number. */
export const halfUlp = (v: number, digits: number): number => (Number.isInteger(v) ? 0 : 0.5 * 10 ** (1 - digits) * Math.abs(v));

/**
 * A leaf's value and error when it is an estimate or has a stable form of its own (undefined:
 * evaluated by the fold), with the index variables bound where it stands.
 */
export type LeafBound = (e: Expr, env: Env) => Bounded | undefined;

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
   * (e^{1000}, a product of two huge numbers): the formula overflowed. A pole (1/0, ln 0, at a
   * 0 computed exactly or rounded) is not an overflow and is not reported: what a rounded 0
   * means is the caller's to decide (the step check knows which values were rounded).
   */
  readonly overflow?: () => void;
  /**
   * Called at a pole reached through a 0 that may be one only by rounding or underflow (1 - y
   * with y rounded to 1, e^{-10^5}): the formula has no double-precision value there, though the
   * exact one may be finite. A pole at an exact 0 (0 times anything, a net that is 0) is not.
   */
  readonly rounded?: () => void;
  /**
   * Take a symbol other than an output y that is 0 as exactly 0, and keep 0 times anything, 0^p
   * and f(0) = 0 exact (no underflow floor), so that a pole at an exact 0 is told from one at a
   * rounded 0 (the step check; a gradient row's bound keeps the floor).
   */
  readonly exactZeros?: boolean;
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

/**
 * Values with error bounds, an algebra of the one interpreter: each operation combines its
 * operands' bounds to first order, adds its own rounding (with `ulps`), and reports an overflow
 * when finite operands give a value that is not (never at a pole).
 */
function boundAlgebra(options: BoundOptions, scope: Scope): Algebra<Bounded> {
  const { digits, ulps } = options;
  const finite = (xs: readonly Bounded[]): boolean => xs.every((x) => Number.isFinite(x.value));
  // A 0 that may stand for a number that rounded or underflowed to it; an exact 0 has bound 0.
  const blurred = (x: Bounded): boolean => x.value === 0 && x.bound > 0;
  const exactZero = (x: Bounded): boolean => options.exactZeros === true && x.value === 0 && x.bound === 0;
  /** The operation's own rounding, and what a result that is not finite means. */
  const op = (value: number, bound: number, overflow: boolean): Bounded => {
    if (ulps !== undefined && !Number.isFinite(value)) {
      if (overflow) options.overflow?.();
      return { value, bound: Infinity };
    }
    if (Number.isNaN(bound)) return { value, bound: Infinity };
    // Relative, and absolute at the bottom of the range, where a result may have underflowed to 0.
    return ulps === undefined || bound === Infinity ? { value, bound } : { value, bound: bound + EPS * Math.abs(value) + Number.MIN_VALUE };
  };
  const real = realAlgebra(scope);
  return {
    num: (v) => ({ value: v, bound: digits === undefined ? 0 : halfUlp(v, digits) }),
    index: (n) => ({ value: n, bound: 0 }),
    // Finite operands give Infinity, or NaN (an intermediate Infinity times 0), only by overflow.
    // A sum of no terms (over an empty set) is exactly 0: nothing was rounded.
    add: (ts) =>
      ts.length === 0
        ? { value: 0, bound: 0 }
        : op(
            ts.reduce((s, t) => s + t.value, 0),
            ts.reduce((s, t) => s + t.bound, 0),
            finite(ts),
          ),
    mul: (fs) => {
      // 0 times finite numbers is exactly 0 when that 0 is exact.
      if (fs.some(exactZero) && finite(fs)) return { value: 0, bound: 0 };
      const value = fs.reduce((p, f) => p * f.value, 1);
      // d(prod)/d(f_i) = prod of the others.
      const bound = fs.reduce(
        (s, f, i) => s + (f.bound === 0 ? 0 : f.bound * Math.abs(fs.reduce((p, g, j) => (i === j ? p : p * g.value), 1))),
        0,
      );
      return op(value, bound, finite(fs));
    },
    pow(base, exp) {
      if (exactZero(base) && exp.value > 0 && exp.bound === 0) return { value: 0, bound: 0 };
      const value = base.value ** exp.value;
      const bound = spread((x) => x ** exp.value, base.value, base.bound) + spread((x) => base.value ** x, exp.value, exp.bound);
      const pole = base.value === 0 && exp.value < 0;
      if (pole && blurred(base) && ulps !== undefined) options.rounded?.();
      return op(value, bound, finite([base, exp]) && !Number.isNaN(value) && !pole);
    },
    call(node, args) {
      const value = real.call(
        node,
        args.map((a) => a.value),
      );
      if (node.order !== 0 || args.length !== 1) return { value, bound: 0 };
      const a = args[0]!;
      // f(0) = 0 exactly at an exact 0 (sqrt, sin, tanh of 0).
      if (exactZero(a) && value === 0) return { value: 0, bound: 0 };
      const fn = builtin(node.fn);
      const f = fn !== undefined ? fn.value : (x: number): number => real.call(node, [x]);
      const pole = a.value === 0;
      if (pole && blurred(a) && ulps !== undefined && !Number.isFinite(value)) options.rounded?.();
      return op(value, spread(f, a.value, a.bound), Number.isFinite(a.value) && !Number.isNaN(value) && !pole);
    },
    // A bracket does not move unless its sides cross.
    iverson: (rel, l, r) => ({ value: real.iverson(rel, l.value, r.value), bound: 0 }),
    // The largest keeps its own bound; a node is exact.
    max: (values, nodes, arg) => {
      const i = firstLargest(values, (a, b) => a.value > b.value);
      return arg ? { value: nodes[i]!, bound: 0 } : values[i]!;
    },
    // Symbols carry their values as computed: exact, or correct to `ulps` units in the last place
    // (down to the smallest numbers). A symbol other than an output y that is 0 is taken as
    // exactly 0 (a net of 0 x_1); a y of 0 may have underflowed.
    sym(name, idx) {
      const value = scope.sym(name, idx);
      const exact = ulps === undefined || (options.exactZeros === true && value === 0 && name !== "y");
      return { value, bound: exact ? 0 : ulps * (EPS * Math.abs(value) + Number.MIN_VALUE) };
    },
    deriv: (of, wrt) => ({ value: real.deriv(of, wrt), bound: 0 }),
    set: (s) => scope.set(s),
    error: (message): never => {
      throw new EvalError(message);
    },
    ...(options.leaf === undefined ? {} : { intercept: (e: Expr, env: Env) => options.leaf!(e, env) }),
  };
}

export function roundingBound(e: Expr, options: BoundOptions, scope: Scope): Bounded {
  return interpret(e, boundAlgebra(options, scope));
}
