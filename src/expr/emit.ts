// JavaScript source from IR trees (src/expr/ir.ts): runs of like items whose slot positions
// advance by constant strides are rolled into loops, and only numbers, slot positions and
// indices into tables of functions and errors reach the source (never a name or a string from
// a tree), so that no input can inject code.
import { EvalError } from "./evaluate.js";
import { assertNever } from "./types.js";
import { collectArrays, type IR, type Slot } from "./ir.js";
import type { Run } from "./runs.js";

/** An item of a run: the shape of a tree, its slot positions and arrays in order, and its IR. */
export interface Item {
  readonly shape: string;
  readonly at: readonly number[];
  readonly arrays: readonly number[];
  readonly ir: IR;
}

/** Emits JavaScript for IR trees, sharing the tables of functions and errors between them. */
export class Emitter {
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
      case "max": {
        // The nodes are part of the shape: an arg max's value is one of them.
        let out = `${ir.arg ? "argmax" : "max"}[${ir.nodes.join(",")}](`;
        for (const x of ir.xs) out += `${this.shape(x, at)},`;
        return `${out})`;
      }
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
      case "max": {
        // M(arg, node, value, node, value, ...): only numbers and slots reach the source.
        let out = `M(${ir.arg ? 1 : 0}`;
        ir.xs.forEach((x, i) => (out += `, ${ir.nodes[i]!}, ${this.expr(x, slotAt, counter)}`));
        return `${out})`;
      }
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
  sumRuns(found: readonly Run[], irOf: (i: number) => IR, lines: string[]): string {
    const t = `t${this.temps++}`;
    lines.push(`let ${t} = 0;`);
    for (const run of found) {
      if (run.to - run.from < 4) {
        for (let i = run.from; i < run.to; i++) lines.push(`${t} = ${t} + ${this.expr(irOf(i))};`);
        continue;
      }
      const body = this.expr(irOf(run.from), (n) => position(run.base[n]!, run.stride[n]!));
      lines.push(`for (let q = 0; q < ${run.to - run.from}; q++) ${t} = ${t} + ${body};`);
    }
    return t;
  }

  /** out[base + i] = trees[i], with like runs rolled into loops (the last position of a run is where it writes). */
  assignRuns(found: readonly Run[], irOf: (i: number) => IR, outArray: number, outAt: number, lines: string[]): void {
    this.arrays.add(outArray);
    for (const run of found) {
      if (run.arrays === undefined || run.to - run.from < 4) {
        for (let i = run.from; i < run.to; i++) {
          const v = this.value(irOf(i), lines);
          lines.push(`A${outArray}[${outAt + i}] = ${v};`);
        }
        continue;
      }
      const n = run.base.length - 1;
      const body = this.expr(irOf(run.from), (m) => position(run.base[m]!, run.stride[m]!));
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
    // The largest value (strictly larger replaces, so a tie keeps the first), or its node.
    const largest = (arg: number, ...pairs: number[]): number => {
      let at = 0;
      for (let i = 2; i < pairs.length; i += 2) if (pairs[i + 1]! > pairs[at + 1]!) at = i;
      return arg === 1 ? pairs[at]! : pairs[at + 1]!;
    };
    // Only numbers, slot positions and table indices are in the source (see the file's head).
    const make = new Function(
      "F",
      "R",
      "X",
      "M",
      `return function (${["A", ...params].join(", ")}) {\n${[...arrays, ...lines].join("\n")}\n};`,
    ) as (f: typeof this.fns, r: typeof raise, x: typeof xlogy, m: typeof largest) => T;
    return make(this.fns, raise, xlogy, largest);
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
