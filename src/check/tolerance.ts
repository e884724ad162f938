// When two numbers agree: one relative error and one acceptance rule for every check (gradients,
// steps, the CAS cross-check). A difference of E cannot resolve a derivative more finely than the
// rounding error of E divided by the step; the oracle estimates that noise for each derivative
// (src/oracle/differences.ts) and it is allowed on top of the relative tolerance, so that the
// allowance follows the scale of E and of the step instead of a fixed absolute floor.
import { InputError } from "../errors.js";

/** Relative tolerance of the gradient and step checks. */
export const TOLERANCE = 1e-5;
/** Relative tolerance of the CAS cross-check: both sides are exact to rounding there. */
export const CAS_TOLERANCE = 1e-8;
/** Magnitudes below this count as zero when forming a relative error. */
const TINY = 1e-12;

/** |a - b| relative to the larger magnitude; NaN on either side is an infinite error. */
export function relError(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Infinity;
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), TINY);
}

/**
 * Whether a derived value agrees with a reference that carries `noise` of its own (the
 * estimated rounding error of a difference quotient; 0 for an exact reference). Infinities of
 * the same sign agree; anything else that is not finite does not.
 */
export function agrees(derived: number, reference: number, tolerance: number, noise = 0): boolean {
  if (!Number.isFinite(derived) || !Number.isFinite(reference)) return derived === reference && !Number.isNaN(derived);
  return Math.abs(derived - reference) <= tolerance * Math.max(Math.abs(derived), Math.abs(reference)) + noise;
}

/** A step's error: |a - b| less an allowance, relative to the larger magnitude or to `floor`. */
export function stepError(a: number, b: number, allowance: number, floor: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b ? 0 : Infinity;
  return Math.max(0, Math.abs(a - b) - allowance) / Math.max(Math.abs(a), Math.abs(b), floor);
}

/** A relative tolerance given to the library: a number in [0, 1). */
export function checkTolerance(v: unknown, field: string): number {
  if (typeof v !== "number" || !(v >= 0 && v < 1))
    throw new InputError(field, `is ${String(v)}; must be a number from 0 up to (not including) 1`);
  return v;
}
