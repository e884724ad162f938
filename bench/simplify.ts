// Simplification cost: the specialised derivation of each preset, per non-input node.
import { derive } from "../src/derive/derive.js";
import { buildNetwork } from "../src/network/graph.js";
import { parseSpec } from "../src/network/spec.js";
import { clearSimplifyCache } from "../src/simplify/simplify.js";

const PAIRS: [string, Record<string, unknown>][] = [
  ["sigmoid/mse", { activation: "sigmoid", loss: "mse" }],
  ["relu+softmax/cross-entropy", { activation: "relu", outputActivation: "softmax", loss: "cross-entropy" }],
  ["sigmoid/binary-cross-entropy", { activation: "sigmoid", loss: "binary-cross-entropy" }],
  ["softmax hidden/mse", { activations: ["softmax", "sigmoid"], loss: "mse" }],
];

export function benchSimplify(): string[] {
  return PAIRS.map(([name, spec]) => {
    const network = buildNetwork(parseSpec({ layers: [4, 6, 3], ...spec }));
    const nodes = network.nodes.length - 1 - network.inputs.length;
    clearSimplifyCache();
    const t0 = performance.now();
    derive(network);
    const cold = performance.now() - t0;
    const t1 = performance.now();
    derive(network);
    const warm = performance.now() - t1;
    return `${name.padEnd(30)} [4,6,3]: whole derivation ${cold.toFixed(1)} ms cold (${(cold / nodes).toFixed(2)} ms per non-input node), ${warm.toFixed(1)} ms with simplified formulas cached`;
  });
}
