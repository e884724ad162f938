// The network spec (DESIGN.md): its structure validated by the schema (schema.ts, also emitted
// as JSON Schema), then what a schema cannot say: which keys go together, the number of weights,
// one activation per layer, custom formulas, and the topology (topology.ts). Two forms give one
// Spec: layered (sizes, optionally `connections`) and the graph form (`inputs`, `nodes`,
// `outputs`). Unknown keys are errors.
import { InputError } from "../errors.js";
import { checkAlpha, resolveActivation, resolveLoss } from "../rules/registry.js";
import type { Activation } from "../rules/activations/activation.js";
import type { Loss } from "../rules/losses/loss.js";
import { MAX_LAYERS, MAX_PARAMETERS, SpecSchema, validate } from "./schema.js";
import { convolutionSpec } from "./forms/convolution.js";
import type { ConvolutionLayout } from "./forms/convolution-layout.js";
import { checkTopology, depths, plainLayers, tiedGroups, type SpecNode } from "./topology.js";
import { type RecurrentLayout, recurrentSpec } from "./forms/recurrent.js";
import { checkPoolingReads, poolingNode } from "./pooling.js";
import type { Combination } from "../rules/combinations/combination.js";

export { MAX_LAYER_SIZE, MAX_LAYERS, MAX_PARAMETERS } from "./schema.js";
export type { SpecNode } from "./topology.js";

export interface Spec {
  readonly name: string;
  /** "layers": layer sizes, dense between consecutive layers or the given `connections`; "graph": node by node. */
  readonly form: "layers" | "graph";
  /** Layered form: the sizes as given. Graph form: the number of nodes at each depth (longest path from an input). */
  readonly layers: readonly number[];
  /** Layered form: one per non-input layer. Graph form: one per listed node. */
  readonly activations: readonly Activation[];
  /** The number of input nodes (1..inputs). */
  readonly inputs: number;
  /** Every non-input node, numbered on from the inputs, with the earlier nodes it reads. */
  readonly nodes: readonly SpecNode[];
  /** The nodes the loss reads, in the order of the targets. */
  readonly outputs: readonly number[];
  /** Tied groups as parameter keys ("5:4", "5:b"); the first of each is the parameter. */
  readonly tied: readonly (readonly string[])[];
  /** Nodes on no path to an output are accepted (their error term is 0). */
  readonly allowDead: boolean;
  /** Layered form: the connections between layers, as given or by default consecutive. */
  readonly connections?: readonly (readonly [number, number])[];
  /** Consecutive fully connected layers, no ties, in either form: the seed's kind of network (topology.ts). */
  readonly plain: boolean;
  readonly loss: Loss;
  /** The loss of a mini-batch, as given ("mean": E = (1/n) sum_d E_d; "sum"); undefined when the spec does not say. */
  readonly reduction?: Reduction;
  /** The convolutional form: the feature maps' shapes and numbering (the graph holds the network). */
  readonly convolution?: ConvolutionLayout;
  /** The spec as the user gave it (normalised), for the JSON output. */
  readonly source: Record<string, unknown>;
  /** The recurrent form: the graph is the network unrolled over time; its cell, steps and shared U, W, V, b, c. */
  readonly recurrent?: RecurrentLayout;
}

/** How the losses of a mini-batch's examples make its loss E. */
export type Reduction = "mean" | "sum";

export const DEFAULT_SPEC = {
  layers: [3, 2, 2],
  activation: "relu",
  outputActivation: "softmax",
  loss: "cross-entropy",
} as const;

const GRAPH_KEYS = ["inputs", "nodes", "outputs"] as const;
const LAYERED_ONLY = ["layers", "connections", "outputActivation", "activations"] as const;

export function parseSpec(input: unknown): Spec {
  const { $schema: _, ...o } = validate(SpecSchema, input, "") as Record<string, unknown>;
  const alpha = o.alpha === undefined ? undefined : checkAlpha(o.alpha, "alpha");
  const graph = GRAPH_KEYS.some((k) => o[k] !== undefined);
  const convolution = o.shape !== undefined || o.stack !== undefined;
  const spec: Spec =
    o.recurrent !== undefined
      ? { form: "graph", ...recurrentSpec(o, alpha), source: o }
      : convolution
        ? convolutionSpec(o, alpha)
        : graph
          ? graphSpec(o, alpha)
          : layeredSpec(o, alpha);
  if (alpha !== undefined && !spec.activations.some((a) => a.id === "leaky-relu")) {
    throw new InputError("alpha", `applies to "leaky-relu" only, and no ${graph && !convolution ? "node" : "layer"} uses it`);
  }
  return o.reduction === undefined ? spec : { ...spec, reduction: o.reduction as Reduction };
}

