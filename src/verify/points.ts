// Evaluating a claim's two sides over every binding of its free indices at seeded random points.
// Both sides are evaluated in the oracle's scope (src/oracle/point.ts): every symbol takes its true
// value, delta_k and each derivative symbol by finite differences of the forward definitions, so
// that the left side's value is the truth and never a derived formula.
import { EvalError, evaluate, type Scope } from "../expr/evaluate.js";
import type { Expr } from "../expr/types.js";
import { bindAll, children, expandSums } from "../expr/walk.js";
import { resolveSet } from "../network/sets.js";
import type { Network } from "../network/graph.js";
import { edgeOfSymbol, type Params } from "../network/params.js";
import { Redraw } from "../oracle/differences.js";
import { PointValues } from "../oracle/point.js";
import { randomParams } from "../oracle/random.js";
import { rng } from "../oracle/rng.js";
import { agrees, relError } from "../check/tolerance.js";
import type { Range } from "./claim.js";

/** The oracle at one seeded point, shared by a claim and all its corrected variants (its derivatives are memoised). */
export interface Point {
  readonly network: Network;
  readonly params: Params;
  readonly values: PointValues;
  readonly scope: Scope;
}

/** `count` seeded random points of a network. */
export function makePoints(network: Network, seed: number, count: number): Point[] {
  return Array.from({ length: count }, (_, i) => {
    const params = randomParams(network, rng(seed * 7919 + i + 1));
    const values = new PointValues(network, params, "central");
    return { network, params, values, scope: withAbsentWeights(network, values.scope()) };
  });
}

/**
 * A weight between two nodes that no edge joins is 0, as in the layers' weight matrices: a claim
 * that writes w_46 for w_64 gets a value, and a verdict, rather than an error.
 */
function withAbsentWeights(network: Network, s: Scope): Scope {
  return {
    ...s,
    sym: (name, idx) => {
      if (name === "w" && idx.length === 2 && edgeOfSymbol(network, idx) === undefined) {
        const [a, c] = idx;
        const exists = (n: number): boolean => n > 0 && network.nodes[n] !== undefined;
        if (a?.kind === "node" && c?.kind === "node" && exists(a.n) && exists(c.n)) return 0;
      }
      return s.sym(name, idx);
    },
  };
}

export type Binding = Readonly<Record<string, number>>;

/** How many bindings the ranges have (their product's size). */
export const bindingCount = (ranges: readonly Range[]): number => ranges.reduce((n, r) => n * r.nodes.length, 1);

/** Every binding of the ranges (their product); beyond `limit`, `limit` of them spread evenly over it. */
export function bindings(ranges: readonly Range[], limit: number): Binding[] {
  const total = bindingCount(ranges);
  const count = Math.min(total, limit);
  const out: Binding[] = [];
  for (let i = 0; i < count; i++) {
    // The i-th of `count` evenly spaced places in the product, the first and the last among
    // them, read as mixed-radix digits.
    let at = total <= limit ? i : Math.round((i * (total - 1)) / (count - 1));
    const b: Record<string, number> = {};
    for (let r = ranges.length - 1; r >= 0; r--) {
      const nodes = ranges[r]!.nodes;
      b[ranges[r]!.index] = nodes[at % nodes.length]!;
      at = Math.floor(at / nodes.length);
    }
    out.push(Object.fromEntries(ranges.map((r) => [r.index, b[r.index]!])));
  }
  return out;
}

/** An expression with its free indices bound; sums whose bodies hold derivative symbols written
 * out term by term, as a derivative symbol's indices must be concrete when it is evaluated. */
function bound(e: Expr, binding: Binding, pt: Point | undefined): Expr {
  const b = bindAll(e, binding);
  return pt !== undefined && hasDeriv(b) ? expandSums(b, (s) => resolveSet(pt.network, s)) : b;
}

const hasDeriv = (e: Expr): boolean => e.kind === "deriv" || children(e).some(hasDeriv);

export interface Sample {
  readonly binding: Binding;
  readonly point: number;
  readonly actual: number;
  readonly noise: number;
}

/** The true values of a claim's left side: the bindings for which it names a quantity of the network, at each point. */
export function truths(truth: Expr, binds: readonly Binding[], points: readonly Point[]): Sample[] {
  const out: Sample[] = [];
  for (const binding of binds) {
    const e = bound(truth, binding, points[0]);
    for (let p = 0; p < points.length; p++) {
      const pt = points[p]!;
      pt.values.tally.noise = 0;
      try {
        const actual = evaluate(e, pt.scope);
        out.push({ binding, point: p, actual, noise: pt.values.tally.noise });
      } catch (err) {
        // Not a quantity for this binding (w_kj with no edge j -> k), or a point on a kink.
        if (err instanceof EvalError || err instanceof Redraw) continue;
        throw err;
      }
    }
  }
  return out;
}

export interface Outcome {
  readonly holds: boolean;
  /** How many samples were compared (one on a kink of an activation is not). */
  readonly compared: number;
  readonly worst: number;
  readonly failure?: { readonly sample: Sample; readonly claimed: number };
}

/** An expression's value at a sample's binding and point: NaN where it has none, undefined on a kink. */
export function valueAt(e: Expr, s: Sample, points: readonly Point[]): number | undefined {
  const pt = points[s.point]!;
  try {
    return evaluate(bound(e, s.binding, pt), pt.scope);
  } catch (err) {
    if (err instanceof Redraw) return undefined;
    if (err instanceof EvalError) return Number.NaN;
    throw err;
  }
}

/** The right side against the true values; an EvalError means the formula has no value here. */
export function compare(rhs: Expr, samples: readonly Sample[], points: readonly Point[], tolerance: number): Outcome {
  let worst = 0;
  let failure: Outcome["failure"];
  let worstFailure = -1;
  let compared = 0;
  for (const s of samples) {
    const pt = points[s.point]!;
    pt.values.tally.noise = 0;
    const claimed = valueAt(rhs, s, points);
    if (claimed === undefined) continue;
    compared++;
    const noise = s.noise + pt.values.tally.noise + 1e-12;
    // Infinity against a number: relError's 0/0 would be NaN.
    const err = Number.isFinite(claimed) && Number.isFinite(s.actual) ? relError(claimed, s.actual) : claimed === s.actual ? 0 : Infinity;
    if (!agrees(claimed, s.actual, tolerance, noise)) {
      if (err > worstFailure) {
        worstFailure = err;
        failure = { sample: s, claimed };
      }
    } else worst = Math.max(worst, err);
  }
  return failure === undefined
    ? { holds: true, worst, compared }
    : { holds: false, worst: Math.max(worst, worstFailure), failure, compared };
}
