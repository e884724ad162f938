// The dense kernel's memory and its two WebAssembly loops (scripts/dense-wasm.mjs, emitted as
// bytes at build time): net = W y + b over a layer, and ∂E/∂W = δ yᵀ, ∂E/∂b = δ (BP3, BP4),
// each with 128-bit SIMD over f64. One memory per network shape holds the parameters, the
// gradient and the y, net and δ of every node (by node number); it never grows, so its views
// stay valid. Where WebAssembly or its SIMD is missing there is none, and the kernel loops in
// JavaScript.
import { DENSE_WASM } from "./generated/dense-wasm.js";

export interface Machine {
  /** The parameters, in network.params order: read in place when they are a proof's params. */
  readonly weights: Float64Array;
  readonly grad: Float64Array;
  readonly y: Float64Array;
  readonly net: Float64Array;
  readonly delta: Float64Array;
  /** net[first + r] = Σ_c weights[offset + r·stride + c] y[from + c] (+ the bias weight), r < rows. */
  matvec(offset: number, stride: number, rows: number, width: number, from: number, bias: boolean, first: number): void;
  /** grad[offset + r·stride + c] (+)= δ[first + r] y[from + c], and the bias entry (+)= δ[first + r]. */
  outer(offset: number, stride: number, rows: number, width: number, first: number, from: number, bias: boolean, add: boolean): void;
}

interface Exports {
  matvec(w: number, stride: number, rows: number, width: number, x: number, bias: number, out: number): void;
  outer(g: number, stride: number, rows: number, width: number, d: number, x: number, bias: number, add: number): void;
}

const modules = new Map<Uint8Array<ArrayBuffer>, WebAssembly.Module | null>();

function compiled(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module | undefined {
  let m = modules.get(bytes);
  if (m === undefined) {
    try {
      m = typeof WebAssembly === "object" && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      m = null;
    }
    modules.set(bytes, m);
  }
  return m ?? undefined;
}

const even = (n: number): number => n + (n % 2);

/** A memory for `params` parameters and `nodes` node numbers, or undefined where WebAssembly cannot run the kernel. */
export function machine(params: number, nodes: number, bytes: Uint8Array<ArrayBuffer> = DENSE_WASM): Machine | undefined {
  const module = compiled(bytes);
  if (module === undefined) return undefined;
  // In doubles, each region starting on 16 bytes: weights, gradient, y, net, δ.
  const [P, G] = [0, even(params)];
  const Y = G + even(params);
  const NET = Y + even(nodes);
  const D = NET + even(nodes);
  const end = D + even(nodes);
  let memory: WebAssembly.Memory;
  let run: Exports;
  try {
    memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil((end * 8) / 65536)) });
    run = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Exports;
  } catch {
    return undefined;
  }
  const view = (at: number, length: number): Float64Array => new Float64Array(memory.buffer, at * 8, length);
  return {
    weights: view(P, params),
    grad: view(G, params),
    y: view(Y, nodes),
    net: view(NET, nodes),
    delta: view(D, nodes),
    matvec(offset, stride, rows, width, from, bias, first) {
      run.matvec(8 * (P + offset), 8 * stride, rows, width, 8 * (Y + from), bias ? 1 : 0, 8 * (NET + first));
    },
    outer(offset, stride, rows, width, first, from, bias, add) {
      run.outer(8 * (G + offset), 8 * stride, rows, width, 8 * (D + first), 8 * (Y + from), bias ? 1 : 0, add ? 1 : 0);
    },
  };
}
