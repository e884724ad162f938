// The CAS's printed results evaluated without any evaluator of text: nerdamer-prime's output is
// parsed by the same whitelist grammar as a user's formula (src/rules/parse.ts, with the limits of
// a trusted long text) and folded into a closure over a scope of named values. Its functions are
// those nerdamer prints for derivatives of ours (sech for tanh', among them).
import { parseSyntax, SyntaxRefusal, type Syntax } from "../rules/parse.js";
import { CasUnsupported } from "./cas-formula.js";

export type Scope = Record<string, number>;
export type Fn = (scope: Scope) => number;

const FUNCTIONS: Record<string, (x: number) => number> = {
  log: Math.log,
  exp: Math.exp,
  sqrt: Math.sqrt,
  abs: Math.abs,
  sign: Math.sign,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  sec: (x) => 1 / Math.cos(x),
  tanh: Math.tanh,
  sinh: Math.sinh,
  cosh: Math.cosh,
  sech: (x) => 1 / Math.cosh(x),
  csch: (x) => 1 / Math.sinh(x),
  coth: (x) => 1 / Math.tanh(x),
};

const LIMITS = { maxLength: 2_000_000, maxDepth: 5_000 };

function fold(s: Syntax): Fn {
  switch (s.kind) {
    case "number": {
      const v = s.value;
      return () => v;
    }
    case "name": {
      const name = s.name;
      return (scope) => {
        const v = scope[name];
        if (v === undefined) throw new CasUnsupported(`the CAS's result names "${name}", which has no value`);
        return v;
      };
    }
    case "call": {
      const f = Object.hasOwn(FUNCTIONS, s.fn) ? FUNCTIONS[s.fn]! : undefined;
      if (f === undefined) throw new CasUnsupported(`the CAS's result calls "${s.fn}", which is not evaluated here`);
      const arg = fold(s.arg);
      return (scope) => f(arg(scope));
    }
    case "unary": {
      const arg = fold(s.arg);
      return s.op === "-" ? (scope) => -arg(scope) : arg;
    }
    case "binary": {
      const l = fold(s.left);
      const r = fold(s.right);
      switch (s.op) {
        case "+":
          return (scope) => l(scope) + r(scope);
        case "-":
          return (scope) => l(scope) - r(scope);
        case "*":
          return (scope) => l(scope) * r(scope);
        case "/":
          return (scope) => l(scope) / r(scope);
        case "^":
          return (scope) => l(scope) ** r(scope);
      }
    }
  }
}

/** A CAS text compiled once to a function of a scope. */
export function compileCas(text: string): Fn {
  try {
    return fold(parseSyntax(text, LIMITS));
  } catch (e) {
    if (e instanceof SyntaxRefusal) throw new CasUnsupported(`the CAS printed what the grammar does not read (${e.what} at ${e.at + 1})`);
    throw e;
  }
}
