// Compilation of scalar expressions to JavaScript, the way a compiler would: every symbol is
// resolved once to a slot of a typed array, sums over concrete sets are unrolled, and then runs
// of like terms whose slots advance by constant strides are rolled back into loops (a net
// w_{k1} y_1 + ... + w_{k784} y_784 becomes one loop over two arrays; the gradients
// delta_k y_j of a node's weights one loop over j). The arithmetic is evaluate()'s: the same
// operations in the same order, so the same floating-point results. Only numbers, slots and
// indices into tables of functions reach the generated source, never a name or a string from the
// tree, so no input can inject code.
import { diff } from "./diff.js";
import { compileValue, Emitter, type Frame, type Item } from "./emit.js";
import { builtin } from "./functions.js";
import { interpret, NO_ENV, type Algebra, type Env } from "./interpret.js";
import { hasError, type CodegenScope, type IR } from "./ir.js";
import { treeRuns, type Run } from "./runs.js";
import type { Expr } from "./types.js";

export { compileValue, type Frame } from "./emit.js";
export { hasError, type CodegenScope, type IR, type Slot } from "./ir.js";
export { treeRuns } from "./runs.js";

const derivatives = new Map<string, (x: number) => number>();
/** d^order/du^order of a built-in function, by differentiating its derivative table, compiled once. */
function builtinFn(name: string, order: number): ((x: number) => number) | undefined {
  const f = builtin(name);
  if (f === undefined) return undefined;
  if (order === 0) return f.value;
  const k = `${name}/${order}`;
  let g = derivatives.get(k);
  if (g === undefined) {
    const u: Expr = { kind: "sym", name: "u", idx: [] };
    let d: Expr = f.derivative(u);
    for (let o = 1; o < order; o++) d = diff(d, u);
    g = single(toIR(d, { slot: () => ({ array: 0, at: 0 }), set: () => [] }), 1);
    derivatives.set(k, g);
  }
  return g;
}

/** The intermediate form as an algebra of the one interpreter: slots, constants, function references. */
function irAlgebra(scope: CodegenScope): Algebra<IR> {
  const error = (message: string): IR => ({ k: "error", message });
  return {
    num: (v) => ({ k: "const", v }),
    index: (n) => ({ k: "const", v: n }),
    add: (xs) => ({ k: "add", xs }),
    mul: (xs) => ({ k: "mul", xs }),
    pow: (base, exp) => ({ k: "pow", base, exp }),
    call(node, args) {
      if (args.length !== 1) return error(`no meaning for function ${node.fn}`);
      const fn = builtinFn(node.fn, node.order) ?? scope.fn?.(node.fn, node.order);
      return fn === undefined ? error(`no meaning for function ${node.fn}`) : { k: "call", fn, x: args[0]! };
    },
    iverson: (rel, l, r) => ({ k: "iverson", rel, l, r }),
    max: (xs, nodes, arg) => ({ k: "max", arg, xs, nodes }),
    sym(name, idx) {
      const slot = scope.slot(name, idx);
      return slot === undefined ? error(`no value for ${name}`) : { k: "read", slot };
    },
    deriv: () => error("no meaning for derivative symbols"),
    set: (s) => scope.set(s),
    error,
    ...(scope.special === undefined ? {} : { intercept: (e: Expr, env: Env) => scope.special!(e, env) }),
  };
}

const algebras = new WeakMap<CodegenScope, Algebra<IR>>();

/** The IR of a scalar expression; what has no meaning becomes an error node, raised when evaluated. */
export function toIR(e: Expr, scope: CodegenScope, env: Env = NO_ENV): IR {
  let alg = algebras.get(scope);
  if (alg === undefined) {
    alg = irAlgebra(scope);
    algebras.set(scope, alg);
  }
  return interpret(e, alg, env);
}

/**
 * An expression compiled to a function of the frame, straight from the tree: a long sum's terms
 * are compared with the first of their run in place, without building their IR, which only the
 * first of each run needs (a net of 10^3 terms, 10^5 gradients: allocation is the cost here).
 */
export function compileExpr(e: Expr, scope: CodegenScope): Compiled<(frame: Frame) => number> {
  const em = new Emitter();
  const lines: string[] = [];
  if (e.kind === "add" && e.terms.length >= 8 && scope.special === undefined) {
    const found = treeRuns(e.terms, scope);
    const v = em.sumRuns(found, (i) => toIR(e.terms[i]!, scope), lines);
    lines.push(`return ${v};`);
    return { run: em.build([], lines), reads: (a) => readsOfRuns(e.terms, found, scope, em, a) };
  }
  const ir = toIR(e, scope);
  const v = em.value(ir, lines);
  lines.push(`return ${v};`);
  const item = em.item(ir);
  return { run: em.build([], lines), reads: (a) => readsOf([item], a) };
}

export interface Compiled<F> {
  readonly run: F;
  /** The slot positions of one array that the compiled expressions read. */
  readonly reads: (array: number) => number[];
}

/**
 * Expressions compiled to one function that writes frame[outArray][outAt + i] for each, or
 * undefined where one of them has no meaning (each is then evaluated alone, to raise its error).
 */
export function compileAssignments(
  trees: readonly Expr[],
  scope: CodegenScope,
  outArray: number,
  outAt = 0,
): Compiled<(frame: Frame) => void> | undefined {
  const em = new Emitter();
  const found = treeRuns(trees, scope, (i) => outAt + i);
  for (const r of found) if (r.arrays === undefined && hasError(toIR(trees[r.from]!, scope))) return undefined;
  const lines: string[] = [];
  em.assignRuns(found, (i) => toIR(trees[i]!, scope), outArray, outAt, lines);
  return { run: em.build([], lines), reads: (a) => readsOfRuns(trees, found, scope, em, a) };
}

/** The slot positions of one array that items read. */
function readsOf(items: readonly Item[], array: number): number[] {
  const out = new Set<number>();
  for (const x of items) x.arrays.forEach((a, n) => a === array && out.add(x.at[n]!));
  return [...out];
}

function readsOfRuns(trees: readonly Expr[], found: readonly Run[], scope: CodegenScope, em: Emitter, array: number): number[] {
  const out = new Set<number>();
  for (const r of found) {
    if (r.arrays === undefined) {
      for (const p of readsOf([em.item(toIR(trees[r.from]!, scope))], array)) out.add(p);
      continue;
    }
    r.arrays.forEach((a, n) => {
      if (a === array) for (let q = 0; q < r.to - r.from; q++) out.add(r.base[n]! + q * (r.stride[n] ?? 0));
    });
  }
  return [...out];
}

/** The positions in one array that an IR tree reads. */
export function irReads(ir: IR, array: number): number[] {
  return readsOf([new Emitter().item(ir)], array);
}

/** A function of one variable, the IR reading it from array 0 slot 0 (for derivative tables). */
function single(ir: IR, _arity: 1): (x: number) => number {
  const f = compileValue(ir);
  const frame = [new Float64Array(1)];
  return (x) => {
    frame[0]![0] = x;
    return f(frame);
  };
}
