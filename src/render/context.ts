// The texts of a document whatever its format: the title, the picture's captions and headings,
// the verification report, as plain data. Renderers only print; the numbers come from src/check.
import * as b from "../expr/build.js";
import { toLatex } from "../expr/latex.js";
import type { Expr } from "../expr/types.js";
import type { Inline, Proof } from "../derive/proof.js";
import type { Network } from "../network/graph.js";
import type { Diagram } from "./diagram-geometry.js";
import { backwardMarks, drawsBackward } from "./diagram-backward.js";
import { fill, label, message, notComparedText, type MessageKey } from "../derive/messages/index.js";
import { param } from "../derive/symbols.js";
import { documentTitle } from "../derive/describe.js";
import { presets } from "./presets.js";
import type { StepReport } from "../check/step-report.js";
import type { CasReport } from "../check/cas-report.js";
import type { GradientReport } from "../check/gradcheck.js";
import type { Outcome, StepCheck, StepStatus } from "../check/types.js";

/** Verification rows shown in documents; the JSON keeps them all. */
export const SHOWN_ROWS = 40;

export interface VerificationRow {
  readonly name: string;
  readonly latex: string;
  readonly derived: string;
  readonly numeric: string;
  readonly relError: string;
  /** compared (✓), failed (✗) or not compared (○: the check's JSON gives the reason). */
  readonly outcome: Outcome;
}

/** A row's mark in the table, as text; LaTeX has its own (tex.ts). */
export const OUTCOME_SYMBOL: Record<Outcome, string> = { compared: "\u2713", failed: "\u2717", "not-compared": "\u25cb" };

export interface Verification {
  readonly method: string;
  readonly seed: number;
  readonly tolerance: string;
  readonly checked: number;
  readonly total: number;
  readonly failed: number;
  readonly worst: string;
  readonly passed: boolean;
  readonly shown: number;
  readonly rows: readonly VerificationRow[];
  /** The summary sentence and the table caption, in the proof's language. */
  readonly summary: string;
  readonly caption: string;
  readonly columns: readonly string[];
  /** The summary of the step-by-step check, or "" when the steps were not checked. */
  readonly steps: string;
  /** The summary of the independent CAS cross-check, or "" when there was none. */
  readonly cas: string;
  /** The notes' short box: how a gradient is checked (prose with formulas), and the result in one line. */
  readonly box: readonly Inline[];
  readonly result: string;
  /** False when nothing was checked (derive --no-check): every text above is that one sentence. */
  readonly made: boolean;
}

export interface RenderContext {
  readonly common: {
    readonly title: string;
    readonly name: string;
    readonly layers: string;
    readonly lang: string;
    readonly generator: string;
    readonly author: string;
    readonly verification_title: string;
    readonly diagram_caption: string;
  };
  readonly verification?: Verification;
}

/** A step's verification mark: a discreet symbol, explained in its title. */
export interface Mark {
  readonly status: StepStatus;
  readonly symbol: string;
  readonly title: string;
}

const SYMBOL: Record<StepStatus, string> = { verified: "\u2713", definition: "\u2261", failed: "\u2717", unchecked: "\u25cb" };

export function markOf(lang: string, check: StepCheck | undefined): Mark | null {
  if (check === undefined) return null;
  const values = { method: check.method, points: check.points, error: check.maxRelError.toExponential(1) };
  return { status: check.status, symbol: SYMBOL[check.status], title: fill(label(lang, `mark-${check.status}` as const), values) };
}

/** The caption of the picture, saying so when wide layers are drawn in part. */
export function diagramCaption(ctx: RenderContext, lang: string, diagram: Diagram, network: Network): string {
  const space = lang === "en" ? " " : "";
  // The derivative marks the backward picture draws, each letter once: × f′, or × f′, × g′.
  const letters = [...new Set(backwardMarks(diagram, network).flatMap((m) => (m.factor === undefined ? [] : [m.factor])))];
  const marks = letters.map((f) => `× ${f}′`).join(lang === "en" ? ", " : "、");
  const sentence = marks === "" ? label(lang, "fig-backward-caption-plain") : fill(label(lang, "fig-backward-caption"), { marks });
  const backward = drawsBackward(diagram) ? `${space}${sentence}` : "";
  const base = `${ctx.common.diagram_caption}${backward}`;
  return diagram.elidedAbove === undefined ? base : `${base} ${fill(label(lang, "fig-elided"), { n: diagram.elidedAbove })}`;
}

