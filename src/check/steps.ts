// Every step of a proof checked numerically: each equality at several seeded random points of
// the concrete network, each index-form step over its bindings (or a seeded sample of them),
// each side evaluated with the true values of its symbols (point.ts). Definitions and notation
// say so instead of claiming a check. A point at which some perturbation crosses a kink or
// leaves a logarithm's domain is redrawn, a bounded number of times.
import * as b from "../expr/build.js";
import { evaluate, EvalError, type Scope } from "../expr/evaluate.js";
import { NO_ENV } from "../expr/interpret.js";
import { stableLog } from "./stable-log.js";
import type { Proof } from "../derive/proof.js";
import { checkSeed } from "./gradcheck.js";
import { KinkError, MAX_DRAWS } from "./sampling.js";
import { checkTolerance, TOLERANCE } from "./tolerance.js";
import { InputError } from "../errors.js";
import { NO_PROGRESS, type Progress } from "../progress.js";
import { clearTally, Redraw, ROUNDING_ULPS, type Method, type UsedMethod } from "../oracle/differences.js";
import { forwardPass } from "../oracle/forward.js";
import { randomParams, type Params } from "./params.js";
import { BATCH_SECTION, capChecks, CHECK_WORK, isEstimated, planSteps, type Instance, type Plan } from "./plan.js";
import { PointValues } from "../oracle/point.js";
import { BatchPoint, CHECK_EXAMPLE_IDS, checkBatch } from "../oracle/batch-point.js";
import type { Batch } from "../network/batch.js";
import { quantityOf } from "../oracle/quantity.js";
import { rng, uniform, type Rng } from "../oracle/rng.js";
import { roundingBound, type LeafBound } from "../expr/rounding.js";
import { stepError } from "./tolerance.js";
import { NOT_COMPARED_REASONS, type NotComparedReason, type StepCheck, type StepChecks } from "./types.js";
import { StepCheckMap } from "./checkmap.js";

export const DEFAULT_POINTS = 3;
export const DEFAULT_MAX_BINDINGS = 100;
/** Steps checked in one enumeration block of a large network, unless a full check is asked. */
export const DEFAULT_MAX_PER_BLOCK = 300;
/** Extra draws looking for points on the other side of a kink. */
export const MAX_COVERAGE_DRAWS = 40;
/**
 * Below this magnitude (times max(1, |E|)), errors are measured absolutely, relative to it: a
 * difference quotient of E carries an absolute rounding error of about eps |E| / h, which is
 * no smaller for a derivative that happens to be nearly zero.
 */
export const SCALE_FLOOR = 1e-4;
/** Why a step was not compared, in words (its reason is typed: StepCheck.reason). */
const NOT_COMPARED_WORDS: Record<NotComparedReason, string> = {
  overflow:
    "not checked: the independent evaluation is not a finite number, or the formula overflows, in double precision at every instance",
  unrepresentable: "not checked: the formula cannot be evaluated to any accuracy in double precision at every instance",
  "sampled-out": "not checked: left out of the seeded sample",
  kink: "not checked: every instance lies on a kink",
  vacuous: "not checked: at every instance the allowed error is not smaller than the values compared, so that 0 would pass too",
};

export interface StepCheckOptions {
  readonly seed?: number;
  readonly points?: number;
  readonly method?: Method;
  readonly tolerance?: number;
  /** Bindings of an index-form step beyond which a seeded sample is checked. */
  readonly maxBindings?: number;
  /**
   * Steps checked per long enumeration block (default DEFAULT_MAX_PER_BLOCK; Infinity: all, and no
   * bound on the whole check's work either, CHECK_WORK in plan.ts).
   */
  readonly maxPerBlock?: number;
  /** Check at these params only, instead of random points (no redraw is possible). */
  readonly params?: Params;
  /** With params: the mini-batch (its first example the params) at which the mini-batch section is checked. */
  readonly batch?: Batch;
  /** The params and printed digits of the worked-example section, whose steps hold there only; with
   * `batch`, a worked example over that mini-batch (params: its first example). */
  readonly worked?: { readonly params: Params; readonly digits: number; readonly batch?: Batch };
  /** Check only these steps. */
  readonly only?: ReadonlySet<string>;
  /** Where random points come from (tests use it to start at a kink). */
  readonly draw?: (r: Rng, attempt: number) => Params;
  /** One stage, "checking every step", counted in instances (step bindings at the requested points). */
  readonly progress?: Progress;
}

