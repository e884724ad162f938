// Readable at any size: a presentation transform of the proof, never a change to it (the JSON
// output keeps every node). Two kinds of elision, both governed by --expand N (default 6):
// - rows: a per-node enumeration (Block.enumeration, or any run of concrete steps about the
//   nodes of one layer) wider than N nodes shows its first nodes, a gap (a vertical ellipsis)
//   and its last node; inside one node, more than N + 1 steps (one per weight, bias included)
//   are elided the same way;
// - formulas: a sum with more than N + 1 terms, or a matrix with more than N + 1 rows or columns,
//   shows its first entries, an ellipsis and its last entry (N + 1: a layer of N nodes plus the
//   bias term never elides).
// A list longer than its limit keeps (limit - 2) leading items, the ellipsis and the last item,
// so that the elided form is never longer than the limit.
import { ELLIPSIS } from "../expr/build.js";
import { children, mapChildren, size } from "../expr/walk.js";
import type { Expr, Index } from "../expr/types.js";
import type { Block, Step } from "../derive/proof.js";
import type { Network } from "../network/graph.js";
import { Enumeration } from "../derive/enumeration.js";

export const DEFAULT_EXPAND = 6;

export type Row =
  /** A step as displayed: lhs and rhs elided, the step itself untouched (for its id, label...). */
  | { readonly kind: "step"; readonly step: Step; readonly lhs: Expr; readonly rhs: Expr }
  /** A vertical ellipsis standing for `count` lines left out: of a layer's nodes, or of one
   * node's weights. */
  | { readonly kind: "gap"; readonly count: number; readonly of: "nodes" | "weights" };

/** Keeps the first (limit - 2) items and the last one, with `gap` between, when over the limit. */
export function elideList<T>(items: readonly T[], limit: number, gap: () => T): T[] {
  if (items.length <= limit) return [...items];
  const head = Math.max(1, limit - 2);
  return [...items.slice(0, head), gap(), items[items.length - 1]!];
}

/** The formula as displayed: long sums and matrices elided, recursively, in time linear in what
 * is kept. Subtrees with nothing to elide are returned as they are, never rebuilt. */
export function elideExpr(e: Expr, expand: number): Expr {
  const limit = expand + 1;
  const inner = (x: Expr): Expr => elideExpr(x, expand);
  switch (e.kind) {
    case "add": {
      // Built raw: the smart constructor would reorder or merge the ellipsis with other terms.
      const terms = elideList(e.terms, limit, () => ELLIPSIS).map(inner);
      return same(terms, e.terms) ? e : { kind: "add", terms };
    }
    case "matrix": {
      const rows = elideList<readonly Expr[] | null>(e.rows, limit, () => null);
      const width = elideList(e.rows[0] ?? [], limit, () => ELLIPSIS).length;
      const out = rows.map((r) =>
        r === null ? Array.from({ length: width }, () => ELLIPSIS) : elideList(r, limit, () => ELLIPSIS).map(inner),
      );
      return out.length === e.rows.length && out.every((r, i) => same(r, e.rows[i]!)) ? e : { kind: "matrix", rows: out };
    }
    default: {
      const kids = children(e);
      const done = new Map(kids.map((k) => [k, inner(k)]));
      return kids.every((k) => done.get(k) === k) ? e : mapChildren(e, (c) => done.get(c) ?? inner(c));
    }
  }
}

