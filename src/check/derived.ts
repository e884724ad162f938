// Values of the derived formulas: every quantity is computed by evaluating the very trees the
// proof prints (forward definitions, final deltas, gradients and updates), compiled once per
// proof to JavaScript over typed arrays (src/expr/codegen.ts): each net is a loop over its
// predecessors, the gradients of a node's weights one loop, so that a full gradient costs about
// what a hand-written backward pass does. Forward values are computed node by node in numbered
// order; deltas on demand, each once; gradients and updates all at once on first use.
// E is the printed loss term by term, with each ln y_k and ln(1 - y_k) of an output read from
// its stable form (log-sigmoid, log-softmax of its net: the same number, y_k being the printed
// f(net_k)) and 0 ln 0 = 0, so that E stays finite where an output saturates.
import * as b from "../expr/build.js";
import {
  compileAssignments,
  compileExpr,
  compileValue,
  irReads,
  toIR,
  type CodegenScope,
  type Frame,
  type IR,
  type Slot,
} from "../expr/codegen.js";
import { evaluate, EvalError, type Scope } from "../expr/evaluate.js";
import { equal } from "../expr/key.js";
import type { Expr, Index } from "../expr/types.js";
import type { Proof } from "../derive/proof.js";
import type { Network } from "../network/graph.js";
import { paramOfShared, paramOfSymbol, type Params } from "../network/params.js";
import { resolveSet } from "../network/sets.js";
import type { ElementwiseActivation } from "../rules/activations/activation.js";

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

/** The arrays of a frame, by number. */
const P = 0,
  Y = 1,
  NET = 2,
  DELTA = 3,
  T = 4,
  ETA = 5,
  LNY = 6,
  LN1MY = 7,
  GRAD = 8,
  UPDATE = 9;
const ARRAYS = 10;
/** Gradients (or updates) compiled into one function. */
const BATCH = 4096;

interface Compiled {
  readonly run: (frame: Frame) => number;
  /** The deltas it reads: computed before it runs. */
  readonly deltas: readonly number[];
}

interface Programs {
  readonly network: Network;
  /** net and y of each non-input node, by node id. */
  readonly net: (Compiled | undefined)[];
  readonly y: (Compiled | undefined)[];
  delta(n: number): Compiled | undefined;
  E(): Compiled;
  /** Every gradient (or update) at once, or undefined where some tree has no meaning. */
  batch(which: "gradient" | "update"): { readonly run: (frame: Frame) => void; readonly deltas: readonly number[] } | undefined;
  single(which: "gradient" | "update", i: number): Compiled;
}

const cache = new WeakMap<Proof, Programs>();

function scopeFor(network: Network): CodegenScope {
  const letters = new Map<string, ElementwiseActivation>();
  for (const l of network.layers) if (l.fn !== undefined && l.activation?.elementwise) letters.set(l.fn, l.activation);
  const derivatives = new Map<string, (x: number) => number>();
  const outputs = new Set(network.outputs);
  const node = (idx: readonly Index[]): number | undefined => {
    const i = idx[0];
    return idx.length === 1 && i?.kind === "node" && network.nodes[i.n] !== undefined && i.n > 0 ? i.n : undefined;
  };
  const isInput = (n: number): boolean => network.nodes[n]!.layer === 0;
  return {
    slot(name, idx): Slot | undefined {
      if (idx.length === 0) return name === "eta" ? { array: ETA, at: 0 } : undefined;
      if (name === "w" || name === "theta") {
        // theta_g: the shared value of the g-th group of tied weights.
        const i = name === "w" ? paramOfSymbol(network, idx) : paramOfShared(network, idx);
        return i === undefined ? undefined : { array: P, at: i };
      }
      const n = node(idx);
      if (n === undefined) return undefined;
      switch (name) {
        case "x":
          return isInput(n) ? { array: Y, at: n } : undefined;
        case "y":
          return { array: Y, at: n };
        case "net":
          return isInput(n) ? undefined : { array: NET, at: n };
        case "delta":
          return isInput(n) ? undefined : { array: DELTA, at: n };
        case "t":
          return outputs.has(n) ? { array: T, at: n } : undefined;
        default:
          return undefined;
      }
    },
    set: (s) => resolveSet(network, s),
    fn(name, order) {
      const a = letters.get(name);
      if (a === undefined || order > 1) return undefined;
      if (order === 0) return a.value;
      let d = derivatives.get(name);
      if (d === undefined) {
        // f'(x) as the activation states it, in terms of x and y = f(x).
        const x = b.sym("x");
        const yx = b.sym("y");
        const tree = a.derivative(x, yx);
        d = (v) => evaluate(tree, { sym: (s) => (s === "x" ? v : a.value(v)), set: () => [] });
        derivatives.set(name, d);
      }
      return d;
    },
  };
}

