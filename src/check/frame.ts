// The frame that the derived formulas are compiled against (src/expr/codegen.ts): the arrays
// holding params, y, net, δ, targets, η, the outputs' stable logs, gradients and updates, and the
// scopes that resolve the printed symbols to their slots.
import * as b from "../expr/build.js";
import { toIR, type CodegenScope, type Slot } from "../expr/codegen.js";
import { evaluate } from "../expr/evaluate.js";
import { equal } from "../expr/key.js";
import type { Expr } from "../expr/types.js";
import { activationLetters, type Network } from "../network/graph.js";
import { resolveSet } from "../network/sets.js";
import { meaningOf, readMeaning, type SymbolReader } from "../network/symbols.js";

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
  UPDATE = 9,
  YMT = 10;
export const ARRAYS = 11;

/** Every printed symbol of the network by its slot: w and theta in P, x and y in Y, net, delta, t, eta. */
export function scopeFor(network: Network): CodegenScope {
  const letters = activationLetters(network);
  const derivatives = new Map<string, (x: number) => number>();
  // E has no slot: the loss is compiled as a tree of its own.
  const reader: SymbolReader<Slot | undefined> = {
    param: (i) => ({ array: P, at: i }),
    y: (n) => ({ array: Y, at: n }),
    net: (n) => ({ array: NET, at: n }),
    delta: (n) => ({ array: DELTA, at: n }),
    t: (_, n) => ({ array: T, at: n }),
    eta: () => ({ array: ETA, at: 0 }),
    E: () => undefined,
  };
  return {
    slot(name, idx): Slot | undefined {
      const m = meaningOf(network, name, idx);
      return "none" in m ? undefined : readMeaning(m, reader);
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

/** The output k of a tree y_k - t_k (in either order), or undefined for any other tree. */
function outputMinusTarget(network: Network, e: Expr): number | undefined {
  if (e.kind !== "add" || e.terms.length !== 2) return undefined;
  for (const k of network.outputs) {
    const yk = b.sym("y", b.node(k));
    const minusT = b.mul(b.num(-1), b.sym("t", b.node(k)));
    const [u, v] = e.terms;
    if ((equal(u!, yk) && equal(v!, minusT)) || (equal(v!, yk) && equal(u!, minusT))) return k;
  }
  return undefined;
}

/**
 * The scope of an output's error term that is y_k - t_k (softmax or sigmoid with their
 * cross-entropy): read from YMT, where it is computed without the cancellation of y_k near 1
 * (as (1 - t_k) - (1 - y_k), 1 - y_k from the stable ln(1 - y_k)); undefined for any other tree.
 */
export function outputDeltaScope(network: Network, base: CodegenScope, e: Expr): CodegenScope | undefined {
  const k = outputMinusTarget(network, e);
  if (k === undefined) return undefined;
  return { ...base, special: (x) => (outputMinusTarget(network, x) === k ? { k: "read", slot: { array: YMT, at: k } } : undefined) };
}

/** y - t of an output: (1 - t) - (1 - y) near y = 1, with 1 - y = e^{ln(1 - y)} from the stable log. */
export function yMinusT(y: number, t: number, ln1my: number): number {
  return y > 0.5 && Number.isFinite(ln1my) ? 1 - t - Math.exp(ln1my) : y - t;
}
