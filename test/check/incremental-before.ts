// The incremental pass as it was before it updated the one affected sum: the perturbed node's
// whole fan-in summed again. Kept as the reference of test/check/incremental.test.ts, which checks
// that the faster pass leaves every verdict of the check as it was.
//
// The oracle's forward pass with one value perturbed, recomputing only what lies downstream of
// it: finite differences need one such pass per quantity and step, hundreds of thousands on a
// large network. Groups (network.layers, in order of depth, so every edge runs forwards) before
// the perturbation are copied from the unperturbed pass; in its own group only the changed node
// is recomputed; in the group after a single changed output, each net moves by w_mj times the
// change of y_j (a rank-one update); later groups in full. A tied parameter, used on several
// edges, takes the plain pass.
// The arithmetic is the oracle's (its activations, its loss), not the derivation's.
import type { Network } from "../../src/network/graph.js";
import { edgeParams, paramAt, paramOffsets, usesOf, type Params } from "../../src/network/params.js";
import { forwardPass, kinkSignature, lossOf, type ForwardPass, type Override } from "../../src/oracle/forward.js";

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
  // Without ties edge i is parameter i: the inner loops read the parameters directly.
  const untied = network.tied.length === 0;
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
    const k =
      o.param !== undefined ? network.params[o.param.index]!.to : o.edge !== undefined ? network.edges[o.edge.index]!.to : o.net!.node;
    const layer = layers[network.nodes[k]!.layer]!;
    if (o.net !== undefined) net[k] = o.net.value;
    else {
      const node = network.nodes[k]!;
      const preds = node.preds;
      const at = offset[k]!;
      const w =
        untied && o.param !== undefined
          ? (e: number): number => (e === o.param?.index ? o.param.value : p.values[e]!)
          : (e: number): number =>
              e === o.edge?.index ? o.edge.value : o.param !== undefined && slot[e] === o.param.index ? o.param.value : p.values[slot[e]!]!;
      let s = 0;
      for (let i = 0; i < preds.length; i++) s += w(at + i) * y[preds[i]!]!;
      net[k] = node.bias ? s + w(at + preds.length) : s;
    }
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
      const node = network.nodes[m]!;
      const preds = node.preds;
      const at = offset[m]!;
      if (single !== undefined) {
        const i = paramAt(network, m, single);
        // A node that does not read the changed output keeps its net.
        net[m] = i === undefined ? from.net[m]! : from.net[m]! + p.values[i]! * (y[single]! - from.y[single]!);
      } else {
        let s = 0;
        if (untied) for (let i = 0; i < preds.length; i++) s += p.values[at + i]! * y[preds[i]!]!;
        else for (let i = 0; i < preds.length; i++) s += p.values[slot[at + i]!]! * y[preds[i]!]!;
        net[m] = node.bias ? s + p.values[slot[at + preds.length]!]! : s;
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
  return { E: lossOf(network, p, o, net, y), net, y, kinkSignature: crossed ? kinkSignature(network, net, y) : from.kinkSignature };
}
