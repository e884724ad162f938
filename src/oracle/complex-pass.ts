// The oracle's forward pass over complex numbers, for complex-step differentiation: one
// quantity gets an imaginary part, everything downstream of it is computed with complex
// arithmetic, the same loops as oracle.ts. Activations and losses extend to complex arguments
// through their own numeric definitions (not the derivation's trees); a relu-type activation
// reached by a nonzero imaginary part raises NotAnalytic.
import * as b from "../expr/build.js";
import { assertNever } from "../expr/types.js";
import type { Network, NodeInfo } from "../network/graph.js";
import type { Activation, ElementwiseActivation } from "../rules/activations/activation.js";
import type { Loss } from "../rules/losses/loss.js";
import {
  cadd,
  cdiv,
  cexp,
  clog,
  cmul,
  cscale,
  csoftplus,
  csub,
  cx,
  evaluateComplex,
  NotAnalytic,
  ONE,
  ZERO,
  type Complex,
} from "../expr/complex.js";
import { edgeParams, paramOffsets, type Params } from "../network/params.js";
import type { Quantity } from "./quantity.js";

export interface ComplexPass {
  readonly E: Complex;
  readonly net: readonly Complex[];
  readonly y: readonly Complex[];
}

const realOnly =
  (a: ElementwiseActivation) =>
  (z: Complex): Complex => {
    if (z.im !== 0) throw new NotAnalytic(`${a.title} is not analytic`);
    return cx(a.value(z.re));
  };

/** An elementwise activation on complex arguments, from its own definition (its complexValue facet). */
export function complexActivation(a: ElementwiseActivation): (z: Complex) => Complex {
  // relu and leaky relu: defined on the real line only.
  return a.complexValue ?? realOnly(a);
}

/** Softmax with the largest real part subtracted, so that no exponential overflows. */
export function complexSoftmax(nets: readonly Complex[]): Complex[] {
  const m = Math.max(...nets.map((z) => z.re));
  const e = nets.map((z) => cexp(cx(z.re - m, z.im)));
  const s = e.reduce(cadd, ZERO);
  return e.map((v) => cdiv(v, s));
}

/** E over complex outputs, from each loss's own formula. */
export function complexLoss(loss: Loss, y: readonly Complex[], t: readonly number[]): Complex {
  let s = ZERO;
  switch (loss.id) {
    case "mse":
    case "sse":
      y.forEach((v, i) => {
        const d = csub(cx(t[i]!), v);
        s = cadd(s, cmul(d, d));
      });
      return cmul(cx(loss.id === "mse" ? 0.5 : 1), s);
    case "cross-entropy":
      y.forEach((v, i) => {
        if (t[i] !== 0) s = cadd(s, cmul(cx(t[i]!), clog(v)));
      });
      return cmul(cx(-1), s);
    case "binary-cross-entropy":
      y.forEach((v, i) => {
        if (t[i] !== 0) s = cadd(s, cmul(cx(t[i]!), clog(v)));
        if (t[i] !== 1) s = cadd(s, cmul(cx(1 - t[i]!), clog(csub(ONE, v))));
      });
      return cmul(cx(-1), s);
    default: {
      // A custom loss: its formula, term by term.
      const term = loss.term(b.sym("y"), b.sym("t"));
      y.forEach((v, i) => {
        s = cadd(s, evaluateComplex(term, { sym: (name) => (name === "y" ? v : cx(t[i]!)), set: () => [] }));
      });
      return cmul(cx(loss.scale), s);
    }
  }
}

/** ln y and ln(1 - y) of the outputs from their nets, where the output activation has a stable form. */
function complexLogs(a: Activation, nets: readonly Complex[]): [Complex, Complex][] | undefined {
  if (a.elementwise) {
    // ln sigma(z) = -softplus(-z), ln(1 - sigma(z)) = -softplus(z)
    if (a.id !== "sigmoid") return undefined;
    return nets.map((z) => [cscale(csoftplus(cscale(z, -1)), -1), cscale(csoftplus(z), -1)]);
  }
  // ln softmax(z)_i = z_i - lse; ln(1 - y_i) = ln sum_{l != i} e^{z_l - m} - ln sum_l e^{z_l - m}
  const m = Math.max(...nets.map((v) => v.re));
  const e = nets.map((v) => cexp(cx(v.re - m, v.im)));
  const total = e.reduce(cadd, ZERO);
  const lnTotal = clog(total);
  return nets.map((v, i) => [csub(cx(v.re - m, v.im), lnTotal), csub(clog(csub(total, e[i]!)), lnTotal)]);
}

