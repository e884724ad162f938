// The cost of checking every step of a proof. (One full gradient from the derived expressions is
// measured against a hand-written backprop loop in bench/gradient.ts.)
import { checkSteps } from "../src/check/steps.js";
import { derive } from "../src/derive/derive.js";
import { buildNetwork } from "../src/network/graph.js";
import { parseSpec } from "../src/network/spec.js";
import { medianTime } from "./measure.js";

export function benchSteps(): string[] {
  const lines = ["== checking every step (3 points, central differences unless said)"];
  const cases = [
    {
      name: "seed [3,2,2] relu/softmax/cross-entropy",
      spec: { layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" },
    },
    { name: "[16,16,16] sigmoid/mse", spec: { layers: [16, 16, 16], activation: "sigmoid", loss: "mse" } },
    {
      name: "[16,16,16] relu/softmax/cross-entropy",
      spec: { layers: [16, 16, 16], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" },
    },
  ];
  for (const c of cases) {
    const proof = derive(buildNetwork(parseSpec(c.spec)));
    for (const method of ["central", "complex-step"] as const) {
      let r = checkSteps(proof, { method });
      const ms = medianTime(c.spec.layers[0] === 16 ? 3 : 7, () => (r = checkSteps(proof, { method })));
      lines.push(
        `${c.name.padEnd(40)} ${method.padEnd(12)} ${ms.toFixed(0).padStart(6)} ms: ${r.total} steps, ${r.verified} verified, ${r.definitions} definitions, ${r.failed} failed, ${r.points} points, worst ${r.worst?.error.toExponential(1) ?? "-"}`,
      );
    }
  }

  return lines;
}
