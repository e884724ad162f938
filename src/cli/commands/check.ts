// check: every step of the proof at seeded random points, and every derived gradient against
// central differences, as a table and a summary. The flag parsing and the step check are shared
// with derive, which records the results in its documents.
import type { CasReport } from "../../check/cas-report.js";
import { derive } from "../../derive/derive.js";
import type { Proof } from "../../derive/proof.js";
import type { Relation } from "../../rules/equation.js";
import { toText } from "../../expr/text.js";
import type { StepCheck } from "../../check/types.js";
import { findStep } from "../../derive/enumeration.js";
import type { Network } from "../../network/graph.js";
import type { Method } from "../../oracle/differences.js";
import { gradientCheck, TOLERANCE, type GradientReport, type GradientRow } from "../../check/gradcheck.js";
import { reasonsText, type NotComparedReason } from "../../check/types.js";
import { givesExamples, parseBatch, parseParams, type Batch, type Params } from "../../check/params.js";
import { batchGradientCheck, type BatchGradientReport } from "../../check/batch-gradcheck.js";
import { exampleParams } from "../../network/batch.js";
import { withWorkedBatch } from "../../check/worked-batch.js";
import { checkSteps } from "../../check/steps.js";
import { DEFAULT_POINTS } from "../../check/step-options.js";
import type { StepReport } from "../../check/step-report.js";
import { DEFAULT_DIGITS, MAX_DIGITS, withWorkedExample } from "../../check/worked.js";
import { InputError } from "../../errors.js";
import { casJson, gradientJson, stepsJson } from "../../render/json.js";
import { NO_PROGRESS, type Progress } from "../../progress.js";
import { integerFlag, numberFlag, parse, type Parsed } from "../args.js";
import { progressOf, type Io } from "../context.js";
import { readJson, type Stdin } from "../io.js";
import { networkFrom } from "../spec-input.js";

export const CHECK_FLAGS = [
  "layers",
  "activation",
  "output-activation",
  "loss",
  "seed",
  "full-check",
  "tolerance",
  "params",
  "points",
  "method",
  "json",
  "quiet",
  "help",
] as const;

export const MAX_POINTS = 100;
/** Failed steps listed one by one before the rest are only counted. */
const SHOWN_FAILURES = 20;

export interface CheckFlags {
  readonly points: number;
  readonly method: Method;
  readonly tolerance: number;
  readonly params?: Params;
  /** A mini-batch from --params with examples (check only). */
  readonly batch?: Batch;
  readonly digits: number;
}

const METHODS: Record<string, Method> = { central: "central", "complex-step": "complex-step" };

/** --points, --method, --tolerance, --params and --digits, each checked before any work is done. */
export function checkFlags(v: Parsed["values"], network: Network, stdin?: Stdin, batches = false): CheckFlags {
  const points = integerFlag(v.points, "--points", 1, MAX_POINTS, DEFAULT_POINTS);
  const tolerance = numberFlag(v.tolerance, "--tolerance", 0, 1, TOLERANCE);
  const digits = integerFlag(v.digits, "--digits", 1, MAX_DIGITS, DEFAULT_DIGITS);
  const m = v.method === undefined ? "central" : String(v.method);
  const method = Object.hasOwn(METHODS, m) ? METHODS[m]! : undefined;
  if (method === undefined) throw new InputError("--method", `is "${m}"; allowed: ${Object.keys(METHODS).join(", ")}`);
  const json = typeof v.params === "string" ? readJson(v.params, "--params", stdin) : undefined;
  if (batches && json !== undefined && givesExamples(json)) return { points, method, tolerance, digits, batch: parseBatch(network, json) };
  const params = json === undefined ? undefined : parseParams(network, json);
  return { points, method, tolerance, digits, ...(params ? { params } : {}) };
}

/** The CAS's module, loaded only when a cross-check runs (nerdamer-prime is large). */
const casModule = () => import("../../check/cas.js");
/** The CAS's size limit, known once its module is loaded. */
let casLimit: number | undefined;

