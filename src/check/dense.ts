// A chain of dense layers, compiled once per network shape to loops over typed arrays in the
// matrix form that the derivation proves node by node (for layer l, W_l holding one row per node):
//   net_l = W_l y_{l-1} + b_l, y_l = f(net_l)                       (forward)
//   δ_l = (W_{l+1}^T δ_{l+1}) ⊙ f'(net_l)                          (BP2, a hidden layer)
//   ∂E/∂b_l = δ_l, ∂E/∂W_l = δ_l y_{l-1}^T                          (BP3, BP4)
// The output layer's δ (BP1) is not here: it is the printed δ_k of each output node, evaluated
// from its tree, whatever the loss and the output activation. f' is the activation's derivative as
// its rule states it (in terms of x and y = f(x)), compiled from that tree. The products W y and
// δ yᵀ run in WebAssembly with SIMD (src/check/dense-wasm.ts) where it is available: δ yᵀ always,
// W y when the weights are in the kernel's own memory (`weights`), JavaScript loops otherwise.
// Nothing here is taken on trust: src/check/derived.ts compares every net, y, δ and gradient it
// gives, and the sum of two points' gradients, with the printed formulas' own values at seeded
// random points before it uses it for a proof.
import * as b from "../expr/build.js";
import { compileValue, hasError, toIR } from "../expr/codegen.js";
import type { Layer, Network } from "../network/graph.js";
import { paramOffsets } from "../network/params.js";
import type { Activation } from "../rules/activations/activation.js";
import { machine } from "./dense-wasm.js";

/** One dense layer: nodes first .. first+size-1, each reading nodes from .. from+width-1 (then its bias). */
interface Block {
  readonly first: number;
  readonly size: number;
  readonly from: number;
  readonly width: number;
  /** The index of its first node's first weight; row r starts at offset + r * stride. */
  readonly offset: number;
  readonly stride: number;
  readonly bias: boolean;
  readonly layer: Layer;
}

/** The arrays of the frame a kernel reads and writes (derived.ts numbers them). */
export interface KernelArrays {
  readonly p: ArrayLike<number>;
  readonly y: Float64Array;
  readonly net: Float64Array;
  readonly delta: Float64Array;
  readonly lny: Float64Array;
  readonly ln1my: Float64Array;
}

export interface DenseKernel {
  /** Every net and y, layer by layer, and ln y, ln(1 - y) of the outputs (inputs' y already set). */
  forward(a: KernelArrays): void;
  /** The output nodes, whose δ the caller sets (from their printed trees) before backward. */
  readonly outputs: readonly number[];
  /** The hidden nodes' δ (BP2), then every gradient (BP3, BP4) into the kernel's gradient array, or added to it; that array. */
  backward(a: KernelArrays, add: boolean): Float64Array;
  /** The kernel's own parameter array, which forward reads in place when it is `a.p`; undefined without WebAssembly. */
  readonly weights: Float64Array | undefined;
}

const kernels = new Map<string, DenseKernel | null>();
const serials = new WeakMap<Activation, number>();
let nextSerial = 0;
const serial = (a: Activation): number => {
  let s = serials.get(a);
  if (s === undefined) serials.set(a, (s = nextSerial++));
  return s;
};

/** ln y and ln(1 - y) of a layer's nodes, stably where the activation can (log-sigmoid, log-softmax). */
export function layerLogs(layer: Layer, net: Float64Array, y: Float64Array, lny: Float64Array, ln1my: Float64Array): void {
  const a = layer.activation!;
  if (a.elementwise) {
    for (const k of layer.nodes) {
      lny[k] = a.logValue !== undefined ? a.logValue(net[k]!) : Math.log(y[k]!);
      ln1my[k] = a.logOneMinusValue !== undefined ? a.logOneMinusValue(net[k]!) : Math.log1p(-y[k]!);
    }
    return;
  }
  const logs = a.logValues?.(layer.nodes.map((m) => net[m]!));
  layer.nodes.forEach((m, i) => {
    lny[m] = logs ? logs.log[i]! : Math.log(y[m]!);
    ln1my[m] = logs ? logs.logOneMinus[i]! : Math.log1p(-y[m]!);
  });
}

