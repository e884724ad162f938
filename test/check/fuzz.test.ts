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
  readonly notChecked: number;
}

function checkAll(proof: Proof, seed: number, params?: Params): Outcome {
  const failures: string[] = [];
  const refused: string[] = [];
  let notChecked = 0;
  const opts = params ? { params } : {};
  try {
    const g = gradientCheck(proof, { seed, ...opts });
    notChecked += g.overflow;
    for (const row of g.rows)
      if (!row.ok) failures.push(`gradient ${row.name}: derived ${row.derived}, numeric ${row.numeric}, noise ${row.noise}`);
    const s = checkSteps(proof, { seed, ...opts });
    notChecked += s.overflow;
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
  return { failures, refused, notChecked };
}

describe(`the fuzz: ${CASES} random networks, each at random points and at given params`, () => {
  const r = rng(SEED);
  const cases = Array.from({ length: CASES }, (_, i) => ({
    i,
    spec: randomSpec(r),
    kind: (["plain", "saturated", "tiny-probability"] as const)[i % 3]!,
  }));
  const tally = { failures: 0, refused: 0, notChecked: 0 };

  it.each(cases)("case $i ($kind)", ({ i, spec, kind }) => {
    const network = buildNetwork(parseSpec(spec));
    const proof = derive(network);
    const random = checkAll(proof, SEED + i);
    const given = checkAll(proof, SEED + i, wideParams(network, rng(SEED * 7 + i), kind));
    tally.failures += random.failures.length + given.failures.length;
    tally.refused += given.refused.length;
    tally.notChecked += random.notChecked + given.notChecked;
    // Random points are redrawn until they can be used: never refused.
    expect(random.refused).toEqual([]);
    expect([...random.failures, ...given.failures], JSON.stringify(spec)).toEqual([]);
  });

  it("reports its figures", () => {
    console.log(
      `fuzz: ${CASES} networks (seed ${SEED}), ${tally.failures} false failures, ${tally.refused} given params refused (a difference across a kink or a loss that is not finite), ${tally.notChecked} steps or gradients not checked (overflow)`,
    );
    expect(tally.failures).toBe(0);
  });
});