/** The independent CAS cross-check, for networks small enough (undefined above the limit). */
export async function crossCheck(proof: Proof, seed: number, progress: Progress = NO_PROGRESS): Promise<CasReport | undefined> {
  const { casCrossCheck, CAS_MAX_PARAMS } = await casModule();
  casLimit = CAS_MAX_PARAMS;
  if (proof.network.params.length > CAS_MAX_PARAMS) {
    // Its stage, counted as done: nothing to cross-check.
    progress.stage("cross-checking with nerdamer-prime (too large: not made)");
    return undefined;
  }
  return casCrossCheck(proof, { seed, progress });
}

/** The CAS verdict in one line (src/check/cas-summary.ts), loaded with the CAS's module. */
export async function casSummary(r: CasReport | undefined, total: number): Promise<string> {
  return (await import("../../check/cas-summary.js")).casSummary(r, total);
}

/** The proof with the worked example when params are given, and every step of it checked. */
export function certify(
  proof: Proof,
  flags: CheckFlags,
  seed: number,
  full = false,
  progress: Progress = NO_PROGRESS,
): { proof: Proof; steps: StepReport } {
  const withExample = withExampleOf(proof, flags);
  const steps = checkSteps(withExample, {
    seed,
    points: flags.points,
    method: flags.method,
    tolerance: flags.tolerance,
    ...(full ? { maxPerBlock: Infinity } : {}),
    ...(flags.params ? { worked: { params: flags.params, digits: flags.digits } } : {}),
    ...(flags.batch ? { worked: { params: exampleParams(flags.batch, 0), digits: flags.digits, batch: flags.batch } } : {}),
    progress,
  });
  return { proof: withExample, steps };
}

/** The proof with the worked example appended when params are given. */
export const withExampleOf = (proof: Proof, flags: CheckFlags): Proof =>
  flags.batch !== undefined
    ? withWorkedBatch(proof, { batch: flags.batch, digits: flags.digits, tolerance: flags.tolerance })
    : flags.params === undefined
      ? proof
      : withWorkedExample(proof, { params: flags.params, digits: flags.digits, tolerance: flags.tolerance });

const METHOD_NAMES: Record<Method, string> = {
  central: "central differences (Richardson-extrapolated)",
  "complex-step": "complex steps where the network is analytic, central differences elsewhere",
};

const RELATION_TEXT: Record<Relation, string> = { eq: "=", define: ":=", update: "<-" };

/** Where a step is, for a reader of the summary: its section and its equation, as the documents show them. */
function stepPlace(proof: Proof, id: string): string {
  for (const section of proof.sections) {
    const step = findStep([section], id);
    if (step !== undefined) return `"${section.title}", ${toText(step.lhs)} ${RELATION_TEXT[step.relation]} ${toText(step.rhs)}`;
  }
  return id;
}

