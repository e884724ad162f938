// Numeric derivatives at one point of the concrete network, from the independent oracle alone:
// perturb a quantity (weight, bias, input, net_k or y_k), recompute what lies downstream, and
// difference whatever expression is being differentiated. Central differences by default;
// complex steps where everything downstream is analytic. A perturbation that crosses a kink of
// an activation, or that drives a logarithm's or softmax's argument out of its domain, makes
// the point unusable: Redraw says so, and the caller draws another point.
import { evaluate, EvalError, type Scope } from "../expr/evaluate.js";
import type { Expr, Index } from "../expr/types.js";
import { activationLetters, type Network } from "../network/graph.js";
import { resolveSet } from "../network/sets.js";
import type { ElementwiseActivation } from "../rules/activations/activation.js";
import { cx, evaluateComplex, NotAnalytic, type Complex, type ComplexScope } from "../expr/complex.js";
import { complexActivation, complexForwardPass, type ComplexPass } from "./complex-pass.js";
import { incrementalPass, type Scratch } from "./incremental.js";
import { localPass } from "./local.js";
import { type ForwardPass, maxNodes } from "./forward.js";
import { edgeOfSymbol, edgeParams, paramOfShared, type Params } from "../network/params.js";
import { indexKey } from "../expr/key.js";
import { describe, overrideOf, valueOf, type Quantity } from "./quantity.js";
import { richardson, richardsonNearKinks } from "./richardson.js";

export type Method = "central" | "complex-step";
export type UsedMethod = "central-difference" | "complex-step";

/** The imaginary step: any tiny value works, since nothing is subtracted. */
export const COMPLEX_STEP = 1e-20;
/** The relative central-difference step: about eps^(1/3), balancing truncation (h^2) and rounding (eps/h). */
export const CENTRAL_STEP = 6e-6;

/** This point cannot be used for a finite difference; another must be drawn. */
export class Redraw extends Error {}

/**
 * The step for a quantity: relative to its value, at least 1 in magnitude. An output that feeds
 * a logarithm (cross-entropy's ln y, binary cross-entropy's ln y and ln(1 - y)) has curvature
 * 1/y^2 or 1/(1-y)^2 and no values beyond 0 and 1, so its step is relative to its distance to
 * 0 (and 1): a probability of 1e-11 is perturbed by 6e-17, never pushed out of the domain.
 */
export function stepSize(network: Network, q: Quantity, v: number): number {
  if (q.kind === "y" && network.outputs.includes(q.node)) {
    if (network.loss.logOutputs === "y") return relativeStep(v, Math.abs(v));
    if (network.loss.logOutputs === "y-and-one-minus-y") return relativeStep(v, Math.min(Math.abs(v), Math.abs(1 - v)));
  }
  return relativeStep(v);
}

const nested = (what: string): never => {
  throw new EvalError(`${what} inside a differentiated expression cannot be checked`);
};

/** Symbols read from a forward pass, with the perturbed parameter's value in place. */
export function passScope(
  network: Network,
  p: Params,
  pass: ForwardPass,
  perturbed?: { readonly kind: "param" | "edge"; readonly index: number; readonly value: number },
): Scope {
  const letters = activationLetters(network);
  const node = (idx: readonly Index[], name: string): number => {
    const i = idx[0];
    if (idx.length !== 1 || i?.kind !== "node" || i.n === 0 || network.nodes[i.n] === undefined)
      throw new EvalError(`no value for ${name}`);
    return i.n;
  };
  return {
    sym(name, idx) {
      if (idx.length === 0) {
        if (name === "eta") return p.eta;
        if (name === "E") return pass.E;
        throw new EvalError(`no value for ${name}`);
      }
      switch (name) {
        case "w": {
          const e = edgeOfSymbol(network, idx);
          if (e === undefined) throw new EvalError(`no value for w: ${idx.map(indexKey).join(",")} is not a weight of this network`);
          const i = edgeParams(network)[e]!;
          if (perturbed?.kind === "edge" && perturbed.index === e) return perturbed.value;
          return perturbed?.kind === "param" && perturbed.index === i ? perturbed.value : p.values[i]!;
        }
        case "theta": {
          const i = paramOfShared(network, idx);
          if (i === undefined) throw new EvalError("no value for theta: no such group of tied weights");
          return perturbed?.kind === "param" && perturbed.index === i ? perturbed.value : p.values[i]!;
        }
        case "x":
        case "y": {
          const n = node(idx, name);
          if (name === "x" && network.nodes[n]!.layer !== 0) throw new EvalError(`no value for x_${n}: not an input`);
          return pass.y[n]!;
        }
        case "net": {
          const n = node(idx, name);
          if (network.nodes[n]!.layer === 0) throw new EvalError(`no value for net_${n}: an input node`);
          return pass.net[n]!;
        }
        case "t": {
          const i = network.outputs.indexOf(node(idx, name));
          if (i < 0) throw new EvalError("no value for t: not an output node");
          return p.targets[i]!;
        }
        case "delta":
          return nested("an error term");
        default:
          throw new EvalError(`no value for ${name}`);
      }
    },
    set: (s) => resolveSet(network, s) ?? nested("a sum over an unresolved set"),
    call(fn, order, args) {
      const a = letters.get(fn);
      if (a === undefined) throw new EvalError(`no meaning for function ${fn}`);
      return order === 0 ? a.value(args[0]!) : nested("a derivative of an activation");
    },
    deriv: () => nested("a derivative symbol"),
  };
}

