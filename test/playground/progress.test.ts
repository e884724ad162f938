// The live count of the playground's worker: checkSteps reports its planning (in the proof's
// steps) and then its checks, gradientCheck its gradients, each stage with the number of its
// units, counted up to exactly that number; the reports are the same with and without a listener.
import { describe, expect, it } from "vitest";
import {
  buildNetwork,
  checkSteps,
  derive,
  gradientCheck,
  parseSpec,
  randomParams,
  rng,
  withWorkedExample,
  type Progress,
} from "../../src/index.js";

function recorder(): Progress & { stages: { name: string; total?: number; counts: number[] }[] } {
  const stages: { name: string; total?: number; counts: number[] }[] = [];
  return {
    stages,
    stage: (name, total) => void stages.push({ name, ...(total === undefined ? {} : { total }), counts: [] }),
    advance: (done) => void stages.at(-1)!.counts.push(done),
  };
}

const monotone = (xs: readonly number[]): boolean => xs.every((x, i) => i === 0 || x >= xs[i - 1]!);

describe("progress of the checks", () => {
  for (const spec of [
    { layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" },
    { layers: [4, 5, 5, 3], activation: "tanh" },
  ]) {
    it(`counts every unit of the step check and the gradient check, ${spec.layers.join("-")}`, () => {
      const network = buildNetwork(parseSpec(spec));
      const params = randomParams(network, rng(3));
      const proof = withWorkedExample(derive(network), { params, digits: 6, tolerance: 1e-5 });
      const p = recorder();
      const steps = checkSteps(proof, { seed: 1, worked: { params, digits: 6 }, progress: p });
      const report = gradientCheck(proof, { seed: 1, progress: p });
      expect(p.stages.map((s) => s.name)).toEqual(["planning the step check", "checking every step", "checking every gradient"]);
      const [plan, s, g] = p.stages;
      expect(plan!.counts.at(-1)).toBe(plan!.total);
      expect(monotone(plan!.counts)).toBe(true);
      expect(s!.total).toBeGreaterThan(steps.verified);
      expect(s!.counts.at(-1)).toBe(s!.total);
      expect(monotone(s!.counts) || steps.redraws > 0).toBe(true);
      expect(g!.total).toBe(network.params.length);
      expect(g!.counts.at(-1)).toBe(network.params.length);
      // The same work with nobody listening.
      expect(checkSteps(proof, { seed: 1, worked: { params, digits: 6 } }).checks).toEqual(steps.checks);
      expect(gradientCheck(proof, { seed: 1 }).rows).toEqual(report.rows);
    });
  }
});
