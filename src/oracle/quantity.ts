// The quantities of a network that a derivative symbol may be taken with respect to, and that
// the oracle can perturb: a weight or bias, an input, and any node's net or y.
import { toText } from "../expr/text.js";
import { assertNever, type Expr } from "../expr/types.js";
import type { Network } from "../network/graph.js";
import type { ForwardPass, Override } from "./forward.js";
import { edgeOfSymbol, edgeParams, isTiedEdge, nameOf, paramOfShared, type Params } from "../network/params.js";

export type Quantity =
  | { readonly kind: "param"; readonly index: number }
  /** One use of a tied parameter: the weight of one edge (index into network.edges) alone. */
  | { readonly kind: "edge"; readonly index: number }
  | { readonly kind: "input"; readonly node: number }
  | { readonly kind: "net"; readonly node: number }
  | { readonly kind: "y"; readonly node: number };

/** The quantity a concrete symbol names, or undefined: w_{kj}, w_{b_k}, x_i, net_k, y_k. */
export function quantityOf(network: Network, e: Expr): Quantity | undefined {
  if (e.kind !== "sym") return undefined;
  const [a] = e.idx;
  if (e.name === "w") {
    // w_{kj} is the weight of the edge j -> k: for a tied edge that one use, so that
    // dE/dw_{kj} = delta_k y_j holds for it as for any edge; the shared value is the sum of its uses.
    const edge = edgeOfSymbol(network, e.idx);
    if (edge === undefined) return undefined;
    return isTiedEdge(network, edge) ? { kind: "edge", index: edge } : { kind: "param", index: edgeParams(network)[edge]! };
  }
  if (e.name === "theta") {
    const i = paramOfShared(network, e.idx);
    return i === undefined ? undefined : { kind: "param", index: i };
  }
  if (e.idx.length !== 1 || a?.kind !== "node") return undefined;
  const info = network.nodes[a.n];
  if (info === undefined || a.n === 0) return undefined;
  const isInput = info.layer === 0;
  switch (e.name) {
    case "x":
      return isInput ? { kind: "input", node: a.n } : undefined;
    case "y":
      // y_j of an input node is its input x_j, as in the index-form steps over pred(k).
      return isInput ? { kind: "input", node: a.n } : { kind: "y", node: a.n };
    case "net":
      return isInput ? undefined : { kind: "net", node: a.n };
    default:
      return undefined;
  }
}

export function valueOf(q: Quantity, p: Params, pass: ForwardPass, network: Network): number {
  switch (q.kind) {
    case "param":
      return p.values[q.index]!;
    case "edge":
      return p.values[edgeParams(network)[q.index]!]!;
    case "input":
    case "y":
      return pass.y[q.node]!;
    case "net":
      return pass.net[q.node]!;
    default:
      return assertNever(q);
  }
}

export function overrideOf(q: Quantity, value: number): Override {
  switch (q.kind) {
    case "param":
      return { param: { index: q.index, value } };
    case "edge":
      return { edge: { index: q.index, value } };
    case "input":
      return { input: { node: q.node, value } };
    case "net":
      return { net: { node: q.node, value } };
    case "y":
      return { y: { node: q.node, value } };
    default:
      return assertNever(q);
  }
}

export const describe = (network: Network, q: Quantity): string => {
  switch (q.kind) {
    case "param":
      return nameOf(network.params[q.index]!);
    case "edge":
      return nameOf(network.edges[q.index]!);
    case "input":
      return `x_${q.node}`;
    case "net":
      return `net_${q.node}`;
    case "y":
      return `y_${q.node}`;
    default:
      return assertNever(q);
  }
};

export const exprName = (e: Expr): string => toText(e);
