// derive: the proof for a network, checked, rendered to every requested format in out/ (or one
// format to standard output with --out -). Several specs each go into OUT/<name>/. Every input
// is read and validated before any work, so that bad input writes nothing.
import { EXAMPLE_MAX_PARAMS, exampleParams } from "../../check/example.js";
import { join } from "node:path";
import { derive } from "../../derive/derive.js";
import { LANGUAGES } from "../../derive/messages/index.js";
import { gradientCheck } from "../../check/gradcheck.js";
import { InputError, shorten } from "../../errors.js";
import type { Network } from "../../network/graph.js";
import { MAX_LAYER_SIZE } from "../../network/spec.js";
import type { Progress } from "../../progress.js";
import { DEFAULT_EXPAND } from "../../render/elide.js";
import { PREFIX_PATTERN, type Format, type OutputFile, type RenderInput, type RenderOptions } from "../../render/document.js";
import { loadRenderer } from "../../render/load.js";
import { CODE_LANGS, checkCodeForm, type CodeLang } from "../../render/code/code.js";
import { slidesFile } from "../../render/slides.js";
import type { TemplateSource } from "../../render/template.js";
import { integerFlag, parse, type Parsed } from "../args.js";
import { progressOf, type Io } from "../context.js";
import { readText } from "../io.js";
import { Outputs } from "../outputs.js";
import { isPath, networkFrom, specName } from "../spec-input.js";
import { watchFiles } from "../watch.js";
import { parseFormats, templateTarget } from "../formats.js";
import { checkOutDir } from "../write.js";
import { programFiles, workedParams } from "../programs.js";
import {
  casSummary,
  certify,
  checkFlags,
  crossCheck,
  gradientAllowance,
  gradientSummary,
  stepSummary,
  withExampleOf,
  type CheckFlags,
} from "./check.js";

export const DERIVE_FLAGS = [
  "layers",
  "activation",
  "output-activation",
  "loss",
  "format",
  "out",
  "seed",
  "full-check",
  "template",
  "fragment",
  "lang",
  "expand",
  "params",
  "example",
  "digits",
  "points",
  "method",
  "tolerance",
  "no-check",
  "cas",
  "quiet",
  "style",
  "label-prefix",
  "labels",
  "appendix",
  "code",
  "tags",
  "number-from",
  "section-level",
  "author",
  "assets",
  "watch",
  "help",
] as const;

/** A flag whose value is one of a few words. */
function choice<T extends string>(v: string | boolean | undefined, flag: string, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  throw new InputError(flag, `is ${JSON.stringify(shorten(String(v)))}; allowed: ${allowed.join(", ")}`);
}

/** Everything the flags ask for, validated before any work. */
interface Plan {
  readonly formats: Format[];
  /** The programs to write beside the documents: backprop.py, backprop_torch.py, backprop.mjs. */
  readonly code: CodeLang[];
  /** derivation.ipynb: the Markdown notes with the NumPy code in cells. */
  readonly notebook: boolean;
  readonly lang: string;
  readonly template?: { readonly format: Format; readonly source: TemplateSource };
  readonly expand: number;
  readonly seed: number;
  readonly out: string;
  readonly toStdout: boolean;
  readonly check: boolean;
  readonly cas: boolean;
  readonly full: boolean;
  readonly fragment: boolean;
  /** How the documents look: RenderOptions beyond fragment, expand and template. */
  readonly look: DocumentLook;
  /** --style slides: one Beamer deck instead of the documents. */
  readonly slides: boolean;
}

/** --format with --style slides: tex (the Beamer deck, the default), html (the HTML deck), or both. */
function slidesFormats(v: string | boolean | undefined): Format[] {
  if (v === undefined) return ["tex"];
  const list = String(v)
    .split(",")
    .map((x) => x.trim());
  for (const x of list)
    if (x !== "tex" && x !== "html")
      throw new InputError(
        "--format",
        `is "${shorten(x)}" with --style slides; allowed: tex (a Beamer deck), html (an HTML deck), or tex,html`,
      );
  return [...new Set(list)] as Format[];
}