/** The complex counterpart of passScope. */
function complexScope(network: Network, p: Params, pass: ComplexPass, q: Quantity, z: Complex): ComplexScope {
  const letters = activationLetters(network);
  return {
    sym(name, idx) {
      if (idx.length === 0) {
        if (name === "eta") return cx(p.eta);
        if (name === "E") return pass.E;
        throw new EvalError(`no value for ${name}`);
      }
      const n = idx[0]?.kind === "node" ? idx[0].n : -1;
      switch (name) {
        case "w": {
          const e = edgeOfSymbol(network, idx);
          if (e === undefined) throw new EvalError("no value for w");
          const i = edgeParams(network)[e]!;
          if (q.kind === "edge" && q.index === e) return z;
          return q.kind === "param" && q.index === i ? z : cx(p.values[i]!);
        }
        case "theta": {
          const i = paramOfShared(network, idx);
          if (i === undefined) throw new EvalError("no value for theta");
          return q.kind === "param" && q.index === i ? z : cx(p.values[i]!);
        }
        case "x":
        case "y":
          return pass.y[n] ?? nested(name);
        case "net":
          return pass.net[n] ?? nested(name);
        case "t":
          return cx(p.targets[network.outputs.indexOf(n)] ?? Number.NaN);
        default:
          return nested(name);
      }
    },
    set: (s) => resolveSet(network, s) ?? nested("a sum over an unresolved set"),
    call(fn, order, args) {
      const a = letters.get(fn);
      if (a === undefined || order !== 0) return nested(`function ${fn}`);
      return complexActivation(a)(args[0]!);
    },
  };
}

/** What a numeric derivative cost and how far it can be trusted, accumulated over a check. */
export interface Tally {
  /** The methods used. */
  readonly used: Set<UsedMethod>;
  /** The largest estimated error (rounding and truncation) of any derivative computed. */
  noise: number;
  /** Whether the oracle itself overflowed: some value it needed is not a finite number. */
  overflow: boolean;
}

export const newTally = (): Tally => ({ used: new Set(), noise: 0, overflow: false });

export function clearTally(t: Tally): void {
  t.used.clear();
  t.noise = 0;
  t.overflow = false;
}

export function addTally(into: Tally, t: Tally): void {
  for (const m of t.used) into.used.add(m);
  into.noise = Math.max(into.noise, t.noise);
  into.overflow ||= t.overflow;
}

export interface DerivativeContext {
  readonly network: Network;
  readonly params: Params;
  readonly base: ForwardPass;
  readonly method: Method;
  readonly tally: Tally;
}

/**
 * The rounding noise of a Richardson-extrapolated central difference of f with step h: f is
 * computed to a relative error of about ROUNDING_ULPS machine epsilons (sums over a layer,
 * exponentials, logarithms), each difference quotient is uncertain by that over h, and the
 * extrapolation (4 D(h/2) - D(h)) / 3 multiplies it by about three.
 */
export const ROUNDING_ULPS = 16;
export const roundingNoise = (fMagnitude: number, h: number): number => (3 * ROUNDING_ULPS * Number.EPSILON * Math.abs(fMagnitude)) / h;

