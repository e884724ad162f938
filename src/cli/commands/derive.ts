// derive: the proof for a network, checked, rendered to every requested format in out/.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { derive } from "../../derive/derive.js";
import { LANGUAGES } from "../../derive/messages/index.js";
import { gradientCheck } from "../../check/gradcheck.js";
import { InputError } from "../../errors.js";
import { MAX_LAYER_SIZE } from "../../network/spec.js";
import { DEFAULT_EXPAND } from "../../render/elide.js";
import { FORMATS, PREFIX_PATTERN, templateFormat, type Format, type OutputFile } from "../../render/formats.js";
import { checkTemplate } from "../../render/template.js";
import { integerFlag, parse } from "../args.js";
import { checkOutDir, writeAll } from "../io.js";
import { networkFrom } from "../spec-input.js";
import { casSummary, certify, checkFlags, crossCheck, stepSummary } from "./check.js";

export const DERIVE_FLAGS = [
  "layers", "activation", "output-activation", "loss", "format", "out", "seed", "full-check", "template", "fragment", "lang", "expand",
  "params", "digits", "points", "method", "tolerance", "style", "label-prefix", "section-level", "author", "assets", "help",
] as const;

/** A flag whose value is one of a few words. */
function choice<T extends string>(v: string | boolean | undefined, flag: string, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  throw new InputError(flag, `is ${JSON.stringify(String(v)).slice(0, 60)}; allowed: ${allowed.join(", ")}`);
}

export function parseFormats(v: string | boolean | undefined): Format[] {
  const all = Object.keys(FORMATS) as Format[];
  if (v === undefined) return all;
  const list = String(v).split(",").map((s) => s.trim());
  for (const f of list) {
    if (!(all as string[]).includes(f)) throw new InputError("--format", `unknown format "${f}"; allowed: ${all.join(", ")}`);
  }
  return [...new Set(list)] as Format[];
}

/** The format whose built-in template --template replaces: the only one asked for, or its name's. */
export function templateTarget(path: string, formats: readonly Format[]): Format {
  if (formats.length === 1) return formats[0]!;
  const f = templateFormat(path);
  if (f === undefined || !formats.includes(f)) {
    throw new InputError("--template", `cannot tell which format ${path} is for; name it *.tex.njk, *.html.njk, *.md.njk or *.json.njk, or give --format with one format`);
  }
  return f;
}

export function runDerive(argv: readonly string[], print: (s: string) => void): number {
  const args = parse(argv, DERIVE_FLAGS);
  const v = args.values;
  const network = networkFrom(args);
  const formats = parseFormats(v.format);
  const lang = typeof v.lang === "string" ? v.lang : "en";
  if (!Object.hasOwn(LANGUAGES, lang)) throw new InputError("--lang", `unknown language "${lang}"; allowed: ${Object.keys(LANGUAGES).join(", ")}`);
  const template = typeof v.template === "string" ? v.template : undefined;
  const target = template === undefined ? undefined : templateTarget(template, formats);
  if (template !== undefined) checkTemplate(template, "--template");
  const expand = integerFlag(v.expand, "--expand", 1, MAX_LAYER_SIZE, DEFAULT_EXPAND);
  const seed = integerFlag(v.seed, "--seed", 0, 2 ** 31 - 1, 1);
  const checking = checkFlags(v, network);
  const out = typeof v.out === "string" ? v.out : "out";
  checkOutDir(out);
  // Every step checked; with --params, a worked example appended and checked at them.
  const { proof, steps } = certify(derive(network, { lang }), checking, seed, v["full-check"] === true);
  const report = gradientCheck(proof, { seed, full: v["full-check"] === true, tolerance: checking.tolerance });
  const cas = crossCheck(proof, seed);
  const labelPrefix = typeof v["label-prefix"] === "string" ? v["label-prefix"] : undefined;
  if (labelPrefix !== undefined && !PREFIX_PATTERN.test(labelPrefix)) {
    throw new InputError("--label-prefix", `is ${JSON.stringify(labelPrefix.slice(0, 60))}; must be a letter followed by letters, digits or hyphens (at most 60)`);
  }
  const author = typeof v.author === "string" ? v.author : undefined;
  if (author !== undefined && (author.length > 200 || /[\u0000-\u001f\u007f]/.test(author))) throw new InputError("--author", "must be at most 200 characters, without control characters");
  const options = {
    fragment: v.fragment === true,
    expand,
    style: choice(v.style, "--style", ["notes", "proof"] as const, "notes"),
    sectionLevel: choice(v["section-level"], "--section-level", ["chapter", "section", "subsection"] as const, "section"),
    assets: choice(v.assets, "--assets", ["inline", "external"] as const, "inline"),
    ...(labelPrefix !== undefined ? { labelPrefix } : {}),
    ...(author !== undefined ? { author } : {}),
  };
  // Everything is rendered in memory first: a bad template fails here, before any file is written.
  const byName = new Map<string, OutputFile>();
  for (const f of formats) {
    for (const file of FORMATS[f]({ proof, report, stepChecks: steps.checks, steps, ...(cas ? { cas } : {}) }, f === target ? { ...options, template } : options)) byName.set(file.name, file);
  }
  const files = [...byName.values()];
  for (const d of new Set(files.map((f) => dirname(f.name)).filter((d) => d !== "."))) mkdirSync(join(out, d), { recursive: true });
  const written = writeAll(out, files);
  for (const w of summarise(out, written)) print(`wrote ${w}`);
  for (const line of stepSummary(steps, proof, false)) print(line);
  print(casSummary(cas, network.params.length));
  print(`gradient check: ${report.checked} of ${report.total} parameters, ${report.failed} failed, worst relative error ${report.worst.toExponential(2)}`);
  return report.failed === 0 && steps.failed === 0 && (cas?.failed ?? 0) === 0 ? 0 : 1;
}

/** Files at the top of out/ one by one; a subdirectory (KaTeX's fonts) as one line. */
function summarise(out: string, written: readonly string[]): string[] {
  const lines: string[] = [];
  const dirs = new Map<string, number>();
  for (const w of written) {
    const top = w.slice(out.length + 1).split(/[\\/]/);
    if (top.length === 1) lines.push(w);
    else dirs.set(top[0]!, (dirs.get(top[0]!) ?? 0) + 1);
  }
  for (const [d, n] of dirs) lines.push(`${join(out, d)}/ (${n} files)`);
  return lines;
}