/** The step summary: counts, the worst error and where, the method, and each failure. */
export function stepSummary(r: StepReport, proof: Proof, fixed: boolean): string[] {
  const labels = { get: (id: string): string | undefined => findStep(proof.sections, id)?.label };
  const skipped = Object.values(r.notCompared).reduce((t, n) => t + n, 0);
  const sampled = r.unchecked > 0 ? "; --full-check checks those left out of the seeded sample" : "";
  const not = skipped > 0 ? `, ${skipped} not compared (${reasonsText(r.notCompared)}${sampled})` : "";
  const lines = [
    `steps: ${r.total} in all: ${r.verified} verified, ${r.definitions} definitions or notation (nothing to check), ${r.failed} failed${not}`,
  ];
  if (r.worst !== undefined) {
    const w = r.worst;
    const where = [w.where, fixed || w.point === 0 ? "at the given params" : `point ${w.point}`].filter((x) => x !== "").join(", ");
    lines.push(
      `worst relative error ${Number.isFinite(w.error) ? w.error.toExponential(2) : "infinite"} in ${stepPlace(proof, w.step)}${where ? ` (${where})` : ""}: ${labels.get(w.step) ?? ""}`,
    );
    if (w.error > r.tolerance && r.checks.get(w.step)?.status !== "failed")
      lines.push(
        `note: that worst error is above the tolerance ${r.tolerance} and passes: before the comparison, each side's allowance ` +
          "(the estimated error of a numeric derivative in it, and the rounding bound of its floating-point evaluation) is taken off the difference",
      );
  }
  const extra = r.coveragePoints > 0 ? `, ${r.coveragePoints} of them added to see every relu-type node on both sides of its kink` : "";
  const at = fixed
    ? "at the given params"
    : `at ${r.points} seeded random point${r.points === 1 ? "" : "s"} (seed ${r.seed}${extra}; ${r.redraws} redrawn)`;
  lines.push(`method: ${METHOD_NAMES[r.method]}, ${at}, tolerance ${r.tolerance}`);
  if (r.uncovered.length > 0)
    lines.push(`note: ${r.uncovered.slice(0, 3).join("; ")}${r.uncovered.length > 3 ? `; and ${r.uncovered.length - 3} more` : ""}`);
  // The failed steps, from the failures (listing every check would read 10^6 of them).
  const failedIds = [...new Set(r.failures.map((f) => f.step))]
    .map((id): [string, StepCheck] => [id, r.checks.get(id)!])
    .filter(([, c]) => c.status === "failed");
  for (const [id, c] of failedIds.slice(0, SHOWN_FAILURES)) lines.push(`FAILED ${id} (${labels.get(id) ?? ""}): ${c.detail ?? ""}`);
  if (failedIds.length > SHOWN_FAILURES)
    lines.push(`... and ${failedIds.length - SHOWN_FAILURES} more failed steps (the JSON output of derive lists every one)`);
  return lines;
}

const pad = (s: string, n: number): string => s.padStart(n);

/** ", 2 not compared (1 overflow, 1 vacuous)" for counts by reason; "" for none. */
function notComparedText(counts: Partial<Record<NotComparedReason, number>>): string {
  const skipped = Object.values(counts).reduce((t, n) => t + n, 0);
  return skipped > 0 ? `, ${skipped} not compared (${reasonsText(counts)})` : "";
}

/** The gradient table: yes for a row compared and agreed, NO for a failed one, otherwise why it was not compared. */
function gradientRows(rows: readonly GradientRow[], print: (line: string) => void): void {
  print(`${"parameter".padEnd(12)} ${pad("derived", 18)} ${pad("finite difference", 18)} ${pad("rel. error", 10)}  ok`);
  for (const r of rows) {
    print(
      `${r.name.padEnd(12)} ${pad(r.derived.toPrecision(10), 18)} ${pad(r.numeric.toPrecision(10), 18)} ${pad(r.relError.toExponential(2), 10)}  ${r.outcome === "compared" ? "yes" : r.outcome === "failed" ? "NO" : `not compared: ${r.reason}`}`,
    );
  }
}

/** A mini-batch's report: each example's steps and gradients in a line, then the batch loss's gradient table and summary. */
function batchLines(batch: NonNullable<Checked["batch"]>, n: number, tolerance: number, seed: number, print: (line: string) => void): void {
  batch.steps.forEach((s, d) => {
    const g = batch.gradients.examples[d]!;
    print(
      `example ${d + 1}: steps ${s.verified} verified, ${s.failed} failed${notComparedText(s.notCompared)}; gradients ${g.checked} checked, ${g.failed} failed${notComparedText(g.notCompared)}, worst relative error ${g.worst.toExponential(2)}`,
    );
  });
  const r = batch.gradients.batch;
  print(`the batch loss E over ${n} example${n === 1 ? "" : "s"}, against differences of the whole batch E:`);
  gradientRows(r.rows, print);
  print(`${gradientSummary(r, "parameters of the batch loss")}, tolerance ${tolerance}, seed ${seed}`);
}

