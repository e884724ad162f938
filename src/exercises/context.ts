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
  /** The tag of the notes' equation (BP1 …) that each error term and gradient instantiates, by tagKey. */
  readonly tags: ReadonlyMap<string, string>;
}

/** "delta:4" for δ_4, "w:4" for a weight into node 4, "b:4" for its bias: what a tag is about. */
export function tagKey(lhs: Expr, n: number): string | undefined {
  if (lhs.kind === "sym" && lhs.name === "delta") return `delta:${n}`;
  if (lhs.kind === "deriv" && lhs.wrt.kind === "sym" && lhs.wrt.name === "w") return `${lhs.wrt.idx[0]?.kind === "bias" ? "b" : "w"}:${n}`;
  return undefined;
}

/** The tagged equations of the proof (BP1–BP4), by the nodes their first index ranges over. */
function tagsOf(proof: Proof): Map<string, string> {
  const tags = new Map<string, string>();
  for (const s of proof.sections)
    for (const b of s.blocks) {
      if (b.kind !== "steps") continue;
      for (const st of b.steps) {
        if (st.tag === undefined || st.forall.length === 0) continue;
        for (const n of resolveSet(proof.network, st.forall[0]!.set) ?? []) {
          const k = tagKey(st.lhs, n);
          if (k !== undefined && !tags.has(k)) tags.set(k, st.tag);
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
  const n = step.continues ? undefined : nodeOf(step.lhs);
  const tag = n === undefined ? undefined : ctx.tags.get(tagKey(step.lhs, n) ?? "");
  return tag === undefined ? { step } : { step, tag };
}

export function context(proof: Proof, params: Params, r: Rng): Context {
  return {
    network: proof.network,
    proof,
    lang: proof.lang,
    params,
    paramsJson: paramsToJson(proof.network, params),
    worked: withWorkedExample(proof, { params, digits: DIGITS }),
    values: evaluation(proof, params),
    r,
    tags: tagsOf(proof),
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
