// The explicit registries of activations and losses, and their resolution from spec values.
import { InputError } from "../errors.js";
import type { Activation } from "./activations/activation.js";
import { customActivation } from "./activations/custom.js";
import { identity } from "./activations/identity.js";
import { DEFAULT_ALPHA, leakyRelu } from "./activations/leaky-relu.js";
import { relu } from "./activations/relu.js";
import { sigmoid } from "./activations/sigmoid.js";
import { softmax } from "./activations/softmax.js";
import { softplus } from "./activations/softplus.js";
import { tanh } from "./activations/tanh.js";
import { binaryCrossEntropy } from "./losses/binary-cross-entropy.js";
import { crossEntropy } from "./losses/cross-entropy.js";
import { customLoss } from "./losses/custom.js";
import type { Loss } from "./losses/loss.js";
import { mse } from "./losses/mse.js";
import { sse } from "./losses/sse.js";

export const ACTIVATIONS = {
  identity: () => identity,
  sigmoid: () => sigmoid,
  tanh: () => tanh,
  relu: () => relu,
  "leaky-relu": (alpha?: number) => leakyRelu(alpha ?? DEFAULT_ALPHA),
  softplus: () => softplus,
  softmax: () => softmax,
} satisfies Record<string, (alpha?: number) => Activation>;

export const LOSSES = {
  mse,
  sse,
  "cross-entropy": crossEntropy,
  "binary-cross-entropy": binaryCrossEntropy,
} satisfies Record<string, Loss>;

const list = (names: string[]): string => `${names.join(", ")}, or { "custom": "<formula>" }`;

export function resolveActivation(spec: unknown, field: string, alpha?: number): Activation {
  if (typeof spec === "string") {
    if (!Object.hasOwn(ACTIVATIONS, spec)) {
      throw new InputError(field, `unknown activation "${spec}"; allowed: ${list(Object.keys(ACTIVATIONS))}`);
    }
    return ACTIVATIONS[spec as keyof typeof ACTIVATIONS](alpha);
  }
  if (spec !== null && typeof spec === "object" && !Array.isArray(spec)) {
    const o = spec as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === "custom") {
      if (typeof o.custom !== "string") throw new InputError(`${field}.custom`, "must be a formula in x (a string)");
      return customActivation(o.custom, `${field}.custom`);
    }
    const extra = keys.filter((k) => k !== "name" && k !== "alpha");
    if (extra.length > 0) throw new InputError(`${field}.${extra[0]}`, 'unknown key; allowed: "name", "alpha" or "custom"');
    if (o.alpha !== undefined) {
      if (o.name !== "leaky-relu") throw new InputError(`${field}.alpha`, 'only "leaky-relu" takes alpha');
      checkAlpha(o.alpha, `${field}.alpha`);
    }
    return resolveActivation(o.name, `${field}.name`, (o.alpha as number | undefined) ?? alpha);
  }
  throw new InputError(field, `must be an activation name (${list(Object.keys(ACTIVATIONS))})`);
}

export function checkAlpha(alpha: unknown, field: string): number {
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) {
    throw new InputError(field, "must be a number strictly between 0 and 1");
  }
  return alpha;
}

export function resolveLoss(spec: unknown, field: string): Loss {
  if (typeof spec === "string") {
    if (!Object.hasOwn(LOSSES, spec)) {
      throw new InputError(field, `unknown loss "${spec}"; allowed: ${list(Object.keys(LOSSES))}`);
    }
    return LOSSES[spec as keyof typeof LOSSES];
  }
  if (spec !== null && typeof spec === "object" && !Array.isArray(spec)) {
    const o = spec as Record<string, unknown>;
    const extra = Object.keys(o).filter((k) => k !== "custom");
    if (extra.length > 0) throw new InputError(`${field}.${extra[0]}`, 'unknown key; allowed: "custom"');
    if (typeof o.custom !== "string") throw new InputError(`${field}.custom`, "must be a formula in y and t (a string)");
    return customLoss(o.custom, `${field}.custom`);
  }
  throw new InputError(field, `must be a loss name (${list(Object.keys(LOSSES))})`);
}
