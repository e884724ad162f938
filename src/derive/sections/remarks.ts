// The remarks a teacher makes once backpropagation is derived, each only where it applies: the
// sigmoid's derivative is at most 1/4 and tanh's saturates (vanishing gradients through hidden
// layers of them), dead ReLUs, and what backpropagation saves against finite differences.
import type { Builder } from "../builder.js";
import type { Block, Section } from "../proof.js";
import { hiddenLayers } from "./roles.js";

export function remarksSection(bd: Builder): Section {
  const network = bd.network;
  const hidden = new Set(hiddenLayers(network).map((l) => l.activation!.id));
  const blocks: Block[] = [];
  // A recurrent network's section on backpropagation through time makes the remark on vanishing gradients in its own terms.
  if (network.spec.recurrent !== undefined) hidden.clear();
  if (hidden.has("sigmoid")) blocks.push(bd.text("p-remark-sigmoid"));
  if (hidden.has("tanh")) blocks.push(bd.text("p-remark-tanh"));
  if (hidden.has("relu")) blocks.push(bd.text("p-remark-relu"));
  const n = network.params.length;
  blocks.push(bd.text("p-remark-cost", { n, m: 2 * n }));
  return { id: "remarks", title: bd.title("sec-remarks"), blocks };
}
