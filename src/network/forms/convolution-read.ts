// Reads the params of a convolutional spec (convolution-params.ts has their shapes): one example
// ({ inputs, targets }) or a mini-batch ({ examples }), eta and the weights, each array checked
// against its shape and named by its path when it does not fit.
import { InputError, shown } from "../../errors.js";
import type { Batch, Example } from "../batch.js";
import type { Network } from "../graph.js";
import type { ConvolutionLayout } from "./convolution-layout.js";
import { dimsOf, flatten, weightValues } from "./convolution-params.js";

const KEYS = ["$schema", "inputs", "targets", "examples", "eta", "weights"];

export function readConvolutionParams(
  network: Network,
  layout: ConvolutionLayout,
  input: unknown,
): Batch & { readonly given: "examples" | "pair" } {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new InputError("params", 'must be a JSON object with "inputs", "targets", "eta" and "weights"');
  }
  const o = input as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!KEYS.includes(k)) throw new InputError(`params.${shown(k).slice(1, -1)}`, `unknown key; allowed: ${KEYS.join(", ")}`);
  let examples: Example[];
  let given: "examples" | "pair";
  if (o.examples !== undefined) {
    for (const k of ["inputs", "targets"]) {
      if (o[k] !== undefined)
        throw new InputError(`params.${k}`, 'is given with "examples"; give one example ("inputs", "targets") or "examples", not both');
    }
    if (!Array.isArray(o.examples) || o.examples.length === 0)
      throw new InputError("params.examples", 'must be a non-empty array of { "inputs", "targets" }');
    given = "examples";
    examples = o.examples.map((e: unknown, d) => example(layout, e, `params.examples[${d}]`));
  } else {
    given = "pair";
    examples = [example(layout, o, "params")];
  }
  if (typeof o.eta !== "number" || !Number.isFinite(o.eta))
    throw new InputError("params.eta", `is ${shown(o.eta)}; must be a finite number (the learning rate)`);
  if (o.weights === undefined)
    throw new InputError("params.weights", 'is required: one entry per stack layer, { "K", "b" } or { "W", "b" }');
  return { examples, eta: o.eta, values: weightValues(network, layout, o.weights, "params.weights"), given };
}

function example(layout: ConvolutionLayout, e: unknown, at: string): Example {
  if (e === null || typeof e !== "object" || Array.isArray(e)) throw new InputError(at, 'must be an object { "inputs", "targets" }');
  const o = e as Record<string, unknown>;
  const last = layout.layers.at(-1)!;
  for (const k of ["inputs", "targets"]) if (o[k] === undefined) throw new InputError(`${at}.${k}`, "is required");
  return {
    inputs: flatten(o.inputs, dimsOf(layout, layout.input, false), `${at}.inputs`),
    targets: flatten(o.targets, dimsOf(layout, last.output, last.kind === "dense"), `${at}.targets`),
  };
}