/** The activation's f'(x, y), compiled from the tree its rule states, or undefined if it has no numeric meaning. */
function derivativeOf(a: Activation): ((x: number, y: number) => number) | undefined {
  if (!a.elementwise) return undefined;
  const tree = a.derivative(b.sym("x"), b.sym("y"));
  const ir = toIR(tree, {
    slot: (name, idx) => (idx.length === 0 && (name === "x" || name === "y") ? { array: 0, at: name === "x" ? 0 : 1 } : undefined),
    set: () => undefined,
  });
  if (hasError(ir)) return undefined;
  const run = compileValue(ir);
  const frame = [new Float64Array(2)];
  return (x, y) => {
    frame[0]![0] = x;
    frame[0]![1] = y;
    return run(frame);
  };
}

/** The network as a chain of dense blocks, or undefined where it is not one (skips, ties, sparse, hidden softmax). */
function blocksOf(network: Network): Block[] | undefined {
  if (network.tied.length > 0 || network.layers.length < 2) return undefined;
  const offset = paramOffsets(network);
  const blocks: Block[] = [];
  const last = network.layers.length - 1;
  for (let l = 1; l <= last; l++) {
    const layer = network.layers[l]!;
    const before = network.layers[l - 1]!.nodes;
    const a = layer.activation;
    if (a === undefined || (l < last && (!a.elementwise || layer.role !== "hidden"))) return undefined;
    if (l === last && (layer.role !== "output" || layer.feeds)) return undefined;
    const first = layer.nodes[0]!;
    const from = before[0]!;
    const width = before.length;
    const stride = width + (layer.bias ? 1 : 0);
    for (let r = 0; r < layer.nodes.length; r++) {
      const node = network.nodes[layer.nodes[r]!]!;
      if (node.id !== first + r || node.bias !== layer.bias || node.preds.length !== width) return undefined;
      for (let c = 0; c < width; c++) if (node.preds[c] !== from + c || before[c] !== from + c) return undefined;
      if (offset[node.id] !== offset[first]! + r * stride) return undefined;
    }
    blocks.push({ first, size: layer.nodes.length, from, width, offset: offset[first]!, stride, bias: layer.bias, layer });
  }
  const outputs = network.layers[last]!.nodes;
  if (network.outputs.length !== outputs.length || network.outputs.some((k, i) => k !== outputs[i])) return undefined;
  return blocks;
}

/**
 * The kernel of a chain of dense layers, compiled once per shape (sizes, biases, activations), or
 * undefined; `wasm` replaces its WebAssembly module (a fresh kernel, never cached: for tests).
 */
export function denseKernel(network: Network, wasm?: Uint8Array<ArrayBuffer>): DenseKernel | undefined {
  const blocks = blocksOf(network);
  if (blocks === undefined) return undefined;
  const key = blocks.map((bl) => `${bl.size}x${bl.width}${bl.bias ? "b" : ""}:${serial(bl.layer.activation!)}`).join(",");
  const hit = wasm === undefined ? kernels.get(key) : undefined;
  if (hit !== undefined) return hit ?? undefined;
  // f'(x, y) of each hidden layer, as its rule states it.
  const fprimes = blocks.slice(0, -1).map((bl) => derivativeOf(bl.layer.activation!));
  const ok = fprimes.every((f) => f !== undefined);
  const made = ok ? kernel(network, blocks, fprimes as ((x: number, y: number) => number)[], wasm) : undefined;
  if (wasm === undefined) kernels.set(key, made ?? null);
  return made;
}

