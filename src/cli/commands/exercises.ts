// exercises: a sheet of exercises on one network or several and its answer key, every answer derived and
// checked before it is written, in every requested format to --out.
import { derive } from "../../derive/derive.js";
import { LANGUAGES } from "../../derive/messages/index.js";
import { InputError, shorten } from "../../errors.js";
import { buildNetwork } from "../../network/graph.js";
import { parseSpec } from "../../network/spec.js";
import { katexAssets } from "../../render/assets.js";
import type { OutputFile } from "../../render/document.js";
import { notesNumbers } from "../../render/notes-numbers.js";
import { SHEET_FORMATS, type SheetFormat, sheetFiles } from "../../exercises/formats.js";
import { makeSheet } from "../../exercises/sheet.js";
import { EXERCISE_KINDS, type KindOption } from "../../exercises/types.js";
import { varySpec } from "../../exercises/vary.js";
import { integerFlag, parse } from "../args.js";
import type { Io } from "../context.js";
import { networkFrom } from "../spec-input.js";
import { checkOutDir } from "../write.js";
import { writeAll } from "../outputs.js";

export const EXERCISES_FLAGS = [
  "layers",
  "activation",
  "output-activation",
  "loss",
  "count",
  "seed",
  "kinds",
  "vary",
  "format",
  "lang",
  "out",
  "quiet",
  "help",
] as const;

/** A comma-separated list of allowed words, each at most once. */
function listFlag<T extends string>(v: string | boolean | undefined, flag: string, allowed: readonly T[]): T[] {
  if (v === undefined) return [...allowed];
  const list = String(v)
    .split(",")
    .map((s) => s.trim());
  for (const x of list)
    if (!(allowed as readonly string[]).includes(x))
      throw new InputError(flag, `unknown value "${shorten(x)}"; allowed: ${allowed.join(", ")}`);
  return [...new Set(list)] as T[];
}

export async function runExercises(argv: readonly string[], io: Io): Promise<number> {
  const args = parse(argv, EXERCISES_FLAGS);
  const v = args.values;
  const seed = integerFlag(v.seed, "--seed", 0, 2 ** 32 - 1, 1);
  const count = integerFlag(v.count, "--count", 1, 100, 100);
  const kinds = listFlag<KindOption>(v.kinds, "--kinds", EXERCISE_KINDS);
  const formats = listFlag<SheetFormat>(v.format, "--format", SHEET_FORMATS);
  const lang = typeof v.lang === "string" ? v.lang : "en";
  if (!Object.hasOwn(LANGUAGES, lang))
    throw new InputError("--lang", `is "${shorten(lang)}"; allowed: ${Object.keys(LANGUAGES).join(", ")}`);
  if (v.vary !== undefined && v.vary !== "network") throw new InputError("--vary", `is "${shorten(String(v.vary))}"; allowed: network`);
  const out = typeof v.out === "string" ? v.out : "out";
  if (out === "" || out === "-") throw new InputError("--out", "must name a directory (the sheet is several files)");
  checkOutDir(out);
  // Every spec is read, built and checked before any network is derived or anything written.
  const specs = args.positionals.length > 0 ? args.positionals : [undefined];
  if (specs.filter((s) => s === "-").length > 1) throw new InputError("SPEC", "standard input (-) can be given once");
  const networks = specs.map((spec, i) => {
    const named = (e: unknown): never => {
      if (e instanceof InputError && specs.length > 1 && e.field === "SPEC") throw new InputError(`SPEC ${shorten(spec ?? "")}`, e.detail);
      throw e;
    };
    try {
      const network = networkFrom(args, spec, io.stdin);
      // Each network of the sheet varies with a seed of its own.
      return v.vary === "network" ? buildNetwork(parseSpec(varySpec(network.spec.source, seed + i))) : network;
    } catch (e) {
      return named(e);
    }
  });
  const proofs = networks.map((n) => derive(n, { lang }));
  const sheet = makeSheet(proofs, { seed, kinds, count, numbers: proofs.map(notesNumbers) });
  if (sheet.exercises.length === 0)
    throw new InputError("--kinds", `gives no exercise for this network; allowed: ${EXERCISE_KINDS.join(", ")}`);
  const files: OutputFile[] = [...formats.flatMap((f) => sheetFiles(sheet, f)), ...(formats.includes("html") ? katexAssets() : [])];
  const written = await writeAll(out, files, { signals: io.signals === true });
  if (v.quiet !== true) {
    const n = sheet.exercises.length;
    io.print(`${n} exercise${n === 1 ? "" : "s"}, every answer checked`);
    for (const w of written.filter((p) => !p.includes("katex"))) io.print(`wrote ${w}`);
  }
  return 0;
}
