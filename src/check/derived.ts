// Values of the derived formulas: every quantity is computed by evaluating the very trees the
// proof prints (forward definitions, final deltas, gradients and updates), each delta once.
// The trees are compiled to closures once per proof (src/expr/compile.ts) and run against a
// frame holding one set of params and the memoised node values, so that evaluating every
// gradient costs about as much as a hand-written backward pass rather than a tree walk with
// name lookups per symbol.
import * as b from "../expr/build.js";
import { compile, type CompileScope, type Program } from "../expr/compile.js";
import { evaluate, EvalError, type Scope } from "../expr/evaluate.js";
import type { Index } from "../expr/types.js";
import type { Proof } from "../derive/proof.js";
import type { ElementwiseActivation } from "../rules/activations/activation.js";
import { resolveSet } from "../network/sets.js";
import { paramOfSymbol, type Params } from "../network/params.js";

export interface Derived {
  readonly scope: Scope;
  net(n: number): number;
  y(n: number): number;
  delta(n: number): number;
  E(): number;
  gradient(i: number): number;
  update(i: number): number;
}

/** Extra meanings for free symbols, e.g. the x and y of a lemma. */
export type Free = ReadonlyMap<string, number>;

/** One evaluation: the params, the free symbols, and node values computed so far (NaN: not yet). */
interface Frame {
  readonly p: Params;
  readonly free: Free;
  readonly net: Float64Array;
  readonly y: Float64Array;
  readonly delta: Float64Array;
}

/** The compiled trees of one proof, built lazily and shared by every evaluation of it. */
interface Programs {
  readonly scope: CompileScope<Frame>;
  net(n: number): Program<Frame>;
  y(n: number): Program<Frame>;
  delta(n: number): Program<Frame>;
  readonly E: () => Program<Frame>;
  gradient(i: number): Program<Frame>;
  update(i: number): Program<Frame>;
}

const cache = new WeakMap<Proof, Programs>();

function fail(what: string): never {
  throw new EvalError(`no value for ${what}`);
}

/** make(i), built on first use and kept: indices are node ids or parameter indices. */
const lazily = <T>(make: (i: number) => T): ((i: number) => T) => {
  const made: (T | undefined)[] = [];
  return (i) => (made[i] ??= make(i));
};

