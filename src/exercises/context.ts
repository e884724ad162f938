// What every kind of exercise is made from: the network, its proof, the sheet's numbers and the
// worked example at them (the steps a numeric answer shows), the language and the seed's generator.
import { evaluation, type Evaluation } from "../check/evaluation.js";
import { paramsToJson } from "../check/params.js";
import { withWorkedExample } from "../check/worked.js";
import type { Proof, SectionId, Step } from "../derive/proof.js";
import type { Network } from "../network/graph.js";
import type { Params } from "../network/params.js";
import type { Rng } from "../oracle/rng.js";
import type { Expr } from "../expr/types.js";
import { resolveSet } from "../network/sets.js";
import type { Line } from "./types.js";

/** The significant digits of the worked numbers in an answer. */
export const DIGITS = 4;

export interface Context {
  readonly network: Network;
  readonly proof: Proof;
  readonly lang: string;
  readonly params: Params;
  readonly paramsJson: Record<string, unknown>;
  /** The proof with the worked example at the sheet's numbers appended (section "worked"). */
  readonly worked: Proof;
  /** The numbers as `evaluate` prints them. */
  readonly values: Evaluation;
  readonly r: Rng;
  /** The number (or tag) of the notes' equation that each quantity of a node instantiates, by tagKey. */
  readonly tags: ReadonlyMap<string, string>;
  /** The notes' equation numbers by step id ("3", "BP1"), when known. */
  readonly numbers: ReadonlyMap<string, string> | undefined;
}

/**
 * What an equation is about, by its left side: "delta:4" for δ_4, "net:4", "y:4", "w:4" for the
 * gradient of a weight into node 4, "b:4" for its bias's, "new-w:4" and "new-b:4" for their
 * updates, "E" for the loss.
 */
export function tagKey(step: Pick<Step, "lhs" | "relation">, n: number | undefined): string | undefined {
  const { lhs } = step;
  if (lhs.kind === "sym" && lhs.name === "E") return "E";
  if (n === undefined) return undefined;
  if (lhs.kind === "sym" && ["delta", "net", "y"].includes(lhs.name)) return `${lhs.name}:${n}`;
  const bias = (s: Expr): boolean => s.kind === "sym" && s.idx[0]?.kind === "bias";
  if (lhs.kind === "sym" && lhs.name === "w" && step.relation === "update") return `new-${bias(lhs) ? "b" : "w"}:${n}`;
  if (lhs.kind === "deriv" && lhs.wrt.kind === "sym" && lhs.wrt.name === "w") return `${bias(lhs.wrt) ? "b" : "w"}:${n}`;
  return undefined;
}

/**
 * The notes' equation each quantity of a node instantiates, by tagKey: with the notes' numbers,
 * the last numbered general equation for it (the most specific: the output error term for this
 * activation and loss rather than BP1); without them, the BP1–BP4 tags.
 */
function tagsOf(proof: Proof, numbers: ReadonlyMap<string, string> | undefined): Map<string, string> {
  const tags = new Map<string, string>();
  const rank = (t: string): number => (/^\d+$/.test(t) ? Number(t) : 0);
  for (const s of proof.sections) {
    if (s.id === "worked") continue;
    for (const c of chainsOf(proof, s.id)) {
      const head = c.steps[0]!;
      const last = c.steps[c.steps.length - 1]!;
      const tag = numbers === undefined ? head.tag : numbers.get(last.id);
      if (tag === undefined) continue;
      const general = head.forall.length > 0 || (head.lhs.kind === "sym" && head.lhs.name === "E");
      if (!general) continue;
      const nodes = head.forall.length > 0 ? (resolveSet(proof.network, head.forall[0]!.set) ?? []) : [undefined];
      for (const n of nodes) {
        const k = tagKey(head, n);
        if (k === undefined) continue;
        const had = tags.get(k);
        if (had === undefined || rank(tag) > rank(had)) tags.set(k, tag);
      }
    }
  }
  return tags;
}

/** The node a concrete quantity is about: δ_n, or the node a gradient's weight goes into. */
export function nodeOf(e: Expr): number | undefined {
  const s = e.kind === "deriv" ? e.wrt : e;
  if (s.kind !== "sym") return undefined;
  const i = s.idx[0];
  if (i?.kind === "node") return i.n;
  if (i?.kind === "bias" && i.of.kind === "node") return i.of.n;
  return undefined;
}

/** A worked line, tagged with the notes' equation it instantiates when it is the head of a chain. */
export function lineOf(ctx: Pick<Context, "tags">, step: Step): Line {
  const tag = step.continues ? undefined : ctx.tags.get(tagKey(step, nodeOf(step.lhs)) ?? "");
  return tag === undefined ? { step } : { step, tag };
}

/** The notes' number of a proof's step (on a chain's last line), or its tag when no numbers are given. */
export function numberOf(ctx: Pick<Context, "numbers">, step: Step): string | undefined {
  return ctx.numbers === undefined ? step.tag : ctx.numbers.get(step.id);
}

export function context(proof: Proof, params: Params, r: Rng, numbers?: ReadonlyMap<string, string>): Context {
  return {
    network: proof.network,
    proof,
    lang: proof.lang,
    params,
    paramsJson: paramsToJson(proof.network, params),
    // The unrolled network's lines, node by node, which a sheet renames into its own notation.
    worked: withWorkedExample(proof, { params, digits: DIGITS, nodeByNode: true }),
    values: evaluation(proof, params),
    r,
    tags: tagsOf(proof, numbers),
    numbers,
  };
}

/** A step and the steps that continue it ("= ..." lines under the same left side). */
export interface Chain {
  readonly steps: readonly Step[];
}

/** The chains of the steps of a section, in order. */
export function chainsOf(proof: Proof, section: SectionId): Chain[] {
  const out: Step[][] = [];
  for (const s of proof.sections)
    if (s.id === section)
      for (const b of s.blocks)
        if (b.kind === "steps")
          for (const st of b.steps) {
            if (st.continues && out.length > 0) out[out.length - 1]!.push(st);
            else out.push([st]);
          }
  return out.map((steps) => ({ steps }));
}

/** A uniform pick from a non-empty list. */
export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
