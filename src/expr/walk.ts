// Structural traversals: rebuild with a function applied to children, bind index variables,
// expand bound sums over concrete node sets, substitute subtrees.
import * as b from "./build.js";
import { key } from "./key.js";
import { assertNever, type Expr, type Index, type IndexSet } from "./types.js";

/** Rebuilds `e` through the smart constructors with `f` applied to each child expression. */
export function mapChildren(e: Expr, f: (c: Expr) => Expr): Expr {
  switch (e.kind) {
    case "num":
    case "sym":
    case "index":
    case "tensor":
    case "ellipsis":
      return e;
    case "add":
      return b.add(...e.terms.map(f));
    case "mul":
      return b.mul(...e.factors.map(f));
    case "pow":
      return b.pow(f(e.base), f(e.exp));
    case "call":
      return b.call(e.fn, e.args.map(f), e.order);
    case "deriv":
      return b.deriv(f(e.of), f(e.wrt));
    case "sum":
      return b.sum(e.index, e.set, f(e.body));
    case "max":
      return b.max(e.index, e.set, f(e.body), e.arg);
    case "iverson":
      return b.iverson(e.rel, f(e.lhs), f(e.rhs));
    case "matrix":
      return b.matrix(e.rows.map((r) => r.map(f)));
    case "transpose":
      return b.transpose(f(e.arg));
    case "matmul":
      return b.matmul(...e.factors.map(f));
    case "hadamard":
      return b.hadamard(...e.factors.map(f));
    default:
      return assertNever(e);
  }
}

function bindInIndex(i: Index, name: string, to: Index): Index {
  switch (i.kind) {
    case "node":
      return i;
    case "var":
      return i.name === name ? to : i;
    case "bias":
      return b.bias(bindInIndex(i.of, name, to));
    case "example":
      return b.example(bindInIndex(i.of, name, to));
    default:
      return assertNever(i);
  }
}

function bindInSet(s: IndexSet, name: string, to: Index): IndexSet {
  switch (s.kind) {
    case "downstream":
    case "preds":
    case "layer":
      return { kind: s.kind, of: bindInIndex(s.of, name, to) };
    case "outputs":
    case "nodes":
    case "examples":
      return s;
    default:
      return assertNever(s);
  }
}

/** Replaces the free index variable `name` by `to` (a node or another variable). */
export function bindIndex(e: Expr, name: string, to: Index): Expr {
  switch (e.kind) {
    case "sym":
      return b.sym(e.name, ...e.idx.map((i) => bindInIndex(i, name, to)));
    case "index":
      return b.indexValue(bindInIndex(e.index, name, to));
    case "tensor":
      return { ...e, idx: e.idx.map((i) => bindInIndex(i, name, to)) };
    case "sum": {
      const set = bindInSet(e.set, name, to);
      const body = e.index === name ? e.body : bindIndex(e.body, name, to);
      return b.sum(e.index, set, body);
    }
    case "max": {
      const body = e.index === name ? e.body : bindIndex(e.body, name, to);
      return b.max(e.index, bindInSet(e.set, name, to), body, e.arg);
    }
    case "iverson":
      return b.iverson(e.rel, bindIndex(e.lhs, name, to), bindIndex(e.rhs, name, to));
    default:
      return mapChildren(e, (c) => bindIndex(c, name, to));
  }
}

/** Binds several index variables to concrete nodes: { k: 6, j: 4 }. */
export function bindAll(e: Expr, binding: Record<string, number>): Expr {
  let out = e;
  for (const [name, n] of Object.entries(binding)) out = bindIndex(out, name, b.node(n));
  return out;
}

function indexMentions(i: Index, name: string): boolean {
  return i.kind === "var" ? i.name === name : i.kind === "node" ? false : indexMentions(i.of, name);
}

/** Whether the index variable `name` occurs free in `e`. */
export function mentionsIndex(e: Expr, name: string): boolean {
  switch (e.kind) {
    case "sym":
    case "tensor":
      return e.idx.some((i) => indexMentions(i, name));
    case "index":
      return indexMentions(e.index, name);
    case "sum":
    case "max":
      return ("of" in e.set && indexMentions(e.set.of, name)) || (e.index !== name && mentionsIndex(e.body, name));
    default:
      return children(e).some((c) => mentionsIndex(c, name));
  }
}

export function children(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case "num":
    case "sym":
    case "index":
    case "tensor":
    case "ellipsis":
      return [];
    case "add":
      return e.terms;
    case "mul":
    case "matmul":
    case "hadamard":
      return e.factors;
    case "pow":
      return [e.base, e.exp];
    case "call":
      return e.args;
    case "deriv":
      return [e.of, e.wrt];
    case "sum":
    case "max":
      return [e.body];
    case "iverson":
      return [e.lhs, e.rhs];
    case "matrix":
      return e.rows.flat();
    case "transpose":
      return [e.arg];
    default:
      return assertNever(e);
  }
}

/** Expands every bound sum whose set `resolve` can list into an explicit sum of terms. */
export function expandSums(e: Expr, resolve: (s: IndexSet) => readonly number[] | undefined): Expr {
  if (e.kind === "sum") {
    const nodes = resolve(e.set);
    const body = expandSums(e.body, resolve);
    if (nodes === undefined) return b.sum(e.index, e.set, body);
    return b.add(...nodes.map((n) => expandSums(bindIndex(body, e.index, b.node(n)), resolve)));
  }
  return mapChildren(e, (c) => expandSums(c, resolve));
}

/** Replaces every subtree equal to a key of `table` by its value. */
export function replace(e: Expr, table: ReadonlyMap<string, Expr>): Expr {
  const hit = table.get(key(e));
  if (hit !== undefined) return hit;
  return mapChildren(e, (c) => replace(c, table));
}

/** Number of nodes in the tree: the size measure the simplifier never lets grow. */
export function size(e: Expr): number {
  let n = 1;
  for (const c of children(e)) n += size(c);
  return n;
}
