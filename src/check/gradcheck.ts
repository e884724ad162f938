// The gradient check: every derived gradient (or a seeded sample of them) against central
// differences of the independent oracle, at a seeded random point (or the given params). Each
// difference perturbs one parameter through the incremental forward pass, so that checking every
// parameter costs about one pass per parameter of the layer after it, not one whole network.
import type { Proof } from "../derive/proof.js";
import * as b from "../expr/build.js";
import { InputError } from "../errors.js";
import { NO_PROGRESS, type Progress } from "../progress.js";
import { paramName, type Params } from "../network/params.js";
import { derivative, newTally, Redraw, ROUNDING_ULPS } from "../oracle/differences.js";
import { forwardPass } from "../oracle/forward.js";
import { randomParams } from "../oracle/random.js";
import { rng } from "../oracle/rng.js";
import { derivedValues, type Derived } from "./derived.js";
import { EvalError } from "../expr/evaluate.js";
import { roundingBound, type Bounded, type LeafBound } from "../expr/rounding.js";
import { redrawing, sampleIndices } from "./sampling.js";
import { agrees, checkTolerance, relError, TOLERANCE } from "./tolerance.js";

export { TOLERANCE, relError } from "./tolerance.js";
export { KinkError, MAX_DRAWS } from "./sampling.js";
export { paramName } from "../network/params.js";

/** Beyond this many parameters a seeded sample of this size is checked, unless full is asked. */
export const SAMPLE_SIZE = 300;

export interface GradientRow {
  readonly param: number;
  readonly name: string;
  readonly derived: number;
  readonly numeric: number;
  /** The estimated error of the numeric value (rounding and truncation), allowed on top of the tolerance. */
  readonly noise: number;
  readonly relError: number;
  readonly ok: boolean;
  /** The oracle could not represent E beside this point: not checked, never a failure. */
  readonly overflow?: boolean;
}

export interface GradientReport {
  readonly rows: readonly GradientRow[];
  /** Rows compared (those whose numeric value overflowed are not). */
  readonly checked: number;
  readonly total: number;
  readonly failed: number;
  /** Rows not compared because the oracle overflowed. */
  readonly overflow: number;
  readonly worst: number;
  readonly seed: number;
  readonly tolerance: number;
  readonly redraws: number;
  readonly params: Params;
}

export interface GradientCheckOptions {
  readonly seed?: number;
  readonly full?: boolean;
  readonly tolerance?: number;
  /** Fixed params instead of a random point. */
  readonly params?: Params;
  /** One stage, "checking every gradient", counted in parameters compared. */
  readonly progress?: Progress;
}

/** Options as a library caller may pass them: each one checked, an InputError naming it otherwise. */
export function checkSeed(v: unknown, field: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 2 ** 32 - 1)
    throw new InputError(field, `is ${String(v)}; must be a whole number from 0 to 4294967295`);
  return v;
}

function options(o: GradientCheckOptions): { seed: number; full: boolean; tolerance: number; params?: Params; progress: Progress } {
  if (o === null || typeof o !== "object") throw new InputError("options", "must be an object");
  const known = ["seed", "full", "tolerance", "params", "progress"];
  for (const k of Object.keys(o))
    if (!known.includes(k)) throw new InputError(`options.${k}`, `unknown option; allowed: ${known.join(", ")}`);
  if (o.full !== undefined && typeof o.full !== "boolean") throw new InputError("options.full", "must be true or false");
  if (o.params !== undefined && (o.params === null || typeof o.params !== "object" || !Array.isArray(o.params.values))) {
    throw new InputError("options.params", "must be params as parseParams returns them");
  }
  return {
    seed: o.seed === undefined ? 1 : checkSeed(o.seed, "options.seed"),
    full: o.full ?? false,
    tolerance: o.tolerance === undefined ? TOLERANCE : checkTolerance(o.tolerance, "options.tolerance"),
    ...(o.params ? { params: o.params } : {}),
    progress: o.progress ?? NO_PROGRESS,
  };
}

const E = b.sym("E");

/**
 * The floating-point error bound of evaluating gradient i's printed tree (and the deltas it
 * refers to, each through its own tree) at the derived values: computed only for a row that
 * would otherwise fail.
 */