function kernel(
  network: Network,
  blocks: readonly Block[],
  fprimes: readonly ((x: number, y: number) => number)[],
  wasm: Uint8Array<ArrayBuffer> | undefined,
): DenseKernel {
  const out = blocks[blocks.length - 1]!;
  // The sums W^T δ of each hidden layer, reused from one call to the next.
  const sums = blocks.map((bl) => new Float64Array(bl.size));
  const m = machine(network.params.length, network.nodes.length, ...(wasm === undefined ? [] : [wasm]));
  const grad = m?.grad ?? new Float64Array(network.params.length);
  return {
    outputs: out.layer.nodes,
    weights: m?.weights,
    forward(a) {
      if (m !== undefined && a.p === m.weights) {
        // The weights are where WebAssembly reads them: net = W y + b there, f in JavaScript.
        const inputs = blocks[0]!;
        m.y.set(a.y.subarray(inputs.from, inputs.from + inputs.width), inputs.from);
        for (const bl of blocks) {
          m.matvec(bl.offset, bl.stride, bl.size, bl.width, bl.from, bl.bias, bl.first);
          a.net.set(m.net.subarray(bl.first, bl.first + bl.size), bl.first);
          activate(bl, a.net, a.y);
          m.y.set(a.y.subarray(bl.first, bl.first + bl.size), bl.first);
        }
      } else {
        for (const bl of blocks) {
          nets(bl, a.p, a.y, a.net);
          activate(bl, a.net, a.y);
        }
      }
      layerLogs(out.layer, a.net, a.y, a.lny, a.ln1my);
    },
    backward(a, add) {
      const { p, y, net, delta } = a;
      for (let l = blocks.length - 2; l >= 0; l--) {
        const bl = blocks[l]!;
        const next = blocks[l + 1]!;
        const s = sums[l]!;
        s.fill(0);
        // (W_{l+1}^T δ_{l+1})_j, row by row of W_{l+1}: the terms in the order of k.
        for (let k = 0; k < next.size; k++) {
          const d = delta[next.first + k]!;
          const o = next.offset + k * next.stride;
          for (let j = 0; j < bl.size; j++) s[j] = s[j]! + d * p[o + j]!;
        }
        const fprime = fprimes[l]!;
        for (let j = 0; j < bl.size; j++) delta[bl.first + j] = fprime(net[bl.first + j]!, y[bl.first + j]!) * s[j]!;
      }
      if (m !== undefined) {
        m.y.set(y);
        m.delta.set(delta);
        for (const bl of blocks) m.outer(bl.offset, bl.stride, bl.size, bl.width, bl.first, bl.from, bl.bias, add);
      } else for (const bl of blocks) outer(bl, y, delta, grad, add);
      return grad;
    },
  };
}

/** y = f(net) over a block. */
function activate(bl: Block, net: Float64Array, y: Float64Array): void {
  const f = bl.layer.activation!;
  const { first, size } = bl;
  if (f.elementwise) for (let r = 0; r < size; r++) y[first + r] = f.value(net[first + r]!);
  else {
    const ys = f.values(bl.layer.nodes.map((k) => net[k]!));
    for (let r = 0; r < size; r++) y[first + r] = ys[r]!;
  }
}

/** net = W y + b over a block, in JavaScript, the weights wherever they are. */
function nets(bl: Block, p: ArrayLike<number>, y: Float64Array, net: Float64Array): void {
  const { first, size, from, width, offset, stride, bias } = bl;
  for (let r = 0; r < size; r++) {
    const o = offset + r * stride;
    // Four partial sums, so that each addition need not wait for the one before.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let c = 0;
    for (; c + 3 < width; c += 4) {
      s0 += p[o + c]! * y[from + c]!;
      s1 += p[o + c + 1]! * y[from + c + 1]!;
      s2 += p[o + c + 2]! * y[from + c + 2]!;
      s3 += p[o + c + 3]! * y[from + c + 3]!;
    }
    for (; c < width; c++) s0 += p[o + c]! * y[from + c]!;
    const s = s0 + s1 + (s2 + s3);
    net[first + r] = bias ? s + p[o + width]! : s;
  }
}

/** ∂E/∂W = δ yᵀ, ∂E/∂b = δ over a block (added to `grad` where add), in JavaScript. */
function outer(bl: Block, y: Float64Array, delta: Float64Array, grad: Float64Array, add: boolean): void {
  const { first, size, from, width, offset, stride, bias } = bl;
  for (let k = 0; k < size; k++) {
    const d = delta[first + k]!;
    const o = offset + k * stride;
    if (add) for (let j = 0; j < width; j++) grad[o + j] = grad[o + j]! + d * y[from + j]!;
    else for (let j = 0; j < width; j++) grad[o + j] = d * y[from + j]!;
    if (bias) grad[o + width] = (add ? grad[o + width]! : 0) + d;
  }
}
