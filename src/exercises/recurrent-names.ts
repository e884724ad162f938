// A recurrent network's quantities in its own notation: the unrolled graph's node symbols
// (net_k, y_k, x_k, δ_k, t_k, w_kj, θ_g) renamed to the step and unit they are (a_i^{(t)},
// h_i^{(t)}, x_i^{(t)}, δ_{h i}^{(t)}, t_i^{(t)}, W_ij, ...). Only what is shown is renamed:
// the checker evaluates the graph's own steps, of which these are the same lines, renamed.
import * as b from "../expr/build.js";
import type { Expr, Index } from "../expr/types.js";
import { mapChildren } from "../expr/walk.js";
import type { RecurrentLayout } from "../network/forms/recurrent.js";
import type { Network } from "../network/graph.js";
import { paramIndex, usesOf } from "../network/params.js";

/** Unit i (1-based) of a vector at step t. */
interface At {
  readonly vec: "x" | "h" | "y";
  readonly t: number;
  readonly i: number;
}

/** A shared entry: matrix or bias vector name, row and column (1-based; column 0 for a vector). */
export interface Entry {
  readonly name: string;
  readonly row: number;
  readonly col: number;
}

export interface RecurrentNames {
  readonly layout: RecurrentLayout;
  /** Node number -> the unit and step it is. */
  readonly at: ReadonlyMap<number, At>;
  /** "to:from" of an edge of the graph -> the shared entry it uses. */
  readonly edge: ReadonlyMap<string, Entry>;
  /** θ_g (1-based group) -> the shared entry. */
  readonly theta: ReadonlyMap<number, Entry>;
  /** The graph parameter of each shared entry, by "name:row:col". */
  readonly param: ReadonlyMap<string, number>;
}

export function recurrentNames(network: Network): RecurrentNames {
  const l = network.spec.recurrent!;
  const at = new Map<number, At>();
  for (let t = 1; t <= l.steps; t++)
    for (const vec of ["x", "h", "y"] as const) (l.ids[t]!.get(vec) ?? []).forEach((k, i) => at.set(k, { vec, t, i: i + 1 }));
  l.h0.forEach((k, i) => at.set(k, { vec: "h", t: 0, i: i + 1 }));
  const index = paramIndex(network);
  const edge = new Map<string, Entry>();
  const param = new Map<string, number>();
  for (const s of l.shared)
    s.keys.forEach((key, e) => {
      const p = index.get(key);
      if (p === undefined) return;
      const entry =
        s.cols === 0 ? { name: s.name, row: e + 1, col: 0 } : { name: s.name, row: Math.floor(e / s.cols) + 1, col: (e % s.cols) + 1 };
      param.set(`${entry.name}:${entry.row}:${entry.col}`, p);
      for (const u of usesOf(network, p)) {
        const ed = network.edges[u]!;
        edge.set(`${ed.to}:${ed.from}`, entry);
      }
    });
  const theta = new Map<number, Entry>();
  network.tied.forEach((g, i) => {
    const ed = network.edges[g[0]!]!;
    const entry = edge.get(`${ed.to}:${ed.from}`);
    if (entry !== undefined) theta.set(i + 1, entry);
  });
  return { layout: l, at, edge, theta, param };
}

const step = (t: number): Index => ({ kind: "example", of: b.node(t) });

/** A shared entry as a symbol: W_{ij}, b_i. */
export const entrySym = (e: Entry): Expr => (e.col === 0 ? b.sym(e.name, b.node(e.row)) : b.sym(e.name, b.node(e.row), b.node(e.col)));

/** The symbol of a unit at a step: a_i^{(t)}, h_i^{(t)}, o_i^{(t)}, y_i^{(t)}, x_i^{(t)}, δ_{h i}^{(t)}. */
export function unitSym(name: "a" | "h" | "o" | "y" | "x" | "t" | "delta-h" | "delta-o", i: number, t: number): Expr {
  if (name === "delta-h" || name === "delta-o") return b.sym("delta", b.ivar(name.slice(-1)), b.node(i), step(t));
  return b.sym(name, b.node(i), step(t));
}

function renameSym(n: RecurrentNames, e: Extract<Expr, { kind: "sym" }>): Expr {
  const first = e.idx[0];
  if (first === undefined) return e;
  if (e.name === "theta" && first.kind === "node") {
    const entry = n.theta.get(first.n);
    return entry === undefined ? e : entrySym(entry);
  }
  if (e.name === "w") {
    const to = first.kind === "bias" && first.of.kind === "node" ? first.of.n : first.kind === "node" ? first.n : undefined;
    const second = e.idx[1];
    const from = first.kind === "bias" ? "b" : second?.kind === "node" ? second.n : undefined;
    const entry = to === undefined || from === undefined ? undefined : n.edge.get(`${to}:${from}`);
    return entry === undefined ? e : entrySym(entry);
  }
  if (first.kind !== "node" || e.idx.length !== 1) return e;
  const a = n.at.get(first.n);
  if (a === undefined) return e;
  const out = a.vec === "y";
  switch (e.name) {
    case "net":
      return unitSym(out ? "o" : "a", a.i, a.t);
    case "y":
    case "x":
      return unitSym(a.vec, a.i, a.t);
    case "delta":
      return unitSym(out ? "delta-o" : "delta-h", a.i, a.t);
    case "t":
      return unitSym("t", a.i, a.t);
    default:
      return e;
  }
}

/** An expression of the unrolled graph in the recurrent notation; a part with nothing to rename is kept as it is. */
export function rename(n: RecurrentNames, e: Expr): Expr {
  if (e.kind === "sym") return renameSym(n, e);
  let changed = false;
  const out = mapChildren(e, (c) => {
    const r = rename(n, c);
    if (r !== c) changed = true;
    return r;
  });
  return changed ? out : e;
}
