// verifyClaims: a person's own formulas checked against the network's oracle. Each claim is read
// (claim.ts), evaluated over every binding of its free indices at several seeded random points
// (points.ts), and, when it fails, diagnosed by evaluating the corrected variants of the known
// mistakes (variants.ts): the first that holds everywhere names the mistake and gives the correct
// formula, written in the claim's own notation.
import { checkTolerance, TOLERANCE } from "../check/tolerance.js";
import { paramsToJson } from "../check/params.js";
import { InputError, shown } from "../errors.js";
import { toLatex } from "../expr/latex.js";
import { toText } from "../expr/text.js";
import type { Expr, IndexSet } from "../expr/types.js";
import type { Network } from "../network/graph.js";
import { type Claim, type Notation, notationOf, rangeSourceText, readClaim } from "./claim.js";
import { fill } from "../derive/messages/index.js";
import { SET_WORDS, VERIFY_MESSAGES, type VerifyLang } from "./messages.js";
import {
  type Binding,
  bindingCount,
  bindings,
  compare,
  makePoints,
  type Outcome,
  type Point,
  type Sample,
  truths,
  valueAt,
} from "./points.js";
import { Unreadable } from "./tokens.js";
import { type Diagnosis, type Variant, variants } from "./variants.js";

export interface VerifyOptions {
  /** Seed of the random points (default 1). */
  readonly seed?: number;
  /** How many random points (default 3). */
  readonly points?: number;
  /** Relative tolerance (default 1e-5). */
  readonly tolerance?: number;
  readonly lang?: VerifyLang;
}

export type Verdict = "holds" | "fails" | "unreadable";

export interface ClaimResult {
  readonly claim: string;
  readonly verdict: Verdict;
  readonly notation: Notation;
  /** Each free index and the nodes it took. */
  readonly range: Readonly<Record<string, readonly number[]>>;
  /** What was assumed: default ranges and the sets of sums written without one. */
  readonly assumed: readonly string[];
  readonly worst?: number;
  readonly counterexample?: {
    readonly binding: Binding;
    readonly point: Record<string, unknown>;
    readonly claimed: number;
    readonly actual: number;
  };
  readonly diagnosis?: Diagnosis;
  readonly note?: string;
  /** The note with its formula pieces as LaTeX between dollars, for typeset reports. */
  readonly noteLatex?: string;
  readonly correct?: { readonly latex: string; readonly text: string };
  /** For an unreadable claim: where (1-based) and what was expected. */
  readonly unreadable?: { readonly position: number; readonly message: string };
}

export interface VerifyReport {
  readonly claims: readonly ClaimResult[];
}

export const DEFAULT_VERIFY_POINTS = 3;
export const MAX_VERIFY_POINTS = 20;
/** Bindings checked per claim: enough for every node pair of a network the size of a course example. */
export const MAX_BINDINGS = 400;
/** Claims read in one call. */
export const MAX_CLAIMS = 500;

export function verifyClaims(network: Network, claims: readonly string[], options: VerifyOptions = {}): VerifyReport {
  if (!Array.isArray(claims)) throw new InputError("claims", "must be an array of strings");
  if (claims.length > MAX_CLAIMS) throw new InputError("claims", `are ${claims.length}; at most ${MAX_CLAIMS} are checked at once`);
  const bad = claims.findIndex((c) => typeof c !== "string");
  if (bad >= 0) throw new InputError(`claims[${bad}]`, "must be a string: an equation in LaTeX or the plain notation");
  const lang = options.lang ?? "en";
  if (lang !== "en" && lang !== "zh-Hant") throw new InputError("lang", `is ${shown(lang)}; must be one of en, zh-Hant`);
  const tolerance = options.tolerance === undefined ? TOLERANCE : checkTolerance(options.tolerance, "tolerance");
  const count = options.points ?? DEFAULT_VERIFY_POINTS;
  if (!Number.isInteger(count) || count < 1 || count > MAX_VERIFY_POINTS)
    throw new InputError("points", `is ${shown(count)}; must be a whole number from 1 to ${MAX_VERIFY_POINTS}`);
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1)
    throw new InputError("seed", `is ${shown(seed)}; must be a whole number from 0 to 2^31 - 1`);
  let points: Point[] | undefined;
  const pointsOf = (): Point[] => (points ??= makePoints(network, seed, count));
  return { claims: claims.map((text) => verifyOne(network, text, pointsOf, tolerance, lang)) };
}

function unreadable(text: string, e: Unreadable): ClaimResult {
  return {
    claim: text,
    verdict: "unreadable",
    notation: notationOf(text),
    range: {},
    assumed: [],
    unreadable: { position: Math.min(e.at, text.length) + 1, message: e.what },
  };
}

