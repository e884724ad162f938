// The result of checking one proof step numerically (src/check/steps.ts fills it for every step).
/**
 * "unchecked": a step of a very long enumeration (one per weight of a large network) that the
 * seeded sample left out; --full-check checks every one.
 */
export type StepStatus = "verified" | "definition" | "failed" | "unchecked";

export interface StepCheck {
  readonly status: StepStatus;
  /** Number of (random point, index binding) pairs at which the step was evaluated. */
  readonly points: number;
  /** The largest relative error over them (absolute below a small scale; see steps.ts). */
  readonly maxRelError: number;
  /**
   * How the sides were compared: "evaluation" (no derivative involved), "central-difference",
   * "complex-step", or both joined by " + "; for a definition, why nothing is checked.
   */
  readonly method: string;
  /** For a failed step: the worst binding and point, and both sides or the evaluation error. */
  readonly detail?: string;
}

export type StepChecks = ReadonlyMap<string, StepCheck>;
