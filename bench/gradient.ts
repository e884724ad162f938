// One full gradient of [784,128,10] sigmoid/mse evaluated from the derived expressions (compiled
// once per proof to loops over typed arrays) against a plain hand-written backprop loop on the
// same weights: the baseline is what a person would write, forward and backward, no library.
import { derivedValues } from "../src/check/derived.js";
import { randomParams } from "../src/check/params.js";
import { rng } from "../src/oracle/rng.js";
import { derive } from "../src/derive/derive.js";
import { buildNetwork } from "../src/network/graph.js";
import type { Params } from "../src/network/params.js";
import { parseSpec } from "../src/network/spec.js";

const WARMUP = 300;
const RUNS = 51;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (runs: number, f: () => void): number => {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return median(ts);
};

/** Forward and backward for a sigmoid/mse multilayer network, params in network.params order. */
export function handBackprop(layers: readonly number[], p: Params, grad: Float64Array): number {
  const w = p.values;
  const ys: Float64Array[] = [Float64Array.from(p.inputs)];
  const offsets: number[] = [];
  let at = 0;
  for (let l = 1; l < layers.length; l++) {
    const n = layers[l]!;
    const m = layers[l - 1]!;
    const x = ys[l - 1]!;
    const y = new Float64Array(n);
    offsets.push(at);
    for (let k = 0; k < n; k++) {
      let s = 0;
      const o = at + k * (m + 1);
      for (let j = 0; j < m; j++) s += w[o + j]! * x[j]!;
      s += w[o + m]!;
      y[k] = 1 / (1 + Math.exp(-s));
    }
    at += n * (m + 1);
    ys.push(y);
  }
  const out = ys[ys.length - 1]!;
  let E = 0;
  let d = new Float64Array(out.length);
  for (let k = 0; k < out.length; k++) {
    const e = out[k]! - p.targets[k]!;
    E += 0.5 * e * e;
    d[k] = e * out[k]! * (1 - out[k]!);
  }
  for (let l = layers.length - 1; l >= 1; l--) {
    const n = layers[l]!;
    const m = layers[l - 1]!;
    const x = ys[l - 1]!;
    const o0 = offsets[l - 1]!;
    const prev = new Float64Array(m);
    for (let k = 0; k < n; k++) {
      const o = o0 + k * (m + 1);
      const dk = d[k]!;
      for (let j = 0; j < m; j++) {
        grad[o + j] = dk * x[j]!;
        prev[j] = prev[j]! + dk * w[o + j]!;
      }
      grad[o + m] = dk;
    }
    if (l > 1) for (let j = 0; j < m; j++) prev[j] = prev[j]! * x[j]! * (1 - x[j]!);
    d = prev;
  }
  return E;
}

export function benchGradient(): string[] {
  const layers = [784, 128, 10];
  const network = buildNetwork(parseSpec({ layers, activation: "sigmoid", loss: "mse" }));
  const proof = derive(network);
  const p = randomParams(network, rng(1));
  const total = network.params.length;
  const grad = new Float64Array(total);
  let sink = 0;
  const t0 = performance.now();
  const first = derivedValues(proof, p);
  sink += first.gradient(0);
  const compileMs = performance.now() - t0;
  // Both agree, or the comparison means nothing.
  handBackprop(layers, p, grad);
  let worst = 0;
  for (let i = 0; i < total; i++) worst = Math.max(worst, Math.abs(first.gradient(i) - grad[i]!) / Math.max(Math.abs(grad[i]!), 1e-12));
  const runHand = (): void => {
    sink += handBackprop(layers, p, grad);
  };
  const runDerived = (): void => {
    const d = derivedValues(proof, p);
    sink += d.E() + d.gradient(0);
  };
  // Both in steady state: the JIT compiles generated code and hand-written code alike after some calls.
  time(WARMUP, runHand);
  time(WARMUP, runDerived);
  const hand = time(RUNS, runHand);
  const derived = time(RUNS, runDerived);
  if (!Number.isFinite(sink)) throw new Error("non-finite gradient in the bench");
  return [
    `== one full gradient of [${layers.join(",")}] sigmoid/mse (${total} parameters), median of ${RUNS} after ${WARMUP} warm-up runs each`,
    `hand-written backprop loop:              ${hand.toFixed(2).padStart(8)} ms`,
    `from the derived expressions:            ${derived.toFixed(2).padStart(8)} ms (compiled once per proof: ${compileMs.toFixed(0)} ms, not included)`,
    `derived / hand-written: ${(derived / hand).toFixed(2)} (target <= 2); largest relative difference between them ${worst.toExponential(1)}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of benchGradient()) console.log(l);
