// What the CAS cross-check is asked and what it answers: its options (checked before any work)
// and its report, row by row.
import * as z from "zod";
import { mustBe, progressOption, strictOptions } from "../network/options.js";
import { validate } from "../network/schema.js";
import { seed, type Shape, whole } from "./options.js";
import type { Progress } from "../progress.js";

export interface CasRow {
  /** Parameter and point: "w_4_1 @1". */
  readonly name: string;
  readonly cas: number;
  readonly derived: number;
  readonly relError: number;
  /** Agreed (or not made); false only for a disagreement. */
  readonly ok: boolean;
  readonly status: "agreed" | "disagreed" | "not made";
  /** Proved: CAS derivative minus engine gradient expands to 0 on this point's branch. */
  readonly symbolic?: boolean;
  /** On a mismatch: the side that a central difference of the CAS's own E contradicts. */
  readonly suspect?: "engine" | "cas";
}

/** Why the cross-check (or a row of it) was not made. */
export type NotMade = "timed out" | "out of its domain" | "too large" | "unsupported";

export interface CasReport {
  /** Whether every row was compared (none was cut short by a reason below). */
  readonly checked: boolean;
  readonly reason?: string;
  /** Why it stopped, when it did: counted apart from agreements and disagreements. */
  readonly notMade?: NotMade;
  readonly params: number;
  readonly points: number;
  readonly mode: "symbolic" | "numeric" | "mixed";
  readonly rows: readonly CasRow[];
  /** Rows in which the CAS and the engine agree. */
  readonly agreed: number;
  /** Rows in which they do not, with the parameter and point: "w_4_1 @2". */
  readonly disagreed: readonly string[];
  /** Rows the CAS could not give a finite value for (a function outside its domain). */
  readonly outOfDomain: number;
  readonly failed: number;
  readonly worst: number;
  readonly millis: number;
  /** Derivatives the CAS took, against the budget. */
  readonly derivatives: number;
  readonly budget: number;
  /** How kinks and the CAS's limits were handled: what a reader of the verdict should know. */
  readonly notes: readonly string[];
}

export interface CasOptions {
  readonly seed?: number;
  readonly points?: number;
  /** Derivatives the CAS may take; past it the report says "not made: too large". */
  readonly maxDerivatives?: number;
  /** A hard stop in wall-clock time: past it, "not made: timed out" (never a disagreement). */
  readonly timeoutMillis?: number;
  /** One stage, "cross-checking with nerdamer-prime", counted in parameters at each point. */
  readonly progress?: Progress;
}

const CAS_OPTIONS = strictOptions({
  seed,
  points: whole(1, 100),
  maxDerivatives: whole(1, Infinity),
  // Any number: a time already past (0, or below) stops at once, with "not made: timed out".
  timeoutMillis: z
    .custom<number>((v) => typeof v === "number" && !Number.isNaN(v), { error: mustBe("a number of milliseconds") })
    .optional(),
  progress: progressOption,
} satisfies Shape<CasOptions>);

/** casCrossCheck's options, each checked before any work: an InputError naming the option otherwise. */
export function checkCasOptions(o: CasOptions): void {
  validate(CAS_OPTIONS, o ?? {}, "options");
}
