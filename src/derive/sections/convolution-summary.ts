// The summary of a convolutional network in the language of kernels and feature maps: for each
// convolution layer, from the last back to the first, the derivative of E by the map it reads
// (the full convolution of the error terms with the kernel) and the gradients of its kernel and
// biases (convolution-backward.ts derives them). It closes the summary that opens the documents.
import type { Builder } from "../builder.js";
import type { Block } from "../proof.js";
import { inputSteps, kernelSteps } from "./convolution-backward.js";
import { convForward } from "./convolution.js";
import { poolBackward, poolForward } from "./convolution-pool.js";

export function convolutionSummary(bd: Builder): Block[] {
  const c = bd.network.spec.convolution;
  if (c === undefined) return [];
  const blocks: Block[] = [bd.text("p-conv-summary")];
  for (let i = c.layers.length - 1; i >= 0; i--) {
    const layer = c.layers[i]!;
    if (layer.kind === "pool") blocks.push(bd.steps([...poolForward(bd, c, layer, i + 1), ...poolBackward(bd, c, layer, i + 1, true)]));
    if (layer.kind !== "conv") continue;
    blocks.push(
      bd.steps([
        ...convForward(bd, c, layer, i + 1).slice(0, 1),
        ...inputSteps(bd, c, layer, i + 1, true),
        ...kernelSteps(bd, c, layer, i + 1, true),
      ]),
    );
  }
  return blocks;
}