/** The diagram's column headings: role, and the activation of non-input layers; sizes. */
export function diagramHeaders(network: Network, lang: string): string[][] {
  const l = (k: MessageKey): string => label(lang, k);
  const nodeCount = (n: number): string => (n === 1 ? l("fig-nodes-one") : fill(l("fig-nodes"), { n }));
  if (!network.plain) {
    // Columns by depth: the inputs, then "depth d" and the number of nodes.
    const sizes: number[] = [];
    for (const n of network.nodes.slice(1)) sizes[n.depth] = (sizes[n.depth] ?? 0) + 1;
    return Array.from(sizes, (n, d) => [d === 0 ? l("role-input") : fill(l("fig-depth"), { d }), nodeCount(n ?? 0)]);
  }
  const last = network.layers.length - 1;
  return network.layers.map((layer) => {
    const size = nodeCount(layer.nodes.length);
    return layer.index === 0
      ? [l("role-input"), size]
      : [
          l(layer.index === last ? "role-output" : "role-hidden"),
          `${layer.activation!.userFormula ? "f" : layer.activation!.title}, ${size}`,
        ];
  });
}

const fmt = (v: number): string => (Number.isFinite(v) ? v.toPrecision(9) : String(v));

/**
 * How a gradient is checked, with its formulas typeset: the central difference
 * d = (E(w + h) - E(w - h)) / (2h) and the relative error |dE/dw - d| / max(|dE/dw|, |d|).
 */
export function checkBox(lang: string): Inline[] {
  const [w, h, d] = ["w", "h", "d"].map((n) => b.sym(n));
  const E = (arg: ReturnType<typeof b.sym>) => b.call("E", [arg]);
  // Assembled raw: the smart constructors would fold the 2 of 2h into a coefficient 1/2.
  const twoH: Expr = { kind: "pow", base: { kind: "mul", factors: [b.num(2), h!] }, exp: b.MINUS_ONE };
  const difference: Expr = { kind: "mul", factors: [b.sub(E(b.add(w!, h!)), E(b.sub(w!, h!))), twoH] };
  // The derived gradient is written as what it is, dE/dw: no letter of its own to introduce.
  const derived = b.deriv(b.sym("E"), w!);
  const rel = b.div(b.call("abs", [b.sub(derived, d!)]), b.call("max", [b.call("abs", [derived]), b.call("abs", [d!])]));
  return message(lang, "p-check-box", { g: derived, w: w!, h: h!, d: d!, difference, rel });
}

export function verificationOf(proof: Proof, report: GradientReport, steps?: StepReport, cas?: CasReport): Verification {
  // Worst rows first, so that a truncated table still shows what matters.
  const rows = [...report.rows].sort((x, y) => y.relError - x.relError).slice(0, SHOWN_ROWS);
  const method = label(proof.lang, "check-method");
  const values = {
    seed: report.seed,
    method,
    checked: report.checked,
    total: report.total,
    failed: report.failed,
    notCompared: notComparedText(proof.lang, report.notCompared),
    worst: report.worst.toExponential(2),
    tolerance: report.tolerance.toExponential(0),
    shown: rows.length,
  };
  const l = (k: MessageKey): string => label(proof.lang, k);
  return {
    summary: fill(l("p-verification"), values),
    box: checkBox(proof.lang),
    result: fill(l(steps === undefined ? "p-check-result-plain" : "p-check-result"), values),
    made: true,
    caption: fill(l("p-verification-rows"), values),
    columns: (["col-parameter", "col-derived", "col-numeric", "col-error", "col-ok"] as const).map(l),
    steps: steps === undefined ? "" : stepsSentence(proof.lang, steps),
    cas: cas === undefined ? "" : casSentence(proof.lang, cas),
    method,
    seed: report.seed,
    tolerance: report.tolerance.toExponential(0),
    checked: report.checked,
    total: report.total,
    failed: report.failed,
    worst: report.worst.toExponential(2),
    passed: report.failed === 0,
    shown: rows.length,
    rows: rows.map((r) => {
      const p = proof.network.params[r.param]!;
      return {
        name: r.name,
        latex: toLatex(b.deriv(b.sym("E"), param(p.to, p.from))),
        derived: fmt(r.derived),
        numeric: fmt(r.numeric),
        relError: r.relError.toExponential(2),
        outcome: r.outcome,
      };
    }),
  };
}

