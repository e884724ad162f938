// The steps of derivation.json, written compactly (README, "derivation.json"): what every step
// of a block shares (relation, rule, label, the check most of them have) is written once on the
// block; a step's `continues` and `forall` only when they say something; a per-node step whose
// right-hand side is a result (a node's delta) names its place in "results" instead of repeating
// it; and the per-weight instantiations of the update rule are not written out one by one: the
// block names the index-form steps it instantiates and how many there are.
// Written as a stream of pieces, one step at a time: a block of 10^6 steps is never one string or
// one object, and an enumeration's steps are made only while they are written.
import { equal, setKey } from "../expr/key.js";
import { toLatex } from "../expr/latex.js";
import { toText } from "../expr/text.js";
import type { Expr } from "../expr/types.js";
import { assertNever } from "../expr/types.js";
import type { Block, Inline, Proof, Section, Step, StepList } from "../derive/proof.js";
import type { StepCheck, StepChecks } from "../check/types.js";

export const forms = (e: Expr): { latex: string; text: string } => ({ latex: toLatex(e), text: toText(e) });

/** A step's numeric check; a failure says what went wrong. (JSON has no Infinity: null.) */
export const checkJson = (c: StepCheck): object => ({
  status: c.status,
  ...(c.reason === undefined ? {} : { reason: c.reason }),
  points: c.points,
  maxRelError: Number.isFinite(c.maxRelError) ? c.maxRelError : null,
  method: c.method,
  ...(c.detail === undefined ? {} : { detail: c.detail }),
});

const SHARED = ["relation", "rule", "label"] as const;
type SharedKey = (typeof SHARED)[number];
const keys = new WeakMap<StepCheck, string>();
/** A check as its JSON text (shared checks are one object: written once). */
const checkKey = (c: StepCheck | undefined): string => {
  if (c === undefined) return "";
  let k = keys.get(c);
  if (k === undefined) keys.set(c, (k = JSON.stringify(checkJson(c))));
  return k;
};

interface Encoding {
  /** The delta of a node, as written in "results" (each read once per step that may repeat it). */
  readonly delta: ReadonlyMap<number, Expr>;
  readonly checks?: StepChecks;
}

/** What a block's steps share, found in one pass over them: the fields all have, the most common check. */
function survey(steps: StepList, checks?: StepChecks): { shared: Set<SharedKey>; common: StepCheck | undefined } {
  const first = steps.at(0);
  const shared = new Set<SharedKey>(first === undefined || steps.length < 2 ? [] : SHARED);
  const counts = new Map<string, { n: number; c: StepCheck }>();
  for (const s of steps) {
    for (const k of shared) if (s[k] !== first![k]) shared.delete(k);
    const c = checks?.get(s.id);
    if (c === undefined) continue;
    const k = checkKey(c);
    const hit = counts.get(k);
    if (hit) hit.n++;
    else counts.set(k, { n: 1, c });
  }
  // The most common check (the first of equals), when two or more steps have it.
  const best = checks === undefined || steps.length < 2 ? undefined : [...counts.values()].sort((a, b) => b.n - a.n)[0];
  return { shared, common: best !== undefined && best.n > 1 ? best.c : undefined };
}

/** Prose: text (with the anchor it refers to, if any) or a formula. */
const inlineJson = (c: Inline): object =>
  "text" in c ? { text: c.text, ...(c.ref === undefined ? {} : { ref: c.ref }) } : { math: forms(c.math) };

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
    ...(s.anchor === undefined ? {} : { anchor: s.anchor }),
    ...(s.tag === undefined ? {} : { tag: s.tag }),
    ...(check === undefined || checkKey(check) === common ? {} : { check: checkJson(check) }),
  };
}

/** An object's JSON without its closing brace, to continue with more keys. */
const open = (o: object): string => JSON.stringify(o).slice(0, -1);

function* stepsChunks(b: Block & { kind: "steps" }, enc: Encoding): Generator<string> {
  const steps = b.steps;
  const first = steps.at(0);
  const { shared, common } = survey(steps, enc.checks);
  const head = {
    kind: "steps",
    ...(b.enumeration ? { enumeration: true } : {}),
    // What the notes show of the block (README, "derivation.json"); the proof shows it whole.
    ...(b.show === undefined || b.show === "both" ? {} : { show: b.show }),
    ...(b.notesRows === undefined ? {} : { notesRows: b.notesRows }),
    ...(b.notesLast ? { notesLast: true } : {}),
    ...Object.fromEntries([...shared].map((k) => [k, first![k]])),
    ...(common === undefined ? {} : { check: checkJson(common) }),
  };
  const commonKey = checkKey(common);
  if (b.instancesOf !== undefined && first !== undefined) {
    // Every weight's update, w_kj - eta * dE/dw_kj: the index-form steps it instantiates say it once.
    const own: [string, object][] = [];
    for (const s of steps) {
      const c = enc.checks?.get(s.id);
      if (c !== undefined && checkKey(c) !== commonKey) own.push([s.id, checkJson(c)]);
    }
    const instances = { of: b.instancesOf, count: steps.length, first: first.id, last: steps.at(steps.length - 1)!.id };
    yield JSON.stringify({ ...head, instances, ...(own.length === 0 ? {} : { checks: Object.fromEntries(own) }) });
    return;
  }
  yield `${open(head)},"steps":[`;
  let n = 0;
  for (const s of steps)
    yield `${n++ === 0 ? "" : ","}${JSON.stringify(stepJson(s, shared, commonKey, resultOf(s, b.deltaResults === true, enc), enc))}`;
  yield "]}";
}

function* blockChunks(b: Block, enc: Encoding): Generator<string> {
  switch (b.kind) {
    case "text":
      yield JSON.stringify({
        kind: "text",
        content: b.content.map(inlineJson),
        ...(b.layout === undefined || b.layout === "paragraph" ? {} : { layout: b.layout }),
        ...(b.cells === undefined ? {} : { cells: b.cells.map((c) => c.map(inlineJson)) }),
        ...(b.target === undefined ? {} : { target: b.target }),
        ...(b.show === undefined || b.show === "both" ? {} : { show: b.show }),
      });
      return;
    case "steps":
      yield* stepsChunks(b, enc);
      return;
    default:
      assertNever(b);
  }
}

/** The sections as a JSON array, each block encoded as above, in pieces. */
export function* sectionsChunks(proof: Proof, checks?: StepChecks, onSection: (done: number) => void = () => undefined): Generator<string> {
  const enc: Encoding = { delta: proof.results.delta, ...(checks ? { checks } : {}) };
  yield "[";
  let i = 0;
  for (const s of proof.sections as readonly Section[]) {
    yield `${i++ === 0 ? "" : ","}${open({ id: s.id, title: s.title, ...(s.part === undefined ? {} : { part: s.part }), ...(s.show === undefined ? {} : { show: s.show }) })},"blocks":[`;
    let j = 0;
    for (const b of s.blocks) {
      if (j++ > 0) yield ",";
      yield* blockChunks(b, enc);
    }
    yield "]}";
    onSection(i);
  }
  yield "]";
}
