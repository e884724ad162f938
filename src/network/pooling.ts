// A pooling node of the graph form ("combine": "max" or "average"): no weights, no bias, the
// identity activation (y_k = net_k). What it may read: neither an output (whose error term the
// proof writes from the loss and the weights of its readers) nor a softmax node (whose readers'
// weights its error term sums over); a pooling node reads hidden nodes and inputs.
import { InputError } from "../errors.js";
import { resolveActivation } from "../rules/registry.js";
import type { Combination } from "../rules/combinations/combination.js";
import type { SpecNode, Topology } from "./topology.js";

interface Listed {
  readonly from: readonly number[];
  readonly activation?: unknown;
  readonly bias?: boolean;
  readonly group?: string;
  readonly combine?: Combination;
}

/** A listed node with "combine": "max" or "average", checked. */
export function poolingNode(n: Listed, field: string, k: number, alpha: number | undefined): SpecNode {
  const what = `node ${k} pools its inputs ("combine": "${n.combine}")`;
  if (n.bias === true) throw new InputError(`${field}.bias`, `is true, but ${what}: it has no bias`);
  if (n.group !== undefined) throw new InputError(`${field}.group`, `applies to softmax nodes only, and ${what}`);
  const activation = resolveActivation(n.activation ?? "identity", `${field}.activation`, alpha);
  if (activation.id !== "identity")
    throw new InputError(`${field}.activation`, `is ${activation.id}, but ${what}: its output is its pooled value (the identity)`);
  return { from: [...n.from].sort((x, y) => x - y), activation, bias: false, field, combine: n.combine! };
}

/** Refuses a pooling node that reads an output or a softmax node. */
export function checkPoolingReads(t: Topology): void {
  const outputs = new Set(t.outputs);
  t.nodes.forEach((n, i) => {
    if ((n.combine ?? "weighted") === "weighted") return;
    for (const j of n.from) {
      const m = t.nodes[j - t.inputs - 1];
      if (outputs.has(j))
        throw new InputError(
          `${n.field}.from`,
          `reads node ${j}, an output; a pooling node (node ${t.inputs + 1 + i}) reads hidden nodes and inputs only`,
        );
      if (m !== undefined && !m.activation.elementwise)
        throw new InputError(
          `${n.field}.from`,
          `reads node ${j}, a softmax node; a pooling node (node ${t.inputs + 1 + i}) reads elementwise nodes only`,
        );
    }
  });
}