/** d(of)/dq at the context's point; its estimated error and any overflow go to ctx.tally. */
export function derivative(ctx: DerivativeContext, of: Expr, q: Quantity): number {
  // A partial derivative of a node's quantity is local (local.ts): central differences over the local pass.
  if (ctx.method === "complex-step" && (ctx.network.plain || isE(of))) {
    try {
      const v = valueOf(q, ctx.params, ctx.base, ctx.network);
      const z = cx(v, COMPLEX_STEP);
      const pass = complexForwardPass(ctx.network, ctx.params, q, z);
      const value =
        of.kind === "sym" && of.name === "E" && of.idx.length === 0
          ? pass.E
          : evaluateComplex(of, complexScope(ctx.network, ctx.params, pass, q, z));
      const d = value.im / COMPLEX_STEP;
      if (Number.isFinite(d)) {
        // No difference is taken: exact to rounding of the value itself.
        ctx.tally.used.add("complex-step");
        ctx.tally.noise = Math.max(ctx.tally.noise, 4 * Number.EPSILON * Math.abs(d));
        return d;
      }
    } catch (e) {
      // Not analytic downstream of q (a relu on the way): central differences instead.
      if (!(e instanceof NotAnalytic)) throw e;
    }
  }
  return central(ctx, of, q);
}

/**
 * The step for a central difference of f near x: relative to |x| (at least 1 in magnitude), and
 * no more than `room` (the distance to the edge of the domain, for a probability its distance to
 * 0 and 1) times the relative step, so that x ± h stays inside.
 */
const relativeStep = (x: number, room = Infinity): number => CENTRAL_STEP * Math.min(Math.max(Math.abs(x), 1), room);

const isE = (of: Expr): boolean => of.kind === "sym" && of.name === "E" && of.idx.length === 0;

function central(ctx: DerivativeContext, of: Expr, q: Quantity): number {
  const { network, params, base } = ctx;
  const v = valueOf(q, params, base, network);
  const ofE = isE(of);
  // E depends on q through everything downstream; any other quantity only directly (local.ts),
  // which in consecutive layers is the same.
  const local = !ofE && !network.plain;
  const here = ofE ? base.E : evaluate(of, passScope(network, params, base));
  ctx.tally.used.add("central-difference");
  if (!Number.isFinite(here) || !Number.isFinite(v)) {
    // The oracle cannot represent the function at this point: nothing to difference.
    ctx.tally.overflow = true;
    return Number.NaN;
  }
  const h = stepSize(network, q, v);
  const at = (value: number): number => {
    // Each pass is done with (evaluated) before the next is computed: one scratch pair will do.
    const pass = local
      ? localPass(network, params, overrideOf(q, value), base)
      : incrementalPass(network, params, overrideOf(q, value), base, scratchFor(network));
    if (pass.kinkSignature !== base.kinkSignature) {
      throw new Redraw(
        `changing ${describe(network, q)} = ${v.toPrecision(4)} by ${h.toPrecision(2)} moves ${crossed(network, base, pass)}, where the derivative is not defined`,
      );
    }
    // E itself, the common case, needs no scope.
    if (ofE) return pass.E;
    const perturbed = q.kind === "param" || q.kind === "edge" ? { ...q, value } : undefined;
    return evaluate(of, passScope(network, params, pass, perturbed));
  };
  // Richardson extrapolation of D(h) and D(h/2) cancels the h^2 term of the truncation error,
  // so that a derivative small next to its curvature (4 (y - t)^3 near y = t) still comes out
  // to about 1e-10 rather than (h / (y - t))^2.
  const d = (step: number): number => {
    // The steps actually taken, v + step and v - step being rounded: exact differences.
    const up = v + step;
    const down = v - step;
    if (up - down === 0) {
      // Too close to the edge of its domain (a probability within an ulp of 1) to be moved at
      // all: double precision cannot take this derivative.
      ctx.tally.overflow = true;
      return Number.NaN;
    }
    const plus = at(up);
    const minus = at(down);
    if (!Number.isFinite(plus) || !Number.isFinite(minus)) {
      if (Math.abs(plus) === Infinity || Math.abs(minus) === Infinity) ctx.tally.overflow = true;
      // Finite at the point itself but not beside it: the step left the domain of a logarithm.
      else
        throw new Redraw(
          `changing ${describe(network, q)} = ${v.toPrecision(4)} by ${step.toPrecision(2)} leaves the domain of a logarithm`,
        );
    }
    return (plus - minus) / (up - down);
  };
  const noise = (step: number): number => roundingNoise(here, step);
  let best = richardsonNearKinks(d, h, noise, (e) => e instanceof Redraw);
  // A step relative to a large |v| may be far longer than the scale on which the function
  // varies (sin(net) at net = 1e8 turns within 2 pi): an estimate at the unit-scale step must
  // agree with it, or that one, whose truncation error is smaller, is taken.
  const unit = stepSize(network, q, Math.sign(v) * Math.min(Math.abs(v), 1));
  if (h > 4 * unit) {
    const near = richardsonNearKinks(d, unit, noise, (e) => e instanceof Redraw);
    if (!(Math.abs(near.value - best.value) <= 2 * (near.noise + best.noise))) best = near;
  }
  ctx.tally.noise = Math.max(ctx.tally.noise, best.noise);
  if (!Number.isFinite(best.value)) ctx.tally.overflow = true;
  return best.value;
}