export interface StepFailure {
  readonly step: string;
  readonly label: string;
  readonly where: string;
  /** 1, 2, ...; 0 for the worked example, checked at its own params. */
  readonly point: number;
  readonly lhs: number;
  readonly rhs: number;
  readonly error: number;
  readonly reason?: string;
}

export interface StepReport {
  readonly checks: StepChecks;
  readonly total: number;
  readonly verified: number;
  readonly definitions: number;
  /** Steps left out of the seeded sample (also counted in notCompared["sampled-out"]). */
  readonly unchecked: number;
  readonly failed: number;
  /** Steps not compared at any instance, by reason. */
  readonly notCompared: Partial<Record<NotComparedReason, number>>;
  /** The largest relative error of any checked instance, and where. */
  readonly worst?: { readonly step: string; readonly where: string; readonly point: number; readonly error: number };
  readonly failures: readonly StepFailure[];
  readonly seed: number;
  /** Random points at which the steps were checked, including those added for kink coverage. */
  readonly points: number;
  readonly coveragePoints: number;
  /** Kinked nodes seen on one side of their kink only, at every point. */
  readonly uncovered: readonly string[];
  readonly tolerance: number;
  readonly method: Method;
  readonly redraws: number;
}

interface Row {
  readonly plan: Plan & { kind: "check" };
  /** The binding checked ("k=6, j=4"; empty for a concrete step). */
  readonly where: string;
  readonly lhs: number;
  readonly rhs: number;
  /** The error that decides: what exceeds the sides' estimated errors, relative to their scale. */
  readonly error: number;
  /** The plain relative difference of the two sides, for the report. */
  readonly raw: number;
  readonly used: readonly UsedMethod[];
  /** Why the instance could not be compared (never a failure). */
  readonly skipped?: NotComparedReason;
  readonly reason?: string;
}

/** What a step is checked at: one example's point, or a mini-batch's (its section's steps). */
type CheckPoint = PointValues | BatchPoint;

