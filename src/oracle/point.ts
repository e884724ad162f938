// The meaning of a proof's symbols at one point, for checking its steps: every symbol takes its
// true value, computed by the independent oracle (w, x, t, eta from the params; net, y, E from
// the forward pass; delta_k = dE/dnet_k and every derivative symbol by numeric differentiation;
// f and f' of an activation letter from the activation's numeric value). A step is then checked
// as a claim about the true quantities, independently of every other step and of the proof's
// own results.
import * as b from "../expr/build.js";
import { EvalError, type Scope } from "../expr/evaluate.js";
import { key } from "../expr/key.js";
import type { Expr, Index } from "../expr/types.js";
import { activationLetters, type Network } from "../network/graph.js";
import type { ElementwiseActivation } from "../rules/activations/activation.js";
import { activationDerivative, addTally, derivative, newTally, type DerivativeContext, type Method, type Tally } from "./differences.js";
import { forwardPass, type ForwardPass } from "./forward.js";
import { passScope } from "./pass-scope.js";
import type { Params } from "../network/params.js";
import { meaningOf } from "../network/symbols.js";
import { exprName, quantityOf, type Quantity } from "./quantity.js";

/** In a lemma, calls to the activation's own symbol are renamed to this, so that built-ins
 * (sigma, tanh, relu, softplus) do not answer them with the engine's derivative table. */
export const LEMMA_FN = "@lemma";

/** The free x of a lemma, with y = f(x). */
export interface LemmaPoint {
  readonly activation: ElementwiseActivation;
  readonly x: number;
}

/** The ends of the open range of the built-in activations that never reach them. */
const OPEN_RANGE: Readonly<Record<string, readonly number[]>> = { sigmoid: [0, 1], softmax: [0, 1], tanh: [-1, 1], softplus: [0] };

export class PointValues {
  readonly base: ForwardPass;
  /** Methods, noise and overflow of the derivatives used since the caller last cleared it. */
  readonly tally: Tally = newTally();
  private readonly ctx: DerivativeContext;
  private readonly plain: Scope;
  /** The network's elementwise activations by function name. */
  private readonly bySymbol = new Map<string, ElementwiseActivation>();
  private readonly memo = new Map<string, { readonly value: number; readonly tally: Tally }>();

  constructor(
    readonly network: Network,
    readonly params: Params,
    readonly method: Method,
  ) {
    this.base = forwardPass(network, params);
    this.ctx = { network, params, base: this.base, method, tally: this.tally };
    this.plain = passScope(network, params, this.base);
    for (const l of network.layers) if (l.activation?.elementwise) this.bySymbol.set(l.activation.symbol, l.activation);
  }

  /** d(of)/d(wrt), memoised: the same derivative recurs in many steps. */
  derivative(of: Expr, wrt: Expr): number {
    const q = quantityOf(this.network, wrt);
    if (q === undefined) throw new EvalError(`${exprName(wrt)} is not a quantity of this network that can be perturbed`);
    return this.derivativeOf(of, q);
  }

  derivativeOf(of: Expr, q: Quantity): number {
    const k = `${key(of)}|${q.kind}:${q.kind === "param" || q.kind === "edge" ? q.index : q.node}`;
    let hit = this.memo.get(k);
    if (hit === undefined) {
      const tally = newTally();
      hit = { value: derivative({ ...this.ctx, tally }, of, q), tally };
      this.memo.set(k, hit);
    }
    addTally(this.tally, hit.tally);
    return hit.value;
  }

  /**
   * ln y_k and ln(1 - y_k) of a node from its net, where its activation gives them stably
   * (log-sigmoid, log-softmax); undefined elsewhere. A saturated output's y_k rounds to 1 in
   * double precision, its ln(1 - y_k) does not: -ln(1 - y_k) is the loss's 40.5 at net 40.5.
   */
  logs(k: number): { readonly ln: number; readonly ln1m: number } | undefined {
    const node = this.network.nodes[k];
    if (node === undefined || node.layer <= 0) return undefined;
    const layer = this.network.layers[node.layer]!;
    const a = layer.activation!;
    const net = this.base.net;
    if (a.elementwise) {
      if (a.logValue === undefined || a.logOneMinusValue === undefined) return undefined;
      return { ln: a.logValue(net[k]!), ln1m: a.logOneMinusValue(net[k]!) };
    }
    const logs = a.logValues?.(layer.nodes.map((m) => net[m]!));
    const i = layer.nodes.indexOf(k);
    return logs === undefined ? undefined : { ln: logs.log[i]!, ln1m: logs.logOneMinus[i]! };
  }

  /**
   * Whether a symbol's value is a rounding to an end of its activation's open range that double
   * precision cannot avoid (a sigmoid or softmax output of 1 or 0, a tanh output of ±1, a
   * softplus output of 0, at a finite net): the true value lies strictly inside, so a formula
   * that divides by 1 - y_k or takes ln y_k there has no double-precision value to compare.
   */
  rounded(name: string, idx: readonly Index[]): boolean {
    if (name !== "y" || idx.length !== 1 || idx[0]!.kind !== "node") return false;
    const k = idx[0]!.n;
    const node = this.network.nodes[k];
    if (node === undefined || node.layer <= 0 || !Number.isFinite(this.base.net[k]!)) return false;
    const v = this.base.y[k]!;
    const ends = OPEN_RANGE[this.network.layers[node.layer]!.activation!.id];
    return ends?.includes(v) === true;
  }

  /** The scope in which a step's two sides are evaluated; lemma steps bind x and y. */
  scope(lemma?: LemmaPoint): Scope {
    const letters = activationLetters(this.network);
    const E = b.sym("E");
    return {
      sym: (name, idx) => {
        if (lemma !== undefined && idx.length === 0 && (name === "x" || name === "y")) {
          return name === "x" ? lemma.x : lemma.activation.value(lemma.x);
        }
        if (name === "delta") {
          const m = meaningOf(this.network, name, idx);
          if (!("kind" in m) || m.kind !== "delta") throw new EvalError("no value for delta: not a non-input node");
          // The definition: delta_k = dE/dnet_k.
          return this.derivativeOf(E, { kind: "net", node: m.node });
        }
        return this.plain.sym(name, idx);
      },
      set: (s) => this.plain.set(s),
      call: (fn, order, args) => {
        // A layer's letter, the lemma's own function, or an activation by name (leakyrelu(0.3)
        // in the worked example).
        const a = fn === LEMMA_FN ? lemma?.activation : (letters.get(fn) ?? this.bySymbol.get(fn));
        if (a === undefined) throw new EvalError(`no meaning for function ${fn}`);
        return activationDerivative(a, order, args[0]!, this.method, this.tally);
      },
      deriv: (of, wrt) => this.derivative(of, wrt),
    };
  }
}