function planOf(v: Parsed["values"], specs: readonly string[], io: Io): Plan {
  const dashes = [
    ...specs.filter((s) => s === "-").map(() => "SPEC"),
    ...(v.params === "-" ? ["--params"] : []),
    ...(v.template === "-" ? ["--template"] : []),
  ];
  if (dashes.length > 1) throw new InputError(dashes[1]!, `and ${dashes[0]} cannot both be read from standard input`);
  const slides = v.style === "slides";
  const slideFormats = slides ? slidesFormats(v.format) : [];
  if (slides && (v.template !== undefined || v.fragment === true))
    throw new InputError(
      "--style",
      "slides writes one deck (derivation.slides.tex, derivation.slides.html): give it without --template and --fragment",
    );
  const { formats, code, notebook } = slides ? { formats: slideFormats, code: [], notebook: false } : parseFormats(v.format);
  const lang = typeof v.lang === "string" ? v.lang : "en";
  if (!Object.hasOwn(LANGUAGES, lang))
    throw new InputError("--lang", `unknown language "${shorten(lang)}"; allowed: ${Object.keys(LANGUAGES).join(", ")}`);
  const path = typeof v.template === "string" ? v.template : undefined;
  const template =
    path === undefined
      ? undefined
      : { format: templateTarget(path, formats), source: { name: path, text: readText(path, "--template", io.stdin, "template ") } };
  const out = typeof v.out === "string" ? v.out : "out";
  if (out === "") throw new InputError("--out", "is empty; give a directory, or - for standard output");
  const toStdout = out === "-";
  if (!toStdout) checkOutDir(out);
  if (toStdout && formats.length + code.length + (notebook ? 1 : 0) !== 1)
    throw new InputError(
      "--out",
      `- writes one document to standard output; give --format with one format (not ${[...formats, ...code, ...(notebook ? ["ipynb"] : [])].join(",")})`,
    );
  if (toStdout && specs.length > 1) throw new InputError("--out", "- writes one document to standard output; give one spec");
  if (v.code !== undefined && (slides || !formats.some((f) => f !== "json")))
    throw new InputError(
      "--code",
      "adds the program to the documents tex, html and md; give --format with one of them (not with --style slides)",
    );
  if (v["no-check"] === true && v.cas === true) throw new InputError("--cas", "and --no-check contradict each other; give one");
  return {
    formats,
    code,
    notebook,
    lang,
    ...(template ? { template } : {}),
    expand: integerFlag(v.expand, "--expand", 1, MAX_LAYER_SIZE, DEFAULT_EXPAND),
    seed: integerFlag(v.seed, "--seed", 0, 2 ** 31 - 1, 1),
    out,
    toStdout,
    check: v["no-check"] !== true,
    cas: v.cas === true,
    full: v["full-check"] === true,
    fragment: v.fragment === true,
    look: lookOf(v),
    slides,
  };
}

/** The documents' style flags. */
type DocumentLook = Pick<
  RenderOptions,
  "style" | "sectionLevel" | "assets" | "labelPrefix" | "author" | "labels" | "appendix" | "tags" | "numberFrom" | "code"
>;

function lookOf(v: Parsed["values"]): DocumentLook {
  const labelPrefix = typeof v["label-prefix"] === "string" ? v["label-prefix"] : undefined;
  if (labelPrefix !== undefined && !PREFIX_PATTERN.test(labelPrefix)) {
    throw new InputError(
      "--label-prefix",
      `is ${JSON.stringify(shorten(labelPrefix))}; must be a letter followed by letters, digits or hyphens (at most 60)`,
    );
  }
  const author = typeof v.author === "string" ? v.author : undefined;
  if (author !== undefined && (author.length > 200 || /[\u0000-\u001f\u007f]/.test(author)))
    throw new InputError("--author", "must be at most 200 characters, without control characters");
  return {
    // Slides are drawn from the notes (the deck is planned apart: plan.slides).
    style: choice(v.style, "--style", ["notes", "proof", "slides"] as const, "notes") === "proof" ? "proof" : "notes",
    sectionLevel: choice(v["section-level"], "--section-level", ["chapter", "section", "subsection"] as const, "section"),
    assets: choice(v.assets, "--assets", ["inline", "external"] as const, "inline"),
    ...(labelPrefix !== undefined ? { labelPrefix } : {}),
    ...(author !== undefined ? { author } : {}),
    // Unset, each follows the style and --fragment (document.ts).
    ...(v.labels !== undefined ? { labels: choice(v.labels, "--labels", ["full", "short", "none"] as const, "full") } : {}),
    ...(v.appendix !== undefined ? { appendix: choice(v.appendix, "--appendix", ["include", "omit"] as const, "include") } : {}),
    ...(v.tags !== undefined ? { tags: choice(v.tags, "--tags", ["plain", "prefixed"] as const, "plain") } : {}),
    ...(v["number-from"] !== undefined ? { numberFrom: integerFlag(v["number-from"], "--number-from", 1, 1_000_000, 1) } : {}),
    ...(v.code !== undefined ? { code: choice(v.code, "--code", CODE_LANGS, "numpy") } : {}),
  };
}

