// The edits of a graph-form spec that renumber nodes, as pure functions: nodes are numbered on
// from the inputs in list order, so removing a node or changing the number of inputs moves every
// later number, and each place that holds one (from, outputs, ids, tied names) moves with it.
// And the one-button conversion of a layered spec into the graph form of the same network.
import type { Spec } from "./panel.js";
import { activationsOf } from "./layers-model.js";
import { connectionsOf, remapTied, same, words } from "./wiring.js";

export type GraphNode = Record<string, unknown>;

/** The listed nodes (objects only: anything else is the JSON's to fix). */
export const nodesOf = (spec: Spec): GraphNode[] =>
  Array.isArray(spec.nodes)
    ? (spec.nodes as unknown[]).map((n) => (n !== null && typeof n === "object" && !Array.isArray(n) ? (n as GraphNode) : {}))
    : [];

export const inputsOf = (spec: Spec): number =>
  typeof spec.inputs === "number" && Number.isInteger(spec.inputs) && spec.inputs > 0 ? spec.inputs : 0;

/** A list of node numbers as typed, "1, 2 3": numbers where they are, the rest as typed (for the spec's check to name). */
export const numbersOf = (text: string): unknown[] => words(text).map((w) => (/^\d+$/.test(w) ? Number(w) : w));

export const numbersText = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(", ") : "");

/** Every node number in the spec mapped (undefined: gone from lists, and tied names with it). */
export function renumber(spec: Spec, map: (k: number) => number | undefined): Spec {
  const list = (v: unknown): unknown =>
    Array.isArray(v) ? v.flatMap((x) => (typeof x === "number" ? (map(x) === undefined ? [] : [map(x)]) : [x])) : v;
  const nodes = nodesOf(spec).map((n) => {
    const out: GraphNode = { ...n };
    if ("from" in n) out.from = list(n.from);
    if (typeof n.id === "number") out.id = map(n.id) ?? n.id;
    return out;
  });
  return remapTied({ ...spec, nodes, outputs: list(spec.outputs) }, map);
}

/** The spec without listed node `index` (node inputs + 1 + index): later numbers move down one. */
export function removeNode(spec: Spec, index: number): Spec {
  const k = inputsOf(spec) + 1 + index;
  const nodes = nodesOf(spec).filter((_, i) => i !== index);
  return renumber({ ...spec, nodes }, (j) => (j === k ? undefined : j > k ? j - 1 : j));
}

/**
 * The spec with a node added at the end: fed by every input and read by the loss, so that it is
 * a valid network at once (the user then rewires it).
 */
export function addNode(spec: Spec): Spec {
  const inputs = inputsOf(spec);
  const nodes = nodesOf(spec);
  const k = inputs + nodes.length + 1;
  const node: GraphNode = { from: Array.from({ length: Math.max(1, inputs) }, (_, i) => i + 1) };
  // Beside an explicit id on every node, one more.
  if (nodes.length > 0 && nodes.every((n) => "id" in n)) node.id = k;
  const outputs = Array.isArray(spec.outputs) ? [...(spec.outputs as unknown[]), k] : [k];
  return { ...spec, nodes: [...nodes, node], outputs };
}

/** The spec with `count` inputs: the listed nodes keep their wiring, their numbers move by the difference; edges from inputs that go are dropped. */
export function setInputs(spec: Spec, count: unknown): Spec {
  const before = inputsOf(spec);
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || before === 0) return { ...spec, inputs: count };
  const shift = count - before;
  return renumber({ ...spec, inputs: count }, (j) => (j > before ? j + shift : j > count ? undefined : j));
}

/** The spec with node `k` among the outputs or not (added at the end of the order of the targets). */
export function setOutput(spec: Spec, k: number, on: boolean): Spec {
  const outputs = Array.isArray(spec.outputs) ? (spec.outputs as unknown[]).filter((o) => o !== k) : [];
  return { ...spec, outputs: on ? [...outputs, k] : outputs };
}

const isSoftmax = (a: unknown): boolean => a === "softmax" || (a !== null && typeof a === "object" && (a as GraphNode).name === "softmax");

/** The graph form's keys, in the order the converted spec lists them. */
const ORDER = ["$schema", "name", "inputs", "activation", "nodes", "outputs", "loss", "tied", "allowDead", "alpha"];

/**
 * The graph form of a layered spec: the same nodes, numbers, edges, biases, activations, softmax
 * sets, outputs, loss and tied weights (the documents are then those of the graph form, whose
 * groups are depths). The hidden activation becomes the default; a node states its own only
 * where it differs. A softmax layer becomes a group named after its layer.
 */
export function toGraph(spec: Spec): Spec {
  const sizes = (spec.layers as number[]).map(Number);
  const acts = activationsOf(spec).map((a) => a.value);
  const pairs = connectionsOf(spec);
  const ids: number[][] = [];
  let next = 1;
  for (const n of sizes) ids.push(Array.from({ length: n }, () => next++));
  // The default: the spec's hidden activation (sigmoid when it names none, as the graph form's default is).
  const fallback = Array.isArray(spec.activations) ? undefined : spec.activation;
  const plainDefault = fallback ?? "sigmoid";
  const nodes: GraphNode[] = [];
  for (let l = 1; l < sizes.length; l++) {
    const from = pairs
      .filter(([, b]) => b === l)
      .flatMap(([a]) => ids[a]!)
      .sort((x, y) => x - y);
    const act = acts[l - 1];
    for (let i = 0; i < sizes[l]!; i++) {
      const node: GraphNode = { from };
      if (!same(act, plainDefault) || isSoftmax(act)) node.activation = act;
      if (isSoftmax(act)) node.group = `layer ${l}`;
      nodes.push(node);
    }
  }
  const out: Spec = {
    name: spec.name,
    $schema: spec.$schema,
    inputs: sizes[0],
    activation: fallback !== undefined && !isSoftmax(fallback) ? fallback : undefined,
    nodes,
    outputs: ids[ids.length - 1],
    loss: spec.loss,
    tied: spec.tied,
    allowDead: spec.allowDead,
    alpha: spec.alpha,
  };
  const ordered: Spec = {};
  for (const k of ORDER) if (out[k] !== undefined) ordered[k] = out[k];
  return ordered;
}
