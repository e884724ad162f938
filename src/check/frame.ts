// The frame that the derived formulas are compiled against (src/expr/codegen.ts): the arrays
// holding params, y, net, δ, targets, η, the outputs' stable logs, gradients and updates, and the
// scopes that resolve the printed symbols to their slots.
import * as b from "../expr/build.js";
import { toIR, type CodegenScope, type Slot } from "../expr/codegen.js";
import { evaluate } from "../expr/evaluate.js";
import { equal } from "../expr/key.js";
import type { Index } from "../expr/types.js";
import { activationLetters, type Network } from "../network/graph.js";
import { paramOfShared, paramOfSymbol } from "../network/params.js";
import { resolveSet } from "../network/sets.js";

/** The arrays of a frame, by number. */
export const P = 0,
  Y = 1,
  NET = 2,
  DELTA = 3,
  T = 4,
  ETA = 5,
  LNY = 6,
  LN1MY = 7,
  GRAD = 8,
  UPDATE = 9;
export const ARRAYS = 10;

/** Every printed symbol of the network by its slot: w and theta in P, x and y in Y, net, delta, t, eta. */
export function scopeFor(network: Network): CodegenScope {
  const letters = activationLetters(network);
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
export function lossScope(network: Network, base: CodegenScope): CodegenScope {
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
