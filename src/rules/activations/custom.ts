// A user's activation, given as a formula in x: parsed by the whitelist grammar (formula.ts),
// differentiated by the engine's own rules (diff.ts) and simplified. Its numeric value is its
// own tree, evaluated directly (the oracle's path), never the derivative the proof prints.
import * as b from "../../expr/build.js";
import { diff } from "../../expr/diff.js";
import { bindFree } from "../formula.js";
import { parseFormula, type ParsedFormula } from "../formula.js";
import { trace } from "../../simplify/simplify.js";
import type { Expr } from "../../expr/types.js";
import { builtin } from "../../expr/functions.js";
import { bracketZeros, roughArguments, smoothAt, zerosOf } from "./kinks.js";
import { evaluateComplex, type Complex } from "../../expr/complex.js";
import { evaluate } from "../../expr/evaluate.js";
import { children } from "../../expr/walk.js";
import { eq } from "../equation.js";
import type { ElementwiseActivation } from "./activation.js";

const X = b.sym("x");

/** A tree in x at one value of x. */
const evaluateReal = (e: Expr, x: number): number => evaluate(e, { sym: () => x, set: () => [] });

/** The functions a tree calls. */
const calls = (e: Expr): string[] => [...(e.kind === "call" ? [e.fn] : []), ...children(e).flatMap(calls)];

/**
 * The points where an argument of relu, |u| or sign crosses 0 (kinks.ts: solved from the tree
 * where it can be, bracketed by a scan where not), rounded to 12 digits, leaving out those where
 * the formula is C^1 (x |x| at 0), which the numeric checks need not keep away from.
 */
export function kinksOf(body: Expr, derivative?: Expr): number[] {
  const found = new Set<number>();
  for (const arg of roughArguments(body)) {
    const zeros = zerosOf(arg) ?? bracketZeros((x) => evaluateReal(arg, x));
    for (const z of zeros) if (Number.isFinite(z)) found.add(Number(z.toPrecision(12)));
  }
  const f = (x: number): number => evaluateReal(body, x);
  const df = derivative === undefined ? undefined : (x: number): number => evaluateReal(derivative, x);
  return [...found].filter((c) => df === undefined || !smoothAt(f, df, c)).sort((a, c) => a - c);
}

export function customActivation(formula: string, field: string): ElementwiseActivation {
  const parsed: ParsedFormula = parseFormula(formula, ["x"], field);
  const body = parsed.expr;
  const raw = diff(body, X);
  // The simplification replayed rule by rule: each line is named by the identity it uses
  // (message keys simp-<rule id>), e.g. sign(x) x = |x| and the common denominator.
  const lines = trace(raw);
  const derivative = lines.length === 0 ? raw : lines[lines.length - 1]!.result;
  const at = (e: Expr, x: Expr): Expr => bindFree(e, { x });
  // Analytic when every function it calls is: relu(x) or abs(x) anywhere makes it not.
  const analytic = calls(body).every((fn) => builtin(fn)?.analytic === true);
  return {
    id: "custom",
    title: `custom: ${formula}`,
    elementwise: true,
    symbol: "f",
    analytic,
    // Whatever its formula, a custom activation is cross-checked by numbers alone.
    polynomial: false,
    piecewiseLinear: false,
    identity: false,
    userFormula: true,
    ...(analytic ? { complexValue: (z: Complex) => evaluateComplex(body, { sym: () => z, set: () => [] }) } : {}),
    kinks: analytic ? [] : kinksOf(body, derivative),
    definition: (x) => at(body, x),
    value: (x) => parsed.evaluate({ x }),
    derivative: (x) => at(derivative, x),
    derivativeInOutput: false,
    lemma: (x) => [
      eq(b.call("f", [x]), at(body, x), "definition", "def-custom", "define"),
      eq(b.call("f", [x], 1), at(raw, x), "differentiation", "lemma-custom-diff"),
      ...lines.map((l) => eq(b.call("f", [x], 1), at(l.result, x), "simplification", l.label === "simplify" ? "lemma-simplify" : l.label)),
    ],
  };
}
