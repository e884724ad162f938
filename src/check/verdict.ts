// The verdict on one derived gradient against its independent reference, written once: compared
// (and agreed), failed, or not compared with its reason. "Agreed" counts only where the allowed
// error is smaller than the value itself; otherwise 0 or a flipped sign would have agreed too,
// and the row is re-checked with a more precise reference or reported as vacuous.
import type { NotComparedReason, Outcome } from "./types.js";
import { relError } from "./tolerance.js";

/** A reference value and the estimated error it carries (0 for an exact one). */
export interface Reference {
  readonly value: number;
  readonly noise: number;
}

export interface Verdict {
  readonly numeric: number;
  readonly noise: number;
  readonly relError: number;
  readonly outcome: Outcome;
  readonly reason?: NotComparedReason;
  readonly allowance: number;
  readonly ratio: number;
}

export interface Judge {
  readonly derived: number;
  readonly reference: Reference;
  /** The reference overflowed (the oracle could not represent E beside the point). */
  readonly overflow: boolean;
  readonly tolerance: number;
  /** The rounding error bound of evaluating the derived formula, computed on demand. */
  readonly formulaError: () => number;
  /** A more precise reference (a complex step where the network is analytic), if one can be had. */
  readonly precise: () => Reference | undefined;
}

/** The allowance for a derived value against a reference with `noise` and the formula's own error. */
const allowanceOf = (derived: number, ref: Reference, tolerance: number, formula = 0): number =>
  tolerance * Math.max(Math.abs(derived), Math.abs(ref.value)) + 2 * (ref.noise + formula);

function verdict(derived: number, ref: Reference, tolerance: number, formula = 0): Verdict {
  const allowance = allowanceOf(derived, ref, tolerance, formula);
  const scale = Math.max(Math.abs(derived), Math.abs(ref.value));
  const ratio = scale === 0 ? Infinity : allowance / scale;
  const agreed = Math.abs(derived - ref.value) <= allowance;
  const outcome: Outcome = !agreed ? "failed" : ratio < 1 ? "compared" : "not-compared";
  return {
    numeric: ref.value,
    noise: ref.noise,
    relError: relError(derived, ref.value),
    outcome,
    ...(outcome === "not-compared" ? { reason: "vacuous" as const } : {}),
    allowance,
    ratio,
  };
}

const notCompared = (derived: number, ref: Reference, reason: NotComparedReason): Verdict => ({
  numeric: ref.value,
  noise: ref.noise,
  relError: relError(derived, ref.value),
  outcome: "not-compared",
  reason,
  allowance: Infinity,
  ratio: Infinity,
});

export function judge(j: Judge): Verdict {
  const { derived, reference: ref, tolerance } = j;
  // The reference is not a number: nothing to compare with.
  if (j.overflow || !Number.isFinite(ref.value)) return notCompared(derived, ref, "overflow");
  // The formula gives no number where the function has one: a failure, never an overflow.
  if (!Number.isFinite(derived)) return { ...verdict(derived, ref, tolerance), outcome: "failed", allowance: 0, ratio: 0 };
  const first = verdict(derived, ref, tolerance);
  if (first.outcome === "compared") return first;
  // The rounding error of evaluating the formula itself (1 - y with y within ulps of 1 has no
  // accuracy at all): where it is unbounded, agreement or not proves nothing.
  const bound = j.formulaError();
  if (!Number.isFinite(bound)) return notCompared(derived, ref, "unrepresentable");
  const loose = first.outcome === "failed" ? verdict(derived, ref, tolerance, bound) : first;
  if (loose.outcome === "compared") return loose;
  // A difference quotient can be fooled by a function that turns faster than its step, and its
  // noise may hide a small gradient: where the network is analytic, a complex step decides.
  const exact = j.precise();
  if (exact !== undefined && Number.isFinite(exact.value)) {
    const again = verdict(derived, exact, tolerance, bound);
    if (again.outcome !== "not-compared") return again;
  }
  if (loose.outcome === "failed") return loose;
  // Agreement that 0 or a flipped sign would also reach; after the formula's own error is allowed
  // for, a failure that is no longer one is a formula that double precision cannot evaluate here.
  return first.outcome === "failed" ? { ...loose, reason: "unrepresentable" } : loose;
}
