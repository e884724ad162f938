// The intermediate form of compiled expressions (src/expr/codegen.ts): a tree over slots of the
// frame's typed arrays, constants and function references, and the scope that resolves a
// printed symbol to its slot.
import { assertNever, type Expr, type Index, type IndexSet } from "./types.js";

/** A slot: element `at` of array number `array` of the frame. */
export interface Slot {
  readonly array: number;
  readonly at: number;
}

export interface CodegenScope {
  /** The slot of an indexed symbol whose indices are all concrete, or undefined (an error when evaluated). */
  slot(name: string, idx: readonly Index[]): Slot | undefined;
  /** The nodes of a named index set, all indices concrete. */
  set(s: IndexSet): readonly number[] | undefined;
  /** A function that is not built in (an activation letter f, g, ...) and its derivatives. */
  fn?(name: string, order: number): ((x: number) => number) | undefined;
  /** A subtree with a meaning of its own (a stable form), or undefined to compile it as it is. */
  special?(e: Expr, env: ReadonlyMap<string, number>): IR | undefined;
}

/** The intermediate form: a tree over slots, constants and functions. */
export type IR =
  | { readonly k: "const"; readonly v: number }
  | { readonly k: "read"; readonly slot: Slot }
  | { readonly k: "add"; readonly xs: readonly IR[] }
  | { readonly k: "mul"; readonly xs: readonly IR[] }
  | { readonly k: "pow"; readonly base: IR; readonly exp: IR }
  | { readonly k: "call"; readonly fn: (x: number) => number; readonly x: IR }
  | { readonly k: "iverson"; readonly rel: "gt" | "eq"; readonly l: IR; readonly r: IR }
  /** The largest of xs, or (arg) the node of the first that attains it. */
  | { readonly k: "max"; readonly arg: boolean; readonly xs: readonly IR[]; readonly nodes: readonly number[] }
  /** c ln y with 0 ln y = 0: a loss's convention, for c times a logarithm. */
  | { readonly k: "xlogy"; readonly c: IR; readonly log: IR }
  | { readonly k: "error"; readonly message: string };

export const hasError = (ir: IR): boolean => {
  switch (ir.k) {
    case "error":
      return true;
    case "const":
    case "read":
      return false;
    case "add":
    case "mul":
    case "max":
      return ir.xs.some(hasError);
    case "pow":
      return hasError(ir.base) || hasError(ir.exp);
    case "call":
      return hasError(ir.x);
    case "iverson":
      return hasError(ir.l) || hasError(ir.r);
    case "xlogy":
      return hasError(ir.c) || hasError(ir.log);
    default:
      return assertNever(ir);
  }
};

/** The arrays an IR tree reads, in order of its reads. */
export function collectArrays(ir: IR, out: number[]): void {
  switch (ir.k) {
    case "read":
      out.push(ir.slot.array);
      return;
    case "add":
    case "mul":
    case "max":
      for (const x of ir.xs) collectArrays(x, out);
      return;
    case "pow":
      collectArrays(ir.base, out);
      collectArrays(ir.exp, out);
      return;
    case "call":
      collectArrays(ir.x, out);
      return;
    case "iverson":
      collectArrays(ir.l, out);
      collectArrays(ir.r, out);
      return;
    case "xlogy":
      collectArrays(ir.c, out);
      collectArrays(ir.log, out);
      return;
    default:
      return;
  }
}
