// The JSON output (README, "derivation.json"): the network, the steps of the proof (written
// compactly by json-steps.ts), the results (the delta of every node and the gradient of every
// weight and bias, each written out once) and the checks.
import type { Proof } from "../derive/proof.js";
import type { CasReport } from "../check/cas.js";
import type { GradientReport } from "../check/gradcheck.js";
import type { StepChecks } from "../check/types.js";
import type { StepReport } from "../check/steps.js";
import { forms, sectionsJson } from "./json-steps.js";

export { forms } from "./json-steps.js";

/** The version of the document's shape; 2: compact, nothing written out twice (README). */
export const JSON_FORMAT = 2;

/** The gradient check, as derivation.json's "check" and check --json's "gradients" hold it. */
export const gradientJson = (report: GradientReport): object => ({
  method: "central-difference",
  seed: report.seed,
  tolerance: report.tolerance,
  checked: report.checked,
  total: report.total,
  failed: report.failed,
  worst: report.worst,
  overflow: report.overflow,
  passed: report.failed === 0,
  rows: report.rows.map((r) => ({
    parameter: r.name,
    derived: r.derived,
    numeric: r.numeric,
    noise: r.noise,
    relError: Number.isFinite(r.relError) ? r.relError : null,
    ok: r.ok,
    ...(r.overflow ? { overflow: true } : {}),
  })),
});

/** The CAS cross-check, as derivation.json's "casCheck" holds it. */
export const casJson = (cas: CasReport): object => ({
  cas: "nerdamer-prime",
  checked: cas.checked,
  ...(cas.notMade === undefined ? {} : { notMade: cas.notMade }),
  ...(cas.reason === undefined ? {} : { reason: cas.reason }),
  mode: cas.mode,
  params: cas.params,
  points: cas.points,
  agreed: cas.agreed,
  disagreed: cas.disagreed,
  outOfDomain: cas.outOfDomain,
  failed: cas.failed,
  derivatives: cas.derivatives,
  budget: cas.budget,
  worst: Number.isFinite(cas.worst) ? cas.worst : null,
  notes: cas.notes,
  rows: cas.rows.map((r) => ({
    parameter: r.name,
    status: r.status,
    cas: Number.isFinite(r.cas) ? r.cas : null,
    derived: r.derived,
    relError: Number.isFinite(r.relError) ? r.relError : null,
    ok: r.ok,
    symbolic: r.symbolic === true,
  })),
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
  overflow: r.overflow,
  failed: r.failed,
  worst: r.worst === undefined ? null : { ...r.worst, error: Number.isFinite(r.worst.error) ? r.worst.error : null },
  failures: [...new Set(r.failures.map((f) => f.step))].flatMap((id) => {
    const c = r.checks.get(id);
    return c?.status === "failed" ? [{ step: id, detail: c.detail ?? "" }] : [];
  }),
});

export function proofJson(proof: Proof, report?: GradientReport, stepChecks?: StepChecks, cas?: CasReport): object {
  const network = proof.network;
  const nodes: Record<string, object> = {};
  for (const [n, d] of proof.results.delta) nodes[n] = { delta: forms(d) };
  const weights: Record<string, Record<string, object>> = {};
  for (const p of proof.results.params) {
    (weights[p.to] ??= {})[String(p.from)] = { gradient: forms(p.gradient) };
  }
  return {
    generator: "backprop-derive",
    format: JSON_FORMAT,
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
    sections: sectionsJson(proof, stepChecks),
    results: { nodes, weights },
    ...(report === undefined ? {} : { check: gradientJson(report) }),
    ...(cas === undefined ? {} : { casCheck: casJson(cas) }),
  };
}