/**
 * A name the spec's author gave, which titles the documents; a preset's name or the default
 * ("[3, 2, 2]") gives way to the network described in the document's language.
 */
function ownName(name: string): string | undefined {
  if (/^(?:DAG )?\[[\d, ]*\]$/.test(name)) return undefined;
  return Object.values(presets()).some((p) => (p as { name?: unknown }).name === name) ? undefined : name;
}

export function renderContext(proof: Proof, report?: GradientReport, steps?: StepReport, cas?: CasReport): RenderContext {
  const name = proof.network.spec.name;
  const title = documentTitle(proof.network, proof.lang, ownName(name));
  return {
    common: {
      title,
      name,
      layers: proof.network.spec.layers.join("-"),
      lang: proof.lang,
      generator: "backprop-derive",
      author: "",
      verification_title: label(proof.lang, "sec-verification"),
      diagram_caption: `${
        proof.network.plain
          ? label(proof.lang, "fig-network")
          : `${label(proof.lang, "fig-network-graph")}${proof.network.tied.length > 0 ? ` ${label(proof.lang, "fig-network-tied")}` : ""}`
      }`,
    },
    ...(report === undefined ? {} : { verification: verificationOf(proof, report, steps, cas) }),
  };
}

/** "Every step of the proof was checked ...", with the sampled-out count when there is one. */
export function stepsSentence(lang: string, r: StepReport): string {
  const values = {
    points: r.points,
    seed: r.seed,
    method: label(lang, `method-${r.method}` as const),
    verified: r.verified,
    definitions: r.definitions,
    failed: r.failed,
    notCompared: notComparedText(lang, r.notCompared),
    worst: (r.worst?.error ?? 0).toExponential(2),
    tolerance: r.tolerance.toExponential(0),
    unchecked: r.unchecked,
  };
  const main = fill(label(lang, "p-verification-steps"), values);
  return r.unchecked > 0 ? `${main} ${fill(label(lang, "p-verification-unchecked"), values)}` : main;
}

/** The CAS cross-check in one sentence: what was compared, how, and the verdict. */
export function casSentence(lang: string, r: CasReport): string {
  const l = (k: MessageKey): string => label(lang, k);
  const which =
    r.disagreed.length === 0
      ? ""
      : fill(l("cas-disagreed-at"), { which: r.disagreed.slice(0, 5).join(", ") + (r.disagreed.length > 5 ? ", …" : "") });
  const values = {
    params: r.params,
    points: r.points,
    mode: fill(l(`cas-mode-${r.mode}`), { points: r.points }),
    agreed: r.agreed,
    disagreed: r.disagreed.length,
    which,
    compared: r.agreed + r.disagreed.length,
    outside: r.outOfDomain > 0 ? fill(l("cas-outside"), { n: r.outOfDomain }) : "",
    worst: Number.isFinite(r.worst) ? r.worst.toExponential(2) : "∞",
    reason: r.reason ?? "",
  };
  if (r.checked) return fill(l("p-verification-cas"), { ...values, disagreed: `${r.disagreed.length}${which}` });
  return fill(l(r.agreed + r.disagreed.length > 0 ? "p-verification-cas-stopped" : "p-verification-cas-skipped"), values);
}
