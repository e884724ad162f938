// The structure of a network spec and of a worked example's params, written once: these zod
// schemas validate the input (through `validate`, which turns the first problem into one
// InputError naming the field) and are also emitted as JSON Schema for editors (schemaJson).
// What a schema cannot say (sums over layers, one activation per layer, formulas, the params
// fitting a particular network) is checked in code afterwards. New spec forms (connections, a
// graph of nodes) are keys of SPEC_SHAPE; which keys go together is checked in spec.ts.
import * as z from "zod";
import { COMBINATIONS } from "../rules/combinations/combination.js";
import { InputError, shown } from "../errors.js";
import { ACTIVATIONS, LOSSES } from "../rules/registry.js";
import { convolutionShape, withConvolutionParams } from "./forms/convolution-schema.js";
import { RecurrentParamsSchema, RecurrentSchema } from "./forms/recurrent-schema.js";

/**
 * Limits within which every format is written on a 2-core machine with Node's default heap
 * (README, "Limits", has the figures: `npm run stress` measures them). Depth has its own: the
 * documents show every layer, and a layer of the proof style is up to 3 MB of HTML.
 */
export const MAX_LAYER_SIZE = 10_000;
export const MAX_PARAMETERS = 2_000_000;
/** Entries of `layers`, inputs included. */
export const MAX_LAYERS = 200;
/** A title longer than this would not fit a heading. */
export const MAX_NAME = 200;
/** A custom formula longer than this is refused before it is parsed. */
export const MAX_FORMULA = 2_000;

const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as [string, ...string[]];
const LOSS_NAMES = Object.keys(LOSSES) as [string, ...string[]];
const choices = (names: readonly string[]): string => `${names.join(", ")}, or { "custom": "<formula>" }`;

/** An object that refuses unknown keys, naming the allowed ones. */
function strict<S extends z.core.$ZodLooseShape>(shape: S, what: string) {
  const keys = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === "unrecognized_keys" ? `unknown key; allowed: ${keys}` : iss.input === undefined ? "is required" : `must be ${what}`,
  });
}