/** The loss's scope: ln y_k and ln(1 - y_k) of an output read from its stable logs, c ln(...) as xlogy. */
function lossScope(network: Network, base: CodegenScope): CodegenScope {
  const outputs = network.outputs;
  const scope: CodegenScope = {
    ...base,
    special(e, env) {
      if (e.kind === "call" && e.fn === "ln" && e.order === 0 && e.args.length === 1) {
        const arg = e.args[0]!;
        for (const k of outputs) {
          const yk = b.sym("y", b.node(k));
          if (equal(arg, yk)) return { k: "read", slot: { array: LNY, at: k } };
          if (equal(arg, b.sub(b.ONE, yk))) return { k: "read", slot: { array: LN1MY, at: k } };
        }
        return undefined;
      }
      if (e.kind === "mul") {
        const logs = e.factors.filter((f) => f.kind === "call" && f.fn === "ln" && f.order === 0);
        if (logs.length !== 1) return undefined;
        const rest = e.factors.filter((f) => f !== logs[0]);
        return { k: "xlogy", c: { k: "mul", xs: rest.map((f) => toIR(f, scope, env)) }, log: toIR(logs[0]!, scope, env) };
      }
      return undefined;
    },
  };
  return scope;
}

function compiled(e: Expr, scope: CodegenScope): Compiled {
  const c = compileExpr(e, scope);
  return { run: c.run, deltas: c.reads(DELTA) };
}

function programs(proof: Proof): Programs {
  const hit = cache.get(proof);
  if (hit !== undefined) return hit;
  const network = proof.network;
  const scope = scopeFor(network);
  const net: (Compiled | undefined)[] = [];
  const y: (Compiled | undefined)[] = [];
  for (const [n, def] of proof.forward) {
    net[n] = compiled(def.net, scope);
    if (network.layers[network.nodes[n]!.layer]!.activation!.elementwise) y[n] = compiled(def.y, scope);
  }
  const deltas: (Compiled | undefined)[] = [];
  let E: Compiled | undefined;
  const batches = new Map<string, ReturnType<Programs["batch"]>>();
  const singles = new Map<string, Compiled>();
  const results = proof.results.params;
  const tree = (which: "gradient" | "update", i: number): Expr => {
    const r = results.at(i);
    if (r === undefined) throw new EvalError(`no value for ${which} ${i}`);
    return which === "gradient" ? r.gradient : r.update;
  };
  const made: Programs = {
    network,
    net,
    y,
    delta(n) {
      if (deltas[n] === undefined && proof.results.delta.has(n)) deltas[n] = compiled(proof.results.delta.get(n)!, scope);
      return deltas[n];
    },
    E() {
      const loss = network.loss;
      const terms = network.outputs.map((k) => loss.term(b.sym("y", b.node(k)), b.sym("t", b.node(k))));
      const ls = lossScope(network, scope);
      // scale * (0 + term_1 + term_2 + ...), as the printed E = scale * sum_k term_k.
      if (E === undefined) {
        const ir: IR = {
          k: "mul",
          xs: [
            { k: "const", v: loss.scale },
            { k: "add", xs: terms.map((t) => toIR(t, ls)) },
          ],
        };
        E = { run: compileValue(ir), deltas: irReads(ir, DELTA) };
      }
      return E;
    },
    batch(which) {
      if (!batches.has(which)) {
        // In parts of BATCH trees: a DAG's trees roll into no loops, and one function holding
        // 10^5 of them unrolled needs a frame larger than V8's stack.
        const parts: NonNullable<ReturnType<typeof compileAssignments>>[] = [];
        for (let from = 0; from < results.length; from += BATCH) {
          const c = compileAssignments(
            Array.from({ length: Math.min(BATCH, results.length - from) }, (_, i) => tree(which, from + i)),
            scope,
            which === "gradient" ? GRAD : UPDATE,
            from,
          );
          if (c === undefined) break;
          parts.push(c);
        }
        const complete = parts.length === Math.ceil(results.length / BATCH);
        const deltas = new Set<number>();
        for (const c of parts) for (const n of c.reads(DELTA)) deltas.add(n);
        batches.set(which, complete ? { run: (frame) => parts.forEach((c) => c.run(frame)), deltas: [...deltas] } : undefined);
      }
      return batches.get(which);
    },
    single(which, i) {
      const k = `${which}${i}`;
      let c = singles.get(k);
      if (c === undefined) {
        c = compiled(tree(which, i), scope);
        singles.set(k, c);
      }
      return c;
    },
  };
  cache.set(proof, made);
  return made;
}

export function derivedValues(proof: Proof, p: Params, free: Free = new Map()): Derived {
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
  forward(progs, frame);

  const state = new Uint8Array(size); // 0: not computed, 1: in progress, 2: done
  const delta = (n: number): number => {
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
  const all = { gradient: undefined as Float64Array | undefined, update: undefined as Float64Array | undefined };
  const result = (which: "gradient" | "update", i: number): number => {
    if (i < 0 || i >= network.params.length || !Number.isInteger(i)) throw new EvalError(`no value for ${which} ${i}`);
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
      const nets = layer.nodes.map((m) => net[m]!);
      const ys = a.values(nets);
      const logs = a.logValues?.(nets);
      layer.nodes.forEach((m, i) => {
        y[m] = ys[i]!;
        frame[LNY]![m] = logs ? logs.log[i]! : Math.log(ys[i]!);
        frame[LN1MY]![m] = logs ? logs.logOneMinus[i]! : Math.log1p(-ys[i]!);
      });
    }
  }
}
