// The gradient check: every derived gradient (or a seeded sample of them) against central
// differences of the independent oracle, at a seeded random point (or the given params). Each
// difference perturbs one parameter through the incremental forward pass, so that checking every
// parameter costs about one pass per parameter of the layer after it, not one whole network.
import type { Proof } from "../derive/proof.js";
import * as z from "zod";
import { mustBe, progressOption, strictOptions } from "../network/options.js";
import { validate } from "../network/schema.js";
import { NO_PROGRESS, type Progress } from "../progress.js";
import type { Params } from "../network/params.js";
import { Redraw } from "../oracle/differences.js";
import { forwardPass } from "../oracle/forward.js";
import { randomParams } from "../oracle/random.js";
import { rng, type Rng } from "../oracle/rng.js";
import { regimesOf, unreached } from "./regimes.js";
import { redrawing, sampleIndices } from "./sampling.js";
import { TOLERANCE } from "./tolerance.js";
import { parsed, seed, type Shape, tolerance, whole } from "./options.js";
import type { NotComparedReason } from "./types.js";
import { numericAt, rowsAt, type GradientRow, type Numeric } from "./rows.js";

export type { GradientRow } from "./rows.js";

export { TOLERANCE, relError } from "./tolerance.js";
export { KinkError, MAX_DRAWS } from "./sampling.js";
export { paramName } from "../network/params.js";

/** Further seeded points at which rows that compared nothing are compared again. */
export const RECHECK_DRAWS = 10;

/** Beyond this many parameters a seeded sample of this size is checked, unless full is asked. */
export const SAMPLE_SIZE = 300;

export interface GradientReport {
  readonly rows: readonly GradientRow[];
  /** Rows compared and agreed. */
  readonly checked: number;
  readonly total: number;
  readonly failed: number;
  /** Rows not compared, by reason. */
  readonly notCompared: Partial<Record<NotComparedReason, number>>;
  /** Whether a seeded sample of the parameters was drawn (the others are not in rows). */
  readonly sampled: boolean;
  readonly worst: number;
  readonly seed: number;
  readonly tolerance: number;
  readonly redraws: number;
  readonly params: Params;
  /** With given params and extra points: the check at further seeded points. */
  readonly extra?: ExtraPoints;
}

/** The given params' check repeated at seeded points, so that every regime is exercised. */
export interface ExtraPoints {
  readonly points: number;
  readonly checked: number;
  readonly failed: number;
  readonly notCompared: Partial<Record<NotComparedReason, number>>;
  /** The failed rows, each with its point (2, 3, ...; the given params are point 1). */
  readonly failures: readonly GradientRow[];
  /** Regimes (a side of a kink, a saturated end) that the given params leave unexercised. */
  readonly unexercised: readonly string[];
  /** Of those, the ones that no seeded point reached either. */
  readonly unreached: readonly string[];
}

export interface GradientCheckOptions {
  readonly seed?: number;
  readonly full?: boolean;
  readonly tolerance?: number;
  /** Fixed params instead of a random point. */
  readonly params?: Params;
  /** With params: also check at this many seeded points, and more until every regime is reached. */
  readonly points?: number;
  /** One stage, "checking every gradient", counted in parameters compared. */
  readonly progress?: Progress;
}

/** The most extra points besides given params. */
const MAX_EXTRA_POINTS = 100;

const GRADIENT_OPTIONS = strictOptions({
  seed,
  full: z.boolean({ error: mustBe("true or false") }).optional(),
  tolerance,
  params: parsed("params"),
  points: whole(0, MAX_EXTRA_POINTS),
  progress: progressOption,
} satisfies Shape<GradientCheckOptions>);

/** Options as a library caller may pass them: each one checked, an InputError naming it otherwise. */
function options(o: GradientCheckOptions): {
  seed: number;
  full: boolean;
  tolerance: number;
  params?: Params;
  points: number;
  progress: Progress;
} {
  validate(GRADIENT_OPTIONS, o ?? {}, "options");
  return {
    seed: o.seed ?? 1,
    full: o.full ?? false,
    tolerance: o.tolerance ?? TOLERANCE,
    ...(o.params ? { params: o.params } : {}),
    points: o.points ?? 0,
    progress: o.progress ?? NO_PROGRESS,
  };
}

