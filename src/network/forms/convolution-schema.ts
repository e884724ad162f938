// The structure of the convolutional form of a spec (`shape` and `stack`), as zod schemas that
// schema.ts adds to the spec's keys (and so to its JSON Schema). Made by a function of the
// activation schema so that this module imports nothing of schema.ts (no import circle). What a
// schema cannot say (a kernel that fits its padded input, dense layers last, the limits) is
// checked in convolution.ts.
import * as z from "zod";
import { shown } from "../../errors.js";

/** The most entries of `stack`: the documents show every layer (the layered form's depth limit). */
export const MAX_STACK = 199;
/** The largest side of a feature map, a kernel or a stride, and the most channels or filters. */
export const MAX_SIDE = 10_000;

const isNot = (what: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? `is required: ${what}` : `is ${shown(iss.input)}; must be ${what}`;

/** An object that refuses unknown keys, naming the allowed ones. */
function strict<S extends z.core.$ZodLooseShape>(shape: S, what: string) {
  const keys = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === "unrecognized_keys" ? `unknown key; allowed: ${keys}` : iss.input === undefined ? "is required" : `must be ${what}`,
  });
}

const whole = (min: number, what: string) => {
  const message = isNot(`${what} (a whole number from ${min} to ${MAX_SIDE})`);
  return z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(MAX_SIDE, { error: message });
};

/** A size along each spatial axis: one number for every axis, or one per axis ([rows, columns]). */
const sides = (min: number, what: string) =>
  z.union([whole(min, what), z.array(whole(min, what)).min(1).max(2)], {
    error: isNot(`${what}: a whole number from ${min}, or one per axis, e.g. [2, 3]`),
  });

export function convolutionShape(activation: z.ZodType) {
  const conv = strict(
    {
      filters: whole(1, "the number of filters (output channels)").describe("F: the number of filters, each a feature map of the output"),
      kernel: sides(1, "the kernel's size").describe("k or [kh, kw]: the kernel's size along each spatial axis"),
      stride: sides(1, "the stride").optional().describe("the step between the kernel's windows (default 1)"),
      padding: sides(0, "the zero padding").optional().describe("zeros added on each side of each spatial axis (default 0)"),
    },
    'a convolution { "filters": 2, "kernel": 3, "stride": 1, "padding": 0 }',
  );
  const layer = strict(
    {
      conv: conv.optional().describe("a convolution layer (cross-correlation, as in deep-learning libraries)"),
      dense: whole(1, "the number of units").optional().describe("a dense layer of this many units, reading its input flattened"),
      pool: z
        .enum(["max", "average"], { error: isNot('"max" or "average"') })
        .optional()
        .describe("a pooling layer: the largest or the mean value of each window, channel by channel"),
      size: sides(1, "the pool's window size").optional().describe("s or [sh, sw]: a pooling layer's window size along each spatial axis"),
      stride: sides(1, "the pool's stride").optional().describe("a pooling layer's step between windows (default: its size)"),
      activation: activation.optional().describe("the activation of a convolution or dense layer"),
    },
    'a layer { "conv": {...} }, { "pool": "max", "size": 2 } or { "dense": 10, "activation": "softmax" }',
  );
  return {
    shape: z
      .array(whole(1, "a size"), { error: isNot("[channels, length] or [channels, height, width]") })
      .min(2, { error: "must be [channels, length] or [channels, height, width]" })
      .max(3, { error: "must be [channels, length] or [channels, height, width]" })
      .optional()
      .describe("the convolutional form: the input's shape, [C, L] (1-D) or [C, H, W] (2-D)"),
    stack: z
      .array(layer, { error: isNot('an array of layers: { "conv" }, { "pool" } and { "dense" }') })
      .min(1, { error: "is empty; at least one layer is needed" })
      .max(MAX_STACK, { error: `has more than ${MAX_STACK} layers` })
      .optional()
      .describe("the convolutional form: its layers in order, convolution and pooling first, dense last"),
  };
}

type Json = Record<string, unknown>;

/** Numbers nested `depth` arrays deep. */
const nested = (depth: number): Json => (depth === 0 ? { type: "number" } : { type: "array", items: nested(depth - 1) });

/**
 * The params' JSON Schema with the convolutional form's shapes as alternatives: inputs and
 * targets nested as feature maps, weights one { K, b } or { W, b } per stack layer.
 */
export function withConvolutionParams(json: Json): Json {
  const maps = (given: unknown, what: string): Json => ({
    anyOf: [
      given,
      { ...nested(2), description: `${what} as a 1-D feature map [C][L]` },
      { ...nested(3), description: `${what} as a 2-D feature map [C][H][W]` },
    ],
  });
  const properties = json.properties as Record<string, Json>;
  const example = (properties.examples?.items ?? {}) as { properties?: Record<string, unknown> };
  const pair = (p: Record<string, unknown>): Record<string, unknown> => ({
    ...p,
    inputs: maps(p.inputs, "the inputs"),
    targets: maps(p.targets, "the targets"),
  });
  const layer = {
    type: "object",
    additionalProperties: false,
    properties: {
      K: { anyOf: [nested(3), nested(4)], description: "a convolution's kernels: F×C×k (1-D) or F×C×kh×kw" },
      W: { ...nested(2), description: "a dense layer's weights: n×m" },
      b: { ...nested(1), description: "the layer's biases" },
    },
  };
  const weights = {
    anyOf: [properties.weights, { type: "array", items: layer, description: "the convolutional form: one entry per stack layer" }],
  };
  const examples =
    example.properties === undefined
      ? properties.examples
      : { ...properties.examples, items: { ...example, properties: pair(example.properties) } };
  return { ...json, properties: { ...pair(properties), weights, ...(examples === undefined ? {} : { examples }) } };
}
