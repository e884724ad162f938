// The gradient check: every derived gradient (or a seeded sample of them) against central
// differences of the independent oracle, at seeded random points.
import type { Proof } from "../derive/proof.js";
import type { Network } from "../network/graph.js";
import { derivedValues } from "./derived.js";
import { paramName } from "../network/params.js";
import { forwardPass, type ForwardPass } from "../oracle/forward.js";
import { randomParams, type Params } from "./params.js";
import { rng, type Rng } from "../oracle/rng.js";

/** Beyond this many parameters a seeded sample of this size is checked, unless full is asked. */
export const SAMPLE_SIZE = 300;
/** Relative tolerance, with an absolute floor for gradients that are nearly zero. */
export const TOLERANCE = 1e-5;
export const ABS_FLOOR = 1e-9;
/** Draws of a point before giving up on finding one away from every kink. */
export const MAX_DRAWS = 50;

export interface GradientRow {
  readonly param: number;
  readonly name: string;
  readonly derived: number;
  readonly numeric: number;
  readonly relError: number;
  readonly ok: boolean;
}

export interface GradientReport {
  readonly rows: readonly GradientRow[];
  readonly checked: number;
  readonly total: number;
  readonly failed: number;
  readonly worst: number;
  readonly seed: number;
  readonly tolerance: number;
  readonly redraws: number;
  readonly params: Params;
}

export const relError = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-12);

export const passes = (a: number, b: number, tol: number): boolean =>
  Number.isFinite(a) && Number.isFinite(b) && (relError(a, b) <= tol || Math.abs(a - b) <= ABS_FLOOR);

export { paramName } from "../network/params.js";

/** The step for a central difference: balances truncation (h^2) against rounding (eps / h). */
export const stepFor = (v: number): number => 6e-6 * Math.max(1, Math.abs(v));

/** Seeded sample of parameter indices (all of them when few or when full). */
export function sample(total: number, r: Rng, full: boolean): number[] {
  const all = Array.from({ length: total }, (_, i) => i);
  if (full || total <= SAMPLE_SIZE) return all;
  for (let i = total - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, SAMPLE_SIZE).sort((a, b) => a - b);
}

export interface CentralDifference {
  readonly value: number;
  /** Whether the perturbation crossed a kink of an activation. */
  readonly crossed: boolean;
}

/** dE/dw_i by central differences; `base` is the unperturbed pass, shared by every parameter. */
export function centralDifference(network: Network, p: Params, i: number, base: ForwardPass = forwardPass(network, p)): CentralDifference {
  const w = p.values[i]!;
  const h = stepFor(w);
  const plus = forwardPass(network, p, { param: { index: i, value: w + h } });
  const minus = forwardPass(network, p, { param: { index: i, value: w - h } });
  return {
    value: (plus.E - minus.E) / (2 * h),
    crossed: plus.kinkSignature !== base.kinkSignature || minus.kinkSignature !== base.kinkSignature,
  };
}

export interface GradientCheckOptions {
  readonly seed?: number;
  readonly full?: boolean;
  readonly tolerance?: number;
  /** Fixed params instead of a random point. */
  readonly params?: Params;
}

export function gradientCheck(proof: Proof, options: GradientCheckOptions = {}): GradientReport {
  const network = proof.network;
  const seed = options.seed ?? 1;
  const tolerance = options.tolerance ?? TOLERANCE;
  const r = rng(seed);
  const indices = sample(network.params.length, r, options.full ?? false);
  let nonFinite = 0;
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const p = options.params ?? randomParams(network, r);
    // A ReLU node below its kink has zero gradients, which would check nothing: prefer points
    // where every such node is active, as long as they are easy to find.
    const base = forwardPass(network, p);
    // A loss that is not finite (an activation or loss undefined there, such as sqrt(x) for
    // x < 0) makes every comparison meaningless: draw another point.
    if (!Number.isFinite(base.E)) {
      if (options.params !== undefined) throw new KinkError(`the loss is not finite (${base.E}) at the given params`);
      nonFinite++;
      continue;
    }
    if (options.params === undefined && draw < 10 && base.kinkSignature.includes("-")) continue;
    const numeric = indices.map((i) => centralDifference(network, p, i, base));
    if (numeric.some((c) => c.crossed) && options.params === undefined) continue;
    const d = derivedValues(proof, p);
    const rows = indices.map((i, n) => {
      const derived = d.gradient(i);
      const fd = numeric[n]!.value;
      return { param: i, name: paramName(network, i), derived, numeric: fd, relError: relError(derived, fd), ok: passes(derived, fd, tolerance) };
    });
    return {
      rows,
      checked: rows.length,
      total: network.params.length,
      failed: rows.filter((x) => !x.ok).length,
      worst: rows.reduce((m, x) => Math.max(m, Number.isNaN(x.relError) ? Infinity : x.relError), 0),
      seed,
      tolerance,
      redraws: draw,
      params: p,
    };
  }
  if (nonFinite === MAX_DRAWS) {
    throw new KinkError(`the loss was not finite at any of ${MAX_DRAWS} random points: is an activation or the loss undefined for some inputs (a square root or logarithm of a negative number)?`);
  }
  throw new KinkError(`no point away from the activation kinks was found in ${MAX_DRAWS} draws`);
}

export class KinkError extends Error {}
