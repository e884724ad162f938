// One full gradient of [784,128,10] sigmoid/mse at batch 1 from the derived expressions (a chain of
// dense layers compiled once per shape to loops over typed arrays, in the matrix form that the
// derivation proves, after a comparison with the printed formulas) against a plain hand-written
// backprop loop on the same weights (what a person would write, no library), and side by side
// with hand-written NumPy and PyTorch (float64, one thread) where python3 has them
// (bench/numpy_job.py), each on the same weights and inputs.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { gradientValues } from "../src/check/derived.js";
import { randomParams } from "../src/check/params.js";
import { rng } from "../src/oracle/rng.js";
import { derive } from "../src/derive/derive.js";
import { buildNetwork } from "../src/network/graph.js";
import type { Params } from "../src/network/params.js";
import { parseSpec } from "../src/network/spec.js";
import { medianTime, worstRelative } from "./measure.js";

const WARMUP = 300;
const RUNS = 51;

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
  const first = gradientValues(proof, p);
  sink += first.gradient(0);
  const compileMs = performance.now() - t0;
  // Both agree, or the comparison means nothing.
  handBackprop(layers, p, grad);
  const worst = worstRelative(
    total,
    (i) => first.gradient(i),
    (i) => grad[i]!,
  );
  const runHand = (): void => {
    sink += handBackprop(layers, p, grad);
  };
  const runDerived = (): void => {
    const d = gradientValues(proof, p);
    sink += d.E() + d.gradient(0);
  };
  // Both in steady state: the JIT compiles generated code and hand-written code alike after some calls.
  medianTime(WARMUP, runHand);
  medianTime(WARMUP, runDerived);
  const hand = medianTime(RUNS, runHand);
  const derived = medianTime(RUNS, runDerived);
  if (!Number.isFinite(sink)) throw new Error("non-finite gradient in the bench");
  return [
    `== one full gradient of [${layers.join(",")}] sigmoid/mse (${total} parameters) at batch 1, median of ${RUNS} after ${WARMUP} warm-up runs each`,
    `hand-written backprop loop:              ${hand.toFixed(2).padStart(8)} ms`,
    `from the derived expressions:            ${derived.toFixed(2).padStart(8)} ms (compiled once, and compared with the printed formulas once per proof: ${compileMs.toFixed(0)} ms, not included)`,
    `derived / hand-written: ${(derived / hand).toFixed(2)} (target <= 2); largest relative difference between them ${worst.toExponential(1)}`,
    ...python(layers, p, first, derived),
  ];
}

interface PythonFigures {
  readonly numpy_ms: number;
  readonly numpy_version: string;
  readonly gradient: number[];
  readonly torch_ms?: number;
  readonly torch_version?: string;
}

/** NumPy's and PyTorch's time for the same gradient, and ours ÷ theirs. */
function python(layers: readonly number[], p: Params, ours: { gradient(i: number): number }, derived: number): string[] {
  const job = JSON.stringify({ layers, inputs: p.inputs, targets: p.targets, values: Array.from(p.values) });
  const r = spawnSync("python3", [join(import.meta.dirname, "numpy_job.py"), String(WARMUP), String(RUNS)], {
    input: job,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) return ["hand-written NumPy and PyTorch: not measured: python3 with numpy missing"];
  const f = JSON.parse(r.stdout) as PythonFigures;
  const worst = worstRelative(
    f.gradient.length,
    (i) => ours.gradient(i),
    (i) => f.gradient[i]!,
  );
  return [
    `hand-written NumPy ${f.numpy_version} (float64, one thread): ${f.numpy_ms.toFixed(2).padStart(8)} ms; derived / NumPy: ${(derived / f.numpy_ms).toFixed(2)} (target <= 1.2); largest relative difference ${worst.toExponential(1)}`,
    f.torch_ms === undefined
      ? "PyTorch (float64, one thread): not measured: torch missing"
      : `PyTorch ${f.torch_version} (float64, one thread, autograd): ${f.torch_ms.toFixed(2).padStart(8)} ms; derived / PyTorch: ${(derived / f.torch_ms).toFixed(2)} (target <= 1.0)`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of benchGradient()) console.log(l);
