// The network spec (DESIGN.md): parsed and validated field by field. Unknown keys are errors.
import { InputError } from "../errors.js";
import { checkAlpha, resolveActivation, resolveLoss } from "../rules/registry.js";
import type { Activation } from "../rules/activations/activation.js";
import type { Loss } from "../rules/losses/loss.js";

/** Limits beyond which a derivation would not be useful to print or fast to check. */
export const MAX_LAYER_SIZE = 10_000;
export const MAX_PARAMETERS = 2_000_000;

export interface Spec {
  readonly name: string;
  readonly layers: readonly number[];
  /** One per non-input layer. */
  readonly activations: readonly Activation[];
  readonly loss: Loss;
  /** The spec as the user gave it (normalised), for the JSON output. */
  readonly source: Record<string, unknown>;
}

const KEYS = ["layers", "activation", "outputActivation", "activations", "loss", "alpha", "name"] as const;

export const DEFAULT_SPEC = {
  layers: [3, 2, 2],
  activation: "relu",
  outputActivation: "softmax",
  loss: "cross-entropy",
} as const;

export function parseSpec(input: unknown): Spec {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new InputError("spec", "must be a JSON object with at least \"layers\"");
  }
  const o = input as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!(KEYS as readonly string[]).includes(k)) throw new InputError(k, `unknown key; allowed: ${KEYS.join(", ")}`);
  }
  const layers = parseLayers(o.layers);
  const alpha = o.alpha === undefined ? undefined : checkAlpha(o.alpha, "alpha");
  const activations = parseActivations(o, layers.length - 1, alpha);
  if (alpha !== undefined && !activations.some((a) => a.id === "leaky-relu")) {
    throw new InputError("alpha", 'applies to "leaky-relu" only, and no layer uses it');
  }
  const loss = resolveLoss(o.loss ?? "mse", "loss");
  if (o.name !== undefined && typeof o.name !== "string") throw new InputError("name", "must be a string");
  const name = (o.name as string | undefined) ?? `[${layers.join(", ")}]`;
  return { name, layers, activations, loss, source: o };
}

function parseLayers(v: unknown): number[] {
  if (v === undefined) throw new InputError("layers", "is required: an array of at least 2 layer sizes, e.g. [3, 2, 2]");
  if (!Array.isArray(v)) throw new InputError("layers", "must be an array of at least 2 layer sizes, e.g. [3, 2, 2]");
  if (v.length < 2) throw new InputError("layers", `has ${v.length} entr${v.length === 1 ? "y" : "ies"}; at least 2 are needed (inputs and outputs)`);
  v.forEach((n, i) => {
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1) {
      throw new InputError(`layers[${i}]`, `is ${JSON.stringify(n)}; each layer size must be a whole number from 1 to ${MAX_LAYER_SIZE}`);
    }
    if (n > MAX_LAYER_SIZE) throw new InputError(`layers[${i}]`, `is ${n}; at most ${MAX_LAYER_SIZE} nodes per layer`);
  });
  const sizes = v as number[];
  let params = 0;
  for (let l = 1; l < sizes.length; l++) params += sizes[l]! * (sizes[l - 1]! + 1);
  if (params > MAX_PARAMETERS) {
    throw new InputError("layers", `has ${params} weights and biases; at most ${MAX_PARAMETERS} can be derived`);
  }
  return sizes;
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
