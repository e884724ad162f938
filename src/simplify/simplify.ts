// The simplifier: bottom-up, and at each node the first rule whose rewrite, once simplified in
// turn, is strictly smaller: in size, or at equal size in minus signs. That measure is
// well-founded, so it terminates; a depth and an iteration cap
// bound the search as well.
import { key } from "../expr/key.js";
import type { Expr } from "../expr/types.js";
import { children, mapChildren, size } from "../expr/walk.js";
import { SIMPLIFY_RULES, TRACE_ORDER, traceLabel, type TraceLabel } from "./registry.js";
import { sumFactor } from "./rules/sum-factor.js";
import { distribute } from "./rules/distribute.js";
import type { Assumption, SimplifyContext } from "./rule.js";

const MAX_DEPTH = 6;
const MAX_ROUNDS = 50;

export interface Simplified {
  readonly result: Expr;
  /** Ids of the rules that fired, in order, without repeats. */
  readonly applied: readonly string[];
}

/** Layers of one activation share one index-form formula: simplify each formula once. */
const cache = new Map<string, Simplified>();
const CACHE_LIMIT = 1000;

/** For benchmarks that measure simplification from cold. */
export const clearSimplifyCache = (): void => cache.clear();

export function simplify(e: Expr, ctx: SimplifyContext): Simplified {
  const id = [key(e), ...ctx.assumptions.map((a) => `${key(a.lhs)}=${key(a.rhs)}`), ctx.only ? [...ctx.only].join(",") : "*"].join("|");
  const hit = cache.get(id);
  if (hit !== undefined) return hit;
  const applied = new Set<string>();
  const result = run(e, ctx, 0, applied, { left: BUDGET, memo: new Map() });
  const out = { result, applied: [...applied] };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(id, out);
  return out;
}

/** The measure that must strictly fall: size first, then the number of minus signs. */
function better(a: Expr, b: Expr): boolean {
  const sa = size(a);
  const sb = size(b);
  return sa < sb || (sa === sb && negatives(a) < negatives(b));
}

function negatives(e: Expr): number {
  let n = e.kind === "num" && e.value < 0 ? 1 : 0;
  for (const c of children(e)) n += negatives(c);
  return n;
}

/**
 * The search is bounded: each proposal is simplified in turn before it is judged, which is
 * exponential in the number of sums multiplied together. Results are memoised per subtree, and
 * after BUDGET proposals the best form found so far is kept.
 */
const BUDGET = 1500;
interface Search {
  left: number;
  readonly memo: Map<string, { result: Expr; applied: readonly string[] }>;
}

function run(e: Expr, ctx: SimplifyContext, depth: number, applied: Set<string>, search: Search): Expr {
  const id = `${depth}:${key(e)}`;
  const hit = search.memo.get(id);
  if (hit !== undefined) {
    for (const a of hit.applied) applied.add(a);
    return hit.result;
  }
  const mine = new Set<string>();
  const result = search1(e, ctx, depth, mine, search);
  search.memo.set(id, { result, applied: [...mine] });
  for (const a of mine) applied.add(a);
  return result;
}

function search1(e: Expr, ctx: SimplifyContext, depth: number, applied: Set<string>, search: Search): Expr {
  let current = mapChildren(e, (c) => run(c, ctx, depth, applied, search));
  if (depth >= MAX_DEPTH) return current;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let next: Expr | undefined;
    for (const rule of SIMPLIFY_RULES) {
      if (search.left <= 0) return current;
      if (ctx.only !== undefined && !ctx.only.has(rule.id)) continue;
      const proposed = rule.apply(current, ctx);
      if (proposed === undefined) continue;
      search.left--;
      const local = new Set<string>();
      const candidate = run(proposed, ctx, depth + 1, local, search);
      if (better(candidate, current)) {
        applied.add(rule.id);
        for (const id of local) applied.add(id);
        next = candidate;
        break;
      }
    }
    if (next === undefined) return current;
    current = next;
  }
  return current;
}

/** One line of a simplification replayed rule by rule: the form after `rule` was admitted. */
export interface TraceStep {
  readonly rule: string;
  /** The rule's own label, the justification of the line. */
  readonly label: TraceLabel;
  readonly result: Expr;
}

const line = (rule: string, result: Expr): TraceStep => ({ rule, label: traceLabel(rule), result });

/**
 * The simplification of e replayed in stages (TRACE_ORDER): stage n simplifies the previous
 * stage's result with the first n rules, and a stage that changes the expression is a line named
 * by the rule it added. Every line is no larger than the one before (the driver accepts only
 * rewrites that shrink), and the last line is as simple as simplify() makes it.
 */
export function trace(e: Expr, ctxAssumptions: readonly Assumption[] = []): TraceStep[] {
  const steps: TraceStep[] = [];
  const allowed = new Set<string>();
  let current = e;
  for (const id of TRACE_ORDER) {
    allowed.add(id);
    // Multiplying out shows its first line on its own when that line is no larger: the sum times
    // the factor, fractions cancelled ((1 - t)/(1 - y) - t/y) y (1 - y) = (1 - t) y - t (1 - y),
    // before like terms are collected.
    if (id === "distribute") {
      const once = distribute.apply(current, { assumptions: [] });
      if (once !== undefined && key(once) !== key(current) && size(once) <= size(current)) {
        steps.push(line("distribute", once));
        current = once;
      }
    }
    // Before an assumption replaces a sum, the line that shows that sum: factors that do not
    // depend on the summation index moved out of it (-t_k + y_k sum_i t_i), though that line is
    // no smaller than the one before it; it is never larger either.
    if (id === "assumption" && ctxAssumptions.length > 0) {
      const pulled = everywhere(current, (x) => sumFactor.apply(x, { assumptions: [] }));
      if (key(pulled) !== key(current) && size(pulled) <= size(current)) {
        const next = simplify(pulled, { assumptions: ctxAssumptions, only: new Set(allowed) }).result;
        if (key(next) !== key(pulled)) {
          steps.push(line("sum-factor", pulled));
          current = pulled;
        }
      }
    }
    const next = simplify(current, { assumptions: ctxAssumptions, only: new Set(allowed) }).result;
    if (key(next) === key(current)) continue;
    // Multiplying out after a first line of it goes on to collect like terms: named so.
    steps.push(line(id === "distribute" && steps.at(-1)?.rule === "distribute" ? "expand" : id, next));
    current = next;
  }
  // Whatever the staged order could not reach, the full rule set does in one more line.
  const full = simplify(current, { assumptions: ctxAssumptions }).result;
  if (key(full) !== key(current)) steps.push(line("simplify", full));
  return steps;
}

/** e with `rewrite` applied once at every node where it applies, bottom-up. */
function everywhere(e: Expr, rewrite: (x: Expr) => Expr | undefined): Expr {
  const inner = mapChildren(e, (c) => everywhere(c, rewrite));
  return rewrite(inner) ?? inner;
}
