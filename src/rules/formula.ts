// User formulas (custom activations and losses): parsed with mathjs, converted to the engine's
// expression tree, and evaluated by mathjs itself for an independent numeric value.
import { createRequire } from "node:module";
import * as b from "../expr/build.js";
import { builtin } from "../expr/functions.js";
import { key } from "../expr/key.js";
import type { Expr } from "../expr/types.js";
import { replace } from "../expr/walk.js";
import { InputError } from "../errors.js";

// mathjs costs most of a second to load: only formulas pay for it.
const require = createRequire(import.meta.url);
type MathNode = { type: string; [k: string]: unknown };
type MathJs = { parse(s: string): MathNode & { compile(): { evaluate(scope: object): unknown } } };
let mathjs: MathJs | undefined;
const load = (): MathJs => (mathjs ??= require("mathjs") as MathJs);

export interface ParsedFormula {
  readonly expr: Expr;
  evaluate(scope: Record<string, number>): number;
}

const FUNCTION_NAMES: Record<string, string> = { log: "ln", ln: "ln", sigmoid: "sigma" };
const CONSTANTS: Record<string, number> = { e: Math.E, pi: Math.PI };

export function parseFormula(formula: string, vars: readonly string[], field: string): ParsedFormula {
  const fail = (what: string, token?: string): never => {
    const at = token === undefined ? -1 : findToken(formula, token);
    const pos = at >= 0 ? ` at position ${at + 1}` : "";
    throw new InputError(field, `formula "${formula}"${pos}: ${what}`);
  };
  if (typeof formula !== "string" || formula.trim() === "") fail("must be a non-empty string");
  let node: ReturnType<MathJs["parse"]>;
  try {
    node = load().parse(formula);
  } catch (e) {
    const m = /char (\d+)/.exec(String((e as Error).message));
    const reason = String((e as Error).message).replace(/\s*\(char \d+\)/, "");
    throw new InputError(field, `formula "${formula}"${m ? ` at position ${m[1]}` : ""}: syntax error: ${reason}`);
  }
  const convert = (n: MathNode): Expr => {
    switch (n.type) {
      case "ConstantNode": {
        const v = n.value;
        if (typeof v !== "number" || !Number.isFinite(v)) fail(`constant ${String(v)} is not a finite number`);
        return b.num(v as number);
      }
      case "SymbolNode": {
        const name = n.name as string;
        if (vars.includes(name)) return b.sym(name);
        if (name in CONSTANTS) return name === "e" ? b.call("exp", [b.ONE]) : b.num(CONSTANTS[name]!);
        return fail(`unknown variable "${name}"; allowed: ${vars.join(", ")}`, name);
      }
      case "ParenthesisNode":
        return convert(n.content as MathNode);
      case "OperatorNode": {
        const args = (n.args as MathNode[]).map(convert);
        switch (n.fn) {
          case "add":
            return b.add(...args);
          case "subtract":
            return b.sub(args[0]!, args[1]!);
          case "multiply":
            return b.mul(...args);
          case "divide":
            return b.div(args[0]!, args[1]!);
          case "pow":
            return b.pow(args[0]!, args[1]!);
          case "unaryMinus":
            return b.neg(args[0]!);
          case "unaryPlus":
            return args[0]!;
          default:
            return fail(`operator "${String(n.op)}" is not supported; use + - * / ^`, String(n.op));
        }
      }
      case "FunctionNode": {
        const name = (n.fn as MathNode).name as string;
        const args = n.args as MathNode[];
        const fn = FUNCTION_NAMES[name] ?? name;
        if (builtin(fn) === undefined) {
          return fail(`unknown function "${name}"; allowed: exp, log, ln, tanh, sigmoid, sigma, abs, sqrt, sin, cos, relu, softplus`, name);
        }
        if (args.length !== 1) fail(`function "${name}" takes one argument`, name);
        return b.call(fn, [convert(args[0]!)]);
      }
      default:
        return fail(`unsupported construct (${n.type}); use numbers, ${vars.join(", ")}, + - * / ^ and functions`);
    }
  };
  const expr = convert(node);
  const compiled = node.compile();
  const scopeFns = { ln: Math.log, sigma: (x: number) => 1 / (1 + Math.exp(-x)), sigmoid: (x: number) => 1 / (1 + Math.exp(-x)), relu: (x: number) => Math.max(0, x), softplus: (x: number) => Math.log1p(Math.exp(x)) };
  return {
    expr,
    evaluate(scope) {
      const v = compiled.evaluate({ ...scopeFns, ...scope });
      return typeof v === "number" ? v : Number.NaN;
    },
  };
}

function findToken(s: string, token: string): number {
  const re = new RegExp(`(^|[^A-Za-z0-9_])(${token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})(?![A-Za-z0-9_])`);
  const m = re.exec(s);
  return m ? m.index + m[1]!.length : s.indexOf(token);
}

/** Substitutes expressions for the free (unindexed) variables of a formula. */
export function bindFree(e: Expr, values: Record<string, Expr>): Expr {
  const table = new Map<string, Expr>();
  for (const [name, v] of Object.entries(values)) table.set(key(b.sym(name)), v);
  return replace(e, table);
}
