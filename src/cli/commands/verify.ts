// verify: a person's own formulas checked against the network, each with a verdict, and for a
// failing one the likely mistake, a note and the correct formula. A table on the terminal, JSON
// with --json, a graded report with --format html|md|tex.
import { checkTolerance } from "../../check/tolerance.js";
import { InputError, shorten } from "../../errors.js";
import { verifyReport } from "../../render/verify-report.js";
import type { VerifyLang } from "../../verify/messages.js";
import { verifyExitCode, verifyTable } from "../../verify/table.js";
import { type ClaimResult, DEFAULT_VERIFY_POINTS, MAX_CLAIMS, MAX_VERIFY_POINTS, verifyClaims } from "../../verify/verify.js";
import { integerFlag, numberFlag, parse } from "../args.js";
import type { Io } from "../context.js";
import { readText } from "../io.js";
import { networkFrom } from "../spec-input.js";
import { writeAll } from "../outputs.js";
import { checkOutDir } from "../write.js";

export const VERIFY_FLAGS = [
  "layers",
  "activation",
  "output-activation",
  "loss",
  "seed",
  "points",
  "tolerance",
  "json",
  "format",
  "out",
  "lang",
  "quiet",
  "help",
] as const;

const REPORT_FORMATS = ["html", "md", "tex"] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

/** --claim TEXT (repeatable) and --claims FILE, taken out before the other flags are parsed. */
function takeClaims(argv: readonly string[]): { claims: { text: string; field: string }[]; files: string[]; rest: string[] } {
  const claims: { text: string; field: string }[] = [];
  const files: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const m = /^--(claims?)(?:=(.*))?$/s.exec(a);
    if (m === null) {
      rest.push(a);
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined)
      throw new InputError(`--${m[1]}`, m[1] === "claim" ? "needs a formula: --claim 'delta_k = ...'" : "needs a file name");
    if (m[1] === "claim") claims.push({ text: value, field: `--claim ${claims.length + 1}` });
    else files.push(value);
  }
  return { claims, files, rest };
}

/** A file's name as a message names it: its last 40 characters, which hold the file's own name. */
const tail = (path: string): string => (path.length > 40 ? `...${shorten(path.slice(-37), 40)}` : shorten(path, 40));

/** A claims file: one claim per line; # starts a comment line; blank lines are skipped. */
function claimsOf(path: string, io: Io): { text: string; field: string }[] {
  const text = readText(path, "--claims", io.stdin);
  return text.split(/\r?\n/).flatMap((line, i) => {
    const t = line.trim();
    return t === "" || t.startsWith("#") ? [] : [{ text: t, field: `--claims ${tail(path)} line ${i + 1}` }];
  });
}

/** The JSON of one claim, in the documented shape. */
function claimJson(r: ClaimResult): Record<string, unknown> {
  return {
    claim: r.claim,
    verdict: r.verdict,
    range: r.range,
    ...(r.assumed.length > 0 ? { assumed: r.assumed } : {}),
    ...(r.worst === undefined ? {} : { worst: r.worst }),
    ...(r.counterexample ? { counterexample: r.counterexample } : {}),
    ...(r.diagnosis ? { diagnosis: r.diagnosis } : {}),
    ...(r.note ? { note: r.note } : {}),
    ...(r.correct ? { correct: r.correct } : {}),
    ...(r.unreadable ? { position: r.unreadable.position, expected: r.unreadable.message } : {}),
  };
}

export async function runVerify(argv: readonly string[], io: Io): Promise<number> {
  const taken = takeClaims(argv);
  const args = parse(taken.rest, VERIFY_FLAGS);
  const v = args.values;
  if (args.positionals.length > 1)
    throw new InputError("SPEC", `verify checks claims against one network; got ${args.positionals.length} specs`);
  const lang = (v.lang ?? "en") as string;
  if (lang !== "en" && lang !== "zh-Hant") throw new InputError("--lang", `is "${shorten(lang)}"; allowed: en, zh-Hant`);
  const format = v.format === undefined ? undefined : String(v.format);
  if (format !== undefined && !(REPORT_FORMATS as readonly string[]).includes(format))
    throw new InputError("--format", `is "${shorten(format)}"; allowed: ${REPORT_FORMATS.join(", ")}`);
  if (format !== undefined && v.json === true) throw new InputError("--json", "and --format contradict each other; give one");
  const out = typeof v.out === "string" ? v.out : "out";
  if (v.out !== undefined && format === undefined)
    throw new InputError("--out", "writes the report of --format html, md or tex; give --format");
  if (format !== undefined) checkOutDir(out);
  const seed = integerFlag(v.seed, "--seed", 0, 2 ** 31 - 1, 1);
  const points = integerFlag(v.points, "--points", 1, MAX_VERIFY_POINTS, DEFAULT_VERIFY_POINTS);
  const tolerance = checkTolerance(numberFlag(v.tolerance, "--tolerance", 0, 1, 1e-5), "--tolerance");
  if (args.positionals[0] === "-" && taken.files.includes("-"))
    throw new InputError("--claims", "and SPEC cannot both be read from standard input");
  const network = networkFrom(args, args.positionals[0], io.stdin);
  const claims = [...taken.claims, ...taken.files.flatMap((f) => claimsOf(f, io))];
  if (claims.length === 0)
    throw new InputError("--claim", "give at least one claim: --claim 'delta_k = (y_k - t_k) y_k (1 - y_k)' or --claims FILE");
  if (claims.length > MAX_CLAIMS)
    throw new InputError("--claims", `hold ${claims.length} claims; at most ${MAX_CLAIMS} are checked at once`);
  const report = verifyClaims(
    network,
    claims.map((c) => c.text),
    { seed, points, tolerance, lang: lang as VerifyLang },
  );
  const code = verifyExitCode(report);
  if (format !== undefined) {
    const file = verifyReport(network, report, format as ReportFormat, lang as VerifyLang);
    await writeAll(out, [file], { signals: io.signals === true });
    if (v.quiet !== true) io.print(`wrote ${out}/${file.name}`);
  } else if (v.json === true) io.print(JSON.stringify({ claims: report.claims.map(claimJson) }, null, 2));
  else if (v.quiet !== true) for (const line of verifyTable(report, lang as VerifyLang)) io.print(line);
  const bad = report.claims.findIndex((r) => r.verdict === "unreadable");
  if (bad >= 0) {
    const r = report.claims[bad]!;
    throw new InputError(claims[bad]!.field, `position ${r.unreadable!.position}: ${r.unreadable!.message}`);
  }
  return code;
}
