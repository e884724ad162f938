// The oracle's pass for a local (partial) derivative: one quantity perturbed, and only what
// depends on it directly recomputed. A derivative symbol d(net_k)/d(net_j) in the total
// derivative delta_j = sum_{k in downstream(j)} dE/dnet_k dnet_k/dnet_j is the partial through
// the edge j -> k alone: net_j moves y_j (its group's outputs, for softmax), and y_j moves the
// nets of the nodes it feeds, and nothing further. In a network of consecutive layers that is
// all that depends on net_j anyway; with a skip connection j -> k besides j -> m -> k, net_k also
// moves through m, which the total derivative counts in dE/dnet_m instead. Likewise the loss's
// own derivative dl/dy_k of an output that feeds others leaves the outputs downstream fixed.
import type { Network } from "../network/graph.js";
import { paramAt, paramOffsets, usesOf, type Params } from "../network/params.js";
import { kinkSignature, lossOf, maxNodes, netOf, weightOf, type ForwardPass, type Override } from "./forward.js";

export function localPass(network: Network, p: Params, o: Override, base: ForwardPass): ForwardPass {
  const net = Float64Array.from(base.net);
  const y = Float64Array.from(base.y);
  const offset = paramOffsets(network);
  const weight = weightOf(network, p, o);
  let kinks = base.kinkSignature;
  /** The nets of the nodes that read y_m move by w_km times its change. */
  const feed = (m: number): void => {
    const dy = y[m]! - base.y[m]!;
    for (const k of network.nodes[m]!.downstream) {
      if (network.nodes[k]!.combine === "weighted") net[k] = net[k]! + p.values[paramAt(network, k, m)!]! * dy;
      else net[k] = netOf(network, k, offset[k]!, weight, y);
    }
  };
  /** net_k from its inputs, with edge e's weight (or parameter i's) replaced. */
  const recompute = (k: number): void => void (net[k] = netOf(network, k, offset[k]!, weight, y));
  if (o.input !== undefined || o.y !== undefined) {
    const { node, value } = (o.input ?? o.y)!;
    y[node] = value;
    feed(node);
  } else if (o.net !== undefined) {
    const k = o.net.node;
    net[k] = o.net.value;
    const layer = network.layers[network.nodes[k]!.layer]!;
    const a = layer.activation!;
    if (a.elementwise) {
      y[k] = a.value(net[k]!);
      if (a.kinks.some((c) => net[k]! > c !== base.net[k]! > c)) kinks = `${kinks}!`;
      feed(k);
    } else {
      const ys = a.values(layer.nodes.map((n) => net[n]!));
      layer.nodes.forEach((n, i) => (y[n] = ys[i]!));
      for (const n of layer.nodes) feed(n);
    }
  } else if (o.param !== undefined || o.edge !== undefined) {
    const uses = o.edge !== undefined ? [o.edge.index] : usesOf(network, o.param!.index);
    for (const e of uses) recompute(network.edges[e]!.to);
  }
  // A max node whose arg max moved: a kink crossed.
  if (maxNodes(network).length > 0 && kinkSignature(network, base.net, y) !== kinkSignature(network, base.net, base.y)) kinks = `${kinks}!`;
  return { E: lossOf(network, p, o, net, y), net, y, kinkSignature: kinks };
}
