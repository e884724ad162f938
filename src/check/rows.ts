// One point's gradient rows: every derived gradient evaluated from its printed tree and judged
// (verdict.ts) against central differences of the independent oracle, with the formula's own
// rounding error and a complex step at hand for the rows that need them.
import type { Proof } from "../derive/proof.js";
import * as b from "../expr/build.js";
import { EvalError } from "../expr/evaluate.js";
import { roundingBound, type Bounded, type LeafBound } from "../expr/rounding.js";
import type { Network } from "../network/graph.js";
import { paramName, type Params } from "../network/params.js";
import { derivative, newTally, ROUNDING_ULPS } from "../oracle/differences.js";
import { forwardPass, type ForwardPass } from "../oracle/forward.js";
import { NO_PROGRESS, type Progress } from "../progress.js";
import { derivedValues, type Derived } from "./derived.js";
import type { NotComparedReason, Outcome } from "./types.js";
import { judge } from "./verdict.js";

export interface GradientRow {
  readonly param: number;
  readonly name: string;
  readonly derived: number;
  readonly numeric: number;
  /** The estimated error of the numeric value (rounding and truncation), allowed on top of the tolerance. */
  readonly noise: number;
  readonly relError: number;
  /** compared (and agreed), failed, or not compared for `reason`. */
  readonly outcome: Outcome;
  readonly reason?: NotComparedReason;
  /** The difference allowed: the tolerance times the larger magnitude, plus twice the estimated errors. */
  readonly allowance: number;
  /** allowance / the larger magnitude (Infinity when both are 0): a row is compared only below 1. */
  readonly ratio: number;
  /** Compared at a further seeded point (2, 3, ...), the first having compared nothing; absent: the first. */
  readonly point?: number;
}

/** A central difference of E in one parameter, its estimated noise, and whether it overflowed. */
export interface Numeric {
  readonly value: number;
  readonly noise: number;
  readonly overflow: boolean;
}

const E = b.sym("E");

/** Central differences of E in each of the parameters `indices` at p. */
export function numericAt(
  network: Network,
  p: Params,
  base: ForwardPass,
  indices: readonly number[],
  progress: Progress = NO_PROGRESS,
): Numeric[] {
  return indices.map((i, n) => {
    const tally = newTally();
    const value = derivative({ network, params: p, base, method: "central", tally }, E, { kind: "param", index: i });
    progress.advance(n + 1);
    return { value, noise: tally.noise, overflow: tally.overflow };
  });
}

/**
 * The floating-point error bound of evaluating gradient i's printed tree (and the deltas it
 * refers to, each through its own tree) at the derived values: computed only for a row that
 * would otherwise fail.
 */
export function derivedError(proof: Proof, d: Derived): (i: number) => number {
  const deltas = new Map<number, Bounded>();
  const leaf: LeafBound = (e) => {
    const n = e.kind === "sym" && e.name === "delta" && e.idx.length === 1 && e.idx[0]!.kind === "node" ? e.idx[0]!.n : undefined;
    const tree = n === undefined ? undefined : proof.results.delta.get(n);
    if (n === undefined || tree === undefined) return undefined;
    let hit = deltas.get(n);
    if (hit === undefined) {
      hit = roundingBound(tree, { ulps: ROUNDING_ULPS, leaf }, d.scope);
      deltas.set(n, hit);
    }
    return hit;
  };
  return (i) => {
    try {
      return roundingBound(proof.results.params.at(i)!.gradient, { ulps: ROUNDING_ULPS, leaf }, d.scope).bound;
    } catch (e) {
      if (e instanceof EvalError) return 0;
      throw e;
    }
  };
}

/** The rows of the parameters `indices` at p, given their central differences there. */
export function rowsAt(proof: Proof, p: Params, indices: readonly number[], numeric: readonly Numeric[], tolerance: number): GradientRow[] {
  const network = proof.network;
  const d = derivedValues(proof, p);
  const evaluationError = derivedError(proof, d);
  const base = forwardPass(network, p);
  const complexStep = (i: number): { value: number; noise: number } | undefined => {
    const tally = newTally();
    const v = derivative({ network, params: p, base, method: "complex-step", tally }, E, { kind: "param", index: i });
    return tally.used.has("central-difference") || !Number.isFinite(v) ? undefined : { value: v, noise: tally.noise };
  };
  return indices.map((i, n) => {
    const derived = d.gradient(i);
    const { value: fd, noise, overflow } = numeric[n]!;
    const v = judge({
      derived,
      reference: { value: fd, noise },
      overflow,
      tolerance,
      formulaError: () => evaluationError(i),
      precise: () => complexStep(i),
    });
    return { param: i, name: paramName(network, i), derived, ...v };
  });
}