function verifyOne(network: Network, text: string, pointsOf: () => Point[], tolerance: number, lang: VerifyLang): ClaimResult {
  let claim: Claim;
  try {
    claim = readClaim(network, text);
  } catch (e) {
    if (e instanceof Unreadable) return unreadable(text, e);
    throw e;
  }
  const m = VERIFY_MESSAGES[lang];
  const range = Object.fromEntries(claim.ranges.map((r) => [r.index, r.nodes]));
  const assumed = [
    ...claim.ranges
      .filter((r) => r.assumed)
      .map((r) =>
        fill(m.assumedRange, {
          index: r.index,
          set: r.source.kind === "named" ? SET_WORDS[lang][r.source.name] : rangeSourceText(r.source, r.nodes),
          nodes: `{${r.nodes.join(", ")}}`,
        }),
      ),
    ...claim.sums.map((s) => fill(m.sumOver[s.reason], { index: s.index, set: setText(s.set) })),
  ];
  const points = pointsOf();
  const total = bindingCount(claim.ranges);
  if (total > MAX_BINDINGS) assumed.push(fill(m.spread, { n: String(MAX_BINDINGS), total: String(total) }));
  const samples = truths(claim.truth, bindings(claim.ranges, MAX_BINDINGS), points);
  const base = { claim: text, notation: claim.notation, range, assumed };
  if (samples.length === 0) {
    return unreadable(text, new Unreadable("no binding of its indices names a quantity of this network; check the ranges", 0));
  }
  const outcome = compare(claim.rhs, samples, points, tolerance);
  if (outcome.compared === 0)
    return unreadable(text, new Unreadable("could not be evaluated at any point: every one lies on a kink of an activation", 0));
  if (outcome.holds) return { ...base, verdict: "holds", worst: outcome.worst };
  const failure = outcome.failure!;
  const counterexample = {
    binding: failure.sample.binding,
    point: paramsToJson(network, points[failure.sample.point]!.params),
    claimed: failure.claimed,
    actual: failure.sample.actual,
  };
  const found = diagnose(network, claim, samples, points, tolerance);
  const write = (e: Expr): string => (claim.notation === "latex" ? toLatex(e) : toText(e));
  if (found === undefined)
    return {
      ...base,
      verdict: "fails",
      worst: outcome.worst,
      counterexample,
      diagnosis: "other",
      note: m.notes.other,
      noteLatex: m.notes.other,
    };
  const lhs = claim.lhs;
  // The claim's own range clause, kept with the correct formula (in LaTeX after a \quad).
  const said = claim.rangeText;
  const clause =
    said === ""
      ? { latex: "", text: "" }
      : claim.notation === "latex"
        ? { latex: ` \\quad ${said}`, text: ` ${said}` }
        : { latex: ` \\quad \\text{${said.replace(/[{}\\]/g, "")}}`, text: ` ${said}` };
  const arrow = claim.target === "update" ? { latex: " \\leftarrow ", text: " <- " } : { latex: " = ", text: " = " };
  return {
    ...base,
    verdict: "fails",
    worst: outcome.worst,
    counterexample,
    diagnosis: found.diagnosis,
    note: noteOf(found, lang, write),
    noteLatex: noteOf(found, lang, (e) => `$${toLatex(e)}$`),
    correct: {
      latex: `${toLatex(lhs)}${arrow.latex}${toLatex(found.rhs)}${clause.latex}`,
      text: `${toText(lhs)}${arrow.text}${toText(found.rhs)}${clause.text}`,
    },
  };
}

/** The first variant that holds at every sample (and whose premise the claim meets). */
function diagnose(
  network: Network,
  claim: Claim,
  samples: readonly Sample[],
  points: readonly Point[],
  tolerance: number,
): Variant | undefined {
  const holds = (e: Expr): Outcome => compare(e, samples, points, tolerance);
  for (const v of variants(network, claim)) {
    if (v.premise !== undefined) {
      // The claim's value must be the premise's: compare the premise against the claim itself.
      const claimed = samples.map((s) => ({ ...s, actual: valueAt(claim.rhs, s, points) ?? Number.NaN }));
      if (claimed.some((s) => Number.isNaN(s.actual)) || !compare(v.premise, claimed, points, tolerance).holds) continue;
    }
    if (holds(v.rhs).holds) return v;
  }
  return undefined;
}

function setText(s: IndexSet): string {
  switch (s.kind) {
    case "outputs":
      return "outputs";
    case "nodes":
      return `{${s.nodes.join(", ")}}`;
    case "examples":
      return "examples";
    case "upto":
      return `1..${s.bound}`;
    default: {
      const of = s.of.kind === "node" ? String(s.of.n) : s.of.kind === "var" ? s.of.name : "b";
      return `${s.kind === "preds" ? "pred" : s.kind}(${of})`;
    }
  }
}

function noteOf(v: Variant, lang: VerifyLang, write: (e: Expr) => string): string {
  const m = VERIFY_MESSAGES[lang];
  if (v.diagnosis === "missing-term" && v.meant === undefined) return m.missingTermPlain;
  if (v.diagnosis === "wrong-derivative" && (v.wrote === undefined || v.meant === undefined)) return m.wrongDerivativePlain;
  const template =
    v.diagnosis === "sign" && v.wrote !== undefined
      ? m.signTerm
      : v.diagnosis === "factor" && v.wrote !== undefined
        ? m.factorPart
        : m.notes[v.diagnosis];
  return fill(template, {
    ...(v.wrote ? { wrote: write(v.wrote) } : {}),
    ...(v.meant ? { meant: write(v.meant) } : {}),
    ...(v.factor === undefined ? {} : { factor: String(v.factor) }),
    ...(v.sets ? { from: setText(v.sets[0]), to: setText(v.sets[1]) } : {}),
  });
}
