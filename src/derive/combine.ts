// How the proof speaks of a node's combination (rules/combinations/): net_k in index form for a
// group, and dnet_k/dy_j for the nodes downstream of a group, in the closed form of their rule
// where they are all of one kind (w_kj, the constant of a mean, the indicator of the arg max),
// and as the symbol dnet_k/dy_j where they mix kinds, each instance of which concreteLocals
// replaces by its own node's closed form once k and j are nodes.
import * as b from "../expr/build.js";
import { mapChildren } from "../expr/walk.js";
import type { Expr, Index } from "../expr/types.js";
import type { Layer, Network } from "../network/graph.js";
import type { Combination } from "../rules/combinations/combination.js";
import { COMBINATION_RULES } from "../rules/combinations/index.js";
import type { Equation } from "../rules/equation.js";
import { net, y } from "./symbols.js";

/** The number of inputs every one of the nodes reads, or undefined if they differ. */
export function fanIn(network: Network, nodes: readonly number[]): number | undefined {
  const n = network.nodes[nodes[0]!]!.preds.length;
  return nodes.every((k) => network.nodes[k]!.preds.length === n) ? n : undefined;
}

/** net_k of a group in index form, its inputs bound as `i` over pred(k). */
export const netOfLayer = (network: Network, layer: Layer, k: Index, i: string, out: (i: Index) => Expr, bias: boolean): Expr =>
  COMBINATION_RULES[layer.combine].net(k, i, out, bias, fanIn(network, layer.nodes));

/** What the nodes reading a group are: their one kind (undefined where they mix or there are none), their one fan-in, whether any pools. */
interface Readers {
  readonly kind: Combination | undefined;
  readonly fanIn: number | undefined;
  readonly pooled: boolean;
}

// Asked once for each pair of a group's nodes and their readers: worked out once per group.
const readersOf = new WeakMap<Layer, Readers>();

function readers(network: Network, layer: Layer): Readers {
  const known = readersOf.get(layer);
  if (known !== undefined) return known;
  const nodes = [...new Set(layer.nodes.flatMap((n) => network.nodes[n]!.downstream))];
  const kinds = new Set(nodes.map((k) => network.nodes[k]!.combine));
  const r: Readers = {
    kind: kinds.size === 1 ? [...kinds][0] : undefined,
    fanIn: nodes.length === 0 ? undefined : fanIn(network, nodes),
    pooled: nodes.some((k) => network.nodes[k]!.combine !== "weighted"),
  };
  readersOf.set(layer, r);
  return r;
}

/** Whether any node downstream of the group pools its inputs (max or average). */
export const readByPooling = (network: Network, layer: Layer): boolean => readers(network, layer).pooled;

/** dnet_k/dy_j = (its closed form) for k downstream of the group, or undefined where the readers mix kinds. */
export function localEquation(network: Network, layer: Layer, k: Index, j: Index): Equation | undefined {
  const { kind, fanIn: n } = readers(network, layer);
  if (kind === undefined) return undefined;
  // Average readers of several fan-ins: each its own constant, as where the kinds mix.
  if (kind === "average" && n === undefined) return undefined;
  return COMBINATION_RULES[kind].local(k, j, n);
}

/** dnet_k/dy_j for k downstream of the group: its closed form, or the derivative symbol where the readers mix kinds. */
export const localFactor = (network: Network, layer: Layer, k: Index, j: Index): Expr =>
  localEquation(network, layer, k, j)?.rhs ?? b.deriv(net(k), y(j));

/** Every dnet_k/dy_j whose k and j are nodes, replaced by the closed form of node k's rule. */
export function concreteLocals(network: Network, e: Expr): Expr {
  if (e.kind === "deriv" && e.of.kind === "sym" && e.of.name === "net" && e.wrt.kind === "sym" && e.wrt.name === "y") {
    const [k] = e.of.idx;
    const [j] = e.wrt.idx;
    if (k?.kind === "node" && j?.kind === "node" && network.nodes[k.n] !== undefined) {
      const node = network.nodes[k.n]!;
      return COMBINATION_RULES[node.combine].local(k, j, node.preds.length).rhs;
    }
    return e;
  }
  return mapChildren(e, (c) => concreteLocals(network, c));
}
