// The JSON output: the network, every step with its rule, label, LaTeX and text forms, the
// results (delta of every node; gradient and update of every weight and bias) and the check.
import { toLatex } from "../expr/latex.js";
import { toText } from "../expr/text.js";
import type { Expr } from "../expr/types.js";
import type { Block, Proof, Step } from "../derive/proof.js";
import type { CasReport } from "../check/cas.js";
import type { GradientReport } from "../check/gradcheck.js";
import type { StepCheck, StepChecks } from "../check/types.js";
import type { StepReport } from "../check/steps.js";
import { assertNever } from "../expr/types.js";
import { setKey } from "../expr/key.js";

export const forms = (e: Expr): { latex: string; text: string } => ({ latex: toLatex(e), text: toText(e) });

/** A step's numeric check; a failure says what went wrong. (JSON has no Infinity: null.) */
const checkJson = (c: StepCheck): object => ({
  status: c.status,
  points: c.points,
  maxRelError: Number.isFinite(c.maxRelError) ? c.maxRelError : null,
  method: c.method,
  ...(c.detail === undefined ? {} : { detail: c.detail }),
});

function stepJson(s: Step, checks?: StepChecks): object {
  const check = checks?.get(s.id);
  return {
    id: s.id,
    lhs: forms(s.lhs),
    rhs: forms(s.rhs),
    relation: s.relation,
    rule: s.rule,
    label: s.label,
    continues: s.continues,
    forall: s.forall.map((f) => ({ index: f.index, set: setKey(f.set) })),
    ...(check === undefined ? {} : { check: checkJson(check) }),
  };
}

function blockJson(b: Block, checks?: StepChecks): object {
  switch (b.kind) {
    case "text":
      return { kind: "text", content: b.content.map((c) => ("text" in c ? { text: c.text } : { math: forms(c.math) })) };
    case "steps":
      return { kind: "steps", steps: b.steps.map((s) => stepJson(s, checks)) };
    default:
      return assertNever(b);
  }
}

/** The gradient check, as derivation.json's "check" and check --json's "gradients" hold it. */
export const gradientJson = (report: GradientReport): object => ({
  method: "central-difference",
  seed: report.seed,
  tolerance: report.tolerance,
  checked: report.checked,
  total: report.total,
  failed: report.failed,
  worst: report.worst,
  passed: report.failed === 0,
  rows: report.rows.map((r) => ({ parameter: r.name, derived: r.derived, numeric: r.numeric, relError: r.relError, ok: r.ok })),
});

/** The CAS cross-check, as derivation.json's "casCheck" holds it. */
export const casJson = (cas: CasReport): object => ({
  cas: "nerdamer-prime",
  checked: cas.checked,
  ...(cas.reason === undefined ? {} : { reason: cas.reason }),
  mode: cas.mode,
  params: cas.params,
  points: cas.points,
  failed: cas.failed,
  worst: Number.isFinite(cas.worst) ? cas.worst : null,
  notes: cas.notes,
  rows: cas.rows.map((r) => ({ parameter: r.name, cas: r.cas, derived: r.derived, relError: Number.isFinite(r.relError) ? r.relError : null, ok: r.ok, symbolic: r.symbolic === true })),
});

/** The step check's summary and its failures (each step's own result is in the steps). */
export const stepsJson = (r: StepReport): object => ({
  method: r.method,
  seed: r.seed,
  points: r.points,
  tolerance: r.tolerance,
  total: r.total,
  verified: r.verified,
  definitions: r.definitions,
  unchecked: r.unchecked,
  failed: r.failed,
  worst: r.worst === undefined ? null : { ...r.worst, error: Number.isFinite(r.worst.error) ? r.worst.error : null },
  failures: [...r.checks].filter(([, c]) => c.status === "failed").map(([id, c]) => ({ step: id, detail: c.detail ?? "" })),
});

export function proofJson(proof: Proof, report?: GradientReport, stepChecks?: StepChecks, cas?: CasReport): object {
  const network = proof.network;
  const nodes: Record<string, object> = {};
  for (const [n, d] of proof.results.delta) nodes[n] = { delta: forms(d) };
  const weights: Record<string, Record<string, object>> = {};
  for (const p of proof.results.params) {
    (weights[p.to] ??= {})[String(p.from)] = { gradient: forms(p.gradient), update: forms(p.update) };
  }
  return {
    generator: "backprop-derive",
    network: {
      name: network.spec.name,
      spec: network.spec.source,
      layers: network.layers.map((l) => ({
        index: l.index,
        nodes: l.nodes,
        ...(l.activation ? { activation: l.activation.id, title: l.activation.title, function: l.fn } : {}),
      })),
      loss: network.loss.id,
      parameters: network.params.length,
    },
    lang: proof.lang,
    sections: proof.sections.map((s) => ({ id: s.id, title: s.title, blocks: s.blocks.map((b) => blockJson(b, stepChecks)) })),
    results: { nodes, weights },
    ...(report === undefined ? {} : { check: gradientJson(report) }),
    ...(cas === undefined ? {} : { casCheck: casJson(cas) }),
  };
}
