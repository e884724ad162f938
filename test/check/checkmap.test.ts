// The step check of a proof whose long enumerations are made on demand reports exactly what it
// reports for the same proof with every step written out: the same checks for every step, in the
// same order, and the same counts; the steps its sample leaves out share one check.
import { describe, expect, it } from "vitest";
import { checkSteps } from "../../src/check/steps.js";
import { derive } from "../../src/derive/derive.js";
import { Enumeration } from "../../src/derive/enumeration.js";
import type { Proof } from "../../src/derive/proof.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";

const written = (proof: Proof): Proof => ({
  ...proof,
  sections: proof.sections.map((s) => ({
    ...s,
    blocks: s.blocks.map((blk) => (blk.kind === "steps" ? { ...blk, steps: [...blk.steps] } : blk)),
  })),
});

describe("StepCheckMap", () => {
  it.each([
    { layers: [6, 9, 4], activation: "tanh", loss: "mse" },
    { layers: [3, 7, 7, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" },
  ])("reports what the steps written out report: %j", (spec) => {
    const proof = derive(buildNetwork(parseSpec(spec)));
    const lazy = proof.sections.flatMap((s) => s.blocks).filter((blk) => blk.kind === "steps" && blk.steps instanceof Enumeration);
    expect(lazy.length).toBeGreaterThan(3);
    // A small sample per block, so that most enumerations are sampled.
    const options = { seed: 3, points: 1, maxPerBlock: 5 };
    const a = checkSteps(proof, options);
    const b = checkSteps(written(proof), options);
    expect([...a.checks]).toEqual([...b.checks]);
    expect(a.checks.size).toBe(b.checks.size);
    for (const k of ["total", "verified", "definitions", "unchecked", "failed"] as const) expect(a[k], k).toBe(b[k]);
    expect(a.notCompared).toEqual(b.notCompared);
    expect(a.unchecked).toBeGreaterThan(20);
    for (const [id, c] of b.checks) expect(a.checks.get(id), id).toEqual(c);
    expect(a.checks.get("s999999")).toBeUndefined();
    expect(a.checks.has("nonsense")).toBe(false);
  });

  it("checks only the steps asked for, sampled or not", () => {
    const proof = derive(buildNetwork(parseSpec({ layers: [5, 8, 3], activation: "sigmoid", loss: "mse" })));
    const updates = proof.sections
      .find((s) => s.id === "updates")!
      .blocks.find((blk) => blk.kind === "steps" && blk.steps instanceof Enumeration)!;
    const ids = new Set([...(updates.kind === "steps" ? updates.steps : [])].map((s) => s.id).slice(0, 10));
    const options = { seed: 1, points: 1, maxPerBlock: 4, only: ids };
    const a = checkSteps(proof, options);
    const b = checkSteps(written(proof), options);
    expect(new Map(a.checks)).toEqual(new Map(b.checks));
    expect(a.checks.size).toBe(10);
  });
});
