// The layer form of a spec as data: each non-input layer's activation as parseSpec reads it, and
// the spec written back from sizes and activations. Pure, so that the tests read it in Node.
import type { Spec } from "./panel.js";
import { same } from "./wiring.js";

/** The keys of the layer form that the layer panel edits, in the order it writes them. */
export const KEYS = [
  "$schema",
  "name",
  "layers",
  "connections",
  "activation",
  "outputActivation",
  "activations",
  "loss",
  "tied",
  "allowDead",
  "alpha",
];

/** One non-input layer's activation as the spec gives it, and the key it comes from. */
interface Act {
  readonly value: unknown;
  readonly source: string;
}

/** Each non-input layer's activation, read as parseSpec reads it (sigmoid by default). */
export function activationsOf(spec: Spec): Act[] {
  const count = Array.isArray(spec.layers) ? spec.layers.length - 1 : 0;
  if (Array.isArray(spec.activations))
    return Array.from({ length: count }, (_, i) => ({ value: (spec.activations as unknown[])[i], source: `activations[${i}]` }));
  const hidden = spec.activation ?? "sigmoid";
  const out: Act =
    spec.outputActivation !== undefined
      ? { value: spec.outputActivation, source: "outputActivation" }
      : { value: hidden, source: "activation" };
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? out : { value: hidden, source: "activation" }));
}

/**
 * The spec with these layer sizes and activations: one "activation" for the hidden layers and an
 * "outputActivation" when the hidden layers agree, else "activations", one per layer (always so
 * when the spec used that key). Known keys first, in the usual order, then the others.
 */
export function withLayers(spec: Spec, layers: unknown[], acts: unknown[]): Spec {
  const set: Spec = { layers };
  const hidden = acts.slice(0, -1);
  if (Array.isArray(spec.activations) || !hidden.every((a) => same(a, hidden[0]))) set.activations = acts;
  else {
    if (hidden.length > 0) set.activation = hidden[0];
    else if (spec.activation !== undefined && acts.length === 0) set.activation = spec.activation;
    if (acts.length > 0) set.outputActivation = acts[acts.length - 1];
  }
  const out: Spec = {};
  for (const k of KEYS) {
    if (k in set) out[k] = set[k];
    else if (!["activation", "outputActivation", "activations", "layers"].includes(k) && spec[k] !== undefined) out[k] = spec[k];
  }
  for (const [k, v] of Object.entries(spec)) if (!KEYS.includes(k)) out[k] = v;
  return out;
}
