// Values of the derived formulas: every quantity is computed by evaluating the very trees the
// proof prints (forward definitions, final deltas, gradients and updates), each delta once.
import * as b from "../expr/build.js";
import { evaluate, EvalError, type Scope } from "../expr/evaluate.js";
import type { Expr, Index } from "../expr/types.js";
import type { Proof } from "../derive/proof.js";
import type { Layer } from "../network/graph.js";
import { resolveSet } from "../network/sets.js";
import { paramIndex, type Params } from "./params.js";

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

export function derivedValues(proof: Proof, p: Params, free: Free = new Map()): Derived {
  const network = proof.network;
  const index = paramIndex(network);
  const nets = new Map<number, number>();
  const ys = new Map<number, number>();
  const deltas = new Map<number, number>();
  const letters = new Map<string, Layer>();
  for (const l of network.layers) if (l.fn !== undefined) letters.set(l.fn, l);

  const node = (idx: readonly Index[], name: string): number => {
    const i = idx[0];
    if (idx.length !== 1 || i === undefined || i.kind !== "node") throw new EvalError(`${name} needs one node index`);
    return i.n;
  };
  const memo = (m: Map<number, number>, n: number, f: () => number): number => {
    const hit = m.get(n);
    if (hit !== undefined) return hit;
    const v = f();
    m.set(n, v);
    return v;
  };
  const netOf = (n: number): number =>
    memo(nets, n, () => evaluate(proof.forward.get(n)?.net ?? fail(`net_${n}`), scope));
  const yOf = (n: number): number => {
    const layer = network.nodes[n]?.layer;
    if (layer === undefined) return fail(`y_${n}`);
    if (layer === 0) return p.inputs[network.inputs.indexOf(n)]!;
    return memo(ys, n, () => evaluate(proof.forward.get(n)!.y, scope));
  };
  const deltaOf = (n: number): number =>
    memo(deltas, n, () => evaluate(proof.results.delta.get(n) ?? fail(`delta_${n}`), scope));

  const scope: Scope = {
    sym(name, idx) {
      if (idx.length === 0) {
        if (name === "eta") return p.eta;
        if (name === "E") return E();
        const v = free.get(name);
        if (v !== undefined) return v;
        return fail(name);
      }
      switch (name) {
        case "w": {
          // w_{kj} has two node indices; the bias w_{b_k} has one, b_k.
          const [k, j] = idx;
          const key =
            k?.kind === "bias" && k.of.kind === "node" ? `${k.of.n}:b` : k?.kind === "node" && j?.kind === "node" ? `${k.n}:${j.n}` : "";
          const i = index.get(key);
          return i === undefined ? fail("w") : p.values[i]!;
        }
        case "x":
          return p.inputs[network.inputs.indexOf(node(idx, name))] ?? fail("x");
        case "t":
          return p.targets[network.outputs.indexOf(node(idx, name))] ?? fail("t");
        case "net":
          return netOf(node(idx, name));
        case "y":
          return yOf(node(idx, name));
        case "delta":
          return deltaOf(node(idx, name));
        default:
          return fail(name);
      }
    },
    set: (s) => resolveSet(network, s) ?? fail("index set"),
    call(fn, order, args) {
      const layer = letters.get(fn);
      const a = layer?.activation;
      if (a === undefined || !a.elementwise) return fail(`function ${fn}`);
      const x = args[0]!;
      if (order === 0) return a.value(x);
      if (order === 1) return evaluate(a.derivative(b.num(x), b.num(a.value(x))), scope);
      return fail(`${fn} of order ${order}`);
    },
  };

  const E = (): number => {
    const loss = network.loss;
    let s = 0;
    for (const k of network.outputs) s += evaluate(loss.term(b.sym("y", b.node(k)), b.sym("t", b.node(k))), scope);
    return loss.scale * s;
  };
  const results = proof.results.params;
  return {
    scope,
    net: netOf,
    y: yOf,
    delta: deltaOf,
    E,
    gradient: (i) => evaluate(results[i]!.gradient, scope),
    update: (i) => evaluate(results[i]!.update, scope),
  };
}

function fail(what: string): never {
  throw new EvalError(`no value for ${what}`);
}

export const evalExpr = (e: Expr, d: Derived): number => evaluate(e, d.scope);