/** The counts of a report's rows: compared, failed, not compared by reason, and the worst compared error. */
export function tallyRows(rows: readonly GradientRow[]): Pick<GradientReport, "checked" | "failed" | "notCompared" | "worst"> {
  const notCompared: Partial<Record<NotComparedReason, number>> = {};
  for (const r of rows) if (r.reason !== undefined) notCompared[r.reason] = (notCompared[r.reason] ?? 0) + 1;
  return {
    checked: rows.filter((r) => r.outcome === "compared").length,
    failed: rows.filter((r) => r.outcome === "failed").length,
    notCompared,
    worst: rows.reduce((m, x) => (x.outcome === "not-compared" ? m : Math.max(m, x.relError)), 0),
  };
}

export function gradientCheck(proof: Proof, given: GradientCheckOptions = {}): GradientReport {
  const { seed, full, tolerance, params, points, progress } = options(given);
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
      return { p, numeric: numericAt(network, p, base, indices, progress) };
    },
    (draws, reason) =>
      params !== undefined
        ? `the gradients cannot be checked at the given params: ${reason}; give params away from it`
        : nonFinite === draws
          ? `the loss was not finite at any of ${draws} random points: is an activation or the loss undefined for some inputs (a square root or logarithm of a negative number)?`
          : `no point away from the activation kinks was found in ${draws} draws: at the last one, ${reason}`,
    params !== undefined,
  );
  let rows = rowsAt(proof, value.p, indices, value.numeric, tolerance);
  // Rows that compared nothing at a random point (a gradient that is 0 there, a relu node
  // inactive) are compared again at further seeded points, where their gradients are not.
  for (let again = 0; params === undefined && again < RECHECK_DRAWS; again++) {
    const open = rows.flatMap((row, n) => (row.reason === "vacuous" ? [n] : []));
    if (open.length === 0) break;
    const p = randomParams(network, r);
    const base = forwardPass(network, p);
    if (!Number.isFinite(base.E)) continue;
    const redone = rowsAt(
      proof,
      p,
      open.map((n) => indices[n]!),
      numericAt(
        network,
        p,
        base,
        open.map((n) => indices[n]!),
      ),
      tolerance,
    );
    rows = rows.map((row, n) => {
      const at = open.indexOf(n);
      const next = at < 0 ? undefined : redone[at]!;
      return next !== undefined && next.reason !== "vacuous" ? { ...next, point: again + 2 } : row;
    });
  }
  return {
    rows,
    ...tallyRows(rows),
    total: network.params.length,
    sampled: indices.length < network.params.length,
    seed,
    tolerance,
    redraws,
    params: value.p,
    ...(params !== undefined && points > 0 ? { extra: extraPoints(proof, params, indices, points, tolerance, r) } : {}),
  };
}

/** The most extra points: those asked for, then draws looking for unreached regimes. */
export const MAX_EXTRA_DRAWS = 40;

/**
 * The gradients at `points` seeded points besides the given params, and at further ones (weights
 * scaled up, to reach the flat ends of sigmoid and tanh) while a regime that the given params
 * leave unexercised is still unreached.
 */
function extraPoints(proof: Proof, given: Params, indices: readonly number[], points: number, tolerance: number, r: Rng): ExtraPoints {
  const network = proof.network;
  const regimes = regimesOf(network);
  const open = unreached(regimes, [forwardPass(network, given).net]);
  const unexercised = open.map((g) => g.what);
  let remaining = open;
  const failures: GradientRow[] = [];
  const notCompared: Partial<Record<NotComparedReason, number>> = {};
  let [checked, failed, n] = [0, 0, 0];
  for (let draw = 0; draw < MAX_EXTRA_DRAWS && (n < points || remaining.length > 0); draw++) {
    const drawn = randomParams(network, r);
    const scale = n < points ? 1 : [1, 3, 8][draw % 3]!;
    const p = { ...drawn, values: drawn.values.map((v) => v * scale) };
    const base = forwardPass(network, p);
    if (!Number.isFinite(base.E)) continue;
    const reaches = remaining.some((g) => g.holds(base.net));
    if (n >= points && !reaches) continue;
    // A point whose differences would cross a kink cannot be used: the next one is drawn.
    let numeric: Numeric[];
    try {
      numeric = numericAt(network, p, base, indices);
    } catch (e) {
      if (e instanceof Redraw) continue;
      throw e;
    }
    n++;
    remaining = unreached(remaining, [base.net]);
    const rows = rowsAt(proof, p, indices, numeric, tolerance);
    const t = tallyRows(rows);
    checked += t.checked;
    failed += t.failed;
    for (const [k, c] of Object.entries(t.notCompared) as [NotComparedReason, number][]) notCompared[k] = (notCompared[k] ?? 0) + c;
    for (const row of rows) if (row.outcome === "failed") failures.push({ ...row, point: n + 1 });
  }
  return { points: n, checked, failed, notCompared, failures, unexercised, unreached: remaining.map((g) => g.what) };
}
