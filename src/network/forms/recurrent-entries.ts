// The entries of a recurrent network's named vectors and matrices at a given step, as the
// unrolled graph's scalar symbols: x^{(t)} the inputs x_k of step t, h^{(0)} the initial state's
// inputs, h^{(t)} and yhat^{(t)} the outputs y_k, a^{(t)} and o^{(t)} the weighted inputs net_k,
// delta_h^{(t)} and delta_o^{(t)} the error terms delta_k; an entry of U, W, V, b or c the shared
// value theta_g of its tied group (w_{kj} or w_{b_k} where it is used once, T = 1). What a vector equation at a concrete step means entry by
// entry: the step check compares each entry, the worked example prints each entry's value.
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import type { Network } from "../graph.js";

type Tensor = Extract<Expr, { kind: "tensor" }>;

const column = (xs: readonly Expr[]): Expr[][] => xs.map((x) => [x]);
const sym = (name: string, nodes: readonly number[]): Expr[] => nodes.map((k) => b.sym(name, b.node(k)));

/** The entries of a recurrent tensor (rows of a matrix, or a column), or undefined for any other tensor. */
export function recurrentEntries(network: Network, e: Tensor): Expr[][] | undefined {
  const l = network.spec.recurrent;
  if (l === undefined || e.from !== undefined) return undefined;
  if (e.layer === undefined) {
    if (e.idx.length > 0) return undefined;
    const shared = l.shared.find((s) => s.name === e.name && (s.cols === 0) === (e.shape === "vec"));
    if (shared === undefined) return undefined;
    // A tied entry is its group's shared value theta_g (a symbol w_{kj} would be one use of it).
    const group = new Map<string, number>();
    network.tied.forEach((g, i) => {
      const first = network.edges[g[0]!]!;
      group.set(`${first.to}:${first.from}`, i + 1);
    });
    const param = (key: string): Expr => {
      const g = group.get(key);
      if (g !== undefined) return b.sym("theta", b.node(g));
      const [k, j] = key.split(":");
      return j === "b" ? b.sym("w", b.bias(b.node(Number(k)))) : b.sym("w", b.node(Number(k)), b.node(Number(j)));
    };
    if (shared.cols === 0) return column(shared.keys.map(param));
    return Array.from({ length: shared.rows }, (_, r) => shared.keys.slice(r * shared.cols, (r + 1) * shared.cols).map(param));
  }
  const t = e.layer;
  if (e.shape !== "vec" || typeof t !== "number" || !Number.isInteger(t) || t < 0 || t > l.steps) return undefined;
  const ids = l.ids[t];
  const nodes = (name: string): readonly number[] | undefined => (t === 0 ? undefined : ids?.get(name));
  const sub = e.idx.length === 1 && e.idx[0]!.kind === "var" ? e.idx[0]!.name : e.idx.length === 0 ? "" : undefined;
  const of = (name: string, set: string): Expr[][] | undefined => {
    const n = nodes(set);
    return n === undefined ? undefined : column(sym(name, n));
  };
  switch (`${e.name}:${sub}`) {
    case "x:":
      return of("x", "x");
    case "h:":
      return t === 0 ? column(sym("x", l.h0)) : of("y", "h");
    case "a:":
      return of("net", "h");
    case "o:":
      return of("net", "y");
    case "yhat:":
      return of("y", "y");
    case "delta:h":
      return of("delta", "h");
    case "delta:o":
      return of("delta", "y");
    default:
      return undefined;
  }
}
