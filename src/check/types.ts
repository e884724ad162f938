// The verdicts of the numeric checks, typed: every gradient row and every step is compared
// (and agreed), failed, or was not compared for a named reason. Nothing that compared nothing
// is ever counted as a pass.

/** What a gradient row's comparison came to. */
export type Outcome = "compared" | "failed" | "not-compared";

/**
 * Why a row or a step was not compared:
 * - overflow: the independent evaluation is not a finite number in double precision, or the
 *   formula overflows by size on the way (e^1000 inside a softmax);
 * - unrepresentable: the formula cannot be evaluated to any accuracy in double precision there
 *   (1 - y with y within ulps of 1; 1 / (1 - y) with a saturated y rounded to 1), so agreement
 *   would prove nothing and disagreement nothing either;
 * - sampled-out: a step of a long enumeration (or a parameter) left out of a seeded sample;
 * - kink: every point at which it could be compared lies on a kink of an activation;
 * - vacuous: the allowed error is not smaller than the value checked, so that 0 or a flipped sign
 *   would pass too.
 */
export type NotComparedReason = "overflow" | "unrepresentable" | "sampled-out" | "kink" | "vacuous";

export const NOT_COMPARED_REASONS: readonly NotComparedReason[] = ["overflow", "unrepresentable", "sampled-out", "kink", "vacuous"];

/**
 * The result of checking one proof step numerically (src/check/steps.ts fills it for every step).
 * "verified": compared and agreed; "definition": nothing to compare (a definition or notation);
 * "failed"; "unchecked": not compared, for `reason`.
 */
export type StepStatus = "verified" | "definition" | "failed" | "unchecked";

export interface StepCheck {
  readonly status: StepStatus;
  /** Why an "unchecked" step was not compared. */
  readonly reason?: NotComparedReason;
  /** Number of (random point, index binding) pairs at which the step was evaluated. */
  readonly points: number;
  /** The largest relative error over them (absolute below a small scale; see steps.ts). */
  readonly maxRelError: number;
  /**
   * How the sides were compared: "evaluation" (no derivative involved), "central-difference",
   * "complex-step", or both joined by " + "; for a definition or a step not compared, in words why.
   */
  readonly method: string;
  /** For a failed step: the worst binding and point, and both sides or the evaluation error. */
  readonly detail?: string;
}

export type StepChecks = ReadonlyMap<string, StepCheck>;

/** Counts of not-compared rows or steps by reason, e.g. "3 overflow, 2 vacuous" ("" for none). */
export function reasonsText(counts: Partial<Record<NotComparedReason, number>>): string {
  return NOT_COMPARED_REASONS.filter((r) => (counts[r] ?? 0) > 0)
    .map((r) => `${counts[r]} ${r}`)
    .join(", ");
}