/** Both sides of one instance at one point; an update compares with w - eta dE/dw. */
function compare(pv: CheckPoint, plan: Plan & { kind: "check" }, inst: Instance, lemmaX: number, tolerance: number, digits?: number): Row {
  clearTally(pv.tally);
  // A lemma holds where its activation is defined: sqrt(x) is checked at x > 0.
  const x = plan.lemma !== undefined && !Number.isFinite(plan.lemma.value(lemmaX)) ? Math.abs(lemmaX) : lemmaX;
  const inner = pv instanceof PointValues ? pv.scope(plan.lemma ? { activation: plan.lemma, x } : undefined) : pv.scope();
  // The oracle's values the formulas read: any not finite, or any that double precision rounded
  // to an end of its activation's range (a saturated sigmoid's y_k = 1), is noted.
  let oracleNonFinite = false;
  let roundedRead = false;
  const scope: Scope = {
    ...inner,
    sym: (name, idx) => {
      const v = inner.sym(name, idx);
      if (!Number.isFinite(v)) oracleNonFinite = true;
      else if (pv instanceof PointValues && pv.rounded(name, idx)) roundedRead = true;
      return v;
    },
  };
  // A numeric derivative is a leaf with an error of its own, the noise the oracle estimated for
  // it; ln y_k and ln(1 - y_k) of an output are read from its net (log-sigmoid, log-softmax).
  const leaf: LeafBound = (e, env) => {
    const log = pv instanceof PointValues ? stableLog(pv, e, env) : undefined;
    if (log !== undefined) return log;
    if (!isEstimated(e)) return undefined;
    const before = pv.tally.noise;
    pv.tally.noise = 0;
    const value = evaluate(e, scope);
    const bound = pv.tally.noise;
    pv.tally.noise = Math.max(before, bound);
    return { value, bound };
  };
  let lhs = Number.NaN;
  let rhs = Number.NaN;
  const used = (): UsedMethod[] => [...pv.tally.used];
  try {
    // A formula that overflows by size (e^{1000} on the way to a finite softmax) cannot be
    // evaluated in double precision; a pole (0/0, 1/0) is not an overflow.
    let formulaOverflow = false;
    const overflow = (): void => {
      formulaOverflow = true;
    };
    const rounded = (): void => {
      roundedRead = true;
    };
    const l = roundingBound(inst.lhs, { ulps: ROUNDING_ULPS, leaf, overflow, rounded, exactZeros: true }, scope);
    lhs = l.value;
    let allowance = l.bound;
    if (plan.step.relation === "update") {
      const q = quantityOf(pv.network, inst.lhs);
      // A tied edge's update as its own variable (edge): the index-form rule for one use.
      if (q?.kind !== "param" && q?.kind !== "edge")
        throw new EvalError(`an update of ${inst.where || plan.step.id} that is not a weight or bias`);
      const g = leaf(b.deriv(b.sym("E"), inst.lhs), NO_ENV)!;
      lhs = lhs - pv.params.eta * g.value;
      allowance += Math.abs(pv.params.eta) * g.bound;
    }
    const r = roundingBound(
      inst.rhs,
      { ...(digits === undefined ? {} : { digits }), ulps: ROUNDING_ULPS, leaf, overflow, rounded, exactZeros: true },
      scope,
    );
    rhs = r.value;
    // Twice the estimated error of each side: an estimate is a bound to first order only.
    allowance = 2 * (allowance + r.bound);
    const floor = SCALE_FLOOR * Math.max(1, Math.abs(pv.base.E));
    const error = stepError(lhs, rhs, allowance, floor);
    const finite = Number.isFinite(lhs) && Number.isFinite(rhs);
    const raw = stepError(lhs, rhs, 0, floor);
    const row = { plan, where: inst.where, lhs, rhs, raw, used: used() };
    // No evidence either way: finite sides whose error bound is unbounded (a formula that cancels
    // to nothing in double precision, 1 - y with y within ulps of 1); a side that is not a number
    // because the oracle or the formula overflowed, or the oracle gave a value that is not finite;
    // or because the formula read a value that double precision rounded to an end of its
    // activation's range.
    if (error > 0 && finite && !Number.isFinite(allowance)) return { ...row, error: 0, skipped: "unrepresentable" };
    if (error > 0 && !finite && (pv.tally.overflow || oracleNonFinite || formulaOverflow)) return { ...row, error: 0, skipped: "overflow" };
    if (error > 0 && !finite && roundedRead) return { ...row, error: 0, skipped: "unrepresentable" };
    // Otherwise a side that is NaN or infinite where every value it reads is finite and
    // representable is a formula that gives no number where the function has one: it fails.
    // Agreement that 0 on either side would reach as well proves nothing (a worked example's
    // line claims only equality to its printed rounding, which it has).
    const scale = Math.max(Math.abs(lhs), Math.abs(rhs));
    if (digits === undefined && error <= tolerance && allowance + tolerance * Math.max(scale, floor) >= scale)
      return { ...row, error, skipped: "vacuous" };
    return { ...row, error };
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    return { plan, where: inst.where, lhs, rhs, error: Infinity, raw: Infinity, used: used(), reason: e.message };
  }
}

const complexPoints = new WeakMap<PointValues, PointValues>();

/**
 * A failed instance whose numbers came from central differences is compared again with complex
 * steps, where the network is analytic: a difference quotient can be fooled by a function that
 * turns faster than its step (sin(net) at net = 10^8), a complex step cannot. It stands as
 * failed only if the complex step disagrees too (or cannot be taken). A vacuous agreement (the
 * differences' noise as large as the values) is decided by the complex step where it can be taken.
 */
function secondOpinion(
  pv: CheckPoint,
  plan: Plan & { kind: "check" },
  inst: Instance,
  lemmaX: number,
  row: Row,
  tolerance: number,
  digits?: number,
): Row {
  const settled = row.error <= tolerance && row.skipped !== "vacuous";
  if (
    settled ||
    row.reason !== undefined ||
    pv.method === "complex-step" ||
    !row.used.includes("central-difference") ||
    !(pv instanceof PointValues)
  )
    return row;
  let exact = complexPoints.get(pv);
  if (exact === undefined) {
    exact = new PointValues(pv.network, pv.params, "complex-step");
    complexPoints.set(pv, exact);
  }
  const again = compare(exact, plan, inst, lemmaX, tolerance, digits);
  if (again.used.includes("central-difference")) return row;
  // A vacuous agreement stays so unless the exact comparison decides (agrees clearly, or fails).
  if (row.skipped === "vacuous") return again.skipped === "vacuous" ? row : again;
  return again.error <= tolerance ? again : row;
}

