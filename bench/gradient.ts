// One full gradient of [784,128,10] sigmoid/mse at batch 1 from the derived expressions (a chain of
// dense layers compiled once per shape to loops over typed arrays, in the matrix form that the
// derivation proves, after a comparison with the printed formulas) against a plain hand-written
// backprop loop on the same weights (what a person would write, no library), and side by side
// with hand-written NumPy and PyTorch (float64, one thread) where python3 has them
// (bench/numpy_job.py), each on the same weights and inputs.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { gradientValues, parameterArray } from "../src/check/derived.js";
import { randomParams } from "../src/check/params.js";
import { rng } from "../src/oracle/rng.js";
import { derive } from "../src/derive/derive.js";
import { buildNetwork } from "../src/network/graph.js";
import type { Params } from "../src/network/params.js";
import { parseSpec } from "../src/network/spec.js";
import { median, medianTime } from "./measure.js";

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

const ROUNDS = 3;

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
  // The same weights in the kernel's own memory, where it reads them in place (as NumPy and
  // PyTorch hold theirs in their own arrays).
  const own = parameterArray(proof);
  own.set(p.values);
  const resident: Params = { ...p, values: own as unknown as number[] };
  // All agree, or the comparison means nothing.
  handBackprop(layers, p, grad);
  const residentFirst = gradientValues(proof, resident).gradients();
  let worst = 0;
  for (let i = 0; i < total; i++) {
    const scale = Math.max(Math.abs(grad[i]!), 1e-12);
    worst = Math.max(worst, Math.abs(first.gradient(i) - grad[i]!) / scale, Math.abs(residentFirst[i]! - grad[i]!) / scale);
  }
  const runHand = (): void => {
    sink += handBackprop(layers, p, grad);
  };
  const runDerived = (q: Params) => (): void => {
    const d = gradientValues(proof, q);
    sink += d.E() + d.gradient(0);
  };
  // In steady state: the JIT compiles generated code and hand-written code alike after some calls.
  medianTime(WARMUP, runHand);
  medianTime(WARMUP, runDerived(p));
  medianTime(WARMUP, runDerived(resident));
  // Rounds of each in turn, Python's processes between ours, so that all see the same load.
  const rounds: { hand: number; plain: number; own: number; py: PythonFigures[] }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    rounds.push({
      hand: medianTime(RUNS, runHand),
      plain: medianTime(RUNS, runDerived(p)),
      own: medianTime(RUNS, runDerived(resident)),
      py: python(layers, p),
    });
  }
  if (!Number.isFinite(sink)) throw new Error("non-finite gradient in the bench");
  const med = (f: (r: (typeof rounds)[number]) => number): number => median(rounds.map(f));
  const [hand, plain, mine] = [med((r) => r.hand), med((r) => r.plain), med((r) => r.own)];
  const lines = [
    `== one full gradient of [${layers.join(",")}] sigmoid/mse (${total} parameters) at batch 1: ${ROUNDS} rounds of each in turn, median of ${RUNS} runs each after ${WARMUP} warm-up runs; ratios are medians of the rounds' ratios`,
    `hand-written backprop loop (JavaScript):         ${hand.toFixed(3).padStart(8)} ms`,
    `gradientValues, params.values a plain array:     ${plain.toFixed(3).padStart(8)} ms (the kernel compiled and compared with the printed formulas once per proof: ${compileMs.toFixed(0)} ms, not included)`,
    `gradientValues, params.values = parameterArray:  ${mine.toFixed(3).padStart(8)} ms (the weights where the kernel reads them in place)`,
    `derived / hand-written: ${(plain / hand).toFixed(2)} (plain array), ${(mine / hand).toFixed(2)} (parameterArray); largest relative difference ${worst.toExponential(1)}`,
  ];
  const found = rounds[0]!.py;
  if (found.length === 0) return [...lines, "hand-written NumPy and PyTorch: not measured: no python3 with numpy"];
  found.forEach((f, i) => {
    let diff = 0;
    f.gradient.forEach((g, k) => (diff = Math.max(diff, Math.abs(residentFirst[k]! - g) / Math.max(Math.abs(g), 1e-12))));
    const ratio = (of: (x: PythonFigures) => number | undefined, ours: "plain" | "own"): string =>
      median(rounds.map((r) => r[ours] / of(r.py[i]!)!)).toFixed(2);
    lines.push(
      `${f.python}: hand-written NumPy ${f.numpy_version} (float64, one thread) ${med((r) => r.py[i]!.numpy_ms).toFixed(3)} ms; ours / NumPy: ${ratio((x) => x.numpy_ms, "own")} (parameterArray; target <= 1.2), ${ratio((x) => x.numpy_ms, "plain")} (plain array); largest relative difference ${diff.toExponential(1)}`,
    );
    lines.push(
      f.torch_ms === undefined
        ? `${f.python}: PyTorch (float64, one thread): not measured: torch missing`
        : `${f.python}: PyTorch ${f.torch_version} (float64, one thread, autograd) ${med((r) => r.py[i]!.torch_ms!).toFixed(3)} ms; ours / PyTorch: ${ratio((x) => x.torch_ms, "own")} (parameterArray; target <= 1.0), ${ratio((x) => x.torch_ms, "plain")} (plain array)`,
    );
  });
  return lines;
}

interface PythonFigures {
  readonly python: string;
  readonly numpy_ms: number;
  readonly numpy_version: string;
  readonly gradient: number[];
  readonly torch_ms?: number;
  readonly torch_version?: string;
}

/** NumPy's and PyTorch's times for the same gradient, under each python3 that has NumPy (PATH's and Debian's). */
function python(layers: readonly number[], p: Params): PythonFigures[] {
  const job = JSON.stringify({ layers, inputs: p.inputs, targets: p.targets, values: Array.from(p.values) });
  const found: PythonFigures[] = [];
  for (const exe of ["python3", "/usr/bin/python3"]) {
    const r = spawnSync(exe, [join(import.meta.dirname, "numpy_job.py"), String(WARMUP), String(RUNS)], {
      input: job,
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    if (r.status !== 0) continue;
    const f = JSON.parse(r.stdout) as PythonFigures;
    if (!found.some((g) => g.python === f.python)) found.push(f);
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of benchGradient()) console.log(l);
