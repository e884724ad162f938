// The oracle's forward pass with one value perturbed, recomputing only what lies downstream of
// it: finite differences need one such pass per quantity and step, hundreds of thousands on a
// large network. Nothing is summed again: a perturbed weight moves the net of the node its edge
// enters by the change of the weight times what the edge carries (for a tied parameter, every
// use's node, each by its own Δw·x: a convolution kernel's entry moves a whole feature map), and
// a node whose y changed moves the net of each node it feeds by w_kj times that change. Groups
// (network.layers, in order of depth, so every edge runs forwards) are visited in order, and in
// each only the nodes reached so far: the rest keep the unperturbed pass's values. A pooling node
// reached is computed again from its inputs (their mean or largest); a max node whose arg max
// moves has crossed a kink.
// The arithmetic is the oracle's (its activations, its loss), not the derivation's.
import type { Network } from "../network/graph.js";
import { edgeParams, paramOffsets, usesOf, type Params } from "../network/params.js";
import { argmaxOf, kinkSignature, lossOf, netOf, type ForwardPass, type Override } from "./forward.js";
import { begin, end, type Scratch } from "./scratch.js";

/** Each node's outgoing edges, as compressed rows: node j's are at start[j] .. start[j + 1] - 1. */
interface Fanout {
  readonly start: Int32Array;
  /** The node each edge enters. */
  readonly to: Int32Array;
  /** The edge's index in network.edges. */
  readonly edge: Int32Array;
  /** Nodes reached in the pass under way, by group (reused from pass to pass). */
  readonly reached: number[][];
  /** Whether a node is in `reached` (cleared after each pass). */
  readonly mark: Uint8Array;
}

const fanouts = new WeakMap<Network, Fanout>();

function fanoutOf(network: Network): Fanout {
  let f = fanouts.get(network);
  if (f !== undefined) return f;
  const size = network.nodes.length;
  const offset = paramOffsets(network);
  const start = new Int32Array(size + 1);
  for (const node of network.nodes) for (const j of node.preds) start[j + 1]!++;
  for (let j = 0; j < size; j++) start[j + 1]! += start[j]!;
  const fill = start.slice(0, size);
  const to = new Int32Array(start[size]!);
  const edge = new Int32Array(start[size]!);
  for (const node of network.nodes) {
    node.preds.forEach((j, i) => {
      const at = fill[j]!++;
      to[at] = node.id;
      // A pooling node has no weights: -1, and its net is computed again from its inputs.
      edge[at] = node.combine === "weighted" ? offset[node.id]! + i : -1;
    });
  }
  f = { start, to, edge, reached: network.layers.map(() => []), mark: new Uint8Array(size) };
  fanouts.set(network, f);
  return f;
}

const noWeight = (): number => Number.NaN;

/** The pass at params p with o applied, from the unperturbed pass `from` at the same p. */
export function incrementalPass(network: Network, p: Params, o: Override, from: ForwardPass, scratch?: Scratch): ForwardPass {
  const s = begin(network, from, scratch);
  const { net, y, dirty } = s;
  const nodes = network.nodes;
  const layers = network.layers;
  const slot = edgeParams(network);
  const values = p.values;
  const f = fanoutOf(network);
  const { reached, mark } = f;
  let first = layers.length;
  const reach = (k: number): void => {
    if (mark[k] === 1) return;
    mark[k] = 1;
    dirty.push(k);
    const l = nodes[k]!.layer;
    reached[l]!.push(k);
    if (l < first) first = l;
  };
  /** y_j has its new value: the nets it feeds move by w_kj times its change (the weights as they are). */
  const feed = (j: number): void => {
    const dy = y[j]! - from.y[j]!;
    if (dy === 0) return;
    for (let at = f.start[j]!, end = f.start[j + 1]!; at < end; at++) {
      const k = f.to[at]!;
      const e = f.edge[at]!;
      if (e >= 0) net[k] = net[k]! + values[slot[e]!]! * dy;
      reach(k);
    }
  };
  // The edges whose weight changes, and by how much; each moves its node's net once the values
  // its edge carries are final (a tied group may use a weight on an edge out of a node that
  // another of its uses moves).
  let changed: readonly number[] = [];
  let dw = 0;
  if (o.input !== undefined || o.y !== undefined) {
    const { node, value } = (o.input ?? o.y)!;
    dirty.push(node);
    y[node] = value;
    feed(node);
  } else if (o.net !== undefined) {
    net[o.net.node] = o.net.value;
    reach(o.net.node);
  } else if (o.edge !== undefined || o.param !== undefined) {
    changed = o.edge !== undefined ? [o.edge.index] : usesOf(network, o.param!.index);
    dw = (o.edge ?? o.param)!.value - values[slot[changed[0]!]!]!;
    for (const e of changed) reach(network.edges[e]!.to);
  }
  const offset = paramOffsets(network);
  let crossed = false;
  try {
    for (let l = first; l < layers.length; l++) pass(l);
  } finally {
    // Whatever happened, the next pass starts with nothing reached.
    for (const here of reached) {
      for (const k of here) mark[k] = 0;
      here.length = 0;
    }
  }
  end(s, from);
  return { E: lossOf(network, p, o, net, y), net, y, kinkSignature: crossed ? kinkSignature(network, net, y) : from.kinkSignature };

  /** Group l's reached nodes: their nets (with the changed weights' moves), their outputs, and what those feed. */
  function pass(l: number): void {
    const here = reached[l]!;
    if (here.length === 0) return;
    for (const e of changed) {
      const k = network.edges[e]!.to;
      if (nodes[k]!.layer !== l) continue;
      const preds = nodes[k]!.preds;
      const i = e - offset[k]!;
      net[k] = net[k]! + dw * (i < preds.length ? y[preds[i]!]! : 1);
    }
    const layer = layers[l]!;
    if (layer.combine !== "weighted") {
      // Pooling: the mean or the largest of the inputs, taken again; a max whose arg max moved crossed a kink.
      for (const k of here) {
        if (o.net?.node === k) continue;
        net[k] = netOf(network, k, -1, noWeight, y);
        if (layer.combine === "max" && argmaxOf(nodes[k]!.preds, y) !== argmaxOf(nodes[k]!.preds, from.y)) crossed = true;
      }
    }
    const a = layer.activation!;
    if (a.elementwise) {
      for (const k of here) {
        for (const c of a.kinks) if (net[k]! > c !== from.net[k]! > c) crossed = true;
        y[k] = a.value(net[k]!);
        feed(k);
      }
    } else {
      // A coupled group (softmax): every output moves with any of its nets.
      const ys = a.values(layer.nodes.map((n) => net[n]!));
      for (const n of layer.nodes) dirty.push(n);
      layer.nodes.forEach((n, i) => (y[n] = ys[i]!));
      for (const n of layer.nodes) feed(n);
    }
  }
}
