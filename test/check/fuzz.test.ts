// The checker never cries wolf: seeded random networks (every activation, softmax on hidden
// layers too, every loss, custom formulas), each checked as `check` does (random points) and as
// `check --params` does (given params: weights up to ±3, some scaled to saturate the outputs,
// some with an output probability of about 1e-11), must report no failure. The derivations
// are correct (the mutation suite shows that the same checks catch faults), so any failure is
// a false alarm. FUZZ_CASES=300 (npm run test:fuzz) runs the full count; npm test a CI-sized one.
import { describe, expect, it } from "vitest";
import { gradientCheck } from "../../src/check/gradcheck.js";
import type { Params } from "../../src/check/params.js";
import { KinkError } from "../../src/check/sampling.js";
import { checkSteps } from "../../src/check/steps.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof } from "../../src/derive/proof.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { rng } from "../../src/oracle/rng.js";
import { randomSpec, wideParams } from "./fuzz-networks.js";

const CASES = Number(process.env.FUZZ_CASES ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);

interface Outcome {
  readonly failures: string[];
  readonly refused: string[];
  /** Gradient rows and steps by outcome, and the not-compared ones by reason. */
  readonly counts: Counts;
}

/** Counts per outcome; "yes" rows that compared nothing (an allowance not below the value, or a side not a number) apart. */
interface Counts {
  rows: number;
  compared: number;
  failed: number;
  notCompared: Record<string, number>;
  emptyYes: number;
  steps: number;
  stepOutcomes: number;
}

const newCounts = (): Counts => ({ rows: 0, compared: 0, failed: 0, notCompared: {}, emptyYes: 0, steps: 0, stepOutcomes: 0 });

function addCounts(into: Counts, c: Counts): void {
  for (const k of ["rows", "compared", "failed", "emptyYes", "steps", "stepOutcomes"] as const) into[k] += c[k];
  for (const [k, n] of Object.entries(c.notCompared)) into.notCompared[k] = (into.notCompared[k] ?? 0) + n;
}

function checkAll(proof: Proof, seed: number, params?: Params): Outcome {
  const failures: string[] = [];
  const refused: string[] = [];
  const counts = newCounts();
  const opts = params ? { params } : {};
  try {
    const g = gradientCheck(proof, { seed, ...opts });
    for (const row of g.rows) {
      counts.rows++;
      if (row.outcome === "compared") {
        counts.compared++;
        if (!(row.ratio < 1 && Number.isFinite(row.derived) && Number.isFinite(row.numeric))) counts.emptyYes++;
      } else if (row.outcome === "failed") {
        counts.failed++;
        failures.push(`gradient ${row.name}: derived ${row.derived}, numeric ${row.numeric}, noise ${row.noise}`);
      } else counts.notCompared[row.reason!] = (counts.notCompared[row.reason!] ?? 0) + 1;
    }
    const s = checkSteps(proof, { seed, ...opts });
    counts.steps += s.total;
    counts.stepOutcomes += s.verified + s.definitions + s.failed + Object.values(s.notCompared).reduce((t, n) => t + n, 0);
    for (const [k, n] of Object.entries(s.notCompared)) counts.notCompared[`step ${k}`] = (counts.notCompared[`step ${k}`] ?? 0) + n;
    for (const f of s.failures)
      failures.push(
        `step ${f.step} (${f.label}) ${f.where} point ${f.point}: ${f.lhs} vs ${f.rhs}, error ${f.error}${f.reason ? `: ${f.reason}` : ""}`,
      );
  } catch (e) {
    // Given params at which a difference would cross a kink, or a loss that is not finite:
    // refused with a reason (exit 1, not a verdict on the derivation); counted apart.
    if (!(e instanceof KinkError)) throw e;
    refused.push(e.message);
  }
  return { failures, refused, counts };
}

describe(`the fuzz: ${CASES} random networks, each at random points and at given params`, () => {
  const r = rng(SEED);
  const cases = Array.from({ length: CASES }, (_, i) => ({
    i,
    spec: randomSpec(r),
    kind: (["plain", "saturated", "tiny-probability"] as const)[i % 3]!,
  }));
  const tally = { failures: 0, refused: 0, counts: newCounts() };

  it.each(cases)("case $i ($kind)", ({ i, spec, kind }) => {
    const network = buildNetwork(parseSpec(spec));
    const proof = derive(network);
    const random = checkAll(proof, SEED + i);
    const given = checkAll(proof, SEED + i, wideParams(network, rng(SEED * 7 + i), kind));
    tally.failures += random.failures.length + given.failures.length;
    tally.refused += given.refused.length;
    addCounts(tally.counts, random.counts);
    addCounts(tally.counts, given.counts);
    // Random points are redrawn until they can be used: never refused.
    expect(random.refused).toEqual([]);
    expect([...random.failures, ...given.failures], JSON.stringify(spec)).toEqual([]);
  });

  it("reports its figures: counts per outcome that add up, and no 'yes' that compared nothing", () => {
    const c = tally.counts;
    const skipped = Object.entries(c.notCompared).filter(([k]) => !k.startsWith("step "));
    const notCompared = skipped.reduce((t, [, n]) => t + n, 0);
    console.log(
      `fuzz: ${CASES} networks (seed ${SEED}), ${tally.failures} false failures, ${tally.refused} given params refused (a difference across a kink or a loss that is not finite); gradient rows: ${c.rows} = ${c.compared} compared + ${c.failed} failed + ${notCompared} not compared (${skipped.map(([k, n]) => `${n} ${k}`).join(", ") || "none"}); steps: ${c.steps}, not compared ${
        Object.entries(c.notCompared)
          .filter(([k]) => k.startsWith("step "))
          .map(([k, n]) => `${n} ${k.slice(5)}`)
          .join(", ") || "none"
      }; "yes" rows that compared nothing: ${c.emptyYes}`,
    );
    expect(tally.failures).toBe(0);
    expect(c.compared + c.failed + notCompared).toBe(c.rows);
    expect(c.stepOutcomes).toBe(c.steps);
    expect(c.emptyYes).toBe(0);
    expect(c.compared).toBeGreaterThan(0);
  });
});
