// The messages between the page and its worker. The worker derives the same proof from the same
// spec (derive is deterministic: the same step ids), checks it and sends back the reports, which
// the page renders with its own proof; for a network too large to render live it also renders the
// JSON document, the one download offered then.
import type { Batch, GradientReport, Params, StepReport } from "../src/index.js";

export const CHECK_SEED = 1;
export const CHECK_POINTS = 3;
export const TOLERANCE = 1e-5;
export const DIGITS = 6;

export interface Job {
  /** Which edit this is: an answer to an older job is ignored. */
  readonly key: number;
  readonly spec: unknown;
  readonly lang: string;
  /** The worked example's params, already validated by the page. */
  readonly params?: Params;
  /** A worked example over a mini-batch instead (params: its first example). */
  readonly batch?: Batch;
  readonly check: boolean;
  /** Render derivation.json (for a network over the live limit). */
  readonly json: boolean;
}

export type Answer =
  | { readonly kind: "progress"; readonly key: number; readonly stage: string; readonly total?: number; readonly done: number }
  | {
      readonly kind: "done";
      readonly key: number;
      readonly report?: GradientReport;
      readonly steps?: StepReport;
      readonly json?: string;
      readonly ms: number;
    }
  | { readonly kind: "failed"; readonly key: number; readonly message: string };
