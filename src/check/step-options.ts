// The options of the step check, their defaults, and their zod schema, validated before any
// work: an InputError naming the option otherwise.
import * as z from "zod";
import { mustBe, progressOption, strictOptions } from "../network/options.js";
import { validate as validateSchema } from "../network/schema.js";
import type { Batch } from "../network/batch.js";
import type { Method } from "../oracle/differences.js";
import type { Rng } from "../oracle/rng.js";
import type { Progress } from "../progress.js";
import { fn, parsed, seed, type Shape, tolerance, whole } from "./options.js";
import type { Params } from "./params.js";

export const DEFAULT_POINTS = 3;
export const DEFAULT_MAX_BINDINGS = 100;
/** Steps checked in one enumeration block of a large network, unless a full check is asked. */
export const DEFAULT_MAX_PER_BLOCK = 300;
export interface StepCheckOptions {
  readonly seed?: number;
  readonly points?: number;
  readonly method?: Method;
  readonly tolerance?: number;
  /** Bindings of an index-form step beyond which a seeded sample is checked. */
  readonly maxBindings?: number;
  /**
   * Steps checked per long enumeration block (default DEFAULT_MAX_PER_BLOCK; Infinity: all, and no
   * bound on the whole check's work either, CHECK_WORK in plan.ts).
   */
  readonly maxPerBlock?: number;
  /** Check at these params only, instead of random points (no redraw is possible). */
  readonly params?: Params;
  /** With params: the mini-batch (its first example the params) at which the mini-batch section is checked. */
  readonly batch?: Batch;
  /** The params and printed digits of the worked-example section, whose steps hold there only; with
   * `batch`, a worked example over that mini-batch (params: its first example). */
  readonly worked?: { readonly params: Params; readonly digits: number; readonly batch?: Batch };
  /** Check only these steps. */
  readonly only?: ReadonlySet<string>;
  /** Where random points come from (tests use it to start at a kink). */
  readonly draw?: (r: Rng, attempt: number) => Params;
  /** One stage, "checking every step", counted in instances (step bindings at the requested points). */
  readonly progress?: Progress;
}

/** The most random points a step check takes. */
export const MAX_POINTS = 1000;

const STEP_OPTIONS = strictOptions({
  seed,
  points: whole(1, MAX_POINTS),
  method: z.enum(["central", "complex-step"], { error: mustBe("central or complex-step") }).optional(),
  tolerance,
  maxBindings: whole(1, Infinity),
  maxPerBlock: whole(1, Infinity),
  params: parsed("params"),
  batch: parsed("a mini-batch"),
  worked: z
    .looseObject(
      { params: parsed("params"), digits: whole(1, 17), batch: parsed("a mini-batch") },
      { error: "must be { params, digits, batch? }" },
    )
    .optional(),
  only: z.custom<ReadonlySet<string>>((v) => v instanceof Set, { error: "must be a Set of step ids" }).optional(),
  draw: fn(),
  progress: progressOption,
} satisfies Shape<StepCheckOptions>);

/** Every option checked before any work: an InputError naming the option otherwise. */
export function validate(o: StepCheckOptions): void {
  validateSchema(STEP_OPTIONS, o ?? {}, "options");
}
