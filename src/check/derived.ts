// Values of the derived formulas: every quantity is computed by evaluating the very trees the
// proof prints (forward definitions, final deltas, gradients and updates), compiled once per
// proof to JavaScript over typed arrays (src/expr/codegen.ts): each net is a loop over its
// predecessors, the gradients of a node's weights one loop, so that a full gradient costs about
// what a hand-written backward pass does. Forward values are computed node by node in numbered
// order; deltas on demand, each once; gradients and updates all at once on first use.
// E is the printed loss term by term, with each ln y_k and ln(1 - y_k) of an output read from
// its stable form (log-sigmoid, log-softmax of its net: the same number, y_k being the printed
// f(net_k)) and 0 ln 0 = 0, so that E stays finite where an output saturates.
// A chain of dense layers has a faster way (src/check/dense.ts: the matrix form BP1-BP4, compiled
// once per network shape), which gradientValues uses for a proof once every net, y, δ and
// gradient it gives has been compared with the printed trees' own values at two seeded random
// points and found equal; the checks use the printed trees alone (derivedValues).
import { EvalError, type Scope } from "../expr/evaluate.js";
import type { Proof } from "../derive/proof.js";
import type { Params } from "../network/params.js";
import { resolveSet } from "../network/sets.js";
import { denseKernel, layerLogs, type DenseKernel, type KernelArrays } from "./dense.js";
import { randomParams } from "./params.js";
import { rng } from "../oracle/rng.js";
import { ARRAYS, DELTA, ETA, GRAD, LN1MY, LNY, NET, P, scopeFor, T, UPDATE, Y, YMT, yMinusT } from "./frame.js";
import { programs, type Programs } from "./programs.js";

export interface Derived {
  readonly scope: Scope;
  net(n: number): number;
  y(n: number): number;
  delta(n: number): number;
  E(): number;
  gradient(i: number): number;
  update(i: number): number;
  /** Every gradient at once, in network.params order (read it, do not write it). */
  gradients(): ArrayLike<number>;
}

/** Extra meanings for free symbols, e.g. the x and y of a lemma. */
export type Free = ReadonlyMap<string, number>;

/** The dense kernel a proof may use: undefined until checked, then the kernel or null. */
const kernels = new WeakMap<Proof, DenseKernel | null>();
/** The seed of the points at which the kernel is compared with the printed trees. */
const KERNEL_SEED = 20261207;
/** How far apart the kernel's and the trees' values may be: rounding, relative to the largest of their kind. */
const KERNEL_TOLERANCE = 1e-9;

/** The dense kernel, if the network has one and it gives what the printed formulas give at two seeded random points. */
function kernelFor(proof: Proof): DenseKernel | undefined {
  const known = kernels.get(proof);
  if (known !== undefined) return known ?? undefined;
  const kernel = denseKernel(proof.network);
  let ok = false;
  if (kernel !== undefined) {
    const r = rng(KERNEL_SEED);
    try {
      ok = [1, 2].every(() => {
        const p = randomParams(proof.network, r);
        return agree(proof, values(proof, p, new Map(), undefined), values(proof, p, new Map(), kernel));
      });
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
    }
  }
  kernels.set(proof, ok ? kernel! : null);
  return ok ? kernel : undefined;
}

/** Every net, y and δ of the non-input nodes and every gradient the same, but for rounding. */
function agree(proof: Proof, trees: Derived, fast: Derived): boolean {
  const network = proof.network;
  const nodes = network.nodes.filter((n) => n.layer > 0).map((n) => n.id);
  const kinds: ((d: Derived, i: number) => number)[] = [(d, n) => d.net(n), (d, n) => d.y(n), (d, n) => d.delta(n)];
  const same = (count: readonly number[], of: (d: Derived, i: number) => number): boolean => {
    const a = count.map((i) => of(trees, i));
    const z = count.map((i) => of(fast, i));
    // A loop, not Math.max(...a): a spread of 10^5 arguments overflows the stack.
    let scale = 1;
    for (const x of a) scale = Math.max(scale, Math.abs(x));
    return a.every((x, n) => Number.isFinite(x) && Math.abs(x - z[n]!) <= KERNEL_TOLERANCE * scale);
  };
  const params = Array.from({ length: network.params.length }, (_, i) => i);
  return kinds.every((of) => same(nodes, of)) && same(params, (d, i) => d.gradient(i)) && same([0], (d) => d.E());
}

