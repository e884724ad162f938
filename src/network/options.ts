// The options of the library's entry points, validated like a spec: each refusal is one
// InputError naming the option (derive's lang, the renderers' expand, fragment and template).
// The entry points call these in their first line; the schemas sit here, beside the spec's.
import * as z from "zod";
import { InputError, shown } from "../errors.js";
import { MAX_LAYER_SIZE, validate } from "./schema.js";
import type { Progress } from "../progress.js";

/** The largest template text a renderer takes (the command line refuses larger files before reading them whole). */
export const MAX_TEMPLATE_CHARS = 10 * 1024 * 1024;

/** The message of a refused option: what it is, and what it must be. */
export const mustBe = (what: string) => (iss: { input?: unknown }) => `is ${shown(iss.input)}; must be ${what}`;

const isProgress = (v: unknown): boolean =>
  typeof v === "object" && v !== null && typeof (v as Progress).stage === "function" && typeof (v as Progress).advance === "function";

/** The optional `progress` of every long-running entry point (progress.ts). */
export const progressOption = z
  .custom<Progress>(isProgress, { error: "must be a Progress: an object with stage(name, total?) and advance(done)" })
  .optional();

/**
 * An object of these options and no others: an unknown one is refused with the list of those
 * allowed, made from the options themselves (never a second list to keep in step).
 */
export function strictOptions<S extends z.ZodRawShape>(shape: S, what = "option", otherwise = "must be an object of options") {
  const allowed = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (iss) => (iss.code === "unrecognized_keys" ? `unknown ${what}; allowed: ${allowed}` : otherwise),
  });
}

/** derive(network, { lang }): a language of the prose. */
export function checkDeriveOptions(value: unknown, languages: readonly string[]): void {
  const schema = strictOptions({
    lang: z.enum(languages as [string, ...string[]], { error: mustBe(`one of ${languages.join(", ")}`) }).optional(),
    progress: progressOption,
    batch: z.boolean({ error: mustBe("true or false") }).optional(),
  });
  validate(schema, value ?? {}, "options");
}

const RenderOptionsSchema = strictOptions({
  template: strictOptions(
    {
      name: z.string({ error: mustBe("a string") }),
      text: z.string({ error: mustBe("a string") }).max(MAX_TEMPLATE_CHARS, { error: `is longer than ${MAX_TEMPLATE_CHARS} characters` }),
    },
    "key",
    'must be { "name": string, "text": string }',
  ).optional(),
  fragment: z.boolean({ error: mustBe("true or false") }).optional(),
  expand: z
    .number({ error: mustBe(`a whole number from 1 to ${MAX_LAYER_SIZE}`) })
    .int({ error: mustBe(`a whole number from 1 to ${MAX_LAYER_SIZE}`) })
    .min(1, { error: mustBe(`a whole number from 1 to ${MAX_LAYER_SIZE}`) })
    .max(MAX_LAYER_SIZE, { error: mustBe(`a whole number from 1 to ${MAX_LAYER_SIZE}`) })
    .optional(),
  style: z.enum(["notes", "proof"], { error: mustBe("notes or proof") }).optional(),
  labelPrefix: z
    .string({ error: mustBe("a letter followed by letters, digits or hyphens (at most 60)") })
    .regex(/^[A-Za-z][A-Za-z0-9-]{0,59}$/, { error: mustBe("a letter followed by letters, digits or hyphens (at most 60)") })
    .optional(),
  sectionLevel: z.enum(["chapter", "section", "subsection"], { error: mustBe("chapter, section or subsection") }).optional(),
  author: z
    .string({ error: mustBe("a string") })
    .max(200, { error: "is longer than 200 characters" })
    .regex(/^[^\u0000-\u001f\u007f]*$/, { error: "must not contain control characters" })
    .optional(),
  assets: z.enum(["inline", "external"], { error: mustBe("inline or external") }).optional(),
  labels: z.enum(["full", "short", "none"], { error: mustBe("full, short or none") }).optional(),
  appendix: z.enum(["include", "omit"], { error: mustBe("include or omit") }).optional(),
  tags: z.enum(["plain", "prefixed"], { error: mustBe("plain or prefixed") }).optional(),
  code: z.enum(["numpy", "pytorch", "js"], { error: mustBe("numpy, pytorch or js") }).optional(),
  numberFrom: z
    .number({ error: mustBe("a whole number from 1 to 1000000") })
    .int({ error: mustBe("a whole number from 1 to 1000000") })
    .min(1, { error: mustBe("a whole number from 1 to 1000000") })
    .max(1_000_000, { error: mustBe("a whole number from 1 to 1000000") })
    .optional(),
  progress: progressOption,
});

/** A renderer's options: { template?, fragment?, expand?, style?, labelPrefix?, sectionLevel?, author?, assets?, labels?, appendix?, tags?, code?, numberFrom?, progress? }. */
export function checkRenderOptions(value: unknown): void {
  validate(RenderOptionsSchema, value ?? {}, "options");
}

/** The render input must carry a proof (the one thing a renderer cannot do without). */
export function checkRenderInput(value: unknown): void {
  if (value === null || typeof value !== "object" || !("proof" in value) || typeof (value as { proof: unknown }).proof !== "object") {
    throw new InputError("input", 'must be an object with "proof" (from derive), and optionally "report", "steps", "stepChecks", "cas"');
  }
}
