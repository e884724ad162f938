// The recurrent form against an independent evaluation (recurrent-oracle.ts: Goodfellow's
// equations and BPTT in plain loops, itself checked by finite differences): seeded random Elman
// networks of every hidden activation, every output/loss pair, both lossAt, with and without h0,
// T from 1 to 6, to 1e-9 on E, every step's h, yhat and deltas, every gradient and update; every
// step of each proof checked by the step checker and every gradient by the gradient check.
import { describe, expect, it } from "vitest";
import { evaluation } from "../../src/check/evaluation.js";
import { gradientCheck } from "../../src/check/gradcheck.js";
import { parseBatch } from "../../src/check/params.js";
import { checkSteps } from "../../src/check/steps.js";
import { derive } from "../../src/derive/derive.js";
import { buildNetwork, type Network } from "../../src/network/graph.js";
import { recurrentEvaluation } from "../../src/network/forms/recurrent-params.js";
import { parseSpec } from "../../src/network/spec.js";
import { type Case, HIDDEN, PAIRS, randomCase } from "./recurrent-cases.js";
import { bptt, entries, forward, type Mat, nudged, type Vec } from "./recurrent-oracle.js";

const CASES = Array.from({ length: 36 }, (_, i) => randomCase(i));

const close = (actual: number, expected: number, tol: number, what: string): void => {
  if (!(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected))))
    expect.fail(`${what}: ${actual} differs from ${expected} by more than ${tol} (relative)`);
};

const closeAll = (actual: unknown, expected: unknown, tol: number, what: string): void => {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), what).toBe(true);
    expect((actual as unknown[]).length, what).toBe(expected.length);
    expected.forEach((e, i) => closeAll((actual as unknown[])[i], e, tol, `${what}[${i}]`));
  } else close(actual as number, expected as number, tol, what);
};

const engine = (c: Case): { network: Network; out: ReturnType<typeof recurrentEvaluation> } => {
  const network = buildNetwork(parseSpec(c.spec));
  const batch = parseBatch(network, c.params);
  const proof = derive(network);
  const out = recurrentEvaluation(network, evaluation(proof, { ...batch.examples[0]!, eta: batch.eta, values: batch.values }));
  return { network, out };
};

describe("the independent evaluation is right (finite differences of its forward pass)", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const { grads } = bptt(c.sequence);
    const h = 1e-6;
    const got = entries(grads);
    entries(c.sequence.weights).forEach(([name, r, col], n) => {
      const up = forward(nudged(c.sequence, name, r, col, h)).E;
      const down = forward(nudged(c.sequence, name, r, col, -h)).E;
      close(got[n]![3], (up - down) / (2 * h), 1e-6, `${name}[${r}]${col < 0 ? "" : `[${col}]`}`);
    });
  });
});

describe("the recurrent form against the independent evaluation, to 1e-9", () => {
  it("covers every hidden activation, every output/loss pair, both lossAt, with and without h0, T from 1 to 6", () => {
    const seen = (f: (c: Case) => unknown): Set<string> => new Set(CASES.map((c) => String(f(c))));
    expect(seen((c) => c.sequence.hidden).size).toBe(HIDDEN.length);
    expect(seen((c) => `${c.sequence.output}/${c.sequence.loss}`).size).toBe(PAIRS.length);
    expect(seen((c) => c.sequence.lossSteps.length === 1 && c.sequence.inputs.length > 1)).toEqual(new Set(["true", "false"]));
    expect(seen((c) => c.sequence.h0.some((v) => v !== 0))).toEqual(new Set(["true", "false"]));
    expect(seen((c) => c.sequence.inputs.length)).toEqual(new Set(["1", "2", "3", "4", "5", "6"]));
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const { out } = engine(c);
    const f = forward(c.sequence);
    const back = bptt(c.sequence);
    const T = c.sequence.inputs.length;
    close(out.E, f.E, 1e-9, "E");
    expect(out.steps).toHaveLength(T);
    out.steps.forEach((s, i) => {
      const t = i + 1;
      closeAll(s.h, f.h[t], 1e-9, `steps[${i}].h`);
      closeAll(s.delta.h, back.deltaH[t], 1e-9, `steps[${i}].delta.h`);
      expect(s.yhat === undefined, `steps[${i}].yhat`).toBe(f.yhat[t] === undefined);
      if (f.yhat[t] !== undefined) {
        closeAll(s.yhat, f.yhat[t], 1e-9, `steps[${i}].yhat`);
        closeAll(s.delta.o, back.deltaO[t], 1e-9, `steps[${i}].delta.o`);
      }
    });
    const eta = c.params.eta as number;
    for (const k of ["U", "W", "V", "b", "c"] as const) {
      closeAll(out.gradients[k], back.grads[k], 1e-9, `gradients.${k}`);
      const w = c.sequence.weights[k];
      const g = back.grads[k];
      const updated = Array.isArray(w[0])
        ? (w as Mat).map((row, r) => row.map((v, col) => v - eta * (g as Mat)[r]![col]!))
        : (w as Vec).map((v, r) => v - eta * (g as Vec)[r]!);
      closeAll(out.updated[k], updated, 1e-9, `updated.${k}`);
    }
  });
});

describe("every step and every gradient of the recurrent proofs is checked", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const proof = derive(buildNetwork(parseSpec(c.spec)));
    const steps = checkSteps(proof, { points: 1, maxBindings: Number.POSITIVE_INFINITY, maxPerBlock: Number.POSITIVE_INFINITY });
    expect(steps.failed).toBe(0);
    expect(steps.unchecked).toBe(0);
    expect(steps.verified).toBeGreaterThan(0);
    const grads = gradientCheck(proof, { seed: 5 });
    expect(grads.rows.filter((row) => row.outcome === "failed").map((row) => row.name)).toEqual([]);
    expect(grads.rows.filter((row) => row.outcome === "compared").length).toBeGreaterThan(0);
  });
});
