// How long work reports how far it has come. A neutral module (like errors.ts) that every stage
// may import: the command line draws it on a terminal; a library user may pass their own.
// Stages are named in plain words ("checking every step"); `advance` counts units of the stage's
// `total` (when known), so a reporter can show a percentage.
export interface Progress {
  /** How many stages the work has, when known (a reporter may show "[2/5]"). */
  plan?(stages: number): void;
  /** A stage begins; `total` is the number of units it will report through `advance`, if known. */
  stage(name: string, total?: number): void;
  /** `done` units of the current stage are finished. Cheap: call it as often as convenient. */
  advance(done: number): void;
}

/** Reports nothing: the default wherever progress is optional. */
export const NO_PROGRESS: Progress = { stage: () => undefined, advance: () => undefined };
