// A vector or matrix equation of a recurrent network at concrete steps, entry by entry: each
// side's tree of literal matrices, named vectors and matrices (recurrent-entries.ts), sums,
// products, transposes, entrywise products and elementwise activations becomes a matrix of
// scalar trees, which the step check compares one entry at a time. Anything else (a step t left
// as a letter, an elided sum, softmax of a vector) has no entries and stays notation.
import * as b from "../expr/build.js";
import type { Expr } from "../expr/types.js";
import { activationLetters, type Network } from "../network/graph.js";
import { recurrentEntries } from "../network/forms/recurrent-entries.js";

type Entries = Expr[][];

const NON_SCALAR = new Set<Expr["kind"]>(["tensor", "matrix", "transpose", "matmul", "hadamard", "ellipsis"]);
const scalar = (e: Expr): boolean => {
  if (NON_SCALAR.has(e.kind)) return false;
  switch (e.kind) {
    case "add":
      return e.terms.every(scalar);
    case "mul":
      return e.factors.every(scalar);
    case "pow":
      return scalar(e.base) && scalar(e.exp);
    case "call":
      return e.args.every(scalar);
    case "deriv":
      return scalar(e.of) && scalar(e.wrt);
    default:
      return true;
  }
};

const sameShape = (a: Entries, c: Entries): boolean => a.length === c.length && a.every((r, i) => r.length === c[i]!.length);
const map = (m: Entries, f: (x: Expr, i: number, j: number) => Expr): Entries => m.map((r, i) => r.map((x, j) => f(x, i, j)));

function product(a: Entries, c: Entries): Entries | undefined {
  const inner = a[0]?.length ?? 0;
  if (inner !== c.length || inner === 0) return undefined;
  return a.map((row) => c[0]!.map((_, j) => b.rawAdd(...row.map((x, k) => b.rawMul(x, c[k]![j]!)))));
}

/** The entries of a tree, or undefined when it is a scalar or has no entries. */
export function entrywise(network: Network, e: Expr): Entries | undefined {
  const of = (x: Expr): Entries | undefined => entrywise(network, x);
  switch (e.kind) {
    case "matrix":
      return e.rows.map((r) => [...r]);
    case "tensor":
      return recurrentEntries(network, e);
    case "transpose": {
      const m = of(e.arg);
      return m === undefined ? undefined : m[0]!.map((_, j) => m.map((r) => r[j]!));
    }
    case "add":
    case "hadamard": {
      const parts = (e.kind === "add" ? e.terms : e.factors).map(of);
      const first = parts[0];
      if (first === undefined || parts.some((p) => p === undefined || !sameShape(p, first))) return undefined;
      const join = e.kind === "add" ? b.rawAdd : b.rawMul;
      return map(first, (_, i, j) => join(...parts.map((p) => p![i]![j]!)));
    }
    case "matmul": {
      let acc = of(e.factors[0]!);
      for (const f of e.factors.slice(1)) {
        const m = of(f);
        acc = acc === undefined || m === undefined ? undefined : product(acc, m);
      }
      return acc;
    }
    case "mul": {
      const mats = e.factors.filter((f) => !scalar(f));
      if (mats.length !== 1) return undefined;
      const m = of(mats[0]!);
      const scalars = e.factors.filter((f) => scalar(f));
      return m === undefined ? undefined : map(m, (x) => b.rawMul(...scalars, x));
    }
    case "call": {
      const a = activationLetters(network).get(e.fn);
      const m = e.args.length === 1 ? of(e.args[0]!) : undefined;
      if (m === undefined || a === undefined) return undefined;
      return map(m, (x) => ({ ...e, args: [x] }));
    }
    case "deriv": {
      const m = scalar(e.of) ? of(e.wrt) : undefined;
      return m === undefined ? undefined : map(m, (x) => b.deriv(e.of, x));
    }
    default:
      return undefined;
  }
}

/** A matrix equation's entries as scalar equations (lhs, rhs, and where: "(2,1)"), or undefined. */
export function entrySteps(network: Network, lhs: Expr, rhs: Expr): { where: string; lhs: Expr; rhs: Expr }[] | undefined {
  if (network.spec.recurrent === undefined) return undefined;
  const l = entrywise(network, lhs);
  const r = entrywise(network, rhs);
  if (l === undefined || r === undefined || !sameShape(l, r)) return undefined;
  return l.flatMap((row, i) => row.map((x, j) => ({ where: `(${i + 1},${j + 1})`, lhs: x, rhs: r[i]![j]! })));
}
