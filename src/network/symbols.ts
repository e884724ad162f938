// What each concrete proof symbol stands for in a network: w_{kj} and w_{b_k} (the parameter of
// that edge), theta_g (the g-th tied group's shared value), x_i (an input), y_k, net_k, delta_k
// (a non-input node), t_k (an output's target), eta and E. One definition, read by every scope
// that gives the symbols numbers (real or complex, from the oracle's pass or the derived trees'
// frame, in the worked examples): a reader says only where each kind of value is kept.
import { EvalError } from "../expr/evaluate.js";
import { indexKey } from "../expr/key.js";
import { assertNever, type Expr, type Index } from "../expr/types.js";
import type { Network } from "./graph.js";
import { edgeOfSymbol, edgeParams, paramOfShared } from "./params.js";

export type SymbolMeaning =
  /** A weight or bias w (edge: which use of a tied parameter), or a shared value theta (no edge). */
  | { readonly kind: "param"; readonly index: number; readonly edge?: number }
  /** y_k of any node, x_i of an input: the node's output. */
  | { readonly kind: "y"; readonly node: number }
  | { readonly kind: "net"; readonly node: number }
  | { readonly kind: "delta"; readonly node: number }
  /** t_k: the target of the output-th output, node k. */
  | { readonly kind: "t"; readonly node: number; readonly output: number }
  | { readonly kind: "eta" }
  | { readonly kind: "E" };

/** The meaning of a symbol, or why it has none in this network. */
export function meaningOf(network: Network, name: string, idx: readonly Index[]): SymbolMeaning | { readonly none: string } {
  if (idx.length === 0) {
    if (name === "eta") return { kind: "eta" };
    if (name === "E") return { kind: "E" };
    return { none: `no value for ${name}` };
  }
  if (name === "w") {
    const e = edgeOfSymbol(network, idx);
    if (e === undefined) return { none: `no value for w: ${idx.map(indexKey).join(",")} is not a weight of this network` };
    return { kind: "param", index: edgeParams(network)[e]!, edge: e };
  }
  if (name === "theta") {
    const i = paramOfShared(network, idx);
    return i === undefined ? { none: "no value for theta: no such group of tied weights" } : { kind: "param", index: i };
  }
  const i = idx[0];
  if (idx.length !== 1 || i?.kind !== "node" || i.n === 0 || network.nodes[i.n] === undefined) return { none: `no value for ${name}` };
  const n = i.n;
  const input = network.nodes[n]!.layer === 0;
  switch (name) {
    case "x":
      return input ? { kind: "y", node: n } : { none: `no value for x_${n}: not an input` };
    case "y":
      return { kind: "y", node: n };
    case "net":
      return input ? { none: `no value for net_${n}: an input node` } : { kind: "net", node: n };
    case "delta":
      return input ? { none: "no value for delta: not a non-input node" } : { kind: "delta", node: n };
    case "t": {
      const output = network.outputs.indexOf(n);
      return output < 0 ? { none: "no value for t: not an output node" } : { kind: "t", node: n, output };
    }
    default:
      return { none: `no value for ${name}` };
  }
}

/** Where a scope keeps each kind of value: real numbers, complex ones, or slots of a frame. */
export interface SymbolReader<T> {
  param(index: number, edge: number | undefined): T;
  y(node: number): T;
  net(node: number): T;
  delta(node: number): T;
  t(output: number, node: number): T;
  eta(): T;
  E(): T;
}

/** A meaning read by a reader. */
export function readMeaning<T>(m: SymbolMeaning, reader: SymbolReader<T>): T {
  switch (m.kind) {
    case "param":
      return reader.param(m.index, m.edge);
    case "y":
      return reader.y(m.node);
    case "net":
      return reader.net(m.node);
    case "delta":
      return reader.delta(m.node);
    case "t":
      return reader.t(m.output, m.node);
    case "eta":
      return reader.eta();
    case "E":
      return reader.E();
    default:
      return assertNever(m);
  }
}

/** The value of a symbol through a reader; a symbol without meaning raises EvalError saying why. */
export function readSymbol<T>(network: Network, name: string, idx: readonly Index[], reader: SymbolReader<T>): T {
  const m = meaningOf(network, name, idx);
  if ("none" in m) throw new EvalError(m.none);
  return readMeaning(m, reader);
}

/** The value of a symbol e (with indices idx) through a reader, NaN for anything without meaning. */
export function symbolValue(network: Network, e: Expr, idx: readonly Index[], reader: SymbolReader<number>): number {
  if (e.kind !== "sym") return Number.NaN;
  const m = meaningOf(network, e.name, idx);
  return "none" in m ? Number.NaN : readMeaning(m, reader);
}