/** The specs on the command line, each with the directory its outputs go to, relative to --out. */
function targets(args: Parsed, out: string): { spec: string | undefined; dir: string }[] {
  const specs = args.positionals;
  if (specs.length <= 1) return [{ spec: specs[0], dir: "" }];
  const seen = new Map<string, string>();
  return specs.map((spec) => {
    const name = specName(spec);
    if (name === "" || name === "." || name === "..")
      throw new InputError("SPEC", `cannot name an output directory after ${shorten(spec)}`);
    const other = seen.get(name);
    if (other !== undefined)
      throw new InputError(
        "SPEC",
        `${shorten(other)} and ${shorten(spec)} would both be written to ${shorten(out)}/${shorten(name)}/; rename one`,
      );
    seen.set(name, spec);
    return { spec, dir: name };
  });
}

interface Job {
  readonly network: Network;
  readonly checking: CheckFlags;
  /** Where its outputs go, relative to --out ("" for a single spec). */
  readonly dir: string;
}

/** Derives, checks and renders one network in memory; returns the files and the summary lines. */
async function render(job: Job, plan: Plan, progress: Progress): Promise<{ files: OutputFile[]; lines: string[]; passed: boolean }> {
  // Each stage is reported by the function doing the work, with its total.
  // With a mini-batch of examples, the notes show the section on training with one.
  const derived = derive(job.network, { lang: plan.lang, progress, ...(job.checking.batch ? { batch: true } : {}) });
  let input: RenderInput;
  const lines: string[] = [];
  let passed = true;
  if (plan.check) {
    // Every step checked; with --params, a worked example appended and checked at them.
    const { proof, steps } = certify(derived, job.checking, plan.seed, plan.full, progress);
    const report = gradientCheck(proof, { seed: plan.seed, full: plan.full, tolerance: job.checking.tolerance, progress });
    const cas = plan.cas ? await crossCheck(proof, plan.seed, progress) : undefined;
    input = { proof, report, stepChecks: steps.checks, steps, ...(cas ? { cas } : {}) };
    lines.push(...stepSummary(steps, proof, false));
    if (plan.cas) lines.push(await casSummary(cas, job.network.params.length));
    lines.push(`gradient check: ${gradientSummary(report)}`);
    const allowance = gradientAllowance(report);
    if (allowance !== undefined) lines.push(allowance);
    passed = report.failed === 0 && steps.failed === 0 && (cas?.failed ?? 0) === 0;
  } else {
    input = { proof: withExampleOf(derived, job.checking), unchecked: true };
    lines.push("not checked (--no-check): the documents say so");
  }
  if (plan.slides) {
    const deck = input.proof;
    // The HTML deck loads KaTeX, which a run without HTML never does.
    const html = plan.formats.includes("html") ? (await import("../../render/slides-html.js")).slidesHtmlFile : undefined;
    return { files: plan.formats.map((f) => (f === "html" && html ? html(deck) : slidesFile(deck))), lines, passed };
  }
  // Everything is rendered in memory first: a bad template fails here, before any file is written.
  const byName = new Map<string, OutputFile>();
  for (const f of plan.formats) {
    progress.stage(`preparing ${f}`);
    // The documents report their own stage ("writing f", by sections) as they are written.
    const options = {
      ...plan.look,
      fragment: plan.fragment,
      expand: plan.expand,
      progress,
      ...(plan.template?.format === f ? { template: plan.template.source } : {}),
    };
    const renderer = await loadRenderer(f);
    for (const file of renderer(input, options)) byName.set(file.name, file);
  }
  // The programs and the notebook; a picture the documents wrote already is kept.
  for (const file of await programFiles(input, plan, workedParams(job.network, job.checking), progress))
    if (!byName.has(file.name)) byName.set(file.name, file);
  return { files: [...byName.values()], lines, passed };
}

export async function runDerive(argv: readonly string[], io: Io): Promise<number> {
  const args = parse(argv, DERIVE_FLAGS);
  if (args.values.watch !== true) return deriveOnce(args, io);
  const files = watchedFiles(args);
  await watchFiles({
    files,
    run: async () => {
      try {
        await deriveOnce(args, io);
      } catch (e) {
        if (io.fail === undefined) throw e;
        // A bad edit is said, and the next change is waited for.
        await io.fail(e);
      }
    },
    say: io.error,
    ...(io.stop ? { stop: io.stop } : {}),
  });
  return 0;
}

