// The independent oracle: E computed from the forward definitions alone, with plain loops over
// the network graph and the activations' and losses' own numeric value functions. It shares no
// code with the derivation. Softmax with cross-entropy is computed through log-sum-exp.
import type { Network } from "../network/graph.js";
import type { Params } from "../network/params.js";

export interface ForwardPass {
  readonly E: number;
  /** net and y by node id (inputs: y only). */
  readonly net: Float64Array;
  readonly y: Float64Array;
  /** Which side of each activation kink every node lies on: changes mean a kink was crossed. */
  readonly kinkSignature: string;
}

/** Values that replace the computed ones: a parameter by index, or a node's net or y. */
export interface Override {
  readonly param?: { readonly index: number; readonly value: number };
  readonly input?: { readonly node: number; readonly value: number };
  readonly net?: { readonly node: number; readonly value: number };
  readonly y?: { readonly node: number; readonly value: number };
}

/** The forward pass, with at most one value overridden (incremental.ts recomputes less). */
export function forwardPass(network: Network, p: Params, o: Override = {}): ForwardPass {
  const size = network.nodes.length;
  const net = new Float64Array(size);
  const y = new Float64Array(size);
  network.inputs.forEach((n, i) => (y[n] = o.input?.node === n ? o.input.value : p.inputs[i]!));
  const value = (i: number): number => (o.param?.index === i ? o.param.value : p.values[i]!);
  let pi = 0;
  for (const layer of network.layers.slice(1)) {
    for (const k of layer.nodes) {
      let s = 0;
      for (const j of network.nodes[k]!.preds) s += value(pi++) * y[j]!;
      s += value(pi++);
      net[k] = o.net?.node === k ? o.net.value : s;
    }
    const a = layer.activation!;
    if (a.elementwise) {
      for (const k of layer.nodes) y[k] = a.value(net[k]!);
    } else {
      const ys = a.values(layer.nodes.map((k) => net[k]!));
      layer.nodes.forEach((k, i) => (y[k] = ys[i]!));
    }
    for (const k of layer.nodes) if (o.y?.node === k) y[k] = o.y.value;
  }
  return { E: lossOf(network, p, o, net, y), net, y, kinkSignature: kinkSignature(network, net) };
}

/** Which side of each kink every node of a kinked activation lies on. */
export function kinkSignature(network: Network, net: ArrayLike<number>): string {
  let kinks = "";
  for (const layer of network.layers.slice(1)) {
    const a = layer.activation!;
    if (a.elementwise && a.kinks.length > 0) for (const k of layer.nodes) for (const c of a.kinks) kinks += net[k]! > c ? "+" : "-";
  }
  return kinks;
}

/** E from the outputs; softmax with cross-entropy through log-sum-exp. */
export function lossOf(network: Network, p: Params, o: Override, net: ArrayLike<number>, y: ArrayLike<number>): number {
  const outLayer = network.layers[network.layers.length - 1]!;
  if (network.loss.id === "cross-entropy" && !outLayer.activation!.elementwise && o.y === undefined) {
    // -sum t_k ln softmax(net)_k = -sum t_k (net_k - m - ln sum e^{net_l - m})
    const nets = network.outputs.map((k) => net[k]!);
    const m = Math.max(...nets);
    const lse = m + Math.log(nets.reduce((acc, v) => acc + Math.exp(v - m), 0));
    return -network.outputs.reduce((acc, _, i) => acc + (p.targets[i] === 0 ? 0 : p.targets[i]! * (nets[i]! - lse)), 0);
  }
  return network.loss.value(network.outputs.map((k) => y[k]!), p.targets);
}
