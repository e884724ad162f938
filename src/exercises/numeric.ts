// Numeric exercises: one quantity of the forward or backward pass at the sheet's numbers. The
// answer shows the worked example's lines for it and for every quantity it needs (formula,
// numbers substituted, value), each checked against the independent evaluation at those numbers
// before the sheet is made; the value is the one `evaluate` prints.
import { assertNever } from "../expr/types.js";
import { KinkError } from "../check/gradcheck.js";
import { checkSteps } from "../check/steps.js";
import type { Step } from "../derive/proof.js";
import * as b from "../expr/build.js";
import { key } from "../expr/key.js";
import type { Expr } from "../expr/types.js";
import { children } from "../expr/walk.js";
import { usesOf } from "../network/params.js";
import { type Chain, chainsOf, type Context, DIGITS, lineOf, pick } from "./context.js";
import { type ExerciseMessageKey, say } from "./messages.js";
import { math } from "./pieces.js";
import type { Exercise, Quantity } from "./types.js";

/** An answer the checker did not confirm: the sheet is not written (exit 1, a check failed). */
export class UncheckedAnswer extends KinkError {}

const nodeSym = (name: string, k: number): Expr => b.sym(name, b.node(k));
export const weightSym = (to: number, from: number | "b"): Expr =>
  from === "b" ? b.sym("w", b.bias(b.node(to))) : b.sym("w", b.node(to), b.node(from));

/** The symbol a quantity is named by in the worked example (its chain's left side). */
export function quantityExpr(q: Quantity): Expr {
  switch (q.kind) {
    case "E":
      return b.sym("E");
    case "net":
    case "y":
    case "delta":
      return nodeSym(q.kind, q.node!);
    case "gradient":
      return b.deriv(b.sym("E"), weightSym(q.node!, q.from!));
    case "updated":
      return weightSym(q.node!, q.from!);
    default:
      return assertNever(q.kind);
  }
}

/** The value `evaluate` prints for a quantity. */
export function quantityValue(ctx: Context, q: Quantity): number {
  const v = ctx.values;
  switch (q.kind) {
    case "E":
      return v.E;
    case "net":
    case "y":
    case "delta":
      return v.nodes[String(q.node)]![q.kind];
    case "gradient":
      return v.gradients[String(q.node)]![String(q.from)]!;
    case "updated":
      return v.updated[String(q.node)]![String(q.from)]!;
    default:
      return assertNever(q.kind);
  }
}

/** The quantities a formula needs that the worked example computes: nets, outputs, error terms, E. */
function needs(e: Expr): string[] {
  const own = e.kind === "sym" && ["net", "y", "delta", "E"].includes(e.name) ? [key(e)] : [];
  return [...own, ...children(e).flatMap(needs)];
}

/** The worked chain of a quantity and of all it needs, in the worked example's order. */
function workedChains(ctx: Context, target: Expr): Chain[] | undefined {
  // Chains of derived formulas only: the given numbers are not worked out.
  const chains = chainsOf(ctx.worked, "worked").filter((c) => c.steps[0]!.rule === "substitution");
  const at = new Map<string, number>();
  chains.forEach((c, i) => {
    const k = key(c.steps[0]!.lhs);
    if (!at.has(k)) at.set(k, i);
  });
  const first = at.get(key(target));
  if (first === undefined) return undefined;
  const wanted = new Set<number>();
  const visit = (i: number): void => {
    if (wanted.has(i)) return;
    wanted.add(i);
    for (const k of needs(chains[i]!.steps[0]!.rhs)) {
      const j = at.get(k);
      if (j !== undefined && j !== i) visit(j);
    }
  };
  visit(first);
  return [...wanted].sort((x, y) => x - y).map((i) => chains[i]!);
}

const PROMPT: Record<Quantity["kind"], ExerciseMessageKey> = {
  E: "computeE",
  net: "compute",
  y: "compute",
  delta: "computeDelta",
  gradient: "computeGradient",
  updated: "computeUpdated",
};

/** The quantities of a sheet, one of each kind, picked by the seed's generator. */
function quantities(ctx: Context): Quantity[] {
  const { network, r } = ctx;
  const hidden = network.nodes.filter((n) => n.id > 0 && n.layer > 0 && !network.outputs.includes(n.id)).map((n) => n.id);
  const outputs = network.outputs;
  const inner = hidden.length > 0 ? hidden : outputs;
  // A tied weight's gradient is the sum over its uses: the derivation kind asks for that.
  const free = network.params.filter((_, i) => usesOf(network, i).length <= 1);
  const into = (nodes: readonly number[]) => {
    const ps = free.filter((p) => nodes.includes(p.to));
    return ps.length > 0 ? ps : free;
  };
  const g = pick(r, into(inner));
  const u = pick(r, into(outputs));
  return [
    { kind: "net", node: pick(r, inner) },
    { kind: "y", node: pick(r, outputs) },
    { kind: "E" },
    { kind: "delta", node: pick(r, inner) },
    { kind: "gradient", node: g.to, from: g.from },
    { kind: "updated", node: u.to, from: u.from },
  ];
}

/** Four significant digits; the tolerance a grader allows for hand rounding on the way. */
const shownOf = (v: number): number => Number(v.toPrecision(DIGITS));
const toleranceOf = (v: number): number => Number(Math.max(0.01 * Math.abs(v), 0.001).toPrecision(2));

export function numericExercise(ctx: Context, q: Quantity): Exercise | undefined {
  const target = quantityExpr(q);
  const chains = workedChains(ctx, target);
  if (chains === undefined) return undefined;
  const steps: Step[] = chains.flatMap((c) => [...c.steps]);
  const report = checkSteps(ctx.worked, {
    params: ctx.params,
    worked: { params: ctx.params, digits: DIGITS },
    only: new Set(steps.map((s) => s.id)),
  });
  if (report.failed > 0 || report.verified === 0)
    throw new UncheckedAnswer(`the worked answer for ${key(target)} did not check (${report.failed} of ${steps.length} lines failed)`);
  const value = quantityValue(ctx, q);
  const shown = shownOf(value);
  const lang = ctx.lang;
  return {
    id: "",
    kind: "numeric",
    source: "numeric",
    prompt: say(lang, PROMPT[q.kind], { q: [math(target)], eta: [math(b.sym("eta"))] }),
    given: [],
    spec: ctx.network.spec.source,
    params: ctx.paramsJson,
    quantity: q,
    answer: {
      intro: say(lang, "answerNumeric"),
      lines: steps.map((step) => lineOf(ctx, step)),
      outro: [...say(lang, "answerValue", { q: [math(target)], v: [math(b.num(shown))] }), { text: " " }, ...say(lang, "checkedNumbers")],
      value,
      shown,
      tolerance: toleranceOf(shown),
    },
  };
}

export function numericExercises(ctx: Context): Exercise[] {
  return quantities(ctx).flatMap((q) => numericExercise(ctx, q) ?? []);
}
