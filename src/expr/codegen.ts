// Compilation of scalar expressions to JavaScript, the way a compiler would: every symbol is
// resolved once to a slot of a typed array, sums over concrete sets are unrolled, and then runs
// of like terms whose slots advance by constant strides are rolled back into loops (a net
// w_{k1} y_1 + ... + w_{k784} y_784 becomes one loop over two arrays; the gradients
// delta_k y_j of a node's weights one loop over j). The arithmetic is evaluate()'s: the same
// operations in the same order, so the same floating-point results. Only numbers, slots and
// indices into tables of functions reach the generated source, never a name or a string from the
// tree, so no input can inject code.
import { diff } from "./diff.js";
import { EvalError } from "./evaluate.js";
import { builtin } from "./functions.js";
import { interpret, NO_ENV, type Algebra, type Env } from "./interpret.js";
import { assertNever, type Expr, type Index, type IndexSet } from "./types.js";

/** An item of a run: the shape of a tree, its slot positions and arrays in order, and its IR. */
interface Item {
  readonly shape: string;
  readonly at: readonly number[];
  readonly arrays: readonly number[];
  readonly ir: IR;
}

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
  /** c ln y with 0 ln y = 0: a loss's convention, for c times a logarithm. */
  | { readonly k: "xlogy"; readonly c: IR; readonly log: IR }
  | { readonly k: "error"; readonly message: string };

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

