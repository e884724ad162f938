// Seeded random Elman networks for the tests: every hidden activation, every output/loss pair,
// both lossAt, with and without h0, T from 1 to 6; each with its spec, its params and the same
// sequence for the independent evaluation (recurrent-oracle.ts).
import { rng } from "../../src/oracle/rng.js";
import type { Mat, Sequence, Vec, Weights } from "./recurrent-oracle.js";

export const HIDDEN = ["identity", "sigmoid", "tanh", "relu", "leaky-relu", "softplus"] as const;
export const PAIRS = [
  ["softmax", "cross-entropy"],
  ["sigmoid", "binary-cross-entropy"],
  ["identity", "mse"],
  ["identity", "sse"],
  ["sigmoid", "mse"],
  ["softmax", "mse"],
  ["tanh", "sse"],
] as const;

export interface Case {
  readonly name: string;
  readonly spec: Record<string, unknown>;
  readonly params: Record<string, unknown>;
  readonly sequence: Sequence;
}

export function randomCase(i: number): Case {
  const r = rng(1000 + i);
  const u = (lo: number, hi: number): number => lo + (hi - lo) * r();
  const int = (lo: number, hi: number): number => Math.floor(u(lo, hi + 1));
  const hidden = HIDDEN[i % HIDDEN.length]!;
  const [output, loss] = PAIRS[i % PAIRS.length]!;
  const T = 1 + ((i + Math.floor(i / 6)) % 6);
  const lossAt = (i + Math.floor(i / 6)) % 2 === 0 ? "every" : "last";
  const withH0 = Math.floor(i / 3) % 2 === 1;
  const nx = int(1, 3);
  const nh = int(1, 3);
  const ny = output === "softmax" ? int(2, 3) : int(1, 3);
  const alpha = 0.1;
  const mat = (rows: number, cols: number, scale: number): Mat =>
    Array.from({ length: rows }, () => Array.from({ length: cols }, () => u(-scale, scale)));
  const vec = (n: number, lo: number, hi: number): Vec => Array.from({ length: n }, () => u(lo, hi));
  const weights: Weights = {
    U: mat(nh, nx, 1.2),
    W: mat(nh, nh, 0.9),
    V: mat(ny, nh, 1.2),
    b: hidden === "relu" ? vec(nh, 0.1, 0.6) : vec(nh, -0.5, 0.5),
    c: vec(ny, -0.5, 0.5),
  };
  const lossSteps = lossAt === "every" ? Array.from({ length: T }, (_, t) => t + 1) : [T];
  const target = (): Vec => {
    if (loss === "cross-entropy") {
      const v = vec(ny, 0.05, 1);
      const s = v.reduce((a, x) => a + x, 0);
      return v.map((x) => x / s);
    }
    return loss === "binary-cross-entropy" || output === "sigmoid" ? vec(ny, 0.05, 0.95) : vec(ny, -1, 1);
  };
  const inputs = mat(T, nx, 1);
  const targets = lossSteps.map(target);
  const h0 = withH0 ? vec(nh, -0.8, 0.8) : new Array<number>(nh).fill(0);
  const eta = u(0.05, 0.5);
  const spec = {
    recurrent: { inputs: nx, hidden: nh, outputs: ny, steps: T, lossAt },
    activation: hidden,
    outputActivation: output,
    loss,
    ...(hidden === "leaky-relu" ? { alpha } : {}),
  };
  const params = { inputs, targets, eta, weights, ...(withH0 ? { h0 } : {}) };
  const name = `${i}: ${hidden}/${output}/${loss}, T = ${T}, lossAt ${lossAt}, ${withH0 ? "h0 given" : "h0 = 0"}, [${nx}, ${nh}, ${ny}]`;
  return { name, spec, params, sequence: { hidden, output, loss, alpha, lossSteps, inputs, targets, h0, weights } };
}
