// The step check's report: each step's verdict from the rows of its instances at every point
// (verified, failed, a definition, or not compared and why), the counts, the worst error and
// each failure in words.
import type { Method, UsedMethod } from "../oracle/differences.js";
import { StepCheckMap } from "./checkmap.js";
import type { Plan } from "./plan.js";
import type { Row } from "./step-compare.js";
import { NOT_COMPARED_REASONS, type NotComparedReason, type StepCheck, type StepChecks } from "./types.js";

/** Why a step was not compared, in words (its reason is typed: StepCheck.reason). */
const NOT_COMPARED_WORDS: Record<NotComparedReason, string> = {
  overflow: "not checked: the independent evaluation or the formula is not a finite number in double precision at every instance",
  unrepresentable: "not checked: the formula cannot be evaluated to any accuracy in double precision at every instance",
  "sampled-out": "not checked: left out of the seeded sample",
  kink: "not checked: every instance lies on a kink",
  vacuous: "not checked: at every instance the allowed error is not smaller than the values compared, so that 0 would pass too",
};

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

export function summarise(
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
