// What the network knows of its activations, each in one place (src/network/graph.ts): the key
// telling two apart, a node's activation, each function letter's, and the groups of targets.
import { describe, expect, it } from "vitest";
import {
  activationKey,
  activationLetters,
  activationOf,
  buildNetwork,
  distributionGroups,
  softmaxOutputGroups,
} from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";

const net = (spec: object) => buildNetwork(parseSpec(spec));

describe("a network's activations", () => {
  it("keys two custom activations apart by their definitions, and equal ones alike", () => {
    const n = net({ layers: [2, 2, 2, 2], activations: [{ custom: "x / (1 + abs(x))" }, { custom: "x^3" }, "sigmoid"], loss: "mse" });
    const [a, b, c] = n.layers.slice(1).map((l) => l.activation!);
    expect(activationKey(a!)).not.toBe(activationKey(b!));
    expect(activationKey(c!)).toBe(activationKey(net({ layers: [1, 1], activation: "sigmoid", loss: "mse" }).layers[1]!.activation!));
  });

  it("gives each node its layer's activation, and each letter the elementwise activation it stands for", () => {
    const n = net({ layers: [2, 3, 2], activations: ["tanh", "softmax"], loss: "cross-entropy" });
    expect(activationOf(n, n.layers[1]!.nodes[0]!)!.id).toBe("tanh");
    expect(activationOf(n, n.layers[2]!.nodes[1]!)!.id).toBe("softmax");
    const letters = activationLetters(n);
    expect([...letters].map(([k, a]) => [k, a.id])).toEqual([[n.layers[1]!.fn, "tanh"]]);
  });

  it("groups the targets by softmax group, or all together for a loss of distributions without one", () => {
    const soft = net({ layers: [2, 3, 3], activations: ["tanh", "softmax"], loss: "cross-entropy" });
    expect(softmaxOutputGroups(soft)).toEqual([[0, 1, 2]]);
    expect(distributionGroups(soft)).toEqual([[0, 1, 2]]);
    const plain = net({ layers: [2, 3, 2], activation: "sigmoid", loss: "cross-entropy" });
    expect(softmaxOutputGroups(plain)).toEqual([]);
    expect(distributionGroups(plain)).toEqual([[0, 1]]);
  });
});