/**
 * The gradient buffer of a proof's kernel, shared by its values (a fresh 10^5 doubles for each
 * would cost more than the gradient itself): the last to fill it owns it, and one whose buffer
 * was taken fills it again (the same numbers, from its own frame) when read.
 */
const buffers = new WeakMap<Proof, { grad: Float64Array; owner: object | undefined }>();
function bufferOf(proof: Proof): { grad: Float64Array; owner: object | undefined } {
  let b = buffers.get(proof);
  if (b === undefined) buffers.set(proof, (b = { grad: new Float64Array(proof.network.params.length), owner: undefined }));
  return b;
}

/** The values of the printed trees, compiled once per proof: what the checks and the worked example use. */
export function derivedValues(proof: Proof, p: Params, free: Free = new Map()): Derived {
  return values(proof, p, free, undefined);
}

/**
 * The same values for training or timing: a chain of dense layers through the dense kernel,
 * once it has given what the printed formulas give at two seeded points; the trees otherwise.
 */
export function gradientValues(proof: Proof, p: Params): Derived {
  return values(proof, p, new Map(), kernelFor(proof));
}

/** Whether gradientValues takes a proof's values from the dense kernel. */
export const usesDenseKernel = (proof: Proof): boolean => kernelFor(proof) !== undefined;

function values(proof: Proof, p: Params, free: Free, kernel: DenseKernel | undefined): Derived {
  const progs = programs(proof);
  const network = proof.network;
  const size = network.nodes.length;
  const frame: Float64Array[] = Array.from({ length: ARRAYS }, () => new Float64Array(0));
  // Read where they are: copying 10^5 weights would cost more than a whole gradient.
  frame[P] = p.values as unknown as Float64Array;
  frame[Y] = new Float64Array(size).fill(Number.NaN);
  frame[NET] = new Float64Array(size).fill(Number.NaN);
  frame[DELTA] = new Float64Array(size).fill(Number.NaN);
  frame[T] = new Float64Array(size).fill(Number.NaN);
  frame[ETA] = Float64Array.of(p.eta);
  frame[LNY] = new Float64Array(size).fill(Number.NaN);
  frame[LN1MY] = new Float64Array(size).fill(Number.NaN);
  network.inputs.forEach((n, i) => (frame[Y]![n] = p.inputs[i]!));
  network.outputs.forEach((n, i) => (frame[T]![n] = p.targets[i]!));
  const arrays: KernelArrays = {
    p: frame[P]!,
    y: frame[Y]!,
    net: frame[NET]!,
    delta: frame[DELTA]!,
    lny: frame[LNY]!,
    ln1my: frame[LN1MY]!,
  };
  if (kernel !== undefined) kernel.forward(arrays);
  else forward(progs, frame);
  // y_k - t_k of every output, for an error term that is exactly that (outputDeltaScope).
  frame[YMT] = new Float64Array(size).fill(Number.NaN);
  for (const k of network.outputs) frame[YMT]![k] = yMinusT(frame[Y]![k]!, frame[T]![k]!, frame[LN1MY]![k]!);

  const state = new Uint8Array(size); // 0: not computed, 1: in progress, 2: done
  const all = { gradient: undefined as Float64Array | undefined, update: undefined as Float64Array | undefined };
  // The kernel's backward pass: the outputs' δ from their printed trees, then BP2-BP4 into the
  // proof's gradient buffer, which this one then holds until another takes it.
  const me = {};
  const shared = kernel === undefined ? undefined : bufferOf(proof);
  const backward = (): Float64Array => {
    if (shared!.owner === me) return shared!.grad;
    for (const k of kernel!.outputs) {
      const c = progs.delta(k);
      if (c === undefined || c.deltas.length > 0) throw new EvalError(`no value for delta_${k}`);
      frame[DELTA]![k] = c.run(frame);
    }
    kernel!.backward(arrays, shared!.grad);
    for (const node of network.nodes) if (node.layer > 0) state[node.id] = 2;
    shared!.owner = me;
    return shared!.grad;
  };
  const delta = (n: number): number => {
    if (kernel !== undefined && network.nodes[n] !== undefined && network.nodes[n].layer > 0) backward();
    if (state[n] === 2) return frame[DELTA]![n]!;
    const c = progs.delta(n);
    if (c === undefined) throw new EvalError(`no value for delta_${n}`);
    if (state[n] === 1) throw new EvalError(`delta_${n} is defined in terms of itself`);
    state[n] = 1;
    try {
      for (const m of c.deltas) delta(m);
      frame[DELTA]![n] = c.run(frame);
    } finally {
      state[n] = 0;
    }
    state[n] = 2;
    return frame[DELTA]![n]!;
  };
  const result = (which: "gradient" | "update", i: number): number => {
    if (i < 0 || i >= network.params.length || !Number.isInteger(i)) throw new EvalError(`no value for ${which} ${i}`);
    if (which === "gradient" && kernel !== undefined) return backward()[i]!;
    if (all[which] === undefined) {
      const batch = progs.batch(which);
      if (batch !== undefined) {
        try {
          for (const m of batch.deltas) delta(m);
          frame[which === "gradient" ? GRAD : UPDATE] = new Float64Array(network.params.length);
          batch.run(frame);
          all[which] = frame[which === "gradient" ? GRAD : UPDATE];
        } catch (e) {
          if (!(e instanceof EvalError)) throw e;
        }
      }
    }
    const done = all[which];
    if (done !== undefined) return done[i]!;
    // Some tree has no meaning: each is evaluated alone, and that one raises its error.
    const c = progs.single(which, i);
    for (const m of c.deltas) delta(m);
    return c.run(frame);
  };
  let e: number | undefined;
  const E = (): number => (e ??= progs.E().run(frame));
  const isInput = (n: number): boolean => network.nodes[n]?.layer === 0 && n > 0;
  const net = (n: number): number => {
    if (!proof.forward.has(n)) throw new EvalError(`no value for net_${n}`);
    return frame[NET]![n]!;
  };
  const yOf = (n: number): number => {
    if (!proof.forward.has(n) && !isInput(n)) throw new EvalError(`no value for y_${n}`);
    return frame[Y]![n]!;
  };
  // The interpretive scope, for expressions that are not part of the proof's results.
  const codegen = scopeFor(network);
  const scope: Scope = {
    sym(name, idx) {
      if (idx.length === 0) {
        if (name === "eta") return p.eta;
        if (name === "E") return E();
        const v = free.get(name);
        if (v === undefined) throw new EvalError(`no value for ${name}`);
        return v;
      }
      const slot = codegen.slot(name, idx);
      if (slot === undefined) throw new EvalError(`no value for ${name}`);
      if (slot.array === DELTA) return delta(slot.at);
      return frame[slot.array]![slot.at]!;
    },
    set: (s) =>
      resolveSet(network, s) ??
      (() => {
        throw new EvalError("no value for index set");
      })(),
    call(fn, order, args) {
      const f = codegen.fn?.(fn, order);
      if (f === undefined) throw new EvalError(`no value for function ${fn}`);
      return f(args[0]!);
    },
  };
  return {
    scope,
    net,
    y: yOf,
    delta,
    E,
    gradient: (i) => result("gradient", i),
    gradients: () => {
      if (network.params.length === 0) return new Float64Array(0);
      result("gradient", 0);
      return all.gradient ?? Float64Array.from(network.params, (_, i) => result("gradient", i));
    },
    update: (i) => result("update", i),
  };
}