/** The files that --watch watches: the spec files, the params and the template; refused where it cannot work. */
function watchedFiles(args: Parsed): string[] {
  const v = args.values;
  const inputs = [...args.positionals, v.params, v.template].filter((x): x is string => typeof x === "string");
  if (inputs.includes("-")) throw new InputError("--watch", "cannot read standard input again at each change; give files");
  if (v.out === "-") throw new InputError("--watch", "writes the documents again at each change; give --out DIR, not -");
  // A SPEC may name a preset (nothing to watch); --params and --template always name files.
  const files = [...args.positionals.filter((s) => isPath(s)), ...[v.params, v.template].filter((x): x is string => typeof x === "string")];
  if (files.length === 0)
    throw new InputError("--watch", "has nothing to watch: give a spec file (a path such as ./net.json), --params FILE or --template FILE");
  return files;
}

/** One derivation of every spec, written; 0, or 1 when a check failed. */
async function deriveOnce(args: Parsed, io: Io): Promise<number> {
  const v = args.values;
  const quiet = v.quiet === true;
  const plan = planOf(v, args.positionals, io);
  // Every spec and the params are read and validated before anything is derived.
  const example = choice(v.example, "--example", ["small", "none"] as const, "small");
  if (v.example === "none" && v.params !== undefined)
    throw new InputError("--example", "none and --params contradict each other: --params gives the worked example's numbers");
  const jobs: Job[] = targets(args, plan.out).map(({ spec, dir }) => {
    const network = networkFrom(args, spec, io.stdin);
    if (plan.code.length > 0 || plan.notebook) checkCodeForm(network, "--format", plan.notebook);
    if (plan.look.code !== undefined) checkCodeForm(network, "--code");
    const checking = checkFlags(v, network, io.stdin, true);
    // The notes carry a worked example: at the given params, or else on small fixed numbers.
    const small =
      checking.params === undefined &&
      checking.batch === undefined &&
      example === "small" &&
      plan.look.style === "notes" &&
      network.params.length <= EXAMPLE_MAX_PARAMS;
    return { network, checking: small ? { ...checking, params: exampleParams(network) } : checking, dir };
  });
  const progress = progressOf(io, quiet);
  // Per spec: deriving, the checks, then preparing and writing each format.
  // Checked: planning the step check, the step check and the gradient check.
  progress.plan?.(jobs.length * ((plan.check ? 4 : 1) + (plan.cas ? 1 : 0) + 2 * plan.formats.length));
  // Summaries go to stderr when stdout carries the document.
  const say = quiet ? () => undefined : plan.toStdout ? io.error : io.print;
  let passed = true;
  if (plan.toStdout) {
    const { files, lines, passed: ok } = await render(jobs[0]!, plan, progress);
    const content = files[0]!.content;
    if (typeof content === "string" || content instanceof Uint8Array) io.write(content);
    else for (const chunk of content.chunks()) io.write(chunk);
    for (const line of lines) say(line);
    return ok ? 0 : 1;
  }
  // All or nothing: every spec's files are written under temporary names (a failure in any spec
  // leaves the outputs as they were), then renamed into place together.
  const outputs = new Outputs(plan.out, { signals: io.signals === true });
  const reports: string[] = [];
  try {
    for (const job of jobs) {
      const { files, lines, passed: ok } = await render(job, plan, progress);
      passed &&= ok;
      await outputs.stage(files.map((f) => ({ ...f, name: job.dir === "" ? f.name : `${job.dir}/${f.name}` })));
      reports.push(...summarise(job.dir === "" ? plan.out : join(plan.out, job.dir), files).map((w) => `wrote ${w}`), ...lines);
    }
    outputs.commit();
  } finally {
    outputs.close();
  }
  for (const line of reports) say(line);
  return passed ? 0 : 1;
}

/** Files at the top of the output directory one by one; a subdirectory (KaTeX's fonts) as one line. */
function summarise(out: string, files: readonly OutputFile[]): string[] {
  const lines: string[] = [];
  const dirs = new Map<string, number>();
  for (const f of files) {
    const top = f.name.split("/");
    if (top.length === 1) lines.push(join(out, f.name));
    else dirs.set(top[0]!, (dirs.get(top[0]!) ?? 0) + 1);
  }
  for (const [d, n] of dirs) lines.push(`${join(out, d)}/ (${n} files)`);
  return lines;
}