function derivedError(proof: Proof, d: Derived): (i: number) => number {
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

export function gradientCheck(proof: Proof, given: GradientCheckOptions = {}): GradientReport {
  const { seed, full, tolerance, params, progress } = options(given);
  const network = proof.network;
  const r = rng(seed);
  const indices = full ? sampleIndices(network.params.length, Infinity, r) : sampleIndices(network.params.length, SAMPLE_SIZE, r);
  let nonFinite = 0;
  progress.stage("checking every gradient", indices.length);
  const { value, redraws } = redrawing(
    (draw) => {
      const p = params ?? randomParams(network, r);
      const base = forwardPass(network, p);
      // A loss that is not finite (an activation or loss undefined there, such as sqrt(x) for
      // x < 0, or an overflow) makes every comparison meaningless.
      if (!Number.isFinite(base.E)) {
        nonFinite++;
        throw new Redraw(`the loss is not finite (${base.E}) ${params ? "at the given params" : "at the point drawn"}`);
      }
      // A ReLU node below its kink has zero gradients, which would check nothing: prefer points
      // where every such node is active, as long as they are easy to find.
      if (params === undefined && draw < 10 && base.kinkSignature.includes("-")) throw new Redraw("a relu-type node is inactive");
      const numeric = indices.map((i, n) => {
        const tally = newTally();
        const value = derivative({ network, params: p, base, method: "central", tally }, E, { kind: "param", index: i });
        progress.advance(n + 1);
        return { value, noise: tally.noise, overflow: tally.overflow };
      });
      return { p, numeric };
    },
    (draws, reason) =>
      params !== undefined
        ? `the gradients cannot be checked at the given params: ${reason}; give params away from it`
        : nonFinite === draws
          ? `the loss was not finite at any of ${draws} random points: is an activation or the loss undefined for some inputs (a square root or logarithm of a negative number)?`
          : `no point away from the activation kinks was found in ${draws} draws: at the last one, ${reason}`,
    params !== undefined,
  );
  const d = derivedValues(proof, value.p);
  const evaluationError = derivedError(proof, d);
  const base = forwardPass(network, value.p);
  const complexStep = (i: number): { value: number; noise: number } | undefined => {
    const tally = newTally();
    const v = derivative({ network, params: value.p, base, method: "complex-step", tally }, E, { kind: "param", index: i });
    return tally.used.has("central-difference") || !Number.isFinite(v) ? undefined : { value: v, noise: tally.noise };
  };
  const rows: GradientRow[] = indices.map((i, n) => {
    const derived = d.gradient(i);
    const { value: fd, noise, overflow } = value.numeric[n]!;
    const row = { param: i, name: paramName(network, i), derived, numeric: fd, noise, relError: relError(derived, fd) };
    if (overflow) return { ...row, ok: true, overflow: true };
    // Twice the estimated error: the estimate is a bound to first order only.
    if (agrees(derived, fd, tolerance, 2 * noise)) return { ...row, ok: true };
    // A derived formula that double precision cannot evaluate to this accuracy here (1 - y with
    // y within ulps of 1) is no evidence either way: not checked, rather than failed.
    const bound = evaluationError(i);
    if (Number.isFinite(fd) && (!Number.isFinite(bound) || agrees(derived, fd, tolerance, 2 * (noise + bound))))
      return { ...row, ok: true, overflow: true };
    // A difference quotient can be fooled by a function that turns faster than its step; where
    // the network is analytic, a complex step cannot: the row fails only if it disagrees too.
    const exact = complexStep(i);
    if (exact !== undefined && agrees(derived, exact.value, tolerance, 2 * exact.noise))
      return { ...row, numeric: exact.value, noise: exact.noise, relError: relError(derived, exact.value), ok: true };
    return { ...row, ok: false };
  });
  const compared = rows.filter((x) => !x.overflow);
  return {
    rows,
    checked: compared.length,
    total: network.params.length,
    failed: compared.filter((x) => !x.ok).length,
    overflow: rows.length - compared.length,
    worst: compared.reduce((m, x) => Math.max(m, x.relError), 0),
    seed,
    tolerance,
    redraws,
    params: value.p,
  };
}