/** The lemma's x at point n: away from every kink (relu's 0), on alternating sides of it. */
function lemmaPoint(r: Rng, n: number): number {
  const x = uniform(r, 0.05, 2.5);
  return n % 2 === 0 ? x : -x;
}

/**
 * Conditions that random points must meet between them when the network has kinked (relu-type)
 * activations. A step with [net_j > 0] in it, checked only where net_j > 0, says nothing about
 * the other branch; a term delta_k w_kj of delta_j, checked only where node j or node k is
 * inactive, is multiplied by zero. So every kinked node must be seen on both sides of its kink,
 * and every edge j -> k between two kinked nodes with k above its kink and j on either side;
 * points are added until they are (or a bound is reached, which is then reported).
 */
class KinkCoverage {
  private readonly open: { readonly what: string; readonly holds: (net: ArrayLike<number>) => boolean }[] = [];

  constructor(network: Proof["network"]) {
    const kinks = new Map<number, { kink: number; title: string }>();
    for (const layer of network.layers.slice(1)) {
      const a = layer.activation!;
      if (!a.elementwise) continue;
      for (const node of layer.nodes) {
        for (const kink of a.kinks) {
          this.open.push({ what: `net_${node} above the kink of ${a.title} at ${kink}`, holds: (net) => net[node]! > kink });
          this.open.push({ what: `net_${node} below the kink of ${a.title} at ${kink}`, holds: (net) => net[node]! < kink });
          kinks.set(node, { kink, title: a.title });
        }
      }
    }
    for (const [j, a] of kinks) {
      for (const k of network.nodes[j]!.downstream) {
        const b = kinks.get(k);
        if (b === undefined) continue;
        // delta_j = f'(net_j) sum_k delta_k w_kj: each branch of f' with a live delta_k.
        this.open.push({ what: `net_${j} and net_${k} both above their kinks`, holds: (net) => net[j]! > a.kink && net[k]! > b.kink });
        this.open.push({
          what: `net_${j} below its kink and net_${k} above its own`,
          holds: (net) => net[j]! < a.kink && net[k]! > b.kink,
        });
      }
    }
  }

  adds(net: ArrayLike<number>): boolean {
    return this.open.some((c) => c.holds(net));
  }

  record(net: ArrayLike<number>): void {
    for (let i = this.open.length - 1; i >= 0; i--) if (this.open[i]!.holds(net)) this.open.splice(i, 1);
  }

  uncovered(): string[] {
    return this.open.map((c) => `no point had ${c.what}`);
  }
}

/** The most random points a step check takes. */
export const MAX_POINTS = 1000;

const whole = (v: unknown, field: string, min: number, max: number): number => {
  if (v === Infinity && max === Infinity) return v;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw new InputError(field, `is ${String(v)}; must be a whole number from ${min} to ${max === Infinity ? "Infinity" : max}`);
  }
  return v;
};

/** Every option checked before any work: an InputError naming the option otherwise. */
function validate(o: StepCheckOptions): void {
  if (o === null || typeof o !== "object") throw new InputError("options", "must be an object");
  const known = [
    "seed",
    "points",
    "method",
    "tolerance",
    "maxBindings",
    "maxPerBlock",
    "params",
    "batch",
    "worked",
    "only",
    "draw",
    "progress",
  ];
  for (const k of Object.keys(o))
    if (!known.includes(k)) throw new InputError(`options.${k}`, `unknown option; allowed: ${known.join(", ")}`);
  if (o.seed !== undefined) checkSeed(o.seed, "options.seed");
  if (o.points !== undefined) whole(o.points, "options.points", 1, MAX_POINTS);
  if (o.tolerance !== undefined) checkTolerance(o.tolerance, "options.tolerance");
  if (o.method !== undefined && o.method !== "central" && o.method !== "complex-step")
    throw new InputError("options.method", `is ${String(o.method)}; allowed: central, complex-step`);
  if (o.maxBindings !== undefined) whole(o.maxBindings, "options.maxBindings", 1, Infinity);
  if (o.maxPerBlock !== undefined) whole(o.maxPerBlock, "options.maxPerBlock", 1, Infinity);
  if (o.worked !== undefined) whole(o.worked.digits, "options.worked.digits", 1, 17);
}

