// The formula side of the CAS cross-check: E written as nerdamer-prime text by walking the network
// graph (never the engine's derived trees), with named constants for what a derivative cannot
// touch; each activation and loss from its own definition, each function by its CAS facet.
import * as b from "../expr/build.js";
import { builtin, CAS_E } from "../expr/functions.js";
import type { Expr } from "../expr/types.js";
import type { Network } from "../network/graph.js";
import { paramAt } from "../network/params.js";

/** A formula the CAS cannot be trusted with: the network is reported as not cross-checked. */
export class CasUnsupported extends Error {}

export type Branches = ReadonlyMap<number, boolean>;

/** CAS names: w4_1, wb_4, x_1, t_6 (nerdamer reads w_4_1 as the product w_4 * _1). */
export const casName = (kind: "w" | "x" | "t", to: number, from?: number | "b"): string =>
  kind !== "w" ? `${kind}_${to}` : from === "b" ? `wb_${to}` : `w${to}_${from}`;

/** The CAS name of the weight on edge from -> to: a tied edge is named by its group's parameter. */
export function casWeight(network: Network, to: number, from: number | "b"): string {
  const i = paramAt(network, to, from);
  const p = i === undefined ? undefined : network.params[i];
  return p === undefined ? casName("w", to, from) : casName("w", p.to, p.from);
}

/**
 * Which nodes are written out (the others are the names net_m, y_m) and which terms w_mj y_j of
 * each net (j = "b": the bias); the terms left out of net_m are the constant r_m.
 */
export interface Live {
  net(m: number): boolean;
  y(m: number): boolean;
  term(m: number, j: number | "b"): boolean;
}
export const ALL: Live = { net: () => true, y: () => true, term: () => true };
export const NONE: Live = { net: () => false, y: () => false, term: () => true };

export const E_BASE = CAS_E;
export const exp = (a: string): string => `${E_BASE}^(${a})`;

/** E as one scalar formula in nerdamer syntax, of w4_1, wb_4, x_1, t_6. */
export const casLoss = (network: Network, branches: Branches = new Map()): string =>
  formulas(network, branches, ALL)
    .terms.map((t) => `(${t})`)
    .join("+");

/** net_m and y_m of each node, over the previous layer's references, and E's term per output. */
export function formulas(
  network: Network,
  branches: Branches,
  live: Live,
): { net: Map<number, string>; y: Map<number, string>; terms: string[] } {
  const net = new Map<number, string>();
  const y = new Map<number, string>();
  const yRef = (j: number): string => (network.nodes[j]!.layer === 0 ? casName("x", j) : live.y(j) ? y.get(j)! : `y_${j}`);
  const netRef = (m: number): string => (live.net(m) ? `(${net.get(m)!})` : `net_${m}`);
  for (const layer of network.layers.slice(1)) {
    for (const k of layer.nodes) {
      const node = network.nodes[k]!;
      if (node.combine === "max") throw new CasUnsupported(`node ${k} takes a max, which nerdamer-prime has no derivative of`);
      if (node.combine === "average") {
        net.set(k, `(${node.preds.map(yRef).join("+")})/${node.preds.length}`);
        continue;
      }
      const terms = node.preds.filter((j) => live.term(k, j)).map((j) => `${casWeight(network, k, j)}*${yRef(j)}`);
      if (node.bias && live.term(k, "b")) terms.push(casWeight(network, k, "b"));
      if (terms.length < node.preds.length + (node.bias ? 1 : 0)) terms.push(`r_${k}`);
      net.set(k, terms.join("+"));
    }
    const a = layer.activation!;
    for (const k of layer.nodes) {
      const u = netRef(k);
      if (a.elementwise) {
        // The activation's own definition, with relu's [x > 0] the branch chosen at this point.
        const x = b.sym("x");
        y.set(
          k,
          casText(
            a.definition(x),
            (name) => (name === "x" ? u : undefined),
            () => (branch(branches, k) ? "1" : "0"),
          ),
        );
      } else {
        // 1 / sum_l e^{net_l - net_k}: nerdamer-prime 1.5.0 simplifies e^a/(e^a+e^b) to
        // (e^a+e^b)^(-1+a), so the textbook quotient cannot be handed to it.
        y.set(
          k,
          `(1/(1${layer.nodes
            .filter((l) => l !== k)
            .map((l) => `+${exp(`${netRef(l)}-${u}`)}`)
            .join("")}))`,
        );
      }
    }
  }
  const loss = network.loss;
  const term = loss.term(b.sym("y"), b.sym("t"));
  const terms = network.outputs.map(
    (k) => `(${loss.scale})*${casText(term, (name) => (name === "y" ? yRef(k) : name === "t" ? casName("t", k) : undefined))}`,
  );
  return { net, y, terms };
}

export function branch(branches: Branches, k: number): boolean {
  const b = branches.get(k);
  if (b === undefined) throw new CasUnsupported(`no branch was chosen for the kink of node ${k}`);
  return b;
}

export type Scope = Record<string, number>;

/**
 * An expression of ours in nerdamer-prime's syntax: each built-in function by its own CAS
 * facet (src/expr/functions.ts), symbols by `sym` (x of an activation, y and t of a loss term),
 * an Iverson bracket [u > 0] by `bracket` (a relu branch chosen at the point).
 */
export function casText(e: Expr, sym: (name: string) => string | undefined, bracket?: (e: Expr) => string): string {
  const c = (x: Expr): string => casText(x, sym, bracket);
  switch (e.kind) {
    case "num":
      return `(${e.value})`;
    case "sym": {
      const s = e.idx.length === 0 ? sym(e.name) : undefined;
      if (s === undefined) throw new CasUnsupported(`symbol ${e.name} in a formula`);
      return `(${s})`;
    }
    case "add":
      return `(${e.terms.map(c).join("+")})`;
    case "mul":
      return `(${e.factors.map(c).join("*")})`;
    case "pow":
      return `(${c(e.base)})^(${c(e.exp)})`;
    case "call": {
      const fn = builtin(e.fn);
      if (fn === undefined || e.order !== 0 || e.args.length !== 1) throw new CasUnsupported(`function "${e.fn}" has no CAS form`);
      return `(${fn.cas(c(e.args[0]!))})`;
    }
    case "iverson":
      if (bracket === undefined) throw new CasUnsupported("an Iverson bracket in a formula");
      return bracket(e);
    default:
      throw new CasUnsupported(`a ${e.kind} in a formula`);
  }
}