const scratches = new WeakMap<Network, Scratch>();
const scratchFor = (network: Network): Scratch => {
  let s = scratches.get(network);
  if (s === undefined) {
    s = { net: new Float64Array(network.nodes.length), y: new Float64Array(network.nodes.length) };
    scratches.set(network, s);
  }
  return s;
};

/** Which node's net crossed which kink, read off the oracle's kink signatures. */
function crossed(network: Network, base: ForwardPass, pass: ForwardPass): string {
  let i = 0;
  for (const layer of network.layers.slice(1)) {
    const a = layer.activation!;
    if (!a.elementwise) continue;
    for (const k of layer.nodes) {
      for (const c of a.kinks) {
        if (base.kinkSignature[i] !== pass.kinkSignature[i])
          return `net_${k} = ${base.net[k]!.toPrecision(4)} across the kink of ${a.title} at ${c}`;
        i++;
      }
    }
  }
  // Then each max node's arg max (forward.ts): a change is a tie crossed.
  const before = base.kinkSignature.split("|").slice(1);
  const after = pass.kinkSignature.split("|").slice(1);
  const m = maxNodes(network).find((_, n) => before[n] !== after[n]);
  if (m !== undefined) {
    const preds = network.nodes[m]!.preds;
    const [a, c] = [preds[Number(before[maxNodes(network).indexOf(m)])]!, preds[Number(after[maxNodes(network).indexOf(m)])]!];
    return `the largest input of max node ${m} from y_${a} = ${base.y[a]!.toPrecision(4)} to y_${c} (a tie of its inputs, where the max has no derivative)`;
  }
  return "a node across an activation kink";
}

/** f^(order)(x) of an elementwise activation, from its numeric value alone. */
export function activationDerivative(a: ElementwiseActivation, order: number, x: number, method: Method, tally: Tally): number {
  if (order === 0) {
    const v = a.value(x);
    if (!Number.isFinite(v) && Number.isFinite(x)) tally.overflow = true;
    return v;
  }
  if (order !== 1) throw new EvalError(`derivatives of order ${order} of ${a.title} are not checked`);
  if (method === "complex-step" && a.analytic) {
    try {
      const d = complexActivation(a)(cx(x, COMPLEX_STEP)).im / COMPLEX_STEP;
      if (Number.isFinite(d)) {
        tally.used.add("complex-step");
        tally.noise = Math.max(tally.noise, 4 * Number.EPSILON * Math.abs(d));
        return d;
      }
    } catch (e) {
      if (!(e instanceof NotAnalytic)) throw e;
    }
  }
  // A step that stays on x's side of every kink; on a kink itself, no derivative is defined.
  const h = Math.min(relativeStep(x), ...a.kinks.map((k) => Math.abs(x - k) / 2));
  for (const k of a.kinks) {
    if (Math.abs(x - k) <= 1e-12 * Math.max(1, Math.abs(x)))
      throw new Redraw(`the derivative of ${a.title} is needed at ${x.toPrecision(4)}, on its kink at ${k}, where it is not defined`);
  }
  tally.used.add("central-difference");
  const here = a.value(x);
  const d = (step: number): number => (a.value(x + step) - a.value(x - step)) / (x + step - (x - step));
  const noise = (step: number): number => roundingNoise(here, step);
  let best = richardson(d, h, noise);
  if (h > 4 * CENTRAL_STEP) {
    const near = richardson(d, CENTRAL_STEP, noise);
    if (!(Math.abs(near.value - best.value) <= 2 * (near.noise + best.noise))) best = near;
  }
  if (!Number.isFinite(best.value) || !Number.isFinite(here)) {
    tally.overflow = true;
    return Number.NaN;
  }
  tally.noise = Math.max(tally.noise, best.noise);
  return best.value;
}
