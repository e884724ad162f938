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
  /** c ln y with 0 ln y = 0: a loss's convention, for c times a logarithm. */
  | { readonly k: "xlogy"; readonly c: IR; readonly log: IR }
  | { readonly k: "error"; readonly message: string };

const freeName = (i: Index): string => (i.kind === "var" ? i.name : i.kind === "bias" ? freeName(i.of) : String(i.n));

function concrete(i: Index, env: ReadonlyMap<string, number>): Index | undefined {
  switch (i.kind) {
    case "node":
      return i;
    case "var": {
      const n = env.get(i.name);
      return n === undefined ? undefined : { kind: "node", n };
    }
    case "bias": {
      const of = concrete(i.of, env);
      return of === undefined ? undefined : { kind: "bias", of };
    }
    default:
      return assertNever(i);
  }
}

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

/** The IR of a scalar expression; what has no meaning becomes an error node, raised when evaluated. */
export function toIR(e: Expr, scope: CodegenScope, env: ReadonlyMap<string, number> = NO_ENV): IR {
  // Loops, not closures: this runs once per node of 10^5 trees.
  if (scope.special !== undefined) {
    const special = scope.special(e, env);
    if (special !== undefined) return special;
  }
  switch (e.kind) {
    case "num":
      return { k: "const", v: e.value };
    case "sym": {
      const idx: Index[] = [];
      for (const i of e.idx) {
        const c = i.kind === "node" ? i : concrete(i, env);
        if (c === undefined) return { k: "error", message: `free index ${freeName(i)}` };
        idx.push(c);
      }
      const slot = scope.slot(e.name, idx);
      return slot === undefined ? { k: "error", message: `no value for ${e.name}` } : { k: "read", slot };
    }
    case "index": {
      const i = concrete(e.index, env);
      if (i === undefined) return { k: "error", message: `free index ${freeName(e.index)}` };
      return i.kind === "node" ? { k: "const", v: i.n } : { k: "error", message: "a bias marker has no numeric value" };
    }
    case "add":
      return { k: "add", xs: all(e.terms, scope, env) };
    case "mul":
      return { k: "mul", xs: all(e.factors, scope, env) };
    case "pow":
      return { k: "pow", base: toIR(e.base, scope, env), exp: toIR(e.exp, scope, env) };
    case "call": {
      if (e.args.length !== 1) return { k: "error", message: `no meaning for function ${e.fn}` };
      const fn = builtinFn(e.fn, e.order) ?? scope.fn?.(e.fn, e.order);
      return fn === undefined ? { k: "error", message: `no meaning for function ${e.fn}` } : { k: "call", fn, x: toIR(e.args[0]!, scope, env) };
    }
    case "sum": {
      let set: readonly number[] | undefined;
      if ("of" in e.set) {
        const of = concrete(e.set.of, env);
        set = of === undefined ? undefined : scope.set({ kind: e.set.kind, of });
      } else set = scope.set(e.set);
      if (set === undefined) return { k: "error", message: "a sum over an unresolved set" };
      const xs: IR[] = [];
      for (const n of set) xs.push(toIR(e.body, scope, new Map(env).set(e.index, n)));
      return { k: "add", xs };
    }
    case "iverson":
      return { k: "iverson", rel: e.rel, l: toIR(e.lhs, scope, env), r: toIR(e.rhs, scope, env) };
    case "deriv":
      return { k: "error", message: "no meaning for derivative symbols" };
    case "tensor":
    case "matrix":
    case "transpose":
    case "matmul":
    case "hadamard":
    case "ellipsis":
      return { k: "error", message: `a ${e.kind} is not a scalar` };
    default:
      return assertNever(e);
  }
}

const NO_ENV: ReadonlyMap<string, number> = new Map();

