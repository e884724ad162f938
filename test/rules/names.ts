// The built-in activations and losses by name, read from the registry (src/rules/registry.ts),
// so that a test that goes through every one of them covers one added tomorrow too.
import { ACTIVATIONS, LOSSES } from "../../src/rules/registry.js";

export type ActivationName = keyof typeof ACTIVATIONS;
export type LossName = keyof typeof LOSSES;

/** Every built-in activation, in the registry's order. */
export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as ActivationName[];
/** The built-in activations that act on each node alone (all but the layer-wide softmax). */
export const ELEMENTWISE_NAMES = ACTIVATION_NAMES.filter((n) => ACTIVATIONS[n]().elementwise);
/** Every built-in loss, in the registry's order. */
export const LOSS_NAMES = Object.keys(LOSSES) as LossName[];
