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

/** The arguments of every call of a function that is not smooth (relu, |u|, sign): where they cross 0, f has a kink. */
const roughArguments = (e: Expr): Expr[] => [
  ...(e.kind === "call" && builtin(e.fn)?.analytic === false ? e.args : []),
  ...children(e).flatMap(roughArguments),
];

/** The span scanned for kinks, and the grid it is scanned on: past |x| = 50 any activation of interest is flat or linear. */
const KINK_SPAN = 50;
const KINK_GRID = 4000;

/**
 * The points where an argument of relu, |u| or sign crosses 0, to 1e-12: the kinks of the formula,
 * which the numeric checks keep their differences away from (relu(x - 1) has its kink at 1).
 * Each argument is scanned for sign changes on a grid over [-50, 50] and each change bisected;
 * an argument that vanishes at a grid point is a kink there.
 */
export function kinksOf(body: Expr): number[] {
  const found = new Set<number>();
  for (const arg of roughArguments(body)) {
    const g = (x: number): number => evaluateReal(arg, x);
    let px = -KINK_SPAN;
    let pg = g(px);
    for (let i = 1; i <= KINK_GRID; i++) {
      const x = -KINK_SPAN + (2 * KINK_SPAN * i) / KINK_GRID;
      const gx = g(x);
      if (gx === 0) found.add(x);
      else if (Number.isFinite(pg) && Number.isFinite(gx) && pg !== 0 && pg < 0 !== gx < 0) {
        let [lo, hi] = [px, x];
        for (let k = 0; k < 60 && hi - lo > 1e-12; k++) {
          const mid = (lo + hi) / 2;
          if (g(mid) < 0 === pg < 0) lo = mid;
          else hi = mid;
        }
        found.add(Number(((lo + hi) / 2).toPrecision(12)));
      }
      [px, pg] = [x, gx];
    }
  }
  return [...found].sort((a, c) => a - c);
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
    ...(analytic ? { complexValue: (z: Complex) => evaluateComplex(body, { sym: () => z, set: () => [] }) } : {}),
    kinks: analytic ? [] : kinksOf(body),
    definition: (x) => at(body, x),
    value: (x) => parsed.evaluate({ x }),
    derivative: (x) => at(derivative, x),
    derivativeInOutput: false,
    lemma: (x) => [
      eq(b.call("f", [x]), at(body, x), "definition", "def-custom", "define"),
      eq(b.call("f", [x], 1), at(raw, x), "differentiation", "lemma-custom-diff"),
      ...lines.map((l) =>
        eq(b.call("f", [x], 1), at(l.result, x), "simplification", l.rule === "simplify" ? "lemma-simplify" : `simp-${l.rule}`),
      ),
    ],
  };
}
