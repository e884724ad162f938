// The cost of checking every step of a proof, and of one full gradient evaluated from the
// derived expressions as a multiple of one forward evaluation (the cheap-gradient principle
// bounds it by a small constant, about 3 for reverse mode).
import { derivedValues } from "../src/check/derived.js";
import { forwardPass } from "../src/check/oracle.js";
import { randomParams } from "../src/check/params.js";
import { rng } from "../src/check/rng.js";
import { checkSteps } from "../src/check/steps.js";
import { derive } from "../src/derive/derive.js";
import { buildNetwork } from "../src/network/graph.js";
import { parseSpec } from "../src/network/spec.js";

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time(runs: number, f: () => void): number {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

export function benchSteps(): string[] {
  const lines = ["== checking every step (3 points, central differences unless said)"];
  const cases = [
    { name: "seed [3,2,2] relu/softmax/cross-entropy", spec: { layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" } },
    { name: "[16,16,16] sigmoid/mse", spec: { layers: [16, 16, 16], activation: "sigmoid", loss: "mse" } },
    { name: "[16,16,16] relu/softmax/cross-entropy", spec: { layers: [16, 16, 16], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" } },
  ];
  for (const c of cases) {
    const proof = derive(buildNetwork(parseSpec(c.spec)));
    for (const method of ["central", "complex-step"] as const) {
      let r = checkSteps(proof, { method });
      const ms = time(c.spec.layers[0] === 16 ? 3 : 7, () => (r = checkSteps(proof, { method })));
      lines.push(
        `${c.name.padEnd(40)} ${method.padEnd(12)} ${ms.toFixed(0).padStart(6)} ms: ${r.total} steps, ${r.verified} verified, ${r.definitions} definitions, ${r.failed} failed, ${r.points} points, worst ${r.worst?.error.toExponential(1) ?? "-"}`,
      );
    }
  }

  lines.push("", "== one full gradient from the derived expressions, [784,128,10] sigmoid/mse");
  const network = buildNetwork(parseSpec({ layers: [784, 128, 10], activation: "sigmoid", loss: "mse" }));
  const proof = derive(network);
  const p = randomParams(network, rng(1));
  let sink = 0;
  // The first evaluation compiles the trees (src/expr/codegen.ts), once per proof.
  const t0 = performance.now();
  const first = derivedValues(proof, p);
  for (let i = 0; i < network.params.length; i++) sink += first.gradient(i);
  const compileMs = performance.now() - t0;
  const forward = time(15, () => (sink += derivedValues(proof, p).E()));
  const gradient = time(15, () => {
    const d = derivedValues(proof, p);
    for (let i = 0; i < network.params.length; i++) sink += d.gradient(i);
  });
  const oracle = time(15, () => (sink += forwardPass(network, p).E));
  lines.push(
    `first evaluation (compiles every tree):       ${compileMs.toFixed(0).padStart(6)} ms`,
    `forward, E from the derived expressions:       ${forward.toFixed(1).padStart(6)} ms`,
    `all ${network.params.length} gradients from the derived expressions: ${gradient.toFixed(1).padStart(6)} ms (forward included)`,
    `forward, the oracle's plain loops:             ${oracle.toFixed(1).padStart(6)} ms`,
    `gradient / derived forward: ${(gradient / forward).toFixed(2)}; gradient / oracle forward: ${(gradient / oracle).toFixed(2)} (cheap-gradient bound: about 3)`,
  );
  if (!Number.isFinite(sink)) lines.push("(non-finite result)");
  return lines;
}
