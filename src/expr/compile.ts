// Compilation of a scalar expression to a closure, once, for repeated evaluation. The semantics
// are evaluate.ts's: the same operations in the same order (so the same floating-point results),
// the same errors, raised when the closure runs rather than when it is built. What compilation
// saves is the per-evaluation work of evaluate(): resolving each symbol's name and indices, and
// a Map per binding of a bound sum. Symbols are resolved to readers at compile time; sums over
// concrete sets are unrolled.
import { diff } from "./diff.js";
import { EvalError } from "./evaluate.js";
import { builtin } from "./functions.js";
import { assertNever, type Expr, type Index, type IndexSet } from "./types.js";

/** A compiled expression: its value for a frame (whatever the scope reads values from). */
export type Program<F> = (frame: F) => number;

export interface CompileScope<F> {
  /** A reader for an indexed symbol whose indices are all concrete, resolved once. */
  sym(name: string, idx: readonly Index[]): Program<F>;
  /** The nodes of a named index set, all indices concrete. */
  set(s: IndexSet): readonly number[];
  /** Abstract functions (f, g, ...) and their derivatives. */
  call?(fn: string, order: number, args: readonly number[], node: Expr, frame: F): number;
  /** The value of an unevaluated derivative symbol. */
  deriv?(of: Expr, wrt: Expr): Program<F>;
}

const raise =
  (message: string) =>
  (): number => {
    throw new EvalError(message);
  };

/** Index variables bound by enclosing sums, innermost last. */
type Env = ReadonlyMap<string, number>;

function concrete(i: Index, env: Env): Index | undefined {
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

const freeName = (i: Index): string => (i.kind === "var" ? i.name : i.kind === "bias" ? freeName(i.of) : String(i.n));

/** d^order/du^order of a built-in function, compiled over its argument. */
function builtinProgram(fn: string, order: number): ((x: number) => number) | undefined {
  const f = builtin(fn);
  if (f === undefined) return undefined;
  if (order === 0) return f.value;
  const u: Expr = { kind: "sym", name: "u", idx: [] };
  let d: Expr = f.derivative(u);
  for (let o = 1; o < order; o++) d = diff(d, u);
  const p = compile<number>(d, { sym: () => (x) => x, set: () => [] });
  return p;
}

export function compile<F>(e: Expr, scope: CompileScope<F>, env: Env = new Map()): Program<F> {
  const c = (x: Expr): Program<F> => compile(x, scope, env);
  switch (e.kind) {
    case "num": {
      const v = e.value;
      return () => v;
    }
    case "sym": {
      const idx = e.idx.map((i) => concrete(i, env));
      const free = e.idx.find((_, n) => idx[n] === undefined);
      if (free !== undefined) return raise(`free index ${freeName(free)}`);
      return scope.sym(e.name, idx as Index[]);
    }
    case "index": {
      const i = concrete(e.index, env);
      if (i === undefined) return raise(`free index ${freeName(e.index)}`);
      if (i.kind !== "node") return raise("a bias marker has no numeric value");
      const n = i.n;
      return () => n;
    }
    case "add": {
      // Unrolled for the common arities; (0 + a) + b, as evaluate's reduce from 0 computes it.
      const ts = e.terms.map(c);
      if (ts.length === 2) {
        const [a, b] = ts as [Program<F>, Program<F>];
        return (f) => 0 + a(f) + b(f);
      }
      return (f) => {
        let s = 0;
        for (let i = 0; i < ts.length; i++) s = s + ts[i]!(f);
        return s;
      };
    }
    case "mul": {
      // (1 * a) * b, as evaluate's reduce from 1 computes it.
      const fs = e.factors.map(c);
      if (fs.length === 2) {
        const [a, b] = fs as [Program<F>, Program<F>];
        return (f) => 1 * a(f) * b(f);
      }
      return (f) => {
        let p = 1;
        for (let i = 0; i < fs.length; i++) p = p * fs[i]!(f);
        return p;
      };
    }
    case "pow": {
      const base = c(e.base);
      const exp = c(e.exp);
      return (f) => Math.pow(base(f), exp(f));
    }
    case "call": {
      const args = e.args.map(c);
      const fn = args.length === 1 ? builtinProgram(e.fn, e.order) : undefined;
      if (fn !== undefined) {
        const a = args[0]!;
        return (f) => fn(a(f));
      }
      const call = scope.call;
      if (call === undefined) return raise(`no meaning for function ${e.fn}`);
      const { fn: name, order } = e;
      return (f) => call(name, order, args.map((a) => a(f)), e, f);
    }
    case "deriv":
      if (scope.deriv === undefined) return raise("no meaning for derivative symbols");
      return scope.deriv(e.of, e.wrt);
    case "sum": {
      let nodes: readonly number[];
      try {
        nodes = scope.set(concreteSet(e.set, env));
      } catch (err) {
        if (err instanceof EvalError) return raise(err.message);
        throw err;
      }
      const bodies = nodes.map((n) => compile(e.body, scope, new Map(env).set(e.index, n)));
      return (f) => {
        let total = 0;
        for (const body of bodies) total += body(f);
        return total;
      };
    }
    case "iverson": {
      const l = c(e.lhs);
      const r = c(e.rhs);
      return e.rel === "gt" ? (f) => (l(f) > r(f) ? 1 : 0) : (f) => (l(f) === r(f) ? 1 : 0);
    }
    case "tensor":
    case "matrix":
    case "transpose":
    case "matmul":
    case "hadamard":
    case "ellipsis":
      return raise(`a ${e.kind} is not a scalar`);
    default:
      return assertNever(e);
  }
}

function concreteSet(s: IndexSet, env: Env): IndexSet {
  if (!("of" in s)) return s;
  const of = concrete(s.of, env);
  if (of === undefined) throw new EvalError(`free index ${freeName(s.of)}`);
  return { kind: s.kind, of };
}
