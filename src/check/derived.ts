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
// once per network shape, WebAssembly where there is), which gradientValues (and a batch's
// kernelGradientSum) uses for a proof once every net, y, δ and gradient it gives has been compared
// with the printed trees' own values at two seeded random points and found equal (kernelAgrees);
// the checks use the printed trees alone (derivedValues).
import { EvalError, type Scope } from "../expr/evaluate.js";
import type { Proof } from "../derive/proof.js";
import type { Params } from "../network/params.js";
import { resolveSet } from "../network/sets.js";
import { denseKernel, type DenseKernel } from "./dense.js";
import { randomParams } from "./params.js";
import { rng } from "../oracle/rng.js";
import { DELTA, GRAD, NET, scopeFor, UPDATE, Y } from "./frame.js";
import { frameOf, outputDeltas } from "./frame-values.js";
import { programs } from "./programs.js";

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
  const ok = kernel !== undefined && kernelAgrees(proof, kernel);
  kernels.set(proof, ok ? kernel : null);
  return ok ? kernel : undefined;
}

/**
 * Whether a kernel gives every net, y, δ, gradient and E that the printed trees give, at two
 * seeded random points, with the weights where they are and (with WebAssembly) in its own
 * memory, and the sum of the two points' gradients (as for a batch) that the trees' sum gives.
 */
export function kernelAgrees(proof: Proof, kernel: DenseKernel): boolean {
  const r = rng(KERNEL_SEED);
  const own = kernel.weights;
  // Its memory may already hold someone's weights: they are put back.
  const saved = own?.slice();
  const p = randomParams(proof.network, r);
  const points = [p, { ...randomParams(proof.network, r), values: p.values }];
  try {
    const sums: Float64Array[] = [];
    for (const weights of own === undefined ? [p.values] : [p.values, own as unknown as number[]]) {
      if (own !== undefined) own.set(p.values);
      for (const q of points) {
        if (!agree(proof, values(proof, q, new Map(), undefined), values(proof, { ...q, values: weights }, new Map(), kernel)))
          return false;
      }
      sums.push(gradientSum(proof, kernel, points.length, (d) => ({ ...points[d]!, values: weights })));
    }
    const trees = points.map((q) => values(proof, q, new Map(), undefined).gradients());
    return sums.every((sum) =>
      same(
        Array.from(trees[0]!, (g, i) => g + trees[1]![i]!),
        Array.from(sum),
      ),
    );
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    return false;
  } finally {
    if (saved !== undefined) own!.set(saved);
    ownerOf(kernel).owner = undefined;
  }
}

/** The same numbers but for rounding, relative to the largest of them. */
function same(a: readonly number[], z: readonly number[]): boolean {
  // A loop, not Math.max(...a): a spread of 10^5 arguments overflows the stack.
  let scale = 1;
  for (const x of a) scale = Math.max(scale, Math.abs(x));
  return a.length === z.length && a.every((x, n) => Number.isFinite(x) && Math.abs(x - z[n]!) <= KERNEL_TOLERANCE * scale);
}

/** Every net, y and δ of the non-input nodes and every gradient the same, but for rounding. */
function agree(proof: Proof, trees: Derived, fast: Derived): boolean {
  const network = proof.network;
  const nodes = network.nodes.filter((n) => n.layer > 0).map((n) => n.id);
  const kinds: ((d: Derived, i: number) => number)[] = [(d, n) => d.net(n), (d, n) => d.y(n), (d, n) => d.delta(n)];
  const both = (count: readonly number[], of: (d: Derived, i: number) => number): boolean =>
    same(
      count.map((i) => of(trees, i)),
      count.map((i) => of(fast, i)),
    );
  const params = Array.from({ length: network.params.length }, (_, i) => i);
  return kinds.every((of) => both(nodes, of)) && both(params, (d, i) => d.gradient(i)) && both([0], (d) => d.E());
}

/**
 * A kernel's gradient array is shared by its values (a fresh 10^5 doubles for each would cost
 * more than the gradient itself): the last to fill it owns it, and one whose array was taken
 * fills it again (the same numbers, from its own frame) when read.
 */
const owners = new WeakMap<DenseKernel, { owner: object | undefined }>();
function ownerOf(kernel: DenseKernel): { owner: object | undefined } {
  let o = owners.get(kernel);
  if (o === undefined) owners.set(kernel, (o = { owner: undefined }));
  return o;
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

/**
 * An array for the network's parameters (network.params order) that gradientValues reads where
 * it is when given as params.values: the dense kernel's own memory, where it has one (one per
 * network shape, shared by the proofs of that shape); a plain new array otherwise.
 */
export function parameterArray(proof: Proof): Float64Array {
  return kernelFor(proof)?.weights ?? new Float64Array(proof.network.params.length);
}

/** Σ_d ∂E_d/∂w over examples 0..count-1 by the dense kernel (a fresh array), or undefined where gradientValues uses the trees. */
export function kernelGradientSum(proof: Proof, count: number, example: (d: number) => Params): Float64Array | undefined {
  const kernel = kernelFor(proof);
  return kernel === undefined ? undefined : gradientSum(proof, kernel, count, example);
}

function gradientSum(proof: Proof, kernel: DenseKernel, count: number, example: (d: number) => Params): Float64Array {
  let sum: Float64Array | undefined;
  for (let d = 0; d < count; d++) {
    const { frame, arrays } = frameOf(proof, example(d), kernel);
    outputDeltas(programs(proof), kernel, frame);
    sum = kernel.backward(arrays, d > 0);
  }
  // The array holds a sum now, no one value's gradient.
  ownerOf(kernel).owner = undefined;
  return sum?.slice() ?? new Float64Array(proof.network.params.length);
}

function values(proof: Proof, p: Params, free: Free, kernel: DenseKernel | undefined): Derived {
  const progs = programs(proof);
  const network = proof.network;
  const size = network.nodes.length;
  const { frame, arrays } = frameOf(proof, p, kernel);

  const state = new Uint8Array(size); // 0: not computed, 1: in progress, 2: done
  const all = { gradient: undefined as Float64Array | undefined, update: undefined as Float64Array | undefined };
  // The kernel's backward pass: the outputs' δ from their printed trees, then BP2-BP4 into the
  // kernel's gradient array, which this one then holds until another takes it.
  const me = {};
  const owner = kernel === undefined ? undefined : ownerOf(kernel);
  let grad: Float64Array | undefined;
  const backward = (): Float64Array => {
    if (owner!.owner === me) return grad!;
    outputDeltas(progs, kernel!, frame);
    grad = kernel!.backward(arrays, false);
    owner!.owner = me;
    return grad;
  };
  const delta = (n: number): number => {
    // The kernel's backward pass gives every non-input node's δ.
    if (kernel !== undefined && network.nodes[n] !== undefined && network.nodes[n].layer > 0) {
      backward();
      return frame[DELTA]![n]!;
    }
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
      if (kernel !== undefined) return backward().slice();
      result("gradient", 0);
      return all.gradient ?? Float64Array.from(network.params, (_, i) => result("gradient", i));
    },
    update: (i) => result("update", i),
  };
}
