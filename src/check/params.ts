// Numeric parameters of a worked example (DESIGN.md): inputs, targets, eta and every weight.
// weights[k][j] is w_{kj}; weights[k].b is w_{b_k}.
import { InputError } from "../errors.js";
import type { Network } from "../network/graph.js";
import { nameOf, paramIndex, type Params } from "../network/params.js";
import { ParamsSchema, validate } from "../network/schema.js";

export type { Params } from "../network/params.js";
export { paramIndex } from "../network/params.js";
export { randomParams } from "../oracle/random.js";

const finite = (v: unknown, field: string): number => {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new InputError(field, `is ${JSON.stringify(v)}; must be a finite number`);
  return v;
};

function vector(v: unknown, n: number, field: string, what: string): number[] {
  if (!Array.isArray(v) || v.length !== n) {
    throw new InputError(field, `must be an array of ${n} number${n === 1 ? "" : "s"}, one per ${what}`);
  }
  return v.map((x, i) => finite(x, `${field}[${i}]`));
}

export function parseParams(network: Network, input: unknown): Params {
  // The structure (keys, types, finite numbers) is the schema's; the rest fits it to the network.
  const o = validate(ParamsSchema, input, "params");
  const inputs = vector(o.inputs, network.inputs.length, "params.inputs", "input node");
  const targets = vector(o.targets, network.outputs.length, "params.targets", "output node");
  const eta = finite(o.eta, "params.eta");
  const w = o.weights;
  const index = paramIndex(network);
  const values = new Array<number>(network.params.length).fill(Number.NaN);
  for (const [k, row] of Object.entries(w)) {
    for (const [j, v] of Object.entries(row)) {
      const i = index.get(`${k}:${j}`);
      if (i === undefined) {
        throw new InputError(`params.weights.${k}.${j}`, `is not a weight of this network (w_${k}_${j} does not exist)`);
      }
      values[i] = finite(v, `params.weights.${k}.${j}`);
    }
  }
  const missing = network.params.findIndex((_, i) => Number.isNaN(values[i]));
  if (missing >= 0) {
    const p = network.params[missing]!;
    throw new InputError(`params.weights.${p.to}.${p.from}`, `is missing; every weight and bias needs a value (${nameOf(p)})`);
  }
  checkTargets(network, targets);
  return { inputs, targets, eta, values };
}

/** Targets must satisfy what the loss, and the proof, assume of them. */
export function checkTargets(network: Network, targets: readonly number[]): void {
  const domain = network.loss.targets;
  if (domain === "unit-interval") {
    targets.forEach((t, i) => {
      if (t < 0 || t > 1) throw new InputError(`params.targets[${i}]`, `is ${t}; ${network.loss.id} needs targets in [0, 1]`);
    });
  }
  if (domain === "distribution") {
    targets.forEach((t, i) => {
      if (t < 0) throw new InputError(`params.targets[${i}]`, `is ${t}; ${network.loss.id} needs non-negative targets`);
    });
    const outputLayer = network.layers[network.layers.length - 1]!;
    const sum = targets.reduce((a, b) => a + b, 0);
    if (!outputLayer.activation!.elementwise && Math.abs(sum - 1) > 1e-9) {
      throw new InputError("params.targets", `sum to ${sum}; softmax with ${network.loss.id} assumes targets that sum to 1`);
    }
  }
}

/** The params as the JSON format of DESIGN.md. */
export function paramsToJson(network: Network, p: Params): Record<string, unknown> {
  const weights: Record<string, Record<string, number>> = {};
  network.params.forEach((q, i) => {
    (weights[q.to] ??= {})[String(q.from)] = p.values[i]!;
  });
  return { inputs: p.inputs, targets: p.targets, eta: p.eta, weights };
}
