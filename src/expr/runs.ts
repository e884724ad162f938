// Runs of like trees, found straight from the trees (no IR built): each compared with the first
// of its run in one walk of both (same kinds, same numbers, symbols in the same arrays), its
// slot positions collected, so that a run whose positions advance by constant strides can be
// compiled as one loop (src/expr/emit.ts).
import type { CodegenScope } from "./ir.js";
import type { Expr } from "./types.js";

/** A run of trees: from..to-1 alike, slot positions base + q stride; arrays undefined: a tree compiled through its IR alone. */
export interface Run {
  readonly from: number;
  readonly to: number;
  readonly base: readonly number[];
  readonly stride: readonly number[];
  readonly arrays: readonly number[] | undefined;
}

/**
 * Runs of like trees: each compared with the first of its run in one walk of both (same kinds,
 * same numbers, symbols in the same arrays), its slot positions collected into one buffer.
 * `extra` appends one more position per tree (where it is written).
 */
export function treeRuns(trees: readonly Expr[], scope: CodegenScope, extra?: (i: number) => number): Run[] {
  const out: Run[] = [];
  const buf: number[] = [];
  let i = 0;
  while (i < trees.length) {
    const base: number[] = [];
    const arrays: number[] = [];
    if (!slotsOf(trees[i]!, scope, base, arrays)) {
      out.push({ from: i, to: i + 1, base: [], stride: [], arrays: undefined });
      i++;
      continue;
    }
    if (extra !== undefined) base.push(extra(i));
    let stride: number[] | undefined;
    let j = i + 1;
    for (; j < trees.length; j++) {
      buf.length = 0;
      if (!alike(trees[i]!, trees[j]!, scope, buf)) break;
      if (extra !== undefined) buf.push(extra(j));
      if (stride === undefined) {
        stride = [];
        for (let n = 0; n < base.length; n++) stride.push(buf[n]! - base[n]!);
        continue;
      }
      let same = true;
      for (let n = 0; n < base.length && same; n++) same = buf[n] === base[n]! + (j - i) * stride[n]!;
      if (!same) break;
    }
    out.push({ from: i, to: j, base, stride: stride ?? [], arrays });
    i = j;
  }
  return out;
}

/** The slots of a tree made of numbers, symbols, sums, products and powers; false for anything else. */
function slotsOf(e: Expr, scope: CodegenScope, at: number[], arrays: number[]): boolean {
  switch (e.kind) {
    case "num":
      return true;
    case "sym": {
      for (const i of e.idx) if (i.kind === "var" || (i.kind === "bias" && i.of.kind !== "node")) return false;
      const slot = scope.slot(e.name, e.idx);
      if (slot === undefined) return false;
      at.push(slot.at);
      arrays.push(slot.array);
      return true;
    }
    case "add":
    case "mul":
      for (const x of e.kind === "add" ? e.terms : e.factors) if (!slotsOf(x, scope, at, arrays)) return false;
      return true;
    case "pow":
      return slotsOf(e.base, scope, at, arrays) && slotsOf(e.exp, scope, at, arrays);
    default:
      return false;
  }
}

/** Whether b has a's shape (a already known to be slot-able); b's slot positions go to `at`. */
function alike(a: Expr, b: Expr, scope: CodegenScope, at: number[]): boolean {
  switch (a.kind) {
    case "num":
      return b.kind === "num" && Object.is(a.value, b.value);
    case "sym": {
      if (b.kind !== "sym") return false;
      for (const i of b.idx) if (i.kind === "var" || (i.kind === "bias" && i.of.kind !== "node")) return false;
      const sb = scope.slot(b.name, b.idx);
      if (sb === undefined || sb.array !== scope.slot(a.name, a.idx)!.array) return false;
      at.push(sb.at);
      return true;
    }
    case "add":
    case "mul": {
      if (b.kind !== a.kind) return false;
      const xs = a.kind === "add" ? a.terms : a.factors;
      const ys = b.kind === "add" ? b.terms : (b as { factors: readonly Expr[] }).factors;
      if (xs.length !== ys.length) return false;
      for (let n = 0; n < xs.length; n++) if (!alike(xs[n]!, ys[n]!, scope, at)) return false;
      return true;
    }
    case "pow":
      return b.kind === "pow" && alike(a.base, b.base, scope, at) && alike(a.exp, b.exp, scope, at);
    default:
      return false;
  }
}
