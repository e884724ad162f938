// One instance of a step compared at one point: both sides evaluated with the true values of
// their symbols, each with its estimated rounding error, and the verdict (agrees, fails, or why
// it could not be compared); a failure that central differences may have caused is compared
// again with complex steps.
import * as b from "../expr/build.js";
import { evaluate, EvalError } from "../expr/evaluate.js";
import { roundingBound, type LeafBound } from "../expr/rounding.js";
import { clearTally, ROUNDING_ULPS, type UsedMethod } from "../oracle/differences.js";
import { PointValues } from "../oracle/point.js";
import type { BatchPoint } from "../oracle/batch-point.js";
import { quantityOf } from "../oracle/quantity.js";
import { isEstimated, type Instance, type Plan } from "./plan.js";
import { stepError } from "./tolerance.js";
import type { NotComparedReason } from "./types.js";

/**
 * Below this magnitude (times max(1, |E|)), errors are measured absolutely, relative to it: a
 * difference quotient of E carries an absolute rounding error of about eps |E| / h, which is
 * no smaller for a derivative that happens to be nearly zero.
 */
export const SCALE_FLOOR = 1e-4;
export interface Row {
  readonly plan: Plan & { kind: "check" };
  /** The binding checked ("k=6, j=4"; empty for a concrete step). */
  readonly where: string;
  readonly lhs: number;
  readonly rhs: number;
  /** The error that decides: what exceeds the sides' estimated errors, relative to their scale. */
  readonly error: number;
  /** The plain relative difference of the two sides, for the report. */
  readonly raw: number;
  readonly used: readonly UsedMethod[];
  /** Why the instance could not be compared (never a failure). */
  readonly skipped?: NotComparedReason;
  readonly reason?: string;
}

/** What a step is checked at: one example's point, or a mini-batch's (its section's steps). */
export type CheckPoint = PointValues | BatchPoint;

/** Both sides of one instance at one point; an update compares with w - eta dE/dw. */
export function compare(
  pv: CheckPoint,
  plan: Plan & { kind: "check" },
  inst: Instance,
  lemmaX: number,
  tolerance: number,
  digits?: number,
): Row {
  clearTally(pv.tally);
  // A lemma holds where its activation is defined: sqrt(x) is checked at x > 0.
  const x = plan.lemma !== undefined && !Number.isFinite(plan.lemma.value(lemmaX)) ? Math.abs(lemmaX) : lemmaX;
  const scope = pv instanceof PointValues ? pv.scope(plan.lemma ? { activation: plan.lemma, x } : undefined) : pv.scope();
  // A numeric derivative is a leaf with an error of its own, the noise the oracle estimated for it.
  const leaf: LeafBound = (e) => {
    if (!isEstimated(e)) return undefined;
    const before = pv.tally.noise;
    pv.tally.noise = 0;
    const value = evaluate(e, scope);
    const bound = pv.tally.noise;
    pv.tally.noise = Math.max(before, bound);
    return { value, bound };
  };
  let lhs = Number.NaN;
  let rhs = Number.NaN;
  const used = (): UsedMethod[] => [...pv.tally.used];
  try {
    let formulaOverflow = false;
    const overflow = (): void => {
      formulaOverflow = true;
    };
    const l = roundingBound(inst.lhs, { ulps: ROUNDING_ULPS, leaf, overflow }, scope);
    lhs = l.value;
    let allowance = l.bound;
    if (plan.step.relation === "update") {
      const q = quantityOf(pv.network, inst.lhs);
      // A tied edge's update as its own variable (edge): the index-form rule for one use.
      if (q?.kind !== "param" && q?.kind !== "edge")
        throw new EvalError(`an update of ${inst.where || plan.step.id} that is not a weight or bias`);
      const g = leaf(b.deriv(b.sym("E"), inst.lhs))!;
      lhs = lhs - pv.params.eta * g.value;
      allowance += Math.abs(pv.params.eta) * g.bound;
    }
    const r = roundingBound(inst.rhs, { ...(digits === undefined ? {} : { digits }), ulps: ROUNDING_ULPS, leaf, overflow }, scope);
    rhs = r.value;
    // Twice the estimated error of each side: an estimate is a bound to first order only.
    allowance = 2 * (allowance + r.bound);
    const floor = SCALE_FLOOR * Math.max(1, Math.abs(pv.base.E));
    const error = stepError(lhs, rhs, allowance, floor);
    // No evidence either way: a value that the oracle or the formula could not represent
    // (an overflow, never a pole such as 1/0), or finite sides whose error bound is unbounded
    // (a formula that cancels to nothing in double precision, 1 - y with y within ulps of 1).
    const finite = Number.isFinite(lhs) && Number.isFinite(rhs);
    // One side NaN where the other is a number with nothing overflowed on the way: a formula that
    // gives no value where the function has one is a failure, never an overflow.
    const unrepresentable = finite ? !Number.isFinite(allowance) : pv.tally.overflow || formulaOverflow;
    const raw = stepError(lhs, rhs, 0, floor);
    const row = { plan, where: inst.where, lhs, rhs, raw, used: used() };
    if (error > 0 && unrepresentable) return { ...row, error: 0, skipped: finite ? "unrepresentable" : "overflow" };
    // Agreement that 0 on either side would reach as well proves nothing (a worked example's
    // line claims only equality to its printed rounding, which it has).
    const scale = Math.max(Math.abs(lhs), Math.abs(rhs));
    if (digits === undefined && error <= tolerance && allowance + tolerance * Math.max(scale, floor) >= scale)
      return { ...row, error, skipped: "vacuous" };
    return { ...row, error };
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    return { plan, where: inst.where, lhs, rhs, error: Infinity, raw: Infinity, used: used(), reason: e.message };
  }
}

const complexPoints = new WeakMap<PointValues, PointValues>();

/**
 * A failed instance whose numbers came from central differences is compared again with complex
 * steps, where the network is analytic: a difference quotient can be fooled by a function that
 * turns faster than its step (sin(net) at net = 10^8), a complex step cannot. It stands as
 * failed only if the complex step disagrees too (or cannot be taken). A vacuous agreement (the
 * differences' noise as large as the values) is decided by the complex step where it can be taken.
 */
export function secondOpinion(
  pv: CheckPoint,
  plan: Plan & { kind: "check" },
  inst: Instance,
  lemmaX: number,
  row: Row,
  tolerance: number,
  digits?: number,
): Row {
  const settled = row.error <= tolerance && row.skipped !== "vacuous";
  if (
    settled ||
    row.reason !== undefined ||
    pv.method === "complex-step" ||
    !row.used.includes("central-difference") ||
    !(pv instanceof PointValues)
  )
    return row;
  let exact = complexPoints.get(pv);
  if (exact === undefined) {
    exact = new PointValues(pv.network, pv.params, "complex-step");
    complexPoints.set(pv, exact);
  }
  const again = compare(exact, plan, inst, lemmaX, tolerance, digits);
  if (again.used.includes("central-difference")) return row;
  // A vacuous agreement stays so unless the exact comparison decides (agrees clearly, or fails).
  if (row.skipped === "vacuous") return again.skipped === "vacuous" ? row : again;
  return again.error <= tolerance ? again : row;
}
