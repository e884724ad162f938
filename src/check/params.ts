// Numeric parameters of a worked example (DESIGN.md): inputs, targets, eta and every weight.
// weights[k][j] is w_{kj}; weights[k].b is w_{b_k}.
import { InputError } from "../errors.js";
import { softmaxOutputGroups, type Network } from "../network/graph.js";
import { nameOf, paramIndex, type Params } from "../network/params.js";
import { ParamsSchema, validate } from "../network/schema.js";
import type { Batch, Example } from "../network/batch.js";

export type { Params } from "../network/params.js";
export type { Batch, Example } from "../network/batch.js";
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

/** The params of one example; a mini-batch (examples) is refused here: parseBatch reads it. */
export function parseParams(network: Network, input: unknown): Params {
  const batch = readParams(network, input);
  if (batch.given === "examples") {
    throw new InputError("params.examples", 'is a mini-batch; here the params give one example: "inputs" and "targets"');
  }
  const e = batch.examples[0]!;
  return { inputs: e.inputs, targets: e.targets, eta: batch.eta, values: batch.values };
}

/** The params of a mini-batch: its examples, or the one inputs/targets pair as a batch of one. */
export function parseBatch(network: Network, input: unknown): Batch & { readonly given: "examples" | "pair" } {
  return readParams(network, input);
}

/** Whether params (as JSON) give a mini-batch of examples rather than one inputs/targets pair. */
export const givesExamples = (input: unknown): boolean => input !== null && typeof input === "object" && Object.hasOwn(input, "examples");

const KEYS = new Set(Object.keys(ParamsSchema.shape));

function readParams(network: Network, input: unknown): Batch & { readonly given: "examples" | "pair" } {
  // One example's inputs and targets are required unless examples are given: said first, as
  // when they were the only form (an unknown key is still the schema's to name).
  if (input !== null && typeof input === "object" && !Array.isArray(input) && !Object.hasOwn(input, "examples")) {
    const keys = Object.keys(input);
    if (keys.every((k) => KEYS.has(k))) {
      if (!keys.includes("inputs")) throw new InputError("params.inputs", "is required: an array of numbers, one per input node");
      if (!keys.includes("targets")) throw new InputError("params.targets", "is required: an array of numbers, one per output node");
    }
  }
  // The structure (keys, types, finite numbers) is the schema's; the rest fits it to the network.
  const o = validate(ParamsSchema, input, "params");
  let examples: Example[];
  let given: "examples" | "pair";
  if (o.examples !== undefined) {
    for (const k of ["inputs", "targets"] as const) {
      if (o[k] !== undefined)
        throw new InputError(`params.${k}`, 'is given with "examples"; give one example ("inputs", "targets") or "examples", not both');
    }
    given = "examples";
    examples = o.examples.map((e, d) => example(network, e, `params.examples[${d}]`));
  } else {
    for (const k of ["inputs", "targets"] as const) {
      if (o[k] === undefined)
        throw new InputError(`params.${k}`, 'is required: one value per node (or give "examples", a list of { "inputs", "targets" })');
    }
    given = "pair";
    examples = [example(network, { inputs: o.inputs!, targets: o.targets! }, "params")];
  }
  const eta = finite(o.eta, "params.eta");
  const w = o.weights;
  const index = paramIndex(network);
  const values = new Array<number>(network.params.length).fill(Number.NaN);
  for (const [k, row] of Object.entries(w)) {
    for (const [j, v] of Object.entries(row)) {
      const i = index.get(`${k}:${j}`);
      const tiedTo = i === undefined ? tiedHead(network, k, j) : undefined;
      if (tiedTo !== undefined) {
        throw new InputError(
          `params.weights.${k}.${j}`,
          `is tied to ${tiedTo}; a tied group's shared value is given once, under ${tiedTo}`,
        );
      }
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
  return { examples, eta, values, given };
}

/** One example's inputs and targets, fitted to the network; `at` names it (params, params.examples[3]). */
function example(network: Network, e: { inputs: unknown; targets: unknown }, at: string): Example {
  const inputs = vector(e.inputs, network.inputs.length, `${at}.inputs`, "input node");
  const targets = vector(e.targets, network.outputs.length, `${at}.targets`, "output node");
  checkTargets(network, targets, at);
  return { inputs, targets };
}

/** Targets must satisfy what the loss, and the proof, assume of them. */
export function checkTargets(network: Network, targets: readonly number[], at = "params"): void {
  const domain = network.loss.targets;
  if (domain === "unit-interval") {
    targets.forEach((t, i) => {
      if (t < 0 || t > 1) throw new InputError(`${at}.targets[${i}]`, `is ${t}; ${network.loss.id} needs targets in [0, 1]`);
    });
  }
  if (domain === "distribution") {
    targets.forEach((t, i) => {
      if (t < 0) throw new InputError(`${at}.targets[${i}]`, `is ${t}; ${network.loss.id} needs non-negative targets`);
    });
    // The proof assumes that the targets of each softmax group of outputs sum to 1.
    for (const group of softmaxOutputGroups(network)) {
      const sum = group.reduce((a, i) => a + targets[i]!, 0);
      if (Math.abs(sum - 1) > 1e-9) {
        const which = group.length === targets.length ? "" : ` of the outputs ${group.map((i) => network.outputs[i]).join(", ")}`;
        throw new InputError(
          `${at}.targets`,
          `${which === "" ? "" : `the targets${which} `}sum to ${sum}; softmax with ${network.loss.id} assumes targets that sum to 1`,
        );
      }
    }
  }
}

/** The first name of the tied group that w_{k,j} belongs to, when it is not that first name. */
function tiedHead(network: Network, k: string, j: string): string | undefined {
  const e = network.edges.findIndex((p) => String(p.to) === k && String(p.from) === j);
  if (e < 0) return undefined;
  const group = network.tied.find((g) => g.includes(e));
  return group === undefined || group[0] === e ? undefined : nameOf(network.edges[group[0]!]!);
}

/** The params as the JSON format of DESIGN.md. */
export function paramsToJson(network: Network, p: Params): Record<string, unknown> {
  const weights: Record<string, Record<string, number>> = {};
  network.params.forEach((q, i) => {
    (weights[q.to] ??= {})[String(q.from)] = p.values[i]!;
  });
  return { inputs: p.inputs, targets: p.targets, eta: p.eta, weights };
}