export const hasError = (ir: IR): boolean => {
  switch (ir.k) {
    case "error":
      return true;
    case "const":
    case "read":
      return false;
    case "add":
    case "mul":
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

/** Emits JavaScript for IR trees, sharing the tables of functions and errors between them. */
class Emitter {
  readonly fns: ((x: number) => number)[] = [];
  readonly errors: string[] = [];
  readonly arrays = new Set<number>();
  private temps = 0;

  private fnId(f: (x: number) => number): number {
    const i = this.fns.indexOf(f);
    return i >= 0 ? i : this.fns.push(f) - 1;
  }

  /** A shape key (slots replaced by their array) and the slot positions, in order. */
  shape(ir: IR, at: number[]): string {
    switch (ir.k) {
      case "const":
        return Object.is(ir.v, -0) ? "-0" : String(ir.v);
      case "read":
        at.push(ir.slot.at);
        return `r${ir.slot.array}`;
      case "add":
      case "mul": {
        let out = `${ir.k}(`;
        for (const x of ir.xs) out += `${this.shape(x, at)},`;
        return `${out})`;
      }
      case "pow":
        return `pow(${this.shape(ir.base, at)},${this.shape(ir.exp, at)})`;
      case "call":
        return `f${this.fnId(ir.fn)}(${this.shape(ir.x, at)})`;
      case "iverson":
        return `${ir.rel}(${this.shape(ir.l, at)},${this.shape(ir.r, at)})`;
      case "xlogy":
        return `xlogy(${this.shape(ir.c, at)},${this.shape(ir.log, at)})`;
      case "error":
        return `error(${JSON.stringify(ir.message)})`;
      default:
        return assertNever(ir);
    }
  }

  /** A pure expression; `slotAt` rewrites the position of the n-th read (for loop bodies). */
  expr(ir: IR, slotAt?: (n: number, slot: Slot) => string, counter = { n: 0 }): string {
    switch (ir.k) {
      case "const":
        return Number.isNaN(ir.v)
          ? "NaN"
          : ir.v === Infinity
            ? "(1/0)"
            : ir.v === -Infinity
              ? "(-1/0)"
              : Object.is(ir.v, -0)
                ? "(-0)"
                : `(${ir.v})`;
      case "read": {
        this.arrays.add(ir.slot.array);
        const pos = slotAt ? slotAt(counter.n++, ir.slot) : String(ir.slot.at);
        return `A${ir.slot.array}[${pos}]`;
      }
      case "add":
      case "mul": {
        let out = ir.k === "add" ? "(0" : "(1";
        for (const x of ir.xs) out += `${ir.k === "add" ? " + " : " * "}${this.expr(x, slotAt, counter)}`;
        return `${out})`;
      }
      case "pow":
        return `Math.pow(${this.expr(ir.base, slotAt, counter)}, ${this.expr(ir.exp, slotAt, counter)})`;
      case "call":
        return `F[${this.fnId(ir.fn)}](${this.expr(ir.x, slotAt, counter)})`;
      case "iverson":
        return `(${this.expr(ir.l, slotAt, counter)} ${ir.rel === "gt" ? ">" : "==="} ${this.expr(ir.r, slotAt, counter)} ? 1 : 0)`;
      case "xlogy":
        return `X(${this.expr(ir.c, slotAt, counter)}, ${this.expr(ir.log, slotAt, counter)})`;
      case "error":
        return `R(${this.errors.push(ir.message) - 1})`;
      default:
        return assertNever(ir);
    }
  }

  /** An IR tree as an item of a run: its shape, its slots, itself. */
  item(ir: IR): Item {
    const at: number[] = [];
    const arrays: number[] = [];
    const shape = this.shape(ir, at);
    collectArrays(ir, arrays);
    return { shape, at, arrays, ir };
  }

  /**
   * Runs of like items: items i .. j-1 share a shape and their slot positions advance by a
   * constant stride from one item to the next. Short runs are left unrolled.
   */
  runs(items: readonly Item[]): { from: number; to: number; base: readonly number[]; stride: number[] }[] {
    const pos = (i: number, n: number): number => items[i]!.at[n]!;
    const width = (i: number): number => items[i]!.at.length;
    const out: { from: number; to: number; base: readonly number[]; stride: number[] }[] = [];
    let i = 0;
    while (i < items.length) {
      const a = items[i]!;
      const w = width(i);
      let j = i + 1;
      const stride: number[] = [];
      if (j < items.length && items[j]!.shape === a.shape) {
        for (let n = 0; n < w; n++) stride.push(pos(j, n) - pos(i, n));
        for (; j < items.length && items[j]!.shape === a.shape; j++) {
          let same = true;
          for (let n = 0; n < w && same; n++) same = pos(j, n) === pos(i, n) + (j - i) * stride[n]!;
          if (!same) break;
        }
      }
      const base: number[] = [];
      for (let n = 0; n < w; n++) base.push(pos(i, n));
      out.push({ from: i, to: j, base, stride });
      i = j;
    }
    return out;
  }

  /** Statements that leave the value of `ir` in a new variable; its name is returned. */
  value(ir: IR, lines: string[]): string {
    if (ir.k !== "add" || ir.xs.length < 8) {
      const t = `t${this.temps++}`;
      lines.push(`const ${t} = ${this.expr(ir)};`);
      return t;
    }
    return this.sum(
      ir.xs.map((x) => this.item(x)),
      lines,
    );
  }

  /** (0 + a) + b ..., term by term, as evaluate() sums: the same order inside a loop. */
  sum(terms: readonly Item[], lines: string[]): string {
    const t = `t${this.temps++}`;
    lines.push(`let ${t} = 0;`);
    for (const run of this.runs(terms)) {
      if (run.to - run.from < 4) {
        for (let i = run.from; i < run.to; i++) lines.push(`${t} = ${t} + ${this.expr(terms[i]!.ir)};`);
        continue;
      }
      this.note(terms, run.from, run.to);
      const body = this.expr(terms[run.from]!.ir, (n) => position(run.base[n]!, run.stride[n]!));
      lines.push(`for (let q = 0; q < ${run.to - run.from}; q++) ${t} = ${t} + ${body};`);
    }
    return t;
  }

  /** The sum of trees, in order, with like runs rolled into loops. */
  sumRuns(terms: readonly Expr[], found: readonly Run[], scope: CodegenScope, lines: string[]): string {
    const t = `t${this.temps++}`;
    lines.push(`let ${t} = 0;`);
    for (const run of found) {
      if (run.to - run.from < 4) {
        for (let i = run.from; i < run.to; i++) lines.push(`${t} = ${t} + ${this.expr(toIR(terms[i]!, scope))};`);
        continue;
      }
      const body = this.expr(toIR(terms[run.from]!, scope), (n) => position(run.base[n]!, run.stride[n]!));
      lines.push(`for (let q = 0; q < ${run.to - run.from}; q++) ${t} = ${t} + ${body};`);
    }
    return t;
  }

  /** out[base + i] = trees[i], with like runs rolled into loops (the last position of a run is where it writes). */
  assignRuns(trees: readonly Expr[], found: readonly Run[], scope: CodegenScope, outArray: number, outAt: number, lines: string[]): void {
    this.arrays.add(outArray);
    for (const run of found) {
      if (run.arrays === undefined || run.to - run.from < 4) {
        for (let i = run.from; i < run.to; i++) {
          const v = this.value(toIR(trees[i]!, scope), lines);
          lines.push(`A${outArray}[${outAt + i}] = ${v};`);
        }
        continue;
      }
      const n = run.base.length - 1;
      const body = this.expr(toIR(trees[run.from]!, scope), (m) => position(run.base[m]!, run.stride[m]!));
      lines.push(`for (let q = 0; q < ${run.to - run.from}; q++) A${outArray}[${position(run.base[n]!, run.stride[n]!)}] = ${body};`);
    }
  }

  /** The arrays a rolled run reads (its first item's IR names only those). */
  private note(items: readonly Item[], from: number, to: number): void {
    for (let i = from; i < to; i++) for (const a of items[i]!.arrays) this.arrays.add(a);
  }

  build<T>(params: string[], lines: string[]): T {
    const arrays = [...this.arrays].sort((a, b) => a - b).map((a) => `const A${a} = A[${a}];`);
    const errors = this.errors;
    const raise = (i: number): never => {
      throw new EvalError(errors[i]!);
    };
    const xlogy = (c: number, log: number): number => (c === 0 ? 0 : c * log);
    // Only numbers, slot positions and table indices are in the source (see the file's head).
    const make = new Function(
      "F",
      "R",
      "X",
      `return function (${["A", ...params].join(", ")}) {\n${[...arrays, ...lines].join("\n")}\n};`,
    ) as (f: typeof this.fns, r: typeof raise, x: typeof xlogy) => T;
    return make(this.fns, raise, xlogy);
  }
}

const position = (base: number, stride: number): string =>
  stride === 0 ? String(base) : stride === 1 ? `${base} + q` : `${base} + q * ${stride}`;

/** A frame: the arrays that slots index. */
export type Frame = readonly Float64Array[];

/** One expression compiled to a function of the frame. */
export function compileValue(ir: IR): (frame: Frame) => number {
  const em = new Emitter();
  const lines: string[] = [];
  const v = em.value(ir, lines);
  lines.push(`return ${v};`);
  return em.build<(frame: Frame) => number>([], lines);
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
    const v = em.sumRuns(e.terms, found, scope, lines);
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
  em.assignRuns(trees, found, scope, outArray, outAt, lines);
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

/** The positions in one array that an IR tree reads. */
export function irReads(ir: IR, array: number): number[] {
  return readsOf([new Emitter().item(ir)], array);
}

function collectArrays(ir: IR, out: number[]): void {
  switch (ir.k) {
    case "read":
      out.push(ir.slot.array);
      return;
    case "add":
    case "mul":
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

/** A function of one variable, the IR reading it from array 0 slot 0 (for derivative tables). */
function single(ir: IR, _arity: 1): (x: number) => number {
  const f = compileValue(ir);
  const frame = [new Float64Array(1)];
  return (x) => {
    frame[0]![0] = x;
    return f(frame);
  };
}
