// The JSON output (README, "derivation.json"): the network, the steps of the proof (written
// compactly by json-steps.ts), the results (the delta of every node and the gradient of every
// weight and bias, each written out once) and the checks.
import { NO_PROGRESS, type Progress } from "../progress.js";
import type { ParamResult, Proof } from "../derive/proof.js";
import type { CasReport } from "../check/cas-report.js";
import type { GradientReport } from "../check/gradcheck.js";
import type { StepChecks } from "../check/types.js";
import type { StepReport } from "../check/step-report.js";
import { forms, sectionsChunks } from "./json-steps.js";

/**
 * The version of the document's shape; 2: compact, nothing written out twice; 3: typed verdicts
 * (every gradient row's outcome and reason, every step's reason for not being compared) (README).
 */
export const JSON_FORMAT = 3;

/** JSON has no NaN or Infinity: null. */
const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The gradient check, as derivation.json's "check" and check --json's "gradients" hold it. */
export const gradientJson = (report: GradientReport): object => ({
  method: "central-difference",
  seed: report.seed,
  tolerance: report.tolerance,
  checked: report.checked,
  total: report.total,
  failed: report.failed,
  notCompared: report.notCompared,
  sampled: report.sampled,
  worst: report.worst,
  passed: report.failed === 0,
  ...(report.extra === undefined
    ? {}
    : {
        extra: {
          ...report.extra,
          failures: report.extra.failures.map((r) => ({
            parameter: r.name,
            point: r.point,
            derived: finiteOrNull(r.derived),
            numeric: finiteOrNull(r.numeric),
          })),
        },
      }),
  rows: report.rows.map((r) => ({
    parameter: r.name,
    ...(r.point === undefined ? {} : { point: r.point }),
    outcome: r.outcome,
    ...(r.reason === undefined ? {} : { reason: r.reason }),
    derived: finiteOrNull(r.derived),
    numeric: finiteOrNull(r.numeric),
    noise: finiteOrNull(r.noise),
    relError: finiteOrNull(r.relError),
    allowance: finiteOrNull(r.allowance),
    ratio: finiteOrNull(r.ratio),
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
  failed: r.failed,
  notCompared: r.notCompared,
  worst: r.worst === undefined ? null : { ...r.worst, error: Number.isFinite(r.worst.error) ? r.worst.error : null },
  failures: [...new Set(r.failures.map((f) => f.step))].flatMap((id) => {
    const c = r.checks.get(id);
    return c?.status === "failed" ? [{ step: id, detail: c.detail ?? "" }] : [];
  }),
});

/** The document's head: who wrote it, the format, the network and the language. */
function head(proof: Proof): object {
  const network = proof.network;
  return {
    generator: "backprop-derive",
    format: JSON_FORMAT,
    network: {
      name: network.spec.name,
      spec: network.spec.source,
      layers: network.layers.map((l) => ({
        index: l.index,
        nodes: l.nodes,
        depth: l.depth,
        role: l.role,
        ...(l.feeds ? { feeds: true } : {}),
        ...(l.index > 0 && !l.bias ? { bias: false } : {}),
        ...(l.activation ? { activation: l.activation.id, title: l.activation.title, function: l.fn } : {}),
      })),
      loss: network.loss.id,
      parameters: network.params.length,
    },
    lang: proof.lang,
  };
}

/** Node ids in the order JSON.stringify writes integer keys: ascending. */
const ascending = (ns: Iterable<number>): number[] => [...ns].sort((a, b) => a - b);

/** results: the delta of every node, the gradient of every weight and bias, one node at a time. */
function* resultsChunks(proof: Proof): Generator<string> {
  const network = proof.network;
  yield '{"nodes":{';
  let n = 0;
  for (const k of ascending(proof.results.delta.keys()))
    yield `${n++ === 0 ? "" : ","}"${k}":${JSON.stringify({ delta: forms(proof.results.delta.get(k)!) })}`;
  yield '},"weights":{';
  // Each node's parameters, by position in network.params; a node's object lists its weights by
  // ascending source node, then its bias, as JSON.stringify orders such keys.
  const byNode = new Map<number, number[]>();
  network.params.forEach((q, i) => {
    const list = byNode.get(q.to);
    if (list) list.push(i);
    else byNode.set(q.to, [i]);
  });
  n = 0;
  for (const k of ascending(byNode.keys())) {
    // Written as JSON.stringify writes the object { [from]: { gradient } }: integer keys ascending, then "b".
    const entries = byNode.get(k)!.map((i) => proof.results.params.at(i)!);
    const from = (r: ParamResult): number => (r.from === "b" ? Infinity : r.from);
    entries.sort((a, b) => from(a) - from(b));
    let out = `${n++ === 0 ? "" : ","}"${k}":{`;
    entries.forEach((r, m) => {
      out += `${m === 0 ? "" : ","}"${r.from}":{"gradient":${JSON.stringify(forms(r.gradient))}}`;
    });
    yield `${out}}`;
  }
  yield "}}";
}

/** Joins small pieces into pieces of about `size` characters (fewer, larger writes). */
function* batched(pieces: Iterable<string>, size = 1 << 16): Generator<string> {
  let buf = "";
  for (const p of pieces) {
    buf += p;
    if (buf.length >= size) {
      yield buf;
      buf = "";
    }
  }
  if (buf.length > 0) yield buf;
}

/**
 * derivation.json in pieces: exactly JSON.stringify of the document, followed by a newline, but
 * never held whole (10^6 weights write about 200 MB; V8's strings end at 2^29 characters).
 */
export function proofJsonChunks(
  proof: Proof,
  report?: GradientReport,
  stepChecks?: StepChecks,
  cas?: CasReport,
  progress: Progress = NO_PROGRESS,
): Iterable<string> {
  function* pieces(): Generator<string> {
    // Counted in sections, as they are written, and the results as one more.
    progress.stage("writing json", proof.sections.length + 1);
    yield `${open(head(proof))},"sections":`;
    yield* sectionsChunks(proof, stepChecks, (n) => progress.advance(n));
    yield ',"results":';
    yield* resultsChunks(proof);
    progress.advance(proof.sections.length + 1);
    if (report !== undefined) yield `,"check":${JSON.stringify(gradientJson(report))}`;
    if (cas !== undefined) yield `,"casCheck":${JSON.stringify(casJson(cas))}`;
    yield "}\n";
  }
  return batched(pieces());
}

const open = (o: object): string => JSON.stringify(o).slice(0, -1);

/** The document as one object (for a --template, which receives it whole, and for small proofs). */
export function proofJson(proof: Proof, report?: GradientReport, stepChecks?: StepChecks, cas?: CasReport): object {
  return JSON.parse([...proofJsonChunks(proof, report, stepChecks, cas)].join("")) as object;
}