function layeredSpec(o: Record<string, unknown>, alpha: number | undefined): Spec {
  if (o.layers === undefined)
    throw new InputError(
      "layers",
      'is required: an array of at least 2 layer sizes, e.g. [3, 2, 2] (or give the graph form: "inputs", "nodes", "outputs")',
    );
  if (o.allowDead !== undefined && o.connections === undefined)
    throw new InputError("allowDead", 'applies to "connections" or the graph form only: consecutive layers have no dead nodes');
  const layers = parseLayers(o.layers as number[]);
  const activations = parseActivations(o, layers.length - 1, alpha);
  const connections = parseConnections(o.connections as [number, number][] | undefined, layers.length);
  const ids: number[][] = [];
  let next = 1;
  for (const size of layers) ids.push(Array.from({ length: size }, () => next++));
  const nodes: SpecNode[] = [];
  for (let l = 1; l < layers.length; l++) {
    const from = connections
      .filter(([, b]) => b === l)
      .flatMap(([a]) => ids[a]!)
      .sort((x, y) => x - y);
    const activation = activations[l - 1]!;
    for (let i = 0; i < layers[l]!; i++) {
      nodes.push({
        from,
        activation,
        bias: true,
        layer: l,
        field: `layers[${l}]`,
        ...(activation.elementwise ? {} : { group: `layer ${l}` }),
      });
    }
  }
  const tiedNames = (o.tied as string[][] | undefined) ?? [];
  const tied = tiedGroups(tiedNames, nodes, layers[0]!);
  const topology = { inputs: layers[0]!, nodes, outputs: ids[ids.length - 1]!, tied, allowDead: o.allowDead === true };
  checkTopology(topology, "layers");
  const loss = resolveLoss(o.loss ?? "mse", "loss");
  const name = (o.name as string | undefined) ?? `[${layers.join(", ")}]`;
  return {
    name,
    form: "layers",
    layers,
    activations,
    ...topology,
    connections,
    plain: plainLayers(topology, depths(topology)),
    loss,
    source: o,
  };
}

function graphSpec(o: Record<string, unknown>, alpha: number | undefined): Spec {
  for (const k of GRAPH_KEYS) {
    if (o[k] === undefined)
      throw new InputError(
        k,
        `is required in the graph form (with ${GRAPH_KEYS.filter((g) => g !== k)
          .map((g) => `"${g}"`)
          .join(" and ")})`,
      );
  }
  for (const k of LAYERED_ONLY) {
    if (o[k] !== undefined)
      throw new InputError(k, 'belongs to the layered form; the graph form gives each node its "from" and "activation"');
  }
  const inputs = o.inputs as number;
  const listed = o.nodes as { id?: number; from: number[]; activation?: unknown; bias?: boolean; group?: string; combine?: Combination }[];
  const fallback = o.activation === undefined ? undefined : resolveActivation(o.activation, "activation", alpha);
  const nodes: SpecNode[] = listed.map((n, i) => {
    const field = `nodes[${i}]`;
    const k = inputs + 1 + i;
    if (n.id !== undefined && n.id !== k) {
      throw new InputError(
        `${field}.id`,
        `is ${n.id}; the nodes are numbered on from the inputs in order, so this node is ${k} (an id must not skip or repeat a number)`,
      );
    }
    const seen = new Set<number>();
    n.from.forEach((j, p) => {
      const at = `${field}.from[${p}]`;
      if (j > inputs + listed.length)
        throw new InputError(
          at,
          `is ${j}, an unknown node; the network has nodes 1 to ${inputs + listed.length}, and node ${k} reads earlier ones only`,
        );
      if (j >= k)
        throw new InputError(
          at,
          `is ${j}, ${j === k ? "the node itself" : "a later node"}; node ${k} reads earlier nodes only (below ${k}), so the numbering stays a topological order`,
        );
      if (seen.has(j)) throw new InputError(at, `repeats node ${j}; node ${k} reads each node once`);
      seen.add(j);
    });
    if (n.combine !== undefined && n.combine !== "weighted") return poolingNode(n, field, k, alpha);
    const activation =
      n.activation === undefined
        ? (fallback ?? resolveActivation("sigmoid", `${field}.activation`, alpha))
        : resolveActivation(n.activation, `${field}.activation`, alpha);
    if (!activation.elementwise && n.group === undefined) {
      throw new InputError(
        `${field}.group`,
        `is required for node ${k}, a softmax node: the name of the set of nodes it is normalised over`,
      );
    }
    if (activation.elementwise && n.group !== undefined)
      throw new InputError(`${field}.group`, `applies to softmax nodes only, and node ${k} is not one`);
    return {
      from: [...n.from].sort((x, y) => x - y),
      activation,
      bias: n.bias !== false,
      field,
      ...(n.group === undefined ? {} : { group: n.group }),
    };
  });
  const tied = tiedGroups((o.tied as string[][] | undefined) ?? [], nodes, inputs);
  const topology = { inputs, nodes, outputs: o.outputs as number[], tied, allowDead: o.allowDead === true };
  checkTopology(topology, "outputs");
  checkPoolingReads(topology);
  const d = depths(topology);
  const layers: number[] = [];
  for (let k = 1; k < d.length; k++) layers[d[k]!] = (layers[d[k]!] ?? 0) + 1;
  // The same depth as the layered form allows: its depths (the longest path, inputs included).
  if (layers.length > MAX_LAYERS) {
    throw new InputError(
      "nodes",
      `has a longest path through ${layers.length} depths (inputs included, a softmax group counted once); at most ${MAX_LAYERS}`,
    );
  }
  const loss = resolveLoss(o.loss ?? "mse", "loss");
  const plain = plainLayers(topology, d);
  // A graph that is the seed's fully connected network is named like the layered spec.
  // A language-neutral default: the number of nodes at each depth ("DAG" as mathematics names it).
  const name = (o.name as string | undefined) ?? (plain ? `[${layers.join(", ")}]` : `DAG [${layers.join(", ")}]`);
  return {
    name,
    form: "graph",
    layers: Array.from(layers, (n) => n ?? 0),
    activations: nodes.map((n) => n.activation),
    ...topology,
    plain,
    loss,
    source: o,
  };
}

