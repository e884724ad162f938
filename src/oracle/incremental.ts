// The oracle's forward pass with one value perturbed, recomputing only what lies downstream of
// it: finite differences need one such pass per quantity and step, hundreds of thousands on a
// large network. Groups (network.layers, in order of depth, so every edge runs forwards) before
// the perturbation are copied from the unperturbed pass; in its own group only the changed node
// moves, its net by the change of the one weight times what that edge carries (not its whole
// fan-in summed again); in the group after a single changed output, each net moves by w_mj
// times the change of y_j (a rank-one update); later groups in full. A tied parameter, used on
// several edges, takes the plain pass.
// The arithmetic is the oracle's (its activations, its loss), not the derivation's.
import type { Network } from "../network/graph.js";
import { edgeParams, paramAt, paramOffsets, usesOf, type Params } from "../network/params.js";
import { forwardPass, kinkSignature, lossOf, maxNodes, netOf, weightOf, type ForwardPass, type Override } from "./forward.js";

/** Arrays a pass may be written into, overwriting the previous pass written there. */
export interface Scratch {
  readonly net: Float64Array;
  readonly y: Float64Array;
}

/** The pass at params p with o applied, from the unperturbed pass `from` at the same p. */
export function incrementalPass(network: Network, p: Params, o: Override, from: ForwardPass, scratch?: Scratch): ForwardPass {
  // A tied parameter changes several nodes at once: the plain pass.
  if (o.param !== undefined && network.tied.length > 0 && usesOf(network, o.param.index).length > 1) return forwardPass(network, p, o);
  const size = network.nodes.length;
  const net = scratch?.net ?? new Float64Array(size);
  const y = scratch?.y ?? new Float64Array(size);
  net.set(from.net);
  y.set(from.y);
  const offset = paramOffsets(network);
  const slot = edgeParams(network);
  // Every weight as it is: only the one changed edge's net is moved above, by its change.
  const weight = weightOf(network, p);
  const layers = network.layers;
  let crossed = false;
  const recheck = (kinks: readonly number[], k: number): void => {
    for (const c of kinks) if (net[k]! > c !== from.net[k]! > c) crossed = true;
  };
  // The first layer that changes, and the node of the previous layer whose y changed alone.
  let start: number;
  let single: number | undefined;
  if (o.input !== undefined) {
    y[o.input.node] = o.input.value;
    start = 1;
    single = o.input.node;
  } else if (o.y !== undefined) {
    y[o.y.node] = o.y.value;
    start = network.nodes[o.y.node]!.layer + 1;
    single = o.y.node;
  } else if (o.param !== undefined || o.edge !== undefined || o.net !== undefined) {
    let k: number;
    if (o.net !== undefined) {
      k = o.net.node;
      net[k] = o.net.value;
    } else {
      // One edge changes (an untied parameter, or one use of a tied one): its net moves by the
      // change of the weight times what the edge carries (1 for a bias), the rest of the sum as it was.
      const e = o.edge !== undefined ? o.edge.index : usesOf(network, o.param!.index)[0]!;
      const value = o.edge !== undefined ? o.edge.value : o.param!.value;
      k = network.edges[e]!.to;
      const preds = network.nodes[k]!.preds;
      const i = e - offset[k]!;
      const carried = i < preds.length ? y[preds[i]!]! : 1;
      net[k] = from.net[k]! + (value - p.values[slot[e]!]!) * carried;
    }
    const layer = layers[network.nodes[k]!.layer]!;
    const a = layer.activation!;
    if (a.elementwise) {
      recheck(a.kinks, k);
      y[k] = a.value(net[k]!);
      single = k;
    } else {
      const ys = a.values(layer.nodes.map((n) => net[n]!));
      layer.nodes.forEach((n, i) => (y[n] = ys[i]!));
    }
    start = layer.index + 1;
  } else {
    start = layers.length;
  }
  for (let l = start; l < layers.length; l++) {
    const layer = layers[l]!;
    for (const m of layer.nodes) {
      if (single !== undefined) {
        const i = paramAt(network, m, single);
        // A node that does not read the changed output keeps its net; a pooling node is computed again.
        if (network.nodes[m]!.combine !== "weighted") net[m] = netOf(network, m, offset[m]!, weight, y);
        else net[m] = i === undefined ? from.net[m]! : from.net[m]! + p.values[i]! * (y[single]! - from.y[single]!);
      } else {
        net[m] = netOf(network, m, offset[m]!, weight, y);
      }
    }
    const a = layer.activation!;
    if (a.elementwise) {
      for (const m of layer.nodes) {
        recheck(a.kinks, m);
        y[m] = a.value(net[m]!);
      }
    } else {
      const ys = a.values(layer.nodes.map((n) => net[n]!));
      layer.nodes.forEach((n, i) => (y[n] = ys[i]!));
    }
    single = undefined;
  }
  // A max node's arg max may move with any of its inputs: the signature is read again.
  const again = crossed || maxNodes(network).length > 0;
  return { E: lossOf(network, p, o, net, y), net, y, kinkSignature: again ? kinkSignature(network, net, y) : from.kinkSignature };
}
