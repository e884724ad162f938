// Complex arithmetic for complex-step differentiation: f'(x) = Im f(x + ih) / h with h = 1e-20,
// exact to machine precision because no difference of nearby values is taken. Only analytic
// functions extend to complex arguments; relu-type functions, |x| and Iverson brackets are
// evaluated on real arguments only and raise NotAnalytic otherwise, so that the caller can fall
// back to central differences.
import type { Expr, Index, IndexSet } from "./types.js";
import { EvalError } from "./evaluate.js";
import { BUILTINS } from "./functions.js";
import { cadd, cmul, cpow, cx, NotAnalytic, ONE, ZERO, type Complex } from "./complex-numbers.js";

export * from "./complex-numbers.js";
import { firstLargest, interpret, NO_ENV, type Algebra, type Env } from "./interpret.js";

const real =
  (name: string, f: (x: number) => number) =>
  (z: Complex): Complex => {
    if (z.im !== 0) throw new NotAnalytic(`${name} is not analytic`);
    return cx(f(z.re));
  };

/** The built-in functions of functions.ts on complex arguments: each its own complex form, or real arguments only. */
export const COMPLEX_BUILTINS: Readonly<Record<string, (z: Complex) => Complex>> = Object.fromEntries(
  Object.entries(BUILTINS).map(([name, f]) => [name, "complex" in f ? f.complex : real(name, f.value)]),
);

export interface ComplexScope {
  sym(name: string, idx: readonly Index[]): Complex;
  set(s: IndexSet): readonly number[];
  /** Functions that are not built in: the network's activation letters. */
  call?(fn: string, order: number, args: Complex[]): Complex;
}

/** The complex numbers as an algebra of the one interpreter. */
function complexAlgebra(scope: ComplexScope): Algebra<Complex> {
  return {
    num: (v) => cx(v),
    index: (n) => cx(n),
    add: (ts) => ts.reduce(cadd, ZERO),
    mul: (fs) => fs.reduce(cmul, ONE),
    pow: cpow,
    call(node, args) {
      const fn = COMPLEX_BUILTINS[node.fn];
      if (fn !== undefined && args.length === 1 && node.order === 0) return fn(args[0]!);
      if (scope.call === undefined || fn !== undefined) throw new NotAnalytic(`no complex meaning for ${node.fn} of order ${node.order}`);
      return scope.call(node.fn, node.order, [...args]);
    },
    // Piecewise constant: its value depends on the real parts only, away from the jump.
    iverson: (rel, l, r) => cx((rel === "gt" ? l.re > r.re : l.re === r.re) ? 1 : 0),
    // The largest by real part: its value carries the imaginary part on (the derivative of the
    // one that attains it), its node is a constant.
    max: (values, nodes, arg) => {
      const i = firstLargest(values, (a, b) => a.re > b.re);
      return arg ? cx(nodes[i]!) : values[i]!;
    },
    sym: (name, idx) => scope.sym(name, idx),
    deriv: () => {
      throw new NotAnalytic("a derivative symbol inside a differentiated expression");
    },
    set: (s) => scope.set(s),
    error: (message) => {
      throw new EvalError(message);
    },
  };
}

/** evaluate() over complex numbers, for the expressions a proof step differentiates. */
export function evaluateComplex(e: Expr, scope: ComplexScope, env: Env = NO_ENV): Complex {
  return interpret(e, complexAlgebra(scope), env);
}
