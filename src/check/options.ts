// The pieces of the zod schemas of the check's three entry points (checkSteps in step-options.ts,
// gradientCheck, casCrossCheck in cas-report.ts), each beside its options' type and validated
// before any work, as the spec and the renderers' options are: a refusal is one InputError naming
// the option and what it must be; an unknown option is refused with the list of those allowed.
import * as z from "zod";
import { mustBe } from "../network/options.js";

/** A whole number from min to max (Infinity allowed where max is Infinity). */
export const whole = (min: number, max: number) =>
  z
    .custom<number>((v) => (v === Infinity && max === Infinity) || (typeof v === "number" && Number.isInteger(v) && v >= min && v <= max), {
      error: mustBe(`a whole number from ${min} to ${max === Infinity ? "Infinity" : max}`),
    })
    .optional();

export const seed = whole(0, 2 ** 32 - 1);
export const tolerance = z
  .number({ error: mustBe("a number from 0 up to (not including) 1") })
  .min(0, { error: mustBe("a number from 0 up to (not including) 1") })
  .lt(1, { error: mustBe("a number from 0 up to (not including) 1") })
  .optional();
/** Params or a mini-batch as parseParams returns them: the flat values are what every check reads. */
export const parsed = <T>(what: string) =>
  z
    .custom<T>((v) => typeof v === "object" && v !== null && Array.isArray((v as { values?: unknown }).values), {
      error: `must be ${what} as parseParams returns them`,
    })
    .optional();
export const fn = <T>() => z.custom<T>((v) => typeof v === "function", { error: "must be a function" }).optional();

/** One schema for each key of T, none missing and none besides: `satisfies Shape<Options>`. */
export type Shape<T> = { readonly [K in keyof Required<T>]: z.ZodType };