const same = (a: readonly Expr[], b: readonly Expr[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The node a concrete per-node step is about: net_5, y_5, delta_5, w_{52}, w_{b_5}, \vec{w_5}. */
export function stepNode(s: Step): number | undefined {
  // A gradient dE/dw_{kj} is about the weight's node, like w_{kj} itself.
  const lhs = s.lhs.kind === "deriv" ? s.lhs.wrt : s.lhs;
  if (lhs.kind !== "sym" && lhs.kind !== "tensor") return undefined;
  const i: Index | undefined = lhs.idx[0];
  if (i?.kind === "node") return i.n;
  if (i?.kind === "bias" && i.of.kind === "node") return i.of.n;
  return undefined;
}

/**
 * How much a document may show, counted in nodes of displayed formulas: spent row by row, so that
 * a view too large to render stops as soon as it is (OverBudget) instead of being built whole.
 */
export class Budget {
  constructor(public left: number) {}
  spend(n: number): void {
    this.left -= n;
    if (this.left < 0) throw new OverBudget();
  }
}

export class OverBudget extends Error {
  constructor() {
    super("the view is larger than its budget");
  }
}

const shown = (s: Step, expand: number, budget?: Budget): Row => {
  const row: Row = { kind: "step", step: s, lhs: elideExpr(s.lhs, expand), rhs: elideExpr(s.rhs, expand) };
  budget?.spend(size(row.lhs) + size(row.rhs));
  return row;
};

/** Consecutive chains about one node, or one chain about none. A chain is a step and its
 * continuations: the lines of one quantity, never cut apart. */
interface Group {
  readonly node: number | undefined;
  readonly chains: Step[][];
}

const lines = (chains: readonly Step[][]): number => chains.reduce((n, c) => n + c.length, 0);

/**
 * The rows of a steps block as displayed. Every concrete step about a node (no free index) is
 * part of a per-node enumeration, whether or not its section marked the block as one
 * (Block.enumeration): the network's weight vectors, or a worked example's numbers, grow with the
 * layers just as much. Index-form steps, and steps about no node, are always shown.
 */
export function elideRows(network: Network, block: Extract<Block, { kind: "steps" }>, expand: number, budget?: Budget): Row[] {
  if (block.steps instanceof Enumeration) return elideEnumeration(network, block.steps, expand, budget);
  const groups: Group[] = [];
  for (const s of block.steps) {
    const last = groups[groups.length - 1];
    const node = s.forall.length === 0 ? stepNode(s) : undefined;
    if (last !== undefined && s.continues) last.chains[last.chains.length - 1]!.push(s);
    else if (last !== undefined && node !== undefined && node === last.node) last.chains.push([s]);
    else groups.push({ node, chains: [[s]] });
  }
  const layerOf = (g: Group): number | undefined => (g.node === undefined ? undefined : network.nodes[g.node]?.layer);
  const rows: Row[] = [];
  for (let i = 0; i < groups.length; ) {
    // A run of node groups of one layer, elided as a whole.
    const layer = layerOf(groups[i]!);
    let j = i + 1;
    while (layer !== undefined && j < groups.length && layerOf(groups[j]!) === layer) j++;
    const run = groups.slice(i, j);
    i = j;
    for (const g of layer === undefined ? run : elideList<Group | null>(run, expand, () => null)) {
      if (g === null) {
        rows.push({ kind: "gap", count: omitted(run, expand).reduce((n, x) => n + lines(x.chains), 0), of: "nodes" });
        continue;
      }
      // One node's chains (one per weight, bias included) elided past expand + 1, whole chains.
      const chains = g.node === undefined ? g.chains : elideList<Step[] | null>(g.chains, expand + 1, () => null);
      for (const c of chains) {
        if (c === null) rows.push({ kind: "gap", count: lines(omitted(g.chains, expand + 1)), of: "weights" });
        else for (const s of c) rows.push(shown(s, expand, budget));
      }
    }
  }
  return rows;
}

/**
 * The rows of an enumeration, the same as elideRows gives for its steps written out, made without
 * writing out the steps it leaves out: each node's steps are single lines about that node, so its
 * groups are its nodes and its chains its steps.
 */
function elideEnumeration(network: Network, e: Enumeration, expand: number, budget?: Budget): Row[] {
  const rows: Row[] = [];
  const size = (g: number): number => e.range(g)[1] - e.range(g)[0];
  const layerOf = (g: number): number | undefined => network.nodes[e.nodes[g]!]?.layer;
  for (let i = 0; i < e.nodes.length; ) {
    const layer = layerOf(i);
    let j = i + 1;
    while (layer !== undefined && j < e.nodes.length && layerOf(j) === layer) j++;
    const run = Array.from({ length: j - i }, (_, n) => i + n);
    i = j;
    for (const g of layer === undefined ? run : elideList<number | null>(run, expand, () => null)) {
      if (g === null) {
        rows.push({ kind: "gap", count: omitted(run, expand).reduce((n, x) => n + size(x), 0), of: "nodes" });
        continue;
      }
      const [from, to] = e.range(g);
      const positions = Array.from({ length: to - from }, (_, n) => from + n);
      for (const at of elideList<number | null>(positions, expand + 1, () => null)) {
        if (at === null) rows.push({ kind: "gap", count: omitted(positions, expand + 1).length, of: "weights" });
        else rows.push(shown(e.at(at)!, expand, budget));
      }
    }
  }
  return rows;
}

/** The items that elideList leaves out. */
const omitted = <T>(items: readonly T[], limit: number): T[] =>
  items.length <= limit ? [] : items.slice(Math.max(1, limit - 2), items.length - 1);

/** Lists of node numbers in prose ("the input nodes are 1, 2, ..., 784") elided like layers. */
export function elideText(text: string, expand: number): string {
  return text.replace(/\d+(?:, \d+){2,}/g, (list) => elideList(list.split(", "), expand, () => "...").join(", "));
}
