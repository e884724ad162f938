// Arbitrary topologies stay linear in the number of edges: [784,128,10] with a 784 -> 10 skip
// connection against the plain [784,128,10], time per parameter, measured side by side in one
// process (alternating runs, so that a busy spell of the machine falls on both); each run derives
// and reads every step and result once (bench/whole.ts).
import { derive } from "../src/derive/derive.js";
import { deriveWhole } from "./whole.js";
import { gradientCheck } from "../src/check/gradcheck.js";
import { buildNetwork } from "../src/network/graph.js";
import { parseSpec } from "../src/network/spec.js";
import { median } from "./measure.js";

export function benchTopology(): string[] {
  const plain = buildNetwork(parseSpec({ layers: [784, 128, 10], activation: "sigmoid", loss: "mse" }));
  const skip = buildNetwork(
    parseSpec({
      layers: [784, 128, 10],
      connections: [
        [0, 1],
        [1, 2],
        [0, 2],
      ],
      activation: "sigmoid",
      loss: "mse",
    }),
  );
  const times = { plain: [] as number[], skip: [] as number[] };
  for (let i = 0; i < 5; i++) {
    for (const [name, network] of [
      ["plain", plain],
      ["skip", skip],
    ] as const) {
      globalThis.gc?.();
      const t0 = performance.now();
      const { proof } = deriveWhole(network);
      times[name].push(performance.now() - t0);
      if (proof.results.params.length !== network.params.length) throw new Error("incomplete proof");
    }
  }
  const per = (name: "plain" | "skip", n: number): number => (median(times[name]) * 1000) / n;
  const a = per("plain", plain.params.length);
  const b = per("skip", skip.params.length);
  const t0 = performance.now();
  const check = gradientCheck(derive(skip), { seed: 1 });
  const checkMs = performance.now() - t0;
  return [
    `[784,128,10]                   ${String(plain.params.length).padStart(8)} params ${median(times.plain).toFixed(0).padStart(6)} ms ${a.toFixed(2).padStart(7)} us per param`,
    `[784,128,10] + 784->10 skip    ${String(skip.params.length).padStart(8)} params ${median(times.skip).toFixed(0).padStart(6)} ms ${b.toFixed(2).padStart(7)} us per param`,
    `time per parameter, with the skip / without: ${(b / a).toFixed(2)} (target: at most 1.5)`,
    `gradient check of the skip network (${check.checked} sampled parameters): ${check.failed} failed, worst ${check.worst.toExponential(2)}, ${checkMs.toFixed(0)} ms`,
  ];
}
