// Ties at scale: one tied group of 10^5 weights (every weight from the 1000 inputs to the 100
// hidden nodes) against the same network untied, from the spec's JSON to every step and result
// read once (parsing, the network, the derivation), side by side in one process (alternating
// runs, so that a busy spell of the machine falls on both). Target: at most 2x.
import { buildNetwork } from "../src/network/graph.js";
import { parseSpec } from "../src/network/spec.js";
import { deriveWhole } from "./whole.js";
import { median } from "./measure.js";

export function benchTies(): string[] {
  const [inputs, hidden] = [1000, 100];
  const group: string[] = [];
  for (let k = inputs + 1; k <= inputs + hidden; k++) for (let j = 1; j <= inputs; j++) group.push(`w_${k}_${j}`);
  const base = { layers: [inputs, hidden, 10], activation: "sigmoid", loss: "mse" };
  const specs = { untied: base, tied: { ...base, tied: [group] } };
  const times = { untied: [] as number[], tied: [] as number[] };
  const params = { untied: 0, tied: 0 };
  for (let i = 0; i < 3; i++) {
    for (const name of ["untied", "tied"] as const) {
      globalThis.gc?.();
      const t0 = performance.now();
      const network = buildNetwork(parseSpec(structuredClone(specs[name])));
      const { proof } = deriveWhole(network);
      times[name].push(performance.now() - t0);
      params[name] = network.params.length;
      if (proof.results.params.length !== network.params.length) throw new Error("incomplete proof");
    }
  }
  const [u, t] = [median(times.untied), median(times.tied)];
  return [
    `[1000,100,10] untied                  ${String(params.untied).padStart(8)} params ${u.toFixed(0).padStart(6)} ms`,
    `[1000,100,10], 10^5 weights tied      ${String(params.tied).padStart(8)} params ${t.toFixed(0).padStart(6)} ms`,
    `time, tied / untied: ${(t / u).toFixed(2)} (target: at most 2)`,
  ];
}