const isNot = (what: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? `is required: ${what}` : `is ${shown(iss.input)}; must be ${what}`;

const formula = (vars: string) =>
  z.string({ error: isNot(`a formula in ${vars} (a string)`) }).max(MAX_FORMULA, { error: `is longer than ${MAX_FORMULA} characters` });

const alpha = z
  .number({ error: "must be a number strictly between 0 and 1" })
  .gt(0, { error: "must be a number strictly between 0 and 1" })
  .lt(1, { error: "must be a number strictly between 0 and 1" });

const activationName = z.enum(ACTIVATION_NAMES, {
  error: (iss) => `unknown activation ${shown(iss.input)}; allowed: ${choices(ACTIVATION_NAMES)}`,
});

export const ActivationSchema = z.union(
  [
    activationName,
    strict({ custom: formula("x") }, '{ "custom": "<formula in x>" }'),
    strict({ name: activationName, alpha: alpha.optional() }, '{ "name": "leaky-relu", "alpha": 0.2 }'),
  ],
  { error: (iss) => `is ${shown(iss.input)}; must be an activation name (${choices(ACTIVATION_NAMES)})` },
);

export const LossSchema = z.union(
  [
    z.enum(LOSS_NAMES, { error: (iss) => `unknown loss ${shown(iss.input)}; allowed: ${choices(LOSS_NAMES)}` }),
    strict({ custom: formula("y and t") }, '{ "custom": "<formula in y and t>" }'),
  ],
  { error: (iss) => `is ${shown(iss.input)}; must be a loss name (${choices(LOSS_NAMES)})` },
);

const layerSize = (() => {
  const message = isNot(`a whole number from 1 to ${MAX_LAYER_SIZE}`);
  return z
    .number({ error: message })
    .int({ error: message })
    .min(1, { error: message })
    .max(MAX_LAYER_SIZE, { error: (iss) => `is ${shown(iss.input)}; at most ${MAX_LAYER_SIZE} nodes per layer` });
})();

const LAYERS_EXAMPLE = "an array of at least 2 layer sizes, e.g. [3, 2, 2]";

/** The most nodes a graph-form spec may list. */
export const MAX_NODES = 100_000;

const nodeNumber = (what: string) => {
  const message = isNot(`a node number (a whole number from 1), ${what}`);
  return z.number({ error: message }).int({ error: message }).min(1, { error: message });
};

const layerIndex = (() => {
  const message = isNot("a layer index (a whole number from 0)");
  return z.number({ error: message }).int({ error: message }).min(0, { error: message });
})();

const NODE_NUMBER = "[1-9][0-9]{0,6}";
/**
 * A weight's name: "w_5_4" (the edge from node 4 to node 5) or "w_b_5" (the bias of node 5). The
 * one pattern of both the schema and the parser (parseWeightName), so that they cannot disagree.
 */
export const WEIGHT_NAME = new RegExp(`^w_(?:b_(${NODE_NUMBER})|(${NODE_NUMBER})_(${NODE_NUMBER}))$`);
const WEIGHT_NAME_TEXT = 'a weight name, "w_5_4" (the edge from node 4 to node 5) or "w_b_5" (the bias of node 5)';

/** The edge (or bias, from "b") a weight's name names; undefined for anything else. */
export function parseWeightName(name: string): { readonly to: number; readonly from: number | "b" } | undefined {
  const m = WEIGHT_NAME.exec(name);
  if (m === null) return undefined;
  return m[1] !== undefined ? { to: Number(m[1]), from: "b" } : { to: Number(m[2]), from: Number(m[3]) };
}

const weightName = z
  .string({ error: isNot(WEIGHT_NAME_TEXT) })
  .regex(WEIGHT_NAME, { error: (iss) => `is ${shown(iss.input)}; must be ${WEIGHT_NAME_TEXT}` });

/** One listed node of the graph form: numbered on from the inputs, in order. */
export const NodeSchema = strict(
  {
    id: nodeNumber("equal to the node's place in the numbering").optional().describe("the node's number: inputs + its place in the list"),
    from: z
      .array(nodeNumber("of an earlier node"), { error: isNot("an array of the earlier nodes that feed this one, e.g. [1, 2]") })
      .min(1, { error: "is empty; a node needs at least one earlier node feeding it" })
      .describe("the earlier nodes that feed this one"),
    activation: ActivationSchema.optional().describe("the node's activation (default: the spec's activation, else sigmoid)"),
    bias: z
      .boolean({ error: isNot("true or false") })
      .optional()
      .describe("whether the node has a bias w_b_k (default true)"),
    group: z
      .string({ error: isNot("a name (a string)") })
      .min(1, { error: "is empty; must be a name" })
      .max(MAX_NAME, { error: `is longer than ${MAX_NAME} characters` })
      .regex(/^[^\p{Cc}]*$/u, { error: "must not contain control characters" })
      .optional()
      .describe("softmax nodes with the same group are normalised together"),
    combine: z
      .enum(COMBINATIONS, { error: isNot('"weighted", "max" or "average"') })
      .optional()
      .describe(
        'how the node combines its inputs: "weighted" (default: weights and a bias), "max" (the largest input) or "average" (their mean); a max or average node has no weights, no bias, and the identity activation',
      ),
  },
  'a node { "from": [1, 2], "activation": "tanh" }',
);

export const SPEC_SHAPE = {
  $schema: z.string({ error: "must be a string (the URL or path of this schema)" }).optional(),
  layers: z
    .array(layerSize, { error: isNot(LAYERS_EXAMPLE) })
    .min(2, { error: (iss) => `has ${(iss.input as unknown[]).length} entries; at least 2 are needed (inputs and outputs)` })
    .max(MAX_LAYERS, { error: (iss) => `has ${(iss.input as unknown[]).length} entries; at most ${MAX_LAYERS} layers, inputs included` })
    .optional()
    .describe("layer sizes, inputs first (the layered form; required unless nodes is given)"),
  connections: z
    .array(z.tuple([layerIndex, layerIndex], { error: isNot("a pair [a, b] of layer indices, a < b") }), {
      error: isNot("an array of pairs [a, b]: layer a feeds layer b densely"),
    })
    .optional()
    .describe("pairs [a, b] (a < b): every node of layer a feeds every node of layer b (default: consecutive layers)"),
  inputs: z
    .number({ error: isNot(`a whole number of input nodes, from 1 to ${MAX_LAYER_SIZE}`) })
    .int({ error: isNot(`a whole number of input nodes, from 1 to ${MAX_LAYER_SIZE}`) })
    .min(1, { error: isNot(`a whole number of input nodes, from 1 to ${MAX_LAYER_SIZE}`) })
    .max(MAX_LAYER_SIZE, { error: isNot(`a whole number of input nodes, from 1 to ${MAX_LAYER_SIZE}`) })
    .optional()
    .describe("the graph form: the number of input nodes, numbered 1..inputs"),
  nodes: z
    .array(NodeSchema, { error: isNot('an array of nodes, each { "from": [...], "activation": ... }') })
    .min(1, { error: "is empty; at least one node besides the inputs is needed" })
    .max(MAX_NODES, { error: `has more than ${MAX_NODES} nodes` })
    .optional()
    .describe("the graph form: the non-input nodes, numbered on from the inputs in order"),
  outputs: z
    .array(nodeNumber("of a listed node"), { error: isNot("an array of the nodes the loss reads, in the order of the targets") })
    .min(1, { error: "is empty; the loss needs at least one output node" })
    .optional()
    .describe("the graph form: the nodes the loss reads, in the order of the targets"),
  tied: z
    .array(
      z
        .array(weightName, { error: isNot('a group of weight names that share one value, e.g. ["w_5_4", "w_6_4"]') })
        .min(2, { error: "has fewer than 2 names; a tied group shares one value among at least 2 weights" }),
      { error: isNot('an array of groups of weight names, e.g. [["w_5_4", "w_6_4"]]') },
    )
    .optional()
    .describe("groups of weights that share one value; the first name of a group is the parameter"),
  allowDead: z
    .boolean({ error: isNot("true or false") })
    .optional()
    .describe("accept nodes on no path to an output (their error term is 0)"),
  recurrent: RecurrentSchema.optional(),
  activation: ActivationSchema.optional().describe("activation of the hidden layers (default sigmoid)"),
  outputActivation: ActivationSchema.optional().describe("activation of the output layer (default: activation)"),
  activations: z
    .array(ActivationSchema, { error: "must be an array of activations, one per non-input layer" })
    .optional()
    .describe("one activation per non-input layer, replacing activation and outputActivation"),
  ...convolutionShape(ActivationSchema),
  loss: LossSchema.optional().describe("the loss (default mse)"),
  reduction: z
    .enum(["mean", "sum"], { error: (iss) => `is ${shown(iss.input)}; allowed: "mean" (E is the mean of the examples' losses) or "sum"` })
    .optional()
    .describe('the loss of a mini-batch: "mean" (default), E = (1/n) sum_d E_d, or "sum", E = sum_d E_d'),
  alpha: alpha.optional().describe("slope of leaky-relu for negative inputs"),
  name: z
    .string({ error: "must be a string" })
    .max(MAX_NAME, { error: `is longer than ${MAX_NAME} characters` })
    // Control characters (a newline included) would split a heading or stop pdflatex.
    .regex(/^[^\p{Cc}\u2028\u2029]*$/u, { error: "must not contain control characters (newlines, tabs, ...)" })
    .optional()
    .describe("a title for the documents"),
};

export const SpecSchema = strict(SPEC_SHAPE, 'a JSON object with "layers" (or "inputs", "nodes" and "outputs")').describe(
  "A backprop-derive network spec",
);

const finite = (what: string) => z.number({ error: isNot(`a finite number (${what})`) });
const vector = (what: string) => z.array(finite(what), { error: isNot(`an array of numbers, one per ${what}`) });

/** The most examples a mini-batch may hold. */
export const MAX_EXAMPLES = 10_000;

export const ExampleSchema = strict(
  {
    inputs: vector("input node").describe("x_1, x_2, ...: one value per input node"),
    targets: vector("output node").describe("t_k: one value per output node"),
  },
  'an example { "inputs": [...], "targets": [...] }',
);

export const ParamsSchema = strict(
  {
    $schema: z.string({ error: "must be a string (the URL or path of this schema)" }).optional(),
    inputs: vector("input node").optional().describe("x_1, x_2, ...: one value per input node (one example; or give examples)"),
    targets: vector("output node").optional().describe("t_k: one value per output node (one example; or give examples)"),
    examples: z
      .array(ExampleSchema, { error: isNot('an array of examples, each { "inputs": [...], "targets": [...] }') })
      .min(1, { error: "is empty; a mini-batch needs at least 1 example" })
      .max(MAX_EXAMPLES, { error: (iss) => `has ${(iss.input as unknown[]).length} examples; at most ${MAX_EXAMPLES}` })
      .optional()
      .describe("a mini-batch: the examples { inputs, targets }, instead of one inputs/targets pair"),
    eta: finite("the learning rate").describe("the learning rate"),
    weights: z
      .record(z.string(), z.record(z.string(), finite("a weight"), { error: isNot('an object of weights { "j": w_kj, "b": w_b_k }') }), {
        error: isNot('an object { "k": { "j": w_kj, "b": w_b_k } }'),
      })
      .describe("weights[k][j] is w_kj, weights[k].b is the bias w_b_k"),
  },
  'a JSON object with "inputs" and "targets" (or "examples"), "eta" and "weights"',
).describe("The numbers of a backprop-derive worked example");

type Issue = z.core.$ZodIssue;

/** A path as the messages write it: layers[1], activation.custom, params.weights.5.4. */
export function fieldOf(root: string, path: readonly PropertyKey[]): string {
  let s = root;
  for (const p of path) s += typeof p === "number" ? `[${p}]` : `${s === "" ? "" : "."}${shown(String(p)).slice(1, -1)}`;
  return s === "" ? root || "spec" : s;
}

/**
 * The issue to report. In a union, the branch that the input matches furthest: the deepest
 * problem (an object whose "custom" is a number is a custom formula gone wrong, not a bad name),
 * then the fewest problems, then a problem other than the input's type.
 */
function pick(issues: readonly Issue[], path: readonly PropertyKey[]): { issue: Issue; path: PropertyKey[] } {
  const first = [...issues].sort((a, b) => Number(b.code === "unrecognized_keys") - Number(a.code === "unrecognized_keys"))[0]!;
  const at = [...path, ...first.path];
  if (first.code !== "invalid_union" || first.errors.length === 0) return { issue: first, path: at };
  const rank = (branch: readonly Issue[]): number[] => [
    -Math.max(...branch.map((i) => i.path.length)),
    branch.length,
    Number(branch.every((i) => i.code === "invalid_type" && i.path.length === 0)),
  ];
  const order = (a: readonly Issue[], b: readonly Issue[]): number => {
    const [x, y] = [rank(a), rank(b)];
    return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
  };
  const best = [...first.errors].sort(order)[0]!;
  return best.every((i) => i.path.length === 0 && i.code === "invalid_type") ? { issue: first, path: at } : pick(best, at);
}

/**
 * The path of the first own "__proto__" key in a parsed JSON value, or undefined. JSON.parse makes
 * it an ordinary key, which zod's records skip without a word (and an assignment would turn into
 * a prototype): it is refused like any other unknown key. Iterative, linear in the value's size.
 */
export function protoKeyPath(input: unknown): PropertyKey[] | undefined {
  const nodes: { value: unknown; parent: number; key: PropertyKey }[] = [{ value: input, parent: -1, key: "" }];
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i]!.value;
    if (v === null || typeof v !== "object") continue;
    if (Object.hasOwn(v, "__proto__")) {
      const path: PropertyKey[] = ["__proto__"];
      for (let at = i; at > 0; at = nodes[at]!.parent) path.unshift(nodes[at]!.key);
      return path;
    }
    const push = (key: PropertyKey, value: unknown): void => {
      if (value !== null && typeof value === "object") nodes.push({ value, parent: i, key });
    };
    if (Array.isArray(v)) v.forEach((x, j) => push(j, x));
    else for (const key of Object.keys(v)) push(key, (v as Record<string, unknown>)[key]);
  }
  return undefined;
}