export function checkSteps(proof: Proof, options: StepCheckOptions = {}): StepReport {
  validate(options);
  const network = proof.network;
  const seed = options.seed ?? 1;
  const method = options.method ?? "central";
  const tolerance = options.tolerance ?? TOLERANCE;
  const fixed = options.params !== undefined;
  const points = fixed ? 1 : (options.points ?? DEFAULT_POINTS);
  const maxPerBlock = options.maxPerBlock ?? DEFAULT_MAX_PER_BLOCK;
  const planned = planSteps(proof, {
    maxBindings: options.maxBindings ?? DEFAULT_MAX_BINDINGS,
    maxPerBlock,
    sample: rng(seed + 0x9e3779b9),
    ...(options.only ? { only: options.only } : {}),
    ...(options.worked?.batch ? { workedExamples: options.worked.batch.examples.length } : {}),
    ...(options.batch && options.params ? { batchExamples: options.batch.examples.length } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
  });
  // A full check (maxPerBlock Infinity) checks every step, however long it takes.
  const plans =
    maxPerBlock === Infinity
      ? planned
      : capChecks(planned, Math.max(DEFAULT_MAX_PER_BLOCK, Math.floor(CHECK_WORK / network.nodes.length)), rng(seed + 0x85ebca6b));
  const random = plans.filter((p): p is Plan & { kind: "check" } => p.kind === "check" && !p.worked);
  const worked = plans.filter((p): p is Plan & { kind: "check" } => p.kind === "check" && p.worked);
  const rows: Row[][] = [];

  const r = rng(seed);
  const draw = options.draw ?? ((g: Rng) => randomParams(network, g));
  const batchSteps = sectionSteps(proof, BATCH_SECTION);
  // The other examples of each point's batch: a stream of their own, so that the points drawn stay the same.
  const batchDraw = rng(seed + 0x27d4eb2f);
  const coverage = new KinkCoverage(network);
  let redraws = 0;
  let coverageDraws = 0;
  // Counted in instances; points added for kink coverage run past the total and are not counted.
  const progress = options.progress ?? NO_PROGRESS;
  const perPoint = random.reduce((n, p) => n + p.count, 0);
  const total = perPoint * points + worked.reduce((n, p) => n + p.count, 0);
  progress.stage("checking every step", total);
  let done = 0;
  const counted = <T>(plan: Plan & { kind: "check" }, rowsOfPlan: T[]): T[] => (
    progress.advance(Math.min(total, (done += plan.count))), rowsOfPlan
  );
  for (let attempt = 0; ; attempt++) {
    done = Math.min(rows.length, points) * perPoint;
    const forCoverage = rows.length >= points;
    if (forCoverage && (fixed || coverage.uncovered().length === 0 || coverageDraws >= MAX_COVERAGE_DRAWS)) break;
    const params = options.params ?? draw(r, attempt);
    const x = lemmaPoint(r, rows.length);
    if (forCoverage) {
      coverageDraws++;
      if (!coverage.adds(forwardPass(network, params).net)) continue;
    }
    try {
      const pv = new PointValues(network, params, method);
      if (!Number.isFinite(pv.base.E)) throw new Redraw(`the loss is not finite (${pv.base.E})`);
      // The mini-batch section's steps, at a batch of examples around this one (its first).
      let batch: BatchPoint | undefined;
      const at = (plan: Plan & { kind: "check" }): CheckPoint =>
        batchSteps.has(plan.step.id)
          ? (batch ??=
              options.batch && options.params
                ? new BatchPoint(network, options.batch, method)
                : batchPoint(network, params, method, batchDraw))
          : pv;
      rows.push(
        random.flatMap((plan) =>
          counted(
            plan,
            plan.instances().map((inst) => secondOpinion(at(plan), plan, inst, x, compare(at(plan), plan, inst, x, tolerance), tolerance)),
          ),
        ),
      );
      coverage.record(pv.base.net);
    } catch (e) {
      if (!(e instanceof Redraw)) throw e;
      if (fixed) {
        throw new KinkError(`the steps cannot be checked at the given params: ${e.message}; give params away from it`);
      }
      if (++redraws >= MAX_DRAWS) {
        throw new KinkError(`no point at which every step can be checked was found in ${MAX_DRAWS} draws: at the last one, ${e.message}`);
      }
    }
  }
  const run = {
    seed,
    points: rows.length,
    coveragePoints: rows.length - points,
    uncovered: fixed ? [] : coverage.uncovered(),
    tolerance,
    method,
    redraws,
  };
  if (worked.length > 0) {
    if (options.worked === undefined) throw new Error("the proof has a worked example: checkSteps needs its params and digits");
    const { params, digits, batch } = options.worked;
    try {
      const pv: CheckPoint = batch === undefined ? new PointValues(network, params, method) : new BatchPoint(network, batch, method);
      done = perPoint * points;
      rows.push(
        worked.flatMap((plan) =>
          counted(
            plan,
            plan
              .instances()
              .map((inst) => secondOpinion(pv, plan, inst, 0, compare(pv, plan, inst, 0, tolerance, digits), tolerance, digits)),
          ),
        ),
      );
    } catch (e) {
      if (!(e instanceof Redraw)) throw e;
      throw new KinkError(`the worked example cannot be checked at its params: ${e.message}; give params away from it`);
    }
  }
  return summarise(plans, rows, run);
}

/** The ids of the steps of one section. */
function sectionSteps(proof: Proof, id: string): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const s of proof.sections)
    if (s.id === id) for (const blk of s.blocks) if (blk.kind === "steps") for (const st of blk.steps) ids.add(st.id);
  return ids;
}

