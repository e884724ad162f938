// derive: the proof for a network, checked, rendered to every requested format in out/.
import { derive } from "../../derive/derive.js";
import { LANGUAGES } from "../../derive/messages/index.js";
import { gradientCheck } from "../../check/gradcheck.js";
import { InputError } from "../../errors.js";
import { FORMATS, type Format, type OutputFile } from "../../render/formats.js";
import { integerFlag, parse } from "../args.js";
import { checkOutDir, writeAll } from "../io.js";
import { networkFrom } from "../spec-input.js";

export const DERIVE_FLAGS = ["layers", "activation", "output-activation", "loss", "format", "out", "seed", "full-check", "template", "fragment", "lang", "help"] as const;

export function parseFormats(v: string | boolean | undefined): Format[] {
  const all = Object.keys(FORMATS) as Format[];
  if (v === undefined) return all;
  const list = String(v).split(",").map((s) => s.trim());
  for (const f of list) {
    if (!(all as string[]).includes(f)) throw new InputError("--format", `unknown format "${f}"; allowed: ${all.join(", ")}`);
  }
  return [...new Set(list)] as Format[];
}

export function runDerive(argv: readonly string[], print: (s: string) => void): number {
  const args = parse(argv, DERIVE_FLAGS);
  const v = args.values;
  const network = networkFrom(args);
  const formats = parseFormats(v.format);
  const lang = typeof v.lang === "string" ? v.lang : "en";
  if (!Object.hasOwn(LANGUAGES, lang)) throw new InputError("--lang", `unknown language "${lang}"; allowed: ${Object.keys(LANGUAGES).join(", ")}`);
  if (v.template !== undefined && formats.length !== 1) {
    throw new InputError("--template", "replaces the template of one format; give --format with exactly one format");
  }
  const seed = integerFlag(v.seed, "--seed", 0, 2 ** 31 - 1, 1);
  const out = typeof v.out === "string" ? v.out : "out";
  checkOutDir(out);
  const proof = derive(network, { lang });
  const report = gradientCheck(proof, { seed, full: v["full-check"] === true });
  const options = { ...(typeof v.template === "string" ? { template: v.template } : {}), fragment: v.fragment === true };
  const files: OutputFile[] = formats.flatMap((f) => FORMATS[f]({ proof, report }, options));
  const written = writeAll(out, files);
  for (const w of written) print(`wrote ${w}`);
  print(`gradient check: ${report.checked} of ${report.total} parameters, ${report.failed} failed, worst relative error ${report.worst.toExponential(2)}`);
  return report.failed === 0 ? 0 : 1;
}
