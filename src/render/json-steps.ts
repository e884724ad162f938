// The steps of derivation.json, written compactly (README, "derivation.json"): what every step
// of a block shares (relation, rule, label, the check most of them have) is written once on the
// block; a step's `continues` and `forall` only when they say something; a per-node step whose
// right-hand side is a result (a node's delta) names its place in "results" instead of repeating
// it; and the per-weight instantiations of the update rule are not written out one by one: the
// block names the index-form steps it instantiates and how many there are.
import { equal, setKey } from "../expr/key.js";
import { toArray } from "../derive/lazy.js";
import { toLatex } from "../expr/latex.js";
import { toText } from "../expr/text.js";
import type { Expr } from "../expr/types.js";
import { assertNever } from "../expr/types.js";
import type { Block, Proof, Section, Step } from "../derive/proof.js";
import type { StepCheck, StepChecks } from "../check/types.js";

export const forms = (e: Expr): { latex: string; text: string } => ({ latex: toLatex(e), text: toText(e) });

/** A step's numeric check; a failure says what went wrong. (JSON has no Infinity: null.) */
export const checkJson = (c: StepCheck): object => ({
  status: c.status,
  points: c.points,
  maxRelError: Number.isFinite(c.maxRelError) ? c.maxRelError : null,
  method: c.method,
  ...(c.detail === undefined ? {} : { detail: c.detail }),
});

const SHARED = ["relation", "rule", "label"] as const;
const checkKey = (c: StepCheck | undefined): string => (c === undefined ? "" : JSON.stringify(checkJson(c)));

/** The check that most steps of a block have (in a sampled enumeration: "not sampled"), or none. */
function commonCheck(steps: readonly Step[], checks?: StepChecks): StepCheck | undefined {
  if (checks === undefined || steps.length < 2) return undefined;
  const counts = new Map<string, { n: number; c: StepCheck }>();
  for (const st of steps) {
    const c = checks.get(st.id);
    if (c === undefined) continue;
    const k = checkKey(c);
    const hit = counts.get(k);
    if (hit) hit.n++;
    else counts.set(k, { n: 1, c });
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  return best !== undefined && best.n > 1 ? best.c : undefined;
}

interface Encoding {
  /** The delta of a node, as written in "results" (each read once per step that may repeat it). */
  readonly delta: ReadonlyMap<number, Expr>;
  readonly checks?: StepChecks;
}

/** The node n of a step about delta_n. */
function deltaNode(s: Step): number | undefined {
  const l = s.lhs;
  return l.kind === "sym" && l.name === "delta" && l.idx.length === 1 && l.idx[0]!.kind === "node" ? l.idx[0]!.n : undefined;
}

/** "nodes.6.delta" when the step's right side is node 6's final delta (results holds it), else undefined. */
function resultOf(s: Step, known: boolean, enc: Encoding): string | undefined {
  const n = deltaNode(s);
  if (n === undefined) return undefined;
  if (known) return `nodes.${n}.delta`;
  if (s.rhs.kind === "num") return undefined;
  const d = enc.delta.get(n);
  return d !== undefined && equal(d, s.rhs) ? `nodes.${n}.delta` : undefined;
}

function stepJson(s: Step, shared: ReadonlySet<string>, common: string, result: string | undefined, enc: Encoding): object {
  const check = enc.checks?.get(s.id);
  return {
    id: s.id,
    ...(result === undefined ? { lhs: forms(s.lhs), rhs: forms(s.rhs) } : { result }),
    ...Object.fromEntries(SHARED.filter((k) => !shared.has(k)).map((k) => [k, s[k]])),
    ...(s.continues ? { continues: true } : {}),
    ...(s.forall.length === 0 ? {} : { forall: s.forall.map((f) => ({ index: f.index, set: setKey(f.set) })) }),
    ...(check === undefined || checkKey(check) === common ? {} : { check: checkJson(check) }),
  };
}

function stepsJson(b: Block & { kind: "steps" }, enc: Encoding): object {
  const steps = toArray(b.steps);
  const first = steps[0];
  const shared = new Set<string>(first === undefined || steps.length < 2 ? [] : SHARED.filter((k) => steps.every((s) => s[k] === first[k])));
  const common = commonCheck(steps, enc.checks);
  const head = {
    kind: "steps",
    ...(b.enumeration ? { enumeration: true } : {}),
    ...Object.fromEntries([...shared].map((k) => [k, first![k as (typeof SHARED)[number]]])),
    ...(common === undefined ? {} : { check: checkJson(common) }),
  };
  if (b.instancesOf !== undefined && steps.length > 0) {
    // Every weight's update, w_kj - eta * dE/dw_kj: the index-form steps it instantiates say it once.
    const own = steps.filter((s) => enc.checks?.get(s.id) !== undefined && checkKey(enc.checks.get(s.id)) !== checkKey(common));
    return {
      ...head,
      instances: { of: b.instancesOf, count: steps.length, first: first!.id, last: steps.at(-1)!.id },
      ...(own.length === 0 ? {} : { checks: Object.fromEntries(own.map((s) => [s.id, checkJson(enc.checks!.get(s.id)!)])) }),
    };
  }
  return { ...head, steps: steps.map((s) => stepJson(s, shared, checkKey(common), resultOf(s, b.deltaResults === true, enc), enc)) };
}

function blockJson(b: Block, enc: Encoding): object {
  switch (b.kind) {
    case "text":
      return { kind: "text", content: b.content.map((c) => ("text" in c ? { text: c.text } : { math: forms(c.math) })) };
    case "steps":
      return stepsJson(b, enc);
    default:
      return assertNever(b);
  }
}

/** The sections, each block encoded as above. */
export function sectionsJson(proof: Proof, checks?: StepChecks): object[] {
  const enc: Encoding = { delta: proof.results.delta, ...(checks ? { checks } : {}) };
  return proof.sections.map((s: Section) => ({ id: s.id, title: s.title, blocks: s.blocks.map((b) => blockJson(b, enc)) }));
}