/** ln y and ln(1 - y) of every output, group by group (a softmax over its own group). */
function outputLogs(network: Network, net: readonly Complex[]): [Complex, Complex][] | undefined {
  const at = new Map<number, [Complex, Complex]>();
  for (const layer of network.layers) {
    const outs = layer.nodes.filter((k) => network.outputs.includes(k));
    if (outs.length === 0) continue;
    const logs = complexLogs(
      layer.activation!,
      layer.nodes.map((k) => net[k]!),
    );
    if (logs === undefined) return undefined;
    layer.nodes.forEach((k, i) => at.set(k, logs[i]!));
  }
  return network.outputs.map((k) => at.get(k)!);
}

/** net_k over complex numbers: its weighted sum, its inputs' mean, or the input of largest real part (the first of equal ones). */
function complexNet(node: NodeInfo, at: number, value: (e: number) => Complex, y: readonly Complex[]): Complex {
  switch (node.combine) {
    case "weighted": {
      let s = ZERO;
      node.preds.forEach((j, i) => (s = cadd(s, cmul(value(at + i), y[j]!))));
      return node.bias ? cadd(s, value(at + node.preds.length)) : s;
    }
    case "average":
      return cscale(node.preds.map((j) => y[j]!).reduce(cadd, ZERO), 1 / node.preds.length);
    case "max": {
      let best = node.preds[0]!;
      for (const j of node.preds) if (y[j]!.re > y[best]!.re) best = j;
      return y[best]!;
    }
    default:
      return assertNever(node.combine);
  }
}

/** The forward pass with quantity q set to the complex value z. */
export function complexForwardPass(network: Network, p: Params, q: Quantity, z: Complex): ComplexPass {
  const size = network.nodes.length;
  const net: Complex[] = new Array<Complex>(size).fill(ZERO);
  const y: Complex[] = new Array<Complex>(size).fill(ZERO);
  network.inputs.forEach((n, i) => (y[n] = q.kind === "input" && q.node === n ? z : cx(p.inputs[i]!)));
  const slot = edgeParams(network);
  const offset = paramOffsets(network);
  const value = (e: number): Complex =>
    (q.kind === "edge" && q.index === e) || (q.kind === "param" && q.index === slot[e]) ? z : cx(p.values[slot[e]!]!);
  // Group by group, in order of depth: every node a group reads lies in an earlier group.
  for (const layer of network.layers.slice(1)) {
    for (const k of layer.nodes) {
      const node = network.nodes[k]!;
      const at = offset[k]!;
      net[k] = q.kind === "net" && q.node === k ? z : complexNet(node, at, value, y);
    }
    const a = layer.activation!;
    if (a.elementwise) {
      const f = complexActivation(a);
      for (const k of layer.nodes) y[k] = f(net[k]!);
    } else {
      const ys = complexSoftmax(layer.nodes.map((k) => net[k]!));
      layer.nodes.forEach((k, i) => (y[k] = ys[i]!));
    }
    for (const k of layer.nodes) if (q.kind === "y" && q.node === k) y[k] = z;
  }
  let E: Complex;
  const t = p.targets;
  // An output whose y is set directly has no net to take its logs from.
  const logs = outputLogs(network, net)?.map((l, i): [Complex, Complex] => {
    const k = network.outputs[i]!;
    return q.kind === "y" && q.node === k ? [clog(y[k]!), clog(csub(ONE, y[k]!))] : l;
  });
  if (logs !== undefined && network.loss.logOutputs !== "none") {
    // From the logits, as the real oracle: -sum t ln y (+ (1 - t) ln(1 - y)), 0 ln 0 = 0.
    let s = ZERO;
    logs.forEach(([lnY, ln1mY], i) => {
      if (t[i] !== 0) s = cadd(s, cmul(cx(t[i]!), lnY));
      if (network.loss.logOutputs === "y-and-one-minus-y" && t[i] !== 1) s = cadd(s, cmul(cx(1 - t[i]!), ln1mY));
    });
    E = cmul(cx(-1), s);
  } else {
    E = complexLoss(
      network.loss,
      network.outputs.map((k) => y[k]!),
      p.targets,
    );
  }
  return { E, net, y };
}
