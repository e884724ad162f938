// `evaluate` for a convolutional spec: the numbers of the worked example in the params' own
// shapes. Each stack layer's net, y and delta as its feature maps ([C][H][W], [C][L], or [n] for
// a dense layer), and the gradients and updated weights one entry per stack layer ({ K, b } or
// { W, b }), all read from the derived formulas' values node by node and parameter by parameter.
import type { Proof } from "../derive/proof.js";
import type { Batch } from "../network/batch.js";
import type { ConvolutionLayout } from "../network/forms/convolution-layout.js";
import { dimsOf, nest, weightsJson } from "../network/forms/convolution-params.js";
import { size } from "../network/forms/convolution-layout.js";
import type { Params } from "../network/params.js";
import { batchValues } from "./batch.js";
import { derivedValues, type Derived } from "./derived.js";
import { NotFinite } from "./evaluation.js";

export interface ConvolutionEvaluation {
  readonly E: number;
  /** A pooling layer's entry has no net (its y is its pooled value). */
  readonly layers: readonly { readonly net?: unknown; readonly y: unknown; readonly delta: unknown }[];
  readonly gradients: readonly Record<string, unknown>[];
  readonly updated: readonly Record<string, unknown>[];
}

export interface ConvolutionBatchEvaluation {
  readonly E: number;
  readonly examples: readonly { readonly E: number; readonly layers: ConvolutionEvaluation["layers"] }[];
  readonly gradients: ConvolutionEvaluation["gradients"];
  readonly updated: ConvolutionEvaluation["updated"];
}

const finite = (v: number, what: string): number => {
  if (!Number.isFinite(v)) throw new NotFinite(`${what} is ${v} at these params (not a finite number), so the example cannot be evaluated`);
  return v;
};

function layersOf(layout: ConvolutionLayout, d: Derived, at = ""): ConvolutionEvaluation["layers"] {
  return layout.layers.map((layer, l) => {
    const n = size(layer.output);
    const dims = dimsOf(layout, layer.output, layer.kind === "dense");
    const read = (f: (k: number) => number, what: string) =>
      nest(
        Array.from({ length: n }, (_, i) => finite(f(layer.first + i), `${what} of stack[${l}]${at}`)),
        dims,
      );
    const y = read((k) => d.y(k), "a y");
    const delta = read((k) => d.delta(k), "a delta");
    return layer.kind === "pool" ? { y, delta } : { net: read((k) => d.net(k), "a net"), y, delta };
  });
}

function weightsOf(proof: Proof, layout: ConvolutionLayout, d: { gradient(i: number): number; update(i: number): number }) {
  const network = proof.network;
  return {
    gradients: weightsJson(network, layout, (i) => finite(d.gradient(i), "a gradient")),
    updated: weightsJson(network, layout, (i) => finite(d.update(i), "an updated weight")),
  };
}

export function convolutionEvaluation(proof: Proof, layout: ConvolutionLayout, p: Params): ConvolutionEvaluation {
  const d = derivedValues(proof, p);
  return { E: finite(d.E(), "E"), layers: layersOf(layout, d), ...weightsOf(proof, layout, d) };
}

export function convolutionBatchEvaluation(proof: Proof, layout: ConvolutionLayout, batch: Batch): ConvolutionBatchEvaluation {
  const v = batchValues(proof, batch);
  const examples = batch.examples.map((_, d) => {
    const x = v.example(d);
    const at = ` of example ${d + 1}`;
    return { E: finite(x.E(), `E${at}`), layers: layersOf(layout, x, at) };
  });
  return { E: finite(v.E(), "E"), examples, ...weightsOf(proof, layout, v) };
}
