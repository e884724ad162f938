// Every step of a proof checked numerically: each equality at several seeded random points of
// the concrete network, each index-form step over its bindings (or a seeded sample of them),
// each side evaluated with the true values of its symbols (point.ts). Definitions and notation
// say so instead of claiming a check. A point at which some perturbation crosses a kink or
// leaves a logarithm's domain is redrawn, a bounded number of times.
import { BATCH_SECTION, type Proof, type SectionId } from "../derive/proof.js";
import { NO_PROGRESS } from "../progress.js";
import { Redraw, type Method } from "../oracle/differences.js";
import { forwardPass } from "../oracle/forward.js";
import { PointValues } from "../oracle/point.js";
import { BatchPoint, CHECK_EXAMPLE_IDS, checkBatch } from "../oracle/batch-point.js";
import { rng, uniform, type Rng } from "../oracle/rng.js";
import { KinkCoverage, MAX_COVERAGE_DRAWS } from "./kink-coverage.js";
import { randomParams, type Params } from "./params.js";
import { capChecks, CHECK_WORK, planSteps, type Plan } from "./plan.js";
import { KinkError, MAX_DRAWS } from "./sampling.js";
import { compare, secondOpinion, type CheckPoint, type Row } from "./step-compare.js";
import { DEFAULT_MAX_BINDINGS, DEFAULT_MAX_PER_BLOCK, DEFAULT_POINTS, type StepCheckOptions, validate } from "./step-options.js";
import { summarise, type StepReport } from "./step-report.js";
import { TOLERANCE } from "./tolerance.js";

/** The lemma's x at point n: away from every kink (relu's 0), on alternating sides of it. */
function lemmaPoint(r: Rng, n: number): number {
  const x = uniform(r, 0.05, 2.5);
  return n % 2 === 0 ? x : -x;
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
function sectionSteps(proof: Proof, id: SectionId): ReadonlySet<string> {
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
