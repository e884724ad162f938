// The independent oracle: E computed from the forward definitions alone, with plain loops over
// the network graph and the activations' and losses' own numeric value functions. It shares no
// code with the derivation. Losses with logarithms are computed from the outputs' logits
// (log-sigmoid, log-softmax) with 0 ln 0 = 0, so that E keeps its digits where outputs saturate.
import { assertNever } from "../expr/types.js";
import type { Network } from "../network/graph.js";
import { edgeParams, paramOffsets, type Params } from "../network/params.js";
import type { OutputLogs } from "../rules/losses/loss.js";

export interface ForwardPass {
  readonly E: number;
  /** net and y by node id (inputs: y only). */
  readonly net: Float64Array;
  readonly y: Float64Array;
  /** Which side of each activation kink every node lies on: changes mean a kink was crossed. */
  readonly kinkSignature: string;
}

/** Values that replace the computed ones: a parameter by index (every edge that uses it), one
 * edge's weight alone (by index into network.edges: one use of a tied parameter), or a node's net or y. */
export interface Override {
  readonly param?: { readonly index: number; readonly value: number };
  readonly edge?: { readonly index: number; readonly value: number };
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
  const weight = weightOf(network, p, o);
  const offset = paramOffsets(network);
  // Node by node in numbered order, each net over its predecessor list; a coupled activation
  // (softmax) is applied once the last node of its group has its net (every reader comes later).
  for (const node of network.nodes) {
    const k = node.id;
    if (k === 0 || node.layer <= 0) continue;
    net[k] = o.net?.node === k ? o.net.value : netOf(network, k, offset[k]!, weight, y);
    const layer = network.layers[node.layer]!;
    const a = layer.activation!;
    if (a.elementwise) {
      y[k] = o.y?.node === k ? o.y.value : a.value(net[k]!);
    } else if (k === layer.nodes[layer.nodes.length - 1]) {
      const ys = a.values(layer.nodes.map((n) => net[n]!));
      layer.nodes.forEach((n, i) => (y[n] = o.y?.node === n ? o.y.value : ys[i]!));
    }
  }
  return { E: lossOf(network, p, o, net, y), net, y, kinkSignature: kinkSignature(network, net, y) };
}

/**
 * Edge e's weight: the value of the parameter it uses, unless that parameter or the edge itself
 * is overridden (without ties, edge e is parameter e: the plain lookup).
 */
export function weightOf(network: Network, p: Params, o: Override = {}): (e: number) => number {
  const slot = edgeParams(network);
  return network.tied.length === 0 && o.edge === undefined
    ? (i) => (o.param?.index === i ? o.param.value : p.values[i]!)
    : (e) =>
        o.edge?.index === e ? o.edge.value : o.param !== undefined && o.param.index === slot[e] ? o.param.value : p.values[slot[e]!]!;
}

/**
 * net_k: the weighted sum of its predecessors' outputs, then its bias; `at` is its first edge
 * (paramOffsets), its bias edge the one after its predecessors'. A pooling node: the mean of
 * its predecessors' outputs, or the largest of them.
 */
export function netOf(network: Network, k: number, at: number, weight: (e: number) => number, y: ArrayLike<number>): number {
  const node = network.nodes[k]!;
  const preds = node.preds;
  switch (node.combine) {
    case "weighted": {
      let s = 0;
      for (let i = 0; i < preds.length; i++) s += weight(at + i) * y[preds[i]!]!;
      return node.bias ? s + weight(at + preds.length) : s;
    }
    case "average": {
      let s = 0;
      for (const j of preds) s += y[j]!;
      return s / preds.length;
    }
    case "max":
      return y[preds[argmaxOf(preds, y)]!]!;
    default:
      return assertNever(node.combine);
  }
}

/** The place in preds of the largest y (the first of equal ones). */
export function argmaxOf(preds: readonly number[], y: ArrayLike<number>): number {
  let at = 0;
  for (let i = 1; i < preds.length; i++) if (y[preds[i]!]! > y[preds[at]!]!) at = i;
  return at;
}

/** The max nodes of a network (a max is a kink too: where its arg max changes, net_k has no derivative). */
export function maxNodes(network: Network): readonly number[] {
  let m = maxCache.get(network);
  if (m === undefined) {
    m = network.layers.filter((l) => l.combine === "max").flatMap((l) => l.nodes);
    maxCache.set(network, m);
  }
  return m;
}
const maxCache = new WeakMap<Network, readonly number[]>();

/** Which side of each kink every node of a kinked activation lies on, then each max node's arg max. */
export function kinkSignature(network: Network, net: ArrayLike<number>, y: ArrayLike<number>): string {
  let kinks = "";
  for (const layer of network.layers.slice(1)) {
    const a = layer.activation!;
    if (a.elementwise && a.kinks.length > 0) for (const k of layer.nodes) for (const c of a.kinks) kinks += net[k]! > c ? "+" : "-";
  }
  for (const k of maxNodes(network)) kinks += `|${argmaxOf(network.nodes[k]!.preds, y)}`;
  return kinks;
}

/**
 * ln y and ln(1 - y) of each output, from its net where the activation has a closed form for
 * them (log-sigmoid, log-softmax), so that a saturated output keeps all its digits; from y
 * itself where that y was overridden or there is no such form.
 */
export function outputLogs(network: Network, o: Override, net: ArrayLike<number>, y: ArrayLike<number>): OutputLogs[] {
  const plain = (k: number): OutputLogs => ({ y: y[k]!, log: Math.log(y[k]!), logOneMinus: Math.log1p(-y[k]!) });
  const byLayer = new Map<number, { log: number[]; logOneMinus: number[]; at: ReadonlyMap<number, number> }>();
  return network.outputs.map((k) => {
    // An output whose y is set directly has no net to take its logs from.
    if (o.y?.node === k) return plain(k);
    const layer = network.layers[network.nodes[k]!.layer]!;
    const a = layer.activation!;
    if (a.elementwise) {
      if (a.logValue === undefined || a.logOneMinusValue === undefined) return plain(k);
      return { y: y[k]!, log: a.logValue(net[k]!), logOneMinus: a.logOneMinusValue(net[k]!) };
    }
    if (a.logValues === undefined) return plain(k);
    let logs = byLayer.get(layer.index);
    if (logs === undefined) {
      // Each output's place in its layer, found once per layer (indexOf for each would be quadratic).
      logs = { ...a.logValues(layer.nodes.map((n) => net[n]!)), at: new Map(layer.nodes.map((n, i) => [n, i])) };
      byLayer.set(layer.index, logs);
    }
    const i = logs.at.get(k)!;
    return { y: y[k]!, log: logs.log[i]!, logOneMinus: logs.logOneMinus[i]! };
  });
}

/** E from the outputs: a loss with logarithms from the outputs' stable logs (log-sigmoid, log-softmax, 0 ln 0 = 0). */
export function lossOf(network: Network, p: Params, o: Override, net: ArrayLike<number>, y: ArrayLike<number>): number {
  const loss = network.loss;
  if (loss.fromLogs !== undefined) return loss.fromLogs(outputLogs(network, o, net, y), p.targets);
  return loss.value(
    network.outputs.map((k) => y[k]!),
    p.targets,
  );
}