/** The check at the seeded points besides the given params: its counts, failures and unreached regimes. */
export function extraLines(report: GradientReport): string[] {
  const x = report.extra;
  if (x === undefined) return [];
  const lines = [
    `also at ${x.points} seeded points (seed ${report.seed}): ${x.checked} compared, ${x.failed} failed${notComparedText(x.notCompared)}`,
  ];
  for (const r of x.failures.slice(0, SHOWN_FAILURES))
    lines.push(
      `FAILED ${r.name} at seeded point ${r.point}: derived ${r.derived.toPrecision(10)}, finite difference ${r.numeric.toPrecision(10)}`,
    );
  const list = (xs: readonly string[]): string => `${xs.slice(0, 5).join("; ")}${xs.length > 5 ? `; and ${xs.length - 5} more` : ""}`;
  if (x.unexercised.length > 0) lines.push(`the given params leave unexercised: ${list(x.unexercised)}`);
  if (x.unreached.length > 0) lines.push(`note: no point reached ${list(x.unreached)}`);
  return lines;
}

/** "12 of 14 parameters checked, 0 failed, 2 not compared (2 overflow), worst relative error ...". */
export function gradientSummary(
  report: Pick<GradientReport, "rows" | "sampled" | "checked" | "total" | "failed" | "notCompared" | "worst">,
  what = "parameters",
): string {
  const sampled = report.sampled ? ` (a seeded sample of ${report.rows.length}; --full-check checks all)` : "";
  const skipped = report.rows.length - report.checked - report.failed;
  const not = skipped > 0 ? `, ${skipped} not compared (${reasonsText(report.notCompared)})` : "";
  return `${report.checked} of ${report.total} ${what} checked${sampled}, ${report.failed} failed${not}, worst relative error ${report.worst.toExponential(2)}`;
}

/**
 * Why a worst relative error above the tolerance still passes, when it does: a row agrees when
 * |derived - difference| is within the tolerance's share of the larger value plus twice the
 * difference's own estimated error (rounding and truncation), its allowance.
 */
export function gradientAllowance(r: GradientReport): string | undefined {
  if (r.failed > 0 || !(r.worst > r.tolerance)) return undefined;
  const compared = r.rows.filter((x) => x.outcome === "compared");
  const row = compared.reduce<GradientRow | undefined>((w, x) => (w === undefined || x.relError > w.relError ? x : w), undefined);
  if (row === undefined) return undefined;
  const gap = Math.abs(row.derived - row.numeric);
  const share = r.tolerance * Math.max(Math.abs(row.derived), Math.abs(row.numeric));
  const extra = row.allowance - share;
  const e = (x: number): string => x.toExponential(2);
  return (
    `note: the worst relative error, ${e(row.relError)} at ${row.name}, is above the tolerance ${r.tolerance} and passes: ` +
    `|derived - finite difference| = ${e(gap)} is within the tolerance's share ${e(share)} plus the finite difference's allowance ` +
    `${e(extra)} (twice its own estimated error from rounding and truncation)`
  );
}

/** One spec only: check prints one report. */
export function oneSpec(args: Parsed, command: string): void {
  if (args.positionals.length > 1) {
    throw new InputError(
      "SPEC",
      `${command} takes one spec, not ${args.positionals.length}; run it once per spec (derive writes several, each into OUT/<name>/)`,
    );
  }
}

interface Checked {
  readonly proof: Proof;
  readonly report: GradientReport;
  readonly steps: StepReport;
  /** With a mini-batch: the batch loss's gradients, each example's, and each example's steps. */
  readonly batch?: { readonly gradients: BatchGradientReport; readonly steps: readonly StepReport[] };
  readonly cas: CasReport | undefined;
  readonly flags: CheckFlags;
  readonly seed: number;
}

