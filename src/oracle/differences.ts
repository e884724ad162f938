// Numeric derivatives at one point of the concrete network, from the independent oracle alone:
// perturb a quantity (weight, bias, input, net_k or y_k), recompute what lies downstream, and
// difference whatever expression is being differentiated. Central differences by default;
// complex steps where everything downstream is analytic. A perturbation that crosses a kink of
// an activation, or that drives a logarithm's or softmax's argument out of its domain, makes
// the point unusable: Redraw says so, and the caller draws another point.
import { evaluate, EvalError, type Scope } from "../expr/evaluate.js";
import type { Expr, Index } from "../expr/types.js";
import type { Network } from "../network/graph.js";
import { resolveSet } from "../network/sets.js";
import type { ElementwiseActivation } from "../rules/activations/activation.js";
import { cx, evaluateComplex, NotAnalytic, type Complex, type ComplexScope } from "../expr/complex.js";
import { complexActivation, complexForwardPass, type ComplexPass } from "./complex-pass.js";
import { incrementalPass, type Scratch } from "./incremental.js";
import type { ForwardPass } from "./forward.js";
import { paramOfSymbol, type Params } from "../network/params.js";
import { indexKey } from "../expr/key.js";
import { describe, overrideOf, valueOf, type Quantity } from "./quantity.js";

export type Method = "central" | "complex-step";
export type UsedMethod = "central-difference" | "complex-step";

/** The imaginary step: any tiny value works, since nothing is subtracted. */
export const COMPLEX_STEP = 1e-20;
/** The relative central-difference step: about eps^(1/3), balancing truncation (h^2) and rounding (eps/h). */
export const CENTRAL_STEP = 6e-6;

/** This point cannot be used for a finite difference; another must be drawn. */
export class Redraw extends Error {}

/**
 * The step for a quantity: relative to its value, with a floor at its natural scale. An output
 * that feeds a logarithm (cross-entropy's ln y, binary cross-entropy's ln y and ln(1 - y)) has
 * curvature 1/y^2 or 1/(1-y)^2, so its step scales with the distance to 0 (and 1); everything
 * else with max(|v|, 1).
 */
export function stepSize(network: Network, q: Quantity, v: number): number {
  if (q.kind === "y" && network.outputs.includes(q.node)) {
    if (network.loss.id === "cross-entropy") return CENTRAL_STEP * Math.max(Math.min(Math.abs(v), 1), 1e-3);
    if (network.loss.id === "binary-cross-entropy") return CENTRAL_STEP * Math.max(Math.min(Math.abs(v), Math.abs(1 - v), 1), 1e-3);
  }
  return CENTRAL_STEP * Math.max(Math.abs(v), 1);
}

/** The activations of the network by the function letter of their layer (f, g, ...). */
export function activationLetters(network: Network): ReadonlyMap<string, ElementwiseActivation> {
  let m = letterCache.get(network);
  if (m === undefined) {
    m = new Map();
    for (const l of network.layers) if (l.fn !== undefined && l.activation?.elementwise) m.set(l.fn, l.activation);
    letterCache.set(network, m);
  }
  return m;
}
const letterCache = new WeakMap<Network, Map<string, ElementwiseActivation>>();

const nested = (what: string): never => {
  throw new EvalError(`${what} inside a differentiated expression cannot be checked`);
};

