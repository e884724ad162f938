// The derived formulas over a mini-batch. There is one derivation, that of one example: each
// example's net, y, delta and gradient are the derived trees evaluated at that example
// (derivedValues), and by linearity of the derivative the batch gradient is
// dE/dw = (1/n) sum_d dE_d/dw (the mean; without 1/n for the sum), the update w - eta dE/dw.
import type { Proof } from "../derive/proof.js";
import { batchScale, exampleParams, reductionOf, type Batch } from "../network/batch.js";
import type { Reduction } from "../network/spec.js";
import { derivedValues, kernelGradientSum, type Derived } from "./derived.js";

export interface BatchDerived {
  readonly n: number;
  readonly reduction: Reduction;
  /** Example d (from 0): its own derived values, E its E_d. */
  example(d: number): Derived;
  /** The batch loss. */
  E(): number;
  /** dE/d(parameter i) of the batch loss. */
  gradient(i: number): number;
  /** Parameter i after one step of gradient descent on the batch loss. */
  update(i: number): number;
}

/** The batch values of the printed trees: what the checks and the worked example use. */
export function batchValues(proof: Proof, batch: Batch): BatchDerived {
  return values(proof, batch, false);
}

/**
 * The same for training or timing: a chain of dense layers sums its examples' gradients through
 * the dense kernel (src/check/dense.ts), once it has given what the printed formulas give.
 */
export function batchGradientValues(proof: Proof, batch: Batch): BatchDerived {
  return values(proof, batch, true);
}

function values(proof: Proof, batch: Batch, fast: boolean): BatchDerived {
  const network = proof.network;
  const n = batch.examples.length;
  const scale = batchScale(network, n);
  const examples: (Derived | undefined)[] = [];
  const example = (d: number): Derived => (examples[d] ??= derivedValues(proof, exampleParams(batch, d)));
  let E: number | undefined;
  let gradients: Float64Array | undefined;
  const all = (): Float64Array => {
    if (gradients === undefined && fast) {
      const g = kernelGradientSum(proof, n, (d) => exampleParams(batch, d));
      if (g !== undefined) for (let i = 0; i < g.length; i++) g[i] = scale * g[i]!;
      gradients = g;
    }
    if (gradients === undefined) {
      const g = new Float64Array(network.params.length);
      for (let d = 0; d < n; d++) {
        const x = example(d).gradients();
        for (let i = 0; i < g.length; i++) g[i] = g[i]! + x[i]!;
        // Each example's frame is needed no more: a batch of 10^4 need not keep them all.
        if (n > 1) examples[d] = undefined;
      }
      for (let i = 0; i < g.length; i++) g[i] = scale * g[i]!;
      gradients = g;
    }
    return gradients;
  };
  return {
    n,
    reduction: reductionOf(network),
    example,
    E() {
      if (E === undefined) {
        let s = 0;
        for (let d = 0; d < n; d++) s += example(d).E();
        E = scale * s;
      }
      return E;
    },
    gradient: (i) => all()[i]!,
    // One example's update is its derived tree (w - eta delta y); a batch's is w - eta dE/dw.
    update: (i) => (n === 1 && scale === 1 ? example(0).update(i) : batch.values[i]! - batch.eta * all()[i]!),
  };
}
