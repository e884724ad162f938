// Complex arithmetic for complex-step differentiation: f'(x) = Im f(x + ih) / h with h = 1e-20,
// exact to machine precision because no difference of nearby values is taken. Only analytic
// functions extend to complex arguments; relu-type functions, |x| and Iverson brackets are
// evaluated on real arguments only and raise NotAnalytic otherwise, so that the caller can fall
// back to central differences.
import type { Expr, Index, IndexSet } from "./types.js";
import { EvalError } from "./evaluate.js";
import { interpret, NO_ENV, type Algebra, type Env } from "./interpret.js";

export interface Complex {
  readonly re: number;
  readonly im: number;
}

export class NotAnalytic extends Error {}

export const cx = (re: number, im = 0): Complex => ({ re, im });
export const ZERO: Complex = cx(0);
export const ONE: Complex = cx(1);

export const cadd = (a: Complex, b: Complex): Complex => cx(a.re + b.re, a.im + b.im);
export const csub = (a: Complex, b: Complex): Complex => cx(a.re - b.re, a.im - b.im);
export const cmul = (a: Complex, b: Complex): Complex => cx(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
export const cscale = (a: Complex, s: number): Complex => cx(a.re * s, a.im * s);

export function cdiv(a: Complex, b: Complex): Complex {
  // Smith's algorithm: no overflow from squaring the larger part.
  if (Math.abs(b.re) >= Math.abs(b.im)) {
    const r = b.im / b.re;
    const d = b.re + b.im * r;
    return cx((a.re + a.im * r) / d, (a.im - a.re * r) / d);
  }
  const r = b.re / b.im;
  const d = b.re * r + b.im;
  return cx((a.re * r + a.im) / d, (a.im * r - a.re) / d);
}

export const cexp = (a: Complex): Complex => {
  const m = Math.exp(a.re);
  return a.im === 0 ? cx(m) : cx(m * Math.cos(a.im), m * Math.sin(a.im));
};

export const clog = (a: Complex): Complex => (a.im === 0 && a.re >= 0 ? cx(Math.log(a.re)) : cx(Math.log(Math.hypot(a.re, a.im)), Math.atan2(a.im, a.re)));

export function cpow(a: Complex, e: Complex): Complex {
  if (e.im === 0 && Number.isInteger(e.re) && Math.abs(e.re) <= 64) {
    // Repeated squaring keeps integer powers exact in the real part, as Math.pow does.
    let n = Math.abs(e.re);
    let r = ONE;
    let x = a;
    while (n > 0) {
      if (n & 1) r = cmul(r, x);
      x = cmul(x, x);
      n >>= 1;
    }
    return e.re < 0 ? cdiv(ONE, r) : r;
  }
  if (a.im === 0 && e.im === 0 && a.re > 0) return cx(Math.pow(a.re, e.re));
  if (a.re === 0 && a.im === 0) return ZERO;
  return cexp(cmul(e, clog(a)));
}

/** tanh(a + ib) = (tanh a + i tan b) / (1 + i tanh a tan b): stable for any a. */
export function ctanh(z: Complex): Complex {
  const t = Math.tanh(z.re);
  if (z.im === 0) return cx(t);
  const u = Math.tan(z.im);
  return cdiv(cx(t, u), cx(1, t * u));
}

/** sigma(z) = 1 / (1 + e^{-z}), written so that e^{...} never overflows. */
export function csigma(z: Complex): Complex {
  if (z.re >= 0) return cdiv(ONE, cadd(ONE, cexp(cscale(z, -1))));
  const e = cexp(z);
  return cdiv(e, cadd(ONE, e));
}

/** softplus(z) = ln(1 + e^z) = max(re z, 0) + ln(1 + e^{-|z|}) on the real axis. */
export function csoftplus(z: Complex): Complex {
  if (z.re > 0) return cadd(z, clog(cadd(ONE, cexp(cscale(z, -1)))));
  return clog(cadd(ONE, cexp(z)));
}

const real = (name: string, f: (x: number) => number) => (z: Complex): Complex => {
  if (z.im !== 0) throw new NotAnalytic(`${name} is not analytic`);
  return cx(f(z.re));
};

/** The built-in functions of src/expr/functions.ts, extended to complex arguments. */
export const COMPLEX_BUILTINS: Record<string, (z: Complex) => Complex> = {
  exp: cexp,
  ln: clog,
  tanh: ctanh,
  sigma: csigma,
  softplus: csoftplus,
  sqrt: (z) => cpow(z, cx(0.5)),
  sin: (z) => cx(Math.sin(z.re) * Math.cosh(z.im), Math.cos(z.re) * Math.sinh(z.im)),
  cos: (z) => cx(Math.cos(z.re) * Math.cosh(z.im), -Math.sin(z.re) * Math.sinh(z.im)),
  abs: real("abs", Math.abs),
  relu: real("relu", (x) => Math.max(0, x)),
};

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
