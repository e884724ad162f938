// What every kind of exercise is made from: the network, its proof, the sheet's numbers and the
// worked example at them (the steps a numeric answer shows), the language and the seed's generator.
import { evaluation, type Evaluation } from "../check/evaluation.js";
import { paramsToJson } from "../check/params.js";
import { withWorkedExample } from "../check/worked.js";
import type { Proof, Step } from "../derive/proof.js";
import type { Network } from "../network/graph.js";
import type { Params } from "../network/params.js";
import type { Rng } from "../oracle/rng.js";

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
  };
}

/** A step and the steps that continue it ("= ..." lines under the same left side). */
export interface Chain {
  readonly steps: readonly Step[];
}

/** The chains of the steps of a section, in order. */
export function chainsOf(proof: Proof, section: string): Chain[] {
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