/** The value, or one InputError for its first problem, naming the field from `root`. */
export function validate<T>(schema: z.ZodType<T>, input: unknown, root: string): T {
  const proto = protoKeyPath(input);
  if (proto !== undefined) throw new InputError(fieldOf(root, proto), 'unknown key; "__proto__" is never a key here');
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const { issue, path } = pick(result.error.issues, []);
  const field = issue.code === "unrecognized_keys" ? fieldOf(root, [...path, issue.keys[0]!]) : fieldOf(root, path);
  throw new InputError(field, issue.message);
}

/**
 * The JSON Schema of a spec or of params, for editors and validators (shipped as
 * schema/*.schema.json, draft 2020-12, and schema/*.draft-07.schema.json).
 */
export function schemaJson(which: "spec" | "params", target: "draft-2020-12" | "draft-7" = "draft-2020-12"): Record<string, unknown> {
  const json = z.toJSONSchema(which === "spec" ? SpecSchema : ParamsSchema, { unrepresentable: "any", target }) as Record<string, unknown>;
  // The two forms of a spec: its keys are all optional to zod (spec.ts says which go together).
  // Each names the properties it requires, as validators' strict mode asks.
  const form = (keys: readonly string[]) => ({ required: keys, properties: Object.fromEntries(keys.map((k) => [k, true])) });
  if (which === "spec")
    return { ...json, oneOf: [form(["layers"]), form(["inputs", "nodes", "outputs"]), form(["shape", "stack"]), form(["recurrent"])] };
  // One example, or a mini-batch of them, the convolutional form's shapes as alternatives; or the
  // params of a recurrent network, in its own shapes.
  const { $schema, ...layered }: Record<string, unknown> = {
    ...withConvolutionParams(json),
    oneOf: [form(["inputs", "targets"]), form(["examples"])],
  };
  const { $schema: _, ...recurrent } = z.toJSONSchema(RecurrentParamsSchema, { unrepresentable: "any", target }) as Record<string, unknown>;
  return { $schema, description: layered.description, anyOf: [layered, recurrent] };
}