function programs(proof: Proof): Programs {
  const hit = cache.get(proof);
  if (hit !== undefined) return hit;
  const network = proof.network;
  const inputPos = new Map(network.inputs.map((n, i) => [n, i]));
  const outputPos = new Map(network.outputs.map((n, i) => [n, i]));
  const letters = new Map<string, ElementwiseActivation>();
  for (const l of network.layers) if (l.fn !== undefined && l.activation?.elementwise) letters.set(l.fn, l.activation);

  const memo = (slot: (f: Frame) => Float64Array, n: number, p: () => Program<Frame>): Program<Frame> => (f) => {
    const a = slot(f);
    const v = a[n]!;
    if (!Number.isNaN(v)) return v;
    const computed = p()(f);
    a[n] = computed;
    return computed;
  };
  const raise = (what: string): Program<Frame> => () => fail(what);
  const node = (idx: readonly Index[]): number | undefined => {
    const i = idx[0];
    return idx.length === 1 && i?.kind === "node" ? i.n : undefined;
  };

  const netTree = lazily((n) => compile(proof.forward.get(n)?.net ?? fail(`net_${n}`), scope));
  const yTree = lazily((n) => compile(proof.forward.get(n)?.y ?? fail(`y_${n}`), scope));
  const deltaTree = lazily((n) => compile(proof.results.delta.get(n) ?? fail(`delta_${n}`), scope));
  const netOf = lazily((n) => (proof.forward.has(n) ? memo((f) => f.net, n, () => netTree(n)) : raise(`net_${n}`)));
  const yOf = lazily((n): Program<Frame> => {
    const pos = inputPos.get(n);
    if (pos !== undefined) return (f) => f.p.inputs[pos]!;
    if (!proof.forward.has(n)) return raise(`y_${n}`);
    const layer = network.layers[network.nodes[n]!.layer]!;
    const a = layer.activation!;
    if (!a.elementwise) {
      // The printed quotient e^{net_k} / sum_l e^{net_l}, evaluated the stable way (shifted by
      // the largest net), since the naive one overflows to Inf / Inf once a net passes ~709.
      const at = layer.nodes.indexOf(n);
      const nets = layer.nodes.map((m) => netOf(m));
      return memo((f) => f.y, n, () => (f) => a.values(nets.map((g) => g(f)))[at]!);
    }
    return memo((f) => f.y, n, () => yTree(n));
  });
  const deltaOf = lazily((n) => (proof.results.delta.has(n) ? memo((f) => f.delta, n, () => deltaTree(n)) : raise(`delta_${n}`)));

  const scope: CompileScope<Frame> = {
    sym(name, idx) {
      if (idx.length === 0) {
        if (name === "eta") return (f) => f.p.eta;
        if (name === "E") return (f) => E()(f);
        return (f) => f.free.get(name) ?? fail(name);
      }
      const n = node(idx);
      switch (name) {
        case "w": {
          const i = paramOfSymbol(network, idx);
          return i === undefined ? raise("w") : (f) => f.p.values[i]!;
        }
        case "x": {
          const pos = n === undefined ? undefined : inputPos.get(n);
          return pos === undefined ? raise("x") : (f) => f.p.inputs[pos]!;
        }
        case "t": {
          const pos = n === undefined ? undefined : outputPos.get(n);
          return pos === undefined ? raise("t") : (f) => f.p.targets[pos]!;
        }
        case "net":
          return n === undefined ? raise("net needs one node index") : netOf(n);
        case "y":
          return n === undefined ? raise("y needs one node index") : yOf(n);
        case "delta":
          return n === undefined ? raise("delta needs one node index") : deltaOf(n);
        default:
          return raise(name);
      }
    },
    set: (s) => resolveSet(network, s) ?? fail("index set"),
    call(fn, order, args) {
      const a = letters.get(fn);
      if (a === undefined) return fail(`function ${fn}`);
      const x = args[0]!;
      if (order === 0) return a.value(x);
      if (order === 1) return evaluate(a.derivative(b.num(x), b.num(a.value(x))), { sym: () => fail(fn), set: () => [] });
      return fail(`${fn} of order ${order}`);
    },
  };

  let eProgram: Program<Frame> | undefined;
  const E = (): Program<Frame> => {
    if (eProgram !== undefined) return eProgram;
    const loss = network.loss;
    const terms = network.outputs.map((k) => compile(loss.term(b.sym("y", b.node(k)), b.sym("t", b.node(k))), scope));
    eProgram = (f) => {
      let s = 0;
      for (const t of terms) s += t(f);
      return loss.scale * s;
    };
    return eProgram;
  };
  const results = proof.results.params;
  const made: Programs = {
    scope,
    net: netOf,
    y: yOf,
    delta: deltaOf,
    E,
    gradient: lazily((i) => compile(results[i]?.gradient ?? fail(`gradient ${i}`), scope)),
    update: lazily((i) => compile(results[i]?.update ?? fail(`update ${i}`), scope)),
  };
  cache.set(proof, made);
  return made;
}

export function derivedValues(proof: Proof, p: Params, free: Free = new Map()): Derived {
  const progs = programs(proof);
  const size = proof.network.nodes.length;
  const frame: Frame = {
    p,
    free,
    net: new Float64Array(size).fill(Number.NaN),
    y: new Float64Array(size).fill(Number.NaN),
    delta: new Float64Array(size).fill(Number.NaN),
  };
  // The interpretive scope, for expressions that are not part of the proof's results.
  const scope: Scope = {
    sym: (name, idx) => progs.scope.sym(name, idx)(frame),
    set: progs.scope.set,
    call: (fn, order, args, node) => progs.scope.call!(fn, order, args, node, frame),
  };
  return {
    scope,
    net: (n) => progs.net(n)(frame),
    y: (n) => progs.y(n)(frame),
    delta: (n) => progs.delta(n)(frame),
    E: () => progs.E()(frame),
    gradient: (i) => progs.gradient(i)(frame),
    update: (i) => progs.update(i)(frame),
  };
}

