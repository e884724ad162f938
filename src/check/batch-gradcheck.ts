// The gradient check of a mini-batch: every derived gradient of the batch loss (the one-example
// formulas evaluated at each example and reduced, batch.ts) against the numeric derivative of
// the whole batch E (src/oracle/batch.ts), at the given params; and each example's own gradient
// check, the one-example check at that example.
import type { Proof } from "../derive/proof.js";
import { exampleParams, type Batch } from "../network/batch.js";
import { paramName } from "../network/params.js";
import { NO_PROGRESS, type Progress } from "../progress.js";
import { batchDerivative, batchPass } from "../oracle/batch.js";
import { rng } from "../oracle/rng.js";
import { batchValues } from "./batch.js";
import { gradientCheck, SAMPLE_SIZE, type GradientReport, type GradientRow } from "./gradcheck.js";
import { KinkError, sampleIndices } from "./sampling.js";
import { agrees, relError, TOLERANCE } from "./tolerance.js";

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
  progress.stage("checking every gradient of the batch loss", indices.length);
  const rows: GradientRow[] = indices.map((i, n) => {
    const derived = v.gradient(i);
    const numeric = batchDerivative(network, batch, pass, i);
    progress.advance(n + 1);
    const row = {
      param: i,
      name: paramName(network, i),
      derived,
      numeric: numeric.value,
      noise: numeric.noise,
      relError: relError(derived, numeric.value),
    };
    if (numeric.overflow) return { ...row, ok: true, overflow: true };
    // Twice the estimated error: the estimate is a bound to first order only.
    return { ...row, ok: agrees(derived, numeric.value, tolerance, 2 * numeric.noise) };
  });
  const compared = rows.filter((x) => !x.overflow);
  const report = {
    rows,
    checked: compared.length,
    total: network.params.length,
    failed: compared.filter((x) => !x.ok).length,
    overflow: rows.length - compared.length,
    worst: compared.reduce((m, x) => Math.max(m, x.relError), 0),
    seed,
    tolerance,
    redraws: 0,
  };
  const examples = (o.examples === false ? [] : batch.examples).map((_, d) =>
    gradientCheck(proof, { seed, tolerance, params: exampleParams(batch, d), ...(o.full === true ? { full: true } : {}) }),
  );
  return { batch: report, examples, failed: report.failed + examples.reduce((s, r) => s + r.failed, 0) };
}