/** Symbols read from a forward pass, with the perturbed parameter's value in place. */
export function passScope(network: Network, p: Params, pass: ForwardPass, param?: { index: number; value: number }): Scope {
  const letters = activationLetters(network);
  const node = (idx: readonly Index[], name: string): number => {
    const i = idx[0];
    if (idx.length !== 1 || i?.kind !== "node" || i.n === 0 || network.nodes[i.n] === undefined) throw new EvalError(`no value for ${name}`);
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
          const i = paramOfSymbol(network, idx);
          if (i === undefined) throw new EvalError(`no value for w: ${idx.map(indexKey).join(",")} is not a weight of this network`);
          return param?.index === i ? param.value : p.values[i]!;
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
          const i = paramOfSymbol(network, idx);
          if (i === undefined) throw new EvalError("no value for w");
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

export interface DerivativeContext {
  readonly network: Network;
  readonly params: Params;
  readonly base: ForwardPass;
  readonly method: Method;
  /** The methods used since the caller last cleared it. */
  readonly used: Set<UsedMethod>;
}

/** d(of)/dq at the context's point. */
export function derivative(ctx: DerivativeContext, of: Expr, q: Quantity): number {
  if (ctx.method === "complex-step") {
    try {
      const v = valueOf(q, ctx.params, ctx.base);
      const z = cx(v, COMPLEX_STEP);
      const pass = complexForwardPass(ctx.network, ctx.params, q, z);
      const value = of.kind === "sym" && of.name === "E" && of.idx.length === 0 ? pass.E : evaluateComplex(of, complexScope(ctx.network, ctx.params, pass, q, z));
      const d = value.im / COMPLEX_STEP;
      if (Number.isFinite(d)) {
        ctx.used.add("complex-step");
        return d;
      }
    } catch (e) {
      // Not analytic downstream of q (a relu on the way): central differences instead.
      if (!(e instanceof NotAnalytic)) throw e;
    }
  }
  return central(ctx, of, q);
}

function central(ctx: DerivativeContext, of: Expr, q: Quantity): number {
  const { network, params, base } = ctx;
  const v = valueOf(q, params, base);
  const h = stepSize(network, q, v);
  const at = (value: number): number => {
    // Each pass is done with (evaluated) before the next is computed: one scratch pair will do.
    const pass = incrementalPass(network, params, overrideOf(q, value), base, scratchFor(network));
    if (pass.kinkSignature !== base.kinkSignature) {
      throw new Redraw(`changing ${describe(network, q)} = ${v.toPrecision(4)} by ${h.toPrecision(2)} moves ${crossed(network, base, pass)}, where the derivative is not defined`);
    }
    // E itself, the common case, needs no scope.
    if (isE) return pass.E;
    const param = q.kind === "param" ? { index: q.index, value } : undefined;
    return evaluate(of, passScope(network, params, pass, param));
  };
  const isE = of.kind === "sym" && of.name === "E" && of.idx.length === 0;
  // Richardson extrapolation of D(h) and D(h/2) cancels the h^2 term of the truncation error,
  // so that a derivative small next to its curvature (4 (y - t)^3 near y = t) still comes out
  // to about 1e-10 rather than (h / (y - t))^2.
  const d = (step: number): number => {
    const plus = at(v + step);
    const minus = at(v - step);
    if (!Number.isFinite(plus) || !Number.isFinite(minus)) {
      // Finite at the point itself but not beside it: the step left the domain of a logarithm.
      const here = evaluate(of, passScope(network, params, base));
      if (Number.isFinite(here)) throw new Redraw(`changing ${describe(network, q)} = ${v.toPrecision(4)} by ${step.toPrecision(2)} leaves the domain of a logarithm`);
    }
    return (plus - minus) / (2 * step);
  };
  ctx.used.add("central-difference");
  return (4 * d(h / 2) - d(h)) / 3;
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
        if (base.kinkSignature[i] !== pass.kinkSignature[i]) return `net_${k} = ${base.net[k]!.toPrecision(4)} across the kink of ${a.title} at ${c}`;
        i++;
      }
    }
  }
  return "a node across an activation kink";
}

/** f^(order)(x) of an elementwise activation, from its numeric value alone. */
export function activationDerivative(a: ElementwiseActivation, order: number, x: number, method: Method, used: Set<UsedMethod>): number {
  if (order === 0) return a.value(x);
  if (order !== 1) throw new EvalError(`derivatives of order ${order} of ${a.title} are not checked`);
  if (method === "complex-step" && a.analytic) {
    try {
      const d = complexActivation(a)(cx(x, COMPLEX_STEP)).im / COMPLEX_STEP;
      if (Number.isFinite(d)) {
        used.add("complex-step");
        return d;
      }
    } catch (e) {
      if (!(e instanceof NotAnalytic)) throw e;
    }
  }
  const h = CENTRAL_STEP * Math.max(Math.abs(x), 1);
  for (const k of a.kinks) {
    if (Math.abs(x - k) <= h) throw new Redraw(`the derivative of ${a.title} is needed at ${x.toPrecision(4)}, within ${h.toPrecision(2)} of its kink at ${k}, where it is not defined`);
  }
  used.add("central-difference");
  const d = (step: number): number => (a.value(x + step) - a.value(x - step)) / (2 * step);
  return (4 * d(h / 2) - d(h)) / 3;
}
