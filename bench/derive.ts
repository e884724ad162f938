// Derivation time and memory per network size: the time per parameter should stay flat. Each
// run derives and reads every step and result once (bench/whole.ts); the heap is what the proof
// keeps after that reading.
import { deriveWhole } from "./whole.js";
import { buildNetwork } from "../src/network/graph.js";
import { parseSpec } from "../src/network/spec.js";
import { median } from "./measure.js";

export const BENCH_NETWORKS: readonly (readonly number[])[] = [
  [3, 2, 2],
  [16, 16, 16],
  [64, 64, 64],
  [784, 128, 10],
  [32, 32, 32, 32, 32, 32, 32, 32],
];

export interface DeriveFigure {
  readonly layers: readonly number[];
  readonly params: number;
  readonly ms: number;
  readonly usPerParam: number;
  readonly heapMB: number;
}

export function benchDerive(activation = "sigmoid", loss = "mse"): DeriveFigure[] {
  return BENCH_NETWORKS.map((layers) => {
    const network = buildNetwork(parseSpec({ layers: [...layers], activation, loss }));
    const runs = network.params.length > 50_000 ? 3 : 7;
    const times: number[] = [];
    let heap = 0;
    for (let i = 0; i < runs; i++) {
      globalThis.gc?.();
      const before = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const { proof } = deriveWhole(network);
      times.push(performance.now() - t0);
      heap = Math.max(heap, process.memoryUsage().heapUsed - before);
      if (proof.results.params.length !== network.params.length) throw new Error("incomplete proof");
    }
    const ms = median(times);
    return { layers, params: network.params.length, ms, usPerParam: (ms * 1000) / network.params.length, heapMB: heap / 2 ** 20 };
  });
}