/** net and y of every node in numbered order; a coupled (softmax) layer once its last net is known. */
function forward(progs: Programs, frame: Float64Array[]): void {
  const network = progs.network;
  const net = frame[NET]!;
  const y = frame[Y]!;
  for (const node of network.nodes) {
    const k = node.id;
    const netProgram = progs.net[k];
    if (netProgram === undefined) continue;
    net[k] = netProgram.run(frame);
    const layer = network.layers[node.layer]!;
    const a = layer.activation!;
    if (a.elementwise) {
      y[k] = progs.y[k]!.run(frame);
      if (a.logValue !== undefined && a.logOneMinusValue !== undefined) {
        frame[LNY]![k] = a.logValue(net[k]!);
        frame[LN1MY]![k] = a.logOneMinusValue(net[k]!);
      } else {
        frame[LNY]![k] = Math.log(y[k]!);
        frame[LN1MY]![k] = Math.log1p(-y[k]!);
      }
    } else if (k === layer.nodes[layer.nodes.length - 1]) {
      // The printed quotient e^{net_k} / sum_l e^{net_l}, evaluated the stable way (shifted by
      // the largest net), since the naive one overflows to Inf / Inf once a net passes ~709.
      const ys = a.values(layer.nodes.map((m) => net[m]!));
      layer.nodes.forEach((m, i) => (y[m] = ys[i]!));
      layerLogs(layer, net, y, frame[LNY]!, frame[LN1MY]!);
    }
  }
}
