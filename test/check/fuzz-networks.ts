// The fuzz's random networks and params (test/check/fuzz.test.ts, and the incremental pass's
// before/after comparison): every activation, softmax on hidden layers too, every loss, custom
// formulas; params as a user might give them.
import { randomParams, type Params } from "../../src/check/params.js";
import type { Network } from "../../src/network/graph.js";
import { uniform, type Rng } from "../../src/oracle/rng.js";
import { LOSS_NAMES } from "../rules/names.js";

const ACTIVATIONS: unknown[] = [
  "identity",
  "sigmoid",
  "tanh",
  "relu",
  "leaky-relu",
  "softplus",
  "softmax",
  { name: "leaky-relu", alpha: 0.2 },
  { custom: "x / (1 + abs(x))" },
  { custom: "tanh(x) + 0.1 * x" },
  { custom: "x^3 / 3 + x" },
  { custom: "sin(x) + x" },
];
const LOSSES: unknown[] = [...LOSS_NAMES, { custom: "(y - t)^4" }, { custom: "ln(1 + (y - t)^2)" }];

export type Kind = "plain" | "saturated" | "tiny-probability";

export function randomSpec(r: Rng): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const layers = Array.from({ length: 2 + Math.floor(r() * 3) }, () => 1 + Math.floor(r() * 4));
  const activations = layers.slice(1).map(() => pick(ACTIVATIONS));
  const loss = pick(LOSSES);
  const last = activations.length - 1;
  if (loss === "binary-cross-entropy") activations[last] = "sigmoid";
  if (loss === "cross-entropy") activations[last] = pick(["softmax", "sigmoid"]);
  activations.forEach((a, l) => {
    // A one-node softmax is the constant 1; a softmax output fed to a loss of y alone is fine.
    if (a === "softmax" && layers[l + 1] === 1) layers[l + 1] = 2;
  });
  return { layers, activations, loss };
}

/** Params as a user might give them: weights up to ±3; saturated: scaled up; tiny: one output near 0. */
export function wideParams(network: Network, r: Rng, kind: Kind): Params {
  const p = randomParams(network, r);
  const scale = kind === "saturated" ? 12 : 1;
  const values = network.params.map(() => scale * uniform(r, -3, 3));
  if (kind === "tiny-probability") {
    // The first output's bias pushes its probability to about e^{-25}, 1e-11.
    const bias = network.params.findIndex((q) => q.to === network.outputs[0] && q.from === "b");
    values[bias] = -25 - 3 * network.nodes[network.outputs[0]!]!.preds.length;
  }
  return { ...p, values };
}
