// The gradient check of a mini-batch: every derived gradient of the batch loss (the one-example
// formulas evaluated at each example and reduced, batch.ts) against the numeric derivative of
// the whole batch E (src/oracle/batch.ts), at the given params, each row judged as a single
// example's is (verdict.ts: compared, failed, or not compared for a reason); and each example's
// own gradient check, the one-example check at that example.
import * as b from "../expr/build.js";
import type { Proof } from "../derive/proof.js";
import { batchScale, exampleParams, type Batch } from "../network/batch.js";
import { paramName } from "../network/params.js";
import { NO_PROGRESS, type Progress } from "../progress.js";
import { batchDerivative, batchPass, type BatchPass } from "../oracle/batch.js";
import { derivative, newTally } from "../oracle/differences.js";
import { rng } from "../oracle/rng.js";
import { batchValues } from "./batch.js";
import { gradientCheck, SAMPLE_SIZE, tallyRows, type GradientReport, type GradientRow } from "./gradcheck.js";
import { derivedError } from "./rows.js";
import { KinkError, sampleIndices } from "./sampling.js";
import { TOLERANCE } from "./tolerance.js";
import { judge, type Reference } from "./verdict.js";

export interface BatchCheckOptions {
  readonly seed?: number;
  readonly full?: boolean;
  readonly tolerance?: number;
  readonly progress?: Progress;
  /** Each example's own gradient check too (default true). */
  readonly examples?: boolean;
}

export interface BatchGradientReport {
  /** The batch loss's gradients against the numeric derivative of the batch E. */
  readonly batch: Omit<GradientReport, "params">;
  /** Each example's own gradient check, in order. */
  readonly examples: readonly GradientReport[];
  /** Rows failed in all: the batch's and every example's. */
  readonly failed: number;
}

const E = b.sym("E");

/** dE/d(parameter i) of the batch loss by complex steps, where every example's network is analytic. */
function complexStep(proof: Proof, batch: Batch, pass: BatchPass, i: number): Reference | undefined {
  const network = proof.network;
  const scale = batchScale(network, batch.examples.length);
  let value = 0;
  let noise = 0;
  for (let d = 0; d < batch.examples.length; d++) {
    const tally = newTally();
    const base = pass.examples[d]!;
    value += derivative({ network, params: exampleParams(batch, d), base, method: "complex-step", tally }, E, { kind: "param", index: i });
    if (tally.used.has("central-difference")) return undefined;
    noise += tally.noise;
  }
  return Number.isFinite(value) ? { value: scale * value, noise: scale * noise } : undefined;
}

export function batchGradientCheck(proof: Proof, batch: Batch, o: BatchCheckOptions = {}): BatchGradientReport {
  const network = proof.network;
  const seed = o.seed ?? 1;
  const tolerance = o.tolerance ?? TOLERANCE;
  const progress = o.progress ?? NO_PROGRESS;
  const indices = sampleIndices(network.params.length, o.full === true ? Infinity : SAMPLE_SIZE, rng(seed));
  const pass = batchPass(network, batch);
  if (!Number.isFinite(pass.E))
    throw new KinkError(
      `the gradients cannot be checked at the given params: the batch loss is not finite (${pass.E}); give params away from it`,
    );
  const v = batchValues(proof, batch);
  const scale = batchScale(network, batch.examples.length);
  // The rounding bound of the batch gradient's formulas: the reduced bounds of every example's,
  // each made only when a row needs it.
  const errors: ((i: number) => number)[] = [];
  const formulaError = (i: number): number => {
    let bound = 0;
    for (let d = 0; d < batch.examples.length; d++) bound += (errors[d] ??= derivedError(proof, v.example(d)))(i);
    return scale * bound;
  };
  progress.stage("checking every gradient of the batch loss", indices.length);
  const rows: GradientRow[] = indices.map((i, n) => {
    const derived = v.gradient(i);
    const numeric = batchDerivative(network, batch, pass, i);
    progress.advance(n + 1);
    const verdict = judge({
      derived,
      reference: { value: numeric.value, noise: numeric.noise },
      overflow: numeric.overflow,
      tolerance,
      formulaError: () => formulaError(i),
      precise: () => complexStep(proof, batch, pass, i),
    });
    return { param: i, name: paramName(network, i), derived, ...verdict };
  });
  const report = {
    rows,
    ...tallyRows(rows),
    total: network.params.length,
    sampled: indices.length < network.params.length,
    seed,
    tolerance,
    redraws: 0,
  };
  const examples = (o.examples === false ? [] : batch.examples).map((_, d) =>
    gradientCheck(proof, { seed, tolerance, params: exampleParams(batch, d), ...(o.full === true ? { full: true } : {}) }),
  );
  return { batch: report, examples, failed: report.failed + examples.reduce((s, r) => s + r.failed, 0) };
}
