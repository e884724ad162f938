// Built-in scalar functions: numeric value and derivative as an expression of the argument.
// The chain rule that uses these derivatives is written once, in diff.ts.
import * as b from "./build.js";
import { cexp, clog, cpow, csigma, csoftplus, ctanh, cx, type Complex } from "./complex-numbers.js";
import type { Expr } from "./types.js";

export interface BuiltinFunction {
  readonly value: (x: number) => number;
  /** d/du fn(u), as an expression of u. */
  readonly derivative: (u: Expr) => Expr;
  /** Whether it extends to complex arguments (complex-step differentiation applies); relu and |u| do not. */
  readonly analytic: boolean;
  /** The function of a CAS argument text, in nerdamer-prime's syntax (e is the symbol ee there). */
  readonly cas: (u: string) => string;
  /** Its value on complex arguments, where it is analytic. */
  readonly complex?: (z: Complex) => Complex;
  /** Its name in LaTeX: the one the printer (latex.ts) writes, unless it draws the function (e^{u}, |u|, \\sqrt{u}). */
  readonly latex: string;
  /** Its name in plain text (text.ts), a formula mathjs reads, where that differs from ours (ln is log there). */
  readonly text?: string;
}

/** e as a plain symbol in CAS text: nerdamer's own e is slower and turns into 325368125/119696244 in results. */
export const CAS_E = "ee";

/** sigma(x) = 1 / (1 + e^{-x}), written so that no exponential overflows. */
export const sigma = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
/** softplus(x) = ln(1 + e^x) = max(x, 0) + ln(1 + e^{-|x|}): finite for every finite x. */
export const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
/** ln sigma(x) = -softplus(-x), and ln(1 - sigma(x)) = -softplus(x): all digits even where sigma rounds to 0 or 1. */
export const logSigma = (x: number): number => -softplus(-x);
export const logOneMinusSigma = (x: number): number => -softplus(x);

export const BUILTINS = {
  exp: {
    value: Math.exp,
    derivative: (u) => b.call("exp", [u]),
    analytic: true,
    cas: (u) => `${CAS_E}^(${u})`,
    complex: cexp,
    latex: "\\exp",
  },
  // d ln u = 1/u
  ln: {
    value: Math.log,
    derivative: (u) => b.pow(u, b.MINUS_ONE),
    analytic: true,
    cas: (u) => `log(${u})`,
    complex: clog,
    latex: "\\ln",
    text: "log",
  },
  // tanh' = 1 - tanh^2
  tanh: {
    value: Math.tanh,
    derivative: (u) => b.sub(b.ONE, b.sq(b.call("tanh", [u]))),
    analytic: true,
    cas: (u) => `tanh(${u})`,
    complex: ctanh,
    latex: "\\tanh",
  },
  // sigma' = sigma (1 - sigma)
  sigma: {
    value: sigma,
    derivative: (u) => b.mul(b.call("sigma", [u]), b.sub(b.ONE, b.call("sigma", [u]))),
    analytic: true,
    cas: (u) => `(1/(1+${CAS_E}^(-(${u}))))`,
    complex: csigma,
    latex: "\\sigma",
  },
  // |u|' = sign(u) for u != 0; |u| has no derivative at 0, where sign(0) = 0 stands in (the
  // midpoint of the one-sided slopes -1 and 1), as it does in every numeric library.
  abs: { value: Math.abs, derivative: (u) => b.call("sign", [u]), analytic: false, cas: (u) => `abs(${u})`, latex: "\\operatorname{abs}" },
  // sign' = 0 away from 0; at 0 sign jumps and has no derivative: 0 stands in, as above. In CAS
  // text u / |u|, which is sign(u) wherever the CAS is asked (never at 0).
  sign: { value: Math.sign, derivative: () => b.ZERO, analytic: false, cas: (u) => `((${u})/abs(${u}))`, latex: "\\operatorname{sign}" },
  // sqrt(u)' = 1 / (2 sqrt(u)); in CAS text e^(ln(u)/2), as nerdamer-prime 1.5.0 differentiates
  // sqrt(u)^2 into a fourth root and sqrt(w x) into sqrt(sqrt(x)) / (2 sqrt(w))
  sqrt: {
    value: Math.sqrt,
    derivative: (u) => b.div(b.ONE, b.mul(b.num(2), b.call("sqrt", [u]))),
    analytic: true,
    cas: (u) => `${CAS_E}^(log(${u})/2)`,
    complex: (z) => cpow(z, cx(0.5)),
    latex: "\\sqrt",
  },
  // relu' = [u > 0]; in CAS text (u + |u|) / 2, whose derivative is [u > 0] away from 0
  relu: {
    value: (x) => Math.max(0, x),
    derivative: (u) => b.iverson("gt", u, b.ZERO),
    analytic: false,
    cas: (u) => `((${u})+abs(${u}))/2`,
    latex: "\\operatorname{relu}",
  },
  // softplus = ln(1 + e^u), softplus' = sigma
  softplus: {
    value: softplus,
    derivative: (u) => b.call("sigma", [u]),
    analytic: true,
    cas: (u) => `log(1+${CAS_E}^(${u}))`,
    complex: csoftplus,
    latex: "\\operatorname{softplus}",
  },
  sin: {
    value: Math.sin,
    derivative: (u) => b.call("cos", [u]),
    analytic: true,
    cas: (u) => `sin(${u})`,
    complex: (z) => cx(Math.sin(z.re) * Math.cosh(z.im), Math.cos(z.re) * Math.sinh(z.im)),
    latex: "\\sin",
  },
  cos: {
    value: Math.cos,
    derivative: (u) => b.neg(b.call("sin", [u])),
    analytic: true,
    cas: (u) => `cos(${u})`,
    complex: (z) => cx(Math.cos(z.re) * Math.cosh(z.im), -Math.sin(z.re) * Math.sinh(z.im)),
    latex: "\\cos",
  },
} satisfies Record<string, BuiltinFunction>;

export type BuiltinName = keyof typeof BUILTINS;

export const builtin = (fn: string): BuiltinFunction | undefined => (Object.hasOwn(BUILTINS, fn) ? BUILTINS[fn as BuiltinName] : undefined);