function all(es: readonly Expr[], scope: CodegenScope, env: ReadonlyMap<string, number>): IR[] {
  const out: IR[] = [];
  for (const x of es) out.push(toIR(x, scope, env));
  return out;
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
        return Number.isNaN(ir.v) ? "NaN" : ir.v === Infinity ? "(1/0)" : ir.v === -Infinity ? "(-1/0)" : Object.is(ir.v, -0) ? "(-0)" : `(${ir.v})`;
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

  /**
   * Runs of like items: items i .. j-1 share a shape and their slot positions advance by a
   * constant stride from one item to the next. Short runs are left unrolled.
   */
  runs(items: readonly IR[], extra?: (i: number) => number): { from: number; to: number; base: number[]; stride: number[] }[] {
    const info = items.map((x, i) => {
      const at: number[] = [];
      const s = this.shape(x, at);
      if (extra) at.push(extra(i));
      return { s, at };
    });
    const out: { from: number; to: number; base: number[]; stride: number[] }[] = [];
    let i = 0;
    while (i < items.length) {
      const a = info[i]!;
      let j = i + 1;
      let stride: number[] = [];
      if (j < items.length && info[j]!.s === a.s) {
        stride = info[j]!.at.map((v, n) => v - a.at[n]!);
        while (j < items.length && info[j]!.s === a.s && info[j]!.at.every((v, n) => v === a.at[n]! + (j - i) * stride[n]!)) j++;
      }
      out.push({ from: i, to: j, base: a.at, stride });
      i = j;
    }
    return out;
  }

  /** Statements that leave the value of `ir` in a new variable; its name is returned. */
  value(ir: IR, lines: string[]): string {
    const t = `t${this.temps++}`;
    if (ir.k !== "add" || ir.xs.length < 8) {
      lines.push(`const ${t} = ${this.expr(ir)};`);
      return t;
    }
    // (0 + a) + b ..., term by term, as evaluate() sums: the same order inside a loop.
    lines.push(`let ${t} = 0;`);
    for (const run of this.runs(ir.xs)) {
      if (run.to - run.from < 4) {
        for (let i = run.from; i < run.to; i++) lines.push(`${t} = ${t} + ${this.expr(ir.xs[i]!)};`);
        continue;
      }
      const body = this.expr(ir.xs[run.from]!, (n) => position(run.base[n]!, run.stride[n]!));
      lines.push(`for (let q = 0; q < ${run.to - run.from}; q++) ${t} = ${t} + ${body};`);
    }
    return t;
  }

  /** out[outAt + i] = items[i] for every i, rolled into loops where the items run alike. */
  assignments(items: readonly IR[], outArray: number, outAt: number, lines: string[]): void {
    this.arrays.add(outArray);
    for (const run of this.runs(items, (i) => outAt + i)) {
      if (run.to - run.from < 4) {
        for (let i = run.from; i < run.to; i++) {
          const v = this.value(items[i]!, lines);
          lines.push(`A${outArray}[${outAt + i}] = ${v};`);
        }
        continue;
      }
      const n = run.base.length - 1;
      const body = this.expr(items[run.from]!, (m) => position(run.base[m]!, run.stride[m]!));
      lines.push(`for (let q = 0; q < ${run.to - run.from}; q++) A${outArray}[${position(run.base[n]!, run.stride[n]!)}] = ${body};`);
    }
  }

  build<T>(params: string[], lines: string[]): T {
    const arrays = [...this.arrays].sort((a, b) => a - b).map((a) => `const A${a} = A[${a}];`);
    const errors = this.errors;
    const raise = (i: number): never => {
      throw new EvalError(errors[i]!);
    };
    const xlogy = (c: number, log: number): number => (c === 0 ? 0 : c * log);
    // Only numbers, slot positions and table indices are in the source (see the file's head).
    const make = new Function("F", "R", "X", `return function (${["A", ...params].join(", ")}) {\n${[...arrays, ...lines].join("\n")}\n};`) as (
      f: typeof this.fns,
      r: typeof raise,
      x: typeof xlogy,
    ) => T;
    return make(this.fns, raise, xlogy);
  }
}

const position = (base: number, stride: number): string => (stride === 0 ? String(base) : stride === 1 ? `${base} + q` : `${base} + q * ${stride}`);

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

/** A list of expressions compiled to one function that writes frame[outArray][outAt + i] for each. */
export function compileAssignments(items: readonly IR[], outArray: number, outAt = 0): (frame: Frame) => void {
  const em = new Emitter();
  const lines: string[] = [];
  em.assignments(items, outArray, outAt, lines);
  return em.build<(frame: Frame) => void>([], lines);
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
