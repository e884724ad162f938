// Pooling nodes of the graph form ("combine": "max" or "average"): no weights, no bias, the
// identity activation, never reading an output or a softmax node; refused otherwise in one line
// naming the field.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";

const spec = (pool: Record<string, unknown>, extra: Record<string, unknown>[] = []) => ({
  inputs: 2,
  nodes: [
    { from: [1, 2], activation: "tanh" },
    { from: [1, 2], activation: "tanh" },
    { from: [3, 4], ...pool },
    ...extra,
    { from: [5], activation: "sigmoid" },
  ],
  outputs: [6 + extra.length],
  loss: "mse",
});

const refused = (s: unknown): string => {
  try {
    parseSpec(s);
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  throw new Error("accepted");
};

describe("pooling nodes of the graph form", () => {
  it("have no parameters: the network's parameters are the weighted nodes' only", () => {
    const network = buildNetwork(parseSpec(spec({ combine: "max" })));
    expect(network.nodes[5]!.combine).toBe("max");
    expect(network.params.every((p) => p.to !== 5)).toBe(true);
    expect(network.params.length).toBe(3 + 3 + 2);
    expect(network.layers[network.nodes[5]!.layer]!.activation!.id).toBe("identity");
  });

  it.each([
    [{ combine: "max", bias: true }, /^nodes\[2\]\.bias: is true, but node 5 pools its inputs \("combine": "max"\): it has no bias$/],
    [{ combine: "average", activation: "relu" }, /^nodes\[2\]\.activation: is relu, but node 5 pools its inputs/],
    [{ combine: "max", group: "g" }, /^nodes\[2\]\.group: applies to softmax nodes only/],
    [{ combine: "min" }, /^nodes\[2\]\.combine: is "min"; must be "weighted", "max" or "average"$/],
  ])("refuses %j", (pool, message) => {
    expect(refused(spec(pool))).toMatch(message);
  });

  it("refuses a pooling node that reads an output", () => {
    const s = {
      inputs: 1,
      nodes: [
        { from: [1], activation: "tanh" },
        { from: [1, 2], combine: "max" },
        { from: [3], activation: "sigmoid" },
      ],
      outputs: [2, 4],
      loss: "mse",
    };
    expect(refused(s)).toMatch(/^nodes\[1\]\.from: reads node 2, an output; a pooling node \(node 3\) reads hidden nodes and inputs only$/);
  });
});
