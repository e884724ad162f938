// Another network per seed (--vary network): the same inputs, outputs, output activation and
// loss, with hidden layers of other sizes and another hidden activation, drawn from the seed.
import { InputError } from "../errors.js";
import { rng } from "../oracle/rng.js";

const HIDDEN_ACTIVATIONS = ["sigmoid", "tanh", "relu"];

export function varySpec(source: Record<string, unknown>, seed: number): Record<string, unknown> {
  const layers = source.layers;
  if (!Array.isArray(layers) || source.connections !== undefined || source.tied !== undefined || source.nodes !== undefined)
    throw new InputError("--vary", "network varies a layered spec without connections or tied weights; give one, or leave out --vary");
  // Neighbouring seeds draw far-apart generators: one student's network says nothing of the next one's.
  const r = rng(Math.imul(seed + 1, 0x9e3779b1) >>> 0);
  const sizes = layers.map((n, i) => (i === 0 || i === layers.length - 1 ? (n as number) : 2 + Math.floor(r() * 3)));
  const hidden = HIDDEN_ACTIVATIONS[Math.floor(r() * HIDDEN_ACTIVATIONS.length)]!;
  const given = Array.isArray(source.activations) ? (source.activations as unknown[]) : undefined;
  const output = given?.[given.length - 1] ?? source.outputActivation ?? source.activation;
  const { activations: _, activation: __, outputActivation: ___, name: ____, ...rest } = source;
  return { ...rest, layers: sizes, activation: hidden, ...(output === undefined ? {} : { outputActivation: output }) };
}