function parseConnections(given: readonly [number, number][] | undefined, count: number): [number, number][] {
  if (given === undefined) return Array.from({ length: count - 1 }, (_, i): [number, number] => [i, i + 1]);
  const seen = new Set<string>();
  const out = given.map(([a, b], i): [number, number] => {
    const field = `connections[${i}]`;
    if (a >= count || b >= count) throw new InputError(field, `is [${a}, ${b}]; the layers are 0 to ${count - 1}`);
    if (a >= b) throw new InputError(field, `is [${a}, ${b}]; a connection [a, b] runs from an earlier layer to a later one (a < b)`);
    if (seen.has(`${a},${b}`)) throw new InputError(field, `repeats [${a}, ${b}]; each connection once`);
    seen.add(`${a},${b}`);
    return [a, b];
  });
  for (let l = 1; l < count; l++) {
    if (!out.some(([, b]) => b === l))
      throw new InputError("connections", `has no connection into layer ${l}; every non-input layer needs one [a, ${l}]`);
  }
  return out.sort((x, y) => x[1] - y[1] || x[0] - y[0]);
}

function parseLayers(sizes: number[]): number[] {
  let params = 0;
  for (let l = 1; l < sizes.length; l++) params += sizes[l]! * (sizes[l - 1]! + 1);
  if (params > MAX_PARAMETERS) {
    throw new InputError("layers", `has ${params} weights and biases; at most ${MAX_PARAMETERS} can be derived`);
  }
  return [...sizes];
}

function parseActivations(o: Record<string, unknown>, count: number, alpha: number | undefined): Activation[] {
  if (o.activations !== undefined) {
    if (o.activation !== undefined || o.outputActivation !== undefined) {
      throw new InputError("activations", 'replaces "activation" and "outputActivation"; give one or the other');
    }
    if (!Array.isArray(o.activations) || o.activations.length !== count) {
      throw new InputError("activations", `must be an array of ${count} activation${count === 1 ? "" : "s"}, one per non-input layer`);
    }
    return o.activations.map((a, i) => resolveActivation(a, `activations[${i}]`, alpha));
  }
  const hidden = o.activation ?? "sigmoid";
  const out = o.outputActivation ?? o.activation ?? "sigmoid";
  // Validated even when there is no hidden layer to use it: a typo is still a typo.
  const resolvedHidden = resolveActivation(hidden, "activation", alpha);
  const resolvedOut = resolveActivation(out, o.outputActivation === undefined ? "activation" : "outputActivation", alpha);
  return Array.from({ length: count }, (_, l) => (l === count - 1 ? resolvedOut : resolvedHidden));
}
