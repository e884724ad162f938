// The options of the step check, their defaults, and their validation before any work: an
// InputError naming the option otherwise.
import { InputError } from "../errors.js";
import type { Batch } from "../network/batch.js";
import type { Method } from "../oracle/differences.js";
import type { Rng } from "../oracle/rng.js";
import type { Progress } from "../progress.js";
import { checkSeed } from "./gradcheck.js";
import type { Params } from "./params.js";
import { checkTolerance } from "./tolerance.js";

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

const whole = (v: unknown, field: string, min: number, max: number): number => {
  if (v === Infinity && max === Infinity) return v;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw new InputError(field, `is ${String(v)}; must be a whole number from ${min} to ${max === Infinity ? "Infinity" : max}`);
  }
  return v;
};

/** Every option checked before any work: an InputError naming the option otherwise. */
export function validate(o: StepCheckOptions): void {
  if (o === null || typeof o !== "object") throw new InputError("options", "must be an object");
  const known = [
    "seed",
    "points",
    "method",
    "tolerance",
    "maxBindings",
    "maxPerBlock",
    "params",
    "batch",
    "worked",
    "only",
    "draw",
    "progress",
  ];
  for (const k of Object.keys(o))
    if (!known.includes(k)) throw new InputError(`options.${k}`, `unknown option; allowed: ${known.join(", ")}`);
  if (o.seed !== undefined) checkSeed(o.seed, "options.seed");
  if (o.points !== undefined) whole(o.points, "options.points", 1, MAX_POINTS);
  if (o.tolerance !== undefined) checkTolerance(o.tolerance, "options.tolerance");
  if (o.method !== undefined && o.method !== "central" && o.method !== "complex-step")
    throw new InputError("options.method", `is ${String(o.method)}; allowed: central, complex-step`);
  if (o.maxBindings !== undefined) whole(o.maxBindings, "options.maxBindings", 1, Infinity);
  if (o.maxPerBlock !== undefined) whole(o.maxPerBlock, "options.maxPerBlock", 1, Infinity);
  if (o.worked !== undefined) whole(o.worked.digits, "options.worked.digits", 1, 17);
}