/** Draws of the other examples of a batch before it is made of the point's own example alone. */
const BATCH_DRAWS = 10;

/**
 * The batch at which the mini-batch section's steps are checked around one point: its example
 * and others drawn at its weights, drawn again where an activation is undefined for them (sqrt
 * of a negative weighted input); failing that, copies of the point's own example, whose loss is
 * finite.
 */
function batchPoint(network: Proof["network"], params: Params, method: Method, r: Rng): BatchPoint {
  for (let i = 0; i < BATCH_DRAWS; i++) {
    const bp = new BatchPoint(network, checkBatch(network, params, r), method);
    if (Number.isFinite(bp.base.E)) return bp;
  }
  const own = { inputs: params.inputs, targets: params.targets };
  return new BatchPoint(network, { examples: CHECK_EXAMPLE_IDS.map(() => own), eta: params.eta, values: params.values }, method);
}

function summarise(
  plans: readonly Plan[],
  rows: readonly Row[][],
  run: Pick<StepReport, "seed" | "points" | "coveragePoints" | "uncovered" | "tolerance" | "method" | "redraws">,
): StepReport {
  const byStep = new Map<
    string,
    { n: number; max: number; used: Set<UsedMethod>; failed: boolean; skipped: Map<NotComparedReason, number> }
  >();
  const failures: StepFailure[] = [];
  let worst: StepReport["worst"];
  rows.forEach((pointRows, point) => {
    for (const row of pointRows) {
      const id = row.plan.step.id;
      const acc = byStep.get(id) ?? { n: 0, max: 0, used: new Set<UsedMethod>(), failed: false, skipped: new Map() };
      byStep.set(id, acc);
      if (row.skipped !== undefined && row.skipped !== "vacuous") {
        acc.skipped.set(row.skipped, (acc.skipped.get(row.skipped) ?? 0) + 1);
        continue;
      }
      acc.n++;
      // Evaluated and agreed, but as 0 would have: counted, not as evidence.
      if (row.skipped === "vacuous") acc.skipped.set("vacuous", (acc.skipped.get("vacuous") ?? 0) + 1);
      // Reported: the plain relative difference; judged: what exceeds the estimated errors.
      acc.max = Math.max(acc.max, row.raw);
      for (const m of row.used) acc.used.add(m);
      byStep.set(id, acc);
      const where = row.where;
      // Point 0: the worked example's own params.
      const at = row.plan.worked ? 0 : point + 1;
      if (worst === undefined || row.raw > worst.error) worst = { step: id, where, point: at, error: row.raw };
      if (!(row.error <= run.tolerance)) {
        acc.failed = true;
        failures.push({
          step: id,
          label: row.plan.step.label,
          where,
          point: at,
          lhs: row.lhs,
          rhs: row.rhs,
          error: row.error,
          ...(row.reason ? { reason: row.reason } : {}),
        });
      }
    }
  });
  const checks = new StepCheckMap();
  // Each failure listed under its step, once.
  const failuresOf = new Map<string, StepFailure[]>();
  for (const f of failures) failuresOf.set(f.step, [...(failuresOf.get(f.step) ?? []), f]);
  const set = (id: string, c: StepCheck): void => void checks.set(id, c);
  for (const plan of plans) {
    if (plan.kind === "unsampled") {
      checks.setRange(
        plan.steps,
        { status: "unchecked", reason: "sampled-out", points: 0, maxRelError: 0, method: plan.reason },
        plan.left,
      );
      continue;
    }
    if (plan.kind === "definition") {
      set(plan.step.id, { status: plan.kind, points: 0, maxRelError: 0, method: plan.reason });
      continue;
    }
    if (plan.kind === "unchecked") {
      set(plan.step.id, { status: "unchecked", reason: "sampled-out", points: 0, maxRelError: 0, method: plan.reason });
      continue;
    }
    const acc = byStep.get(plan.step.id);
    if (acc === undefined) {
      // Its index sets are empty: the step says nothing about this network.
      set(plan.step.id, { status: "definition", points: 0, maxRelError: 0, method: "vacuous (no bindings)" });
      continue;
    }
    if (acc.n === 0 || (!acc.failed && acc.n === acc.skipped.get("vacuous"))) {
      // No instance could be compared: not checked, and said why (the most frequent reason); never a failure.
      const [reason, count] = [...acc.skipped].sort((x, y) => y[1] - x[1])[0]!;
      const all = [...acc.skipped.values()].reduce((t, c) => t + c, 0);
      set(plan.step.id, {
        status: "unchecked",
        reason,
        points: 0,
        maxRelError: 0,
        method: `${NOT_COMPARED_WORDS[reason]} (${count} of ${all} instances)`,
      });
      continue;
    }
    const method = acc.used.size === 0 ? "evaluation" : [...acc.used].sort().join(" + ");
    const worstFailure = [...(failuresOf.get(plan.step.id) ?? [])].sort((x, y) => y.error - x.error)[0];
    const detail = worstFailure === undefined ? undefined : describeFailure(worstFailure);
    set(plan.step.id, {
      status: acc.failed ? "failed" : "verified",
      points: acc.n,
      maxRelError: acc.max,
      method,
      ...(detail ? { detail } : {}),
    });
  }
  const count = (s: StepCheck["status"]): number => checks.count((c) => c.status === s);
  const notCompared: Partial<Record<NotComparedReason, number>> = {};
  for (const reason of NOT_COMPARED_REASONS) {
    const n = checks.count((c) => c.status === "unchecked" && c.reason === reason);
    if (n > 0) notCompared[reason] = n;
  }
  return {
    checks,
    total: checks.size,
    verified: count("verified"),
    definitions: count("definition"),
    unchecked: notCompared["sampled-out"] ?? 0,
    failed: count("failed"),
    notCompared,
    ...(worst ? { worst } : {}),
    failures,
    ...run,
  };
}

/** "k=6, point 2: lhs 0.25 but rhs 0.5", or the reason a side could not be evaluated. */
export function describeFailure(f: StepFailure): string {
  const at = `${f.where ? `${f.where}, ` : ""}${f.point === 0 ? "at the given params" : `point ${f.point}`}`;
  if (f.reason !== undefined) return `${at}: ${f.reason}`;
  return `${at}: the left side is ${f.lhs.toPrecision(10)} but the right side is ${f.rhs.toPrecision(10)}`;
}
