// User formulas (custom activations and losses): parsed by the whitelist grammar of parse.ts,
// converted to the engine's expression tree, and from then on only that tree is evaluated,
// differentiated and printed. The user's text never reaches an evaluator.
import * as b from "../expr/build.js";
import { compileValue, toIR, type Frame } from "../expr/codegen.js";
import { BUILTINS, builtin } from "../expr/functions.js";
import { key } from "../expr/key.js";
import type { Expr } from "../expr/types.js";
import { replace } from "../expr/walk.js";
import { InputError } from "../errors.js";
import { parseSyntax, SyntaxRefusal, type Syntax } from "./parse.js";

export { MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH } from "./parse.js";

export interface ParsedFormula {
  readonly expr: Expr;
  evaluate(scope: Record<string, number>): number;
}

/** Names a formula may call, with the built-in each stands for. */
const ALIASES: Record<string, string> = { log: "ln", sigmoid: "sigma" };
export const FUNCTION_NAMES: readonly string[] = [...Object.keys(BUILTINS), ...Object.keys(ALIASES)].sort();

/** The formula as echoed in a message: at most 60 characters, on one line. */
const echo = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);

export function parseFormula(formula: string, vars: readonly string[], field: string): ParsedFormula {
  if (typeof formula !== "string" || formula.trim() === "") throw new InputError(field, "must be a non-empty formula");
  const fail = (what: string, at: number): never => {
    throw new InputError(field, `formula ${echo(formula)} at position ${at + 1}: ${what}`);
  };
  let syntax: Syntax;
  try {
    syntax = parseSyntax(formula);
  } catch (e) {
    if (e instanceof SyntaxRefusal) return fail(e.what, e.at);
    throw e;
  }
  const convert = (s: Syntax): Expr => {
    switch (s.kind) {
      case "number":
        return b.num(s.value);
      case "name":
        if (vars.includes(s.name)) return b.sym(s.name);
        if (s.name === "e") return b.call("exp", [b.ONE]);
        if (s.name === "pi") return b.num(Math.PI);
        return fail(`unknown variable "${s.name}"; allowed: ${vars.join(", ")}, e, pi`, s.at);
      case "call": {
        const fn = ALIASES[s.fn] ?? s.fn;
        if (builtin(fn) === undefined) return fail(`unknown function "${s.fn}"; allowed: ${FUNCTION_NAMES.join(", ")}`, s.at);
        return b.call(fn, [convert(s.arg)]);
      }
      case "unary":
        return s.op === "-" ? b.neg(convert(s.arg)) : convert(s.arg);
      case "binary": {
        const l = convert(s.left);
        const r = convert(s.right);
        switch (s.op) {
          case "+":
            return b.add(l, r);
          case "-":
            return b.sub(l, r);
          case "*":
            return b.mul(l, r);
          case "/":
            return b.div(l, r);
          case "^":
            return b.pow(l, r);
        }
      }
    }
  };
  const expr = convert(syntax);
  // Evaluated from the tree, compiled once: variable number i is slot i of one array.
  const run = compileValue(
    toIR(expr, {
      slot: (name, idx) => (idx.length === 0 && vars.includes(name) ? { array: 0, at: vars.indexOf(name) } : undefined),
      set: () => undefined,
    }),
  );
  const values = new Float64Array(vars.length);
  const frame: Frame = [values];
  return {
    expr,
    evaluate(scope) {
      vars.forEach((v, i) => (values[i] = scope[v] ?? Number.NaN));
      return run(frame);
    },
  };
}

/** Substitutes expressions for the free (unindexed) variables of a formula. */
export function bindFree(e: Expr, values: Record<string, Expr>): Expr {
  const table = new Map<string, Expr>();
  for (const [name, v] of Object.entries(values)) table.set(key(b.sym(name)), v);
  return replace(e, table);
}
