// Index bindings drawn by number (src/check/plan.ts): the i-th binding that indexed() decodes is
// the i-th that bindings() lists, for every index-form step of a few networks.
import { describe, expect, it } from "vitest";
import { bindings, indexed } from "../../src/check/plan.js";
import { derive } from "../../src/derive/derive.js";
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
