// Index bindings drawn by number (src/check/plan.ts): the i-th binding that indexed() decodes is
// the i-th that bindings() lists, for every index-form step of a few networks.
import { describe, expect, it } from "vitest";
import { bindings, capChecks, indexed, planSteps } from "../../src/check/plan.js";
import { rng } from "../../src/oracle/rng.js";
import { derive } from "../../src/derive/derive.js";
import { LEMMA_SECTION } from "../../src/derive/proof.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";

describe("bindings by number", () => {
  it.each([
    { layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" },
    { layers: [2, 4, 3, 2], activations: ["tanh", "softmax", "sigmoid"], loss: "mse" },
  ])("decode every binding as bindings() lists it: %j", (spec) => {
    const proof = derive(buildNetwork(parseSpec(spec)));
    let steps = 0;
    for (const s of proof.sections) {
      for (const blk of s.blocks) {
        if (blk.kind !== "steps") continue;
        for (const step of blk.steps) {
          if (step.forall.length === 0) continue;
          steps++;
          const all = bindings(proof.network, step);
          const byNumber = indexed(proof.network, step);
          expect(byNumber.count).toBe(all.length);
          all.forEach((bd, i) => expect(byNumber.at(i)).toEqual(bd));
        }
      }
    }
    expect(steps).toBeGreaterThan(10);
  });
});

describe("the step check's work, bounded across the whole proof", () => {
  const proof = derive(buildNetwork(parseSpec({ layers: [2, 3, 3, 2], activation: "tanh", loss: "mse" })));
  const plans = planSteps(proof, { maxBindings: 100, maxPerBlock: 300, sample: rng(1) });
  const checks = plans.filter((p) => p.kind === "check");
  const instances = checks.reduce((n, p) => n + (p.kind === "check" ? p.count : 0), 0);

  it("keeps every plan while the instances fit", () => {
    expect(capChecks(plans, instances, rng(2))).toEqual(plans);
  });

  it("beyond it, checks a seeded sample of the steps in proportion, and says of the others why", () => {
    expect(checks.length).toBeGreaterThan(20);
    const capped = capChecks(plans, Math.floor(instances / 4), rng(2));
    expect(capped).toHaveLength(plans.length);
    const kept = capped.filter((p) => p.kind === "check");
    const expected = Math.floor((checks.length * Math.floor(instances / 4)) / instances);
    expect(kept).toHaveLength(expected);
    const left = capped.filter((p, i) => p.kind === "unchecked" && plans[i]!.kind === "check");
    expect(left).toHaveLength(checks.length - expected);
    for (const p of left)
      expect(p.kind === "unchecked" && p.reason).toBe(
        `not checked: left out of the seeded sample (${expected} of the ${checks.length} steps to check of this network are checked)`,
      );
    // Every other plan as it was, in its place; the same seed, the same sample.
    capped.forEach((p, i) => plans[i]!.kind !== "check" && expect(p).toBe(plans[i]));
    expect(capChecks(plans, Math.floor(instances / 4), rng(2)).map((p) => p.kind)).toEqual(capped.map((p) => p.kind));
    // At least one step is always checked.
    expect(capChecks(plans, 0, rng(2)).filter((p) => p.kind === "check")).toHaveLength(1);
  });
});

describe("a lemma's steps carry their activation", () => {
  it.each([
    { layers: [2, 3, 3, 2], activations: ["relu", "tanh", "sigmoid"], loss: "mse" },
    { layers: [2, 3, 2], activations: [{ custom: "x / (1 + abs(x))" }, "softmax"], loss: "cross-entropy" },
  ])("each elementwise lemma block names the activation its steps are about: %j", (spec) => {
    const proof = derive(buildNetwork(parseSpec(spec)));
    const section = proof.sections.find((s) => s.id === LEMMA_SECTION)!;
    const blocks = section.blocks.filter((b) => b.kind === "steps");
    const elementwise = new Set(proof.network.layers.slice(1).flatMap((l) => (l.activation!.elementwise ? [l.activation!.id] : [])));
    const carried = blocks.flatMap((b) => (b.kind === "steps" && b.lemma !== undefined ? [b.lemma.id] : []));
    expect(new Set(carried)).toEqual(elementwise);
    for (const b of blocks) {
      if (b.kind !== "steps" || b.lemma === undefined) continue;
      // The lemma's first line is about its own function: d/dx f(x), f written with the activation's symbol.
      const first = [...b.steps][0]!;
      expect(JSON.stringify(first.lhs)).toContain(JSON.stringify(b.lemma.symbol));
    }
  });
});
