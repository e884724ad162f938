// The result of checking one proof step numerically (issue 4 fills this in for every step).
export type StepStatus = "verified" | "definition" | "failed";

export interface StepCheck {
  readonly status: StepStatus;
  /** Number of random points (and index bindings) at which the step was evaluated. */
  readonly points: number;
  readonly maxRelError: number;
  /** "evaluation" | "central-difference" | "complex-step" | why it is a definition. */
  readonly method: string;
}

export type StepChecks = ReadonlyMap<string, StepCheck>;
