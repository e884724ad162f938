// The network spec (DESIGN.md): its structure validated by the schema (schema.ts, also emitted
// as JSON Schema), then what a schema cannot say: the number of weights, one activation per
// layer, custom formulas. Unknown keys are errors.
import { InputError } from "../errors.js";
import { checkAlpha, resolveActivation, resolveLoss } from "../rules/registry.js";
import type { Activation } from "../rules/activations/activation.js";
import type { Loss } from "../rules/losses/loss.js";
import { MAX_PARAMETERS, SpecSchema, validate } from "./schema.js";

export { MAX_LAYER_SIZE, MAX_PARAMETERS } from "./schema.js";

export interface Spec {
  readonly name: string;
  readonly layers: readonly number[];
  /** One per non-input layer. */
  readonly activations: readonly Activation[];
  readonly loss: Loss;
  /** The spec as the user gave it (normalised), for the JSON output. */
  readonly source: Record<string, unknown>;
}

export const DEFAULT_SPEC = {
  layers: [3, 2, 2],
  activation: "relu",
  outputActivation: "softmax",
  loss: "cross-entropy",
} as const;

export function parseSpec(input: unknown): Spec {
  const { $schema: _, ...o } = validate(SpecSchema, input, "") as Record<string, unknown>;
  const layers = parseLayers(o.layers as number[]);
  const alpha = o.alpha === undefined ? undefined : checkAlpha(o.alpha, "alpha");
  const activations = parseActivations(o, layers.length - 1, alpha);
  if (alpha !== undefined && !activations.some((a) => a.id === "leaky-relu")) {
    throw new InputError("alpha", 'applies to "leaky-relu" only, and no layer uses it');
  }
  const loss = resolveLoss(o.loss ?? "mse", "loss");
  const name = (o.name as string | undefined) ?? `[${layers.join(", ")}]`;
  return { name, layers, activations, loss, source: o };
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