async function checkAll(args: Parsed, io: Io, progress: Progress): Promise<Checked> {
  const v = args.values;
  if (args.positionals[0] === "-" && v.params === "-") throw new InputError("--params", "and SPEC cannot both be read from standard input");
  const network = networkFrom(args, args.positionals[0], io.stdin);
  const seed = integerFlag(v.seed, "--seed", 0, 2 ** 31 - 1, 1);
  const flags = checkFlags(v, network, io.stdin, true);
  const full = v["full-check"] === true;
  // A mini-batch: the one-example checks run at its first example, and the batch's below.
  const params = flags.params ?? (flags.batch === undefined ? undefined : exampleParams(flags.batch, 0));
  // Each stage is reported by the function doing the work, with its total.
  const proof = derive(network, { progress });
  // With --params (or a mini-batch's first example), the gradients also at --points seeded
  // points, and more until every branch and saturated end that the given params leave
  // unexercised is reached.
  const report = gradientCheck(proof, {
    seed,
    full,
    tolerance: flags.tolerance,
    ...(params ? { params, points: flags.points } : {}),
    progress,
  });
  // With --params every step is checked at them (no worked example: check writes no document);
  // with a mini-batch, the mini-batch section at the whole batch.
  const steps = checkSteps(proof, {
    ...(flags.batch ? { batch: flags.batch } : {}),
    seed,
    points: flags.points,
    method: flags.method,
    tolerance: flags.tolerance,
    ...(full ? { maxPerBlock: Infinity } : {}),
    ...(params ? { params } : {}),
    progress,
  });
  const cas = await crossCheck(proof, seed, progress);
  if (flags.batch === undefined) return { proof, report, steps, cas, flags, seed };
  const b = flags.batch;
  const gradients = batchGradientCheck(proof, b, { seed, full, tolerance: flags.tolerance, progress });
  // Every step at each example (the first one's is the report above).
  const each = b.examples.map((_, d) =>
    d === 0
      ? steps
      : checkSteps(proof, {
          seed,
          points: flags.points,
          method: flags.method,
          tolerance: flags.tolerance,
          ...(full ? { maxPerBlock: Infinity } : {}),
          params: exampleParams(b, d),
        }),
  );
  return { proof, report, steps, cas, flags, seed, batch: { gradients, steps: each } };
}

export async function runCheck(argv: readonly string[], io: Io): Promise<number> {
  const args = parse(argv, CHECK_FLAGS);
  oneSpec(args, "check");
  const v = args.values;
  const quiet = v.quiet === true;
  const progress = progressOf(io, quiet);
  // Deriving, the gradient check, planning the step check, the step check, the CAS cross-check.
  progress.plan?.(5);
  const { proof, report, steps, cas, flags, seed, batch } = await checkAll(args, io, progress);
  const batchFailed = batch === undefined ? 0 : batch.gradients.failed + batch.steps.reduce((s, r) => s + r.failed, 0);
  const passed =
    report.failed === 0 && (report.extra?.failed ?? 0) === 0 && steps.failed === 0 && (cas?.failed ?? 0) === 0 && batchFailed === 0;
  const print = quiet ? () => undefined : io.print;
  if (v.json === true) {
    const total = proof.network.params.length;
    const casPart =
      cas === undefined ? { checked: false, notMade: "too large", reason: `${total} parameters; the limit is ${casLimit}` } : casJson(cas);
    const batchPart =
      batch === undefined
        ? {}
        : {
            batch: {
              examples: batch.steps.length,
              reduction: proof.network.spec.reduction ?? "mean",
              gradients: gradientJson({ ...batch.gradients.batch, params: exampleParams(flags.batch!, 0) }),
              perExample: batch.steps.map((s, d) => ({ gradients: gradientJson(batch.gradients.examples[d]!), steps: stepsJson(s) })),
            },
          };
    io.print(JSON.stringify({ passed, gradients: gradientJson(report), steps: stepsJson(steps), cas: casPart, ...batchPart }, null, 2));
    return passed ? 0 : 1;
  }
  if (batch !== undefined) {
    // The seeded points belong to the first example's gradient check.
    extraLines(report).forEach((line, i) => print(i === 0 ? `example 1's gradients, ${line}` : line));
    print(await casSummary(cas, proof.network.params.length));
    // The batch loss's gradient summary is the last line.
    batchLines(batch, flags.batch!.examples.length, flags.tolerance, seed, print);
    return passed ? 0 : 1;
  }
  gradientRows(report.rows, print);
  for (const line of extraLines(report)) print(line);
  for (const line of stepSummary(steps, proof, flags.params !== undefined)) print(line);
  print(await casSummary(cas, proof.network.params.length));
  const allowance = gradientAllowance(report);
  if (allowance !== undefined) print(allowance);
  // The gradient summary stays the last line, as scripts read it.
  print(`${gradientSummary(report)}, tolerance ${flags.tolerance}, seed ${seed}`);
  return passed ? 0 : 1;
}
