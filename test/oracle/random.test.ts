// Random params (src/oracle/random.ts): one value per weight and bias, inputs and targets of the
// right lengths, targets that fit the loss, the same for the same seed, and readable back by
// the params parser from their JSON form.
import { describe, expect, it } from "vitest";
import { paramsToJson, parseParams } from "../../src/check/params.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { randomParams } from "../../src/oracle/random.js";
import { rng } from "../../src/oracle/rng.js";
import { LOSS_NAMES } from "../rules/names.js";

const outputFor = (loss: string): string => (loss === "cross-entropy" ? "softmax" : "sigmoid");

describe("randomParams", () => {
  it.each(LOSS_NAMES)("fits the network and the loss %s, and is the same for the same seed", (loss) => {
    const network = buildNetwork(parseSpec({ layers: [3, 4, 2], activation: "tanh", outputActivation: outputFor(loss), loss }));
    const p = randomParams(network, rng(11));
    expect(p.values).toHaveLength(network.params.length);
    expect(p.inputs).toHaveLength(3);
    expect(p.targets).toHaveLength(2);
    expect([...p.values, ...p.inputs, p.eta].every(Number.isFinite)).toBe(true);
    expect(p.eta).toBeGreaterThan(0);
    if (loss === "cross-entropy") expect(p.targets.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    if (loss.includes("cross-entropy")) expect(p.targets.every((t) => t >= 0 && t <= 1)).toBe(true);
    expect(randomParams(network, rng(11))).toEqual(p);
    expect(randomParams(network, rng(12)).values).not.toEqual(p.values);
    // Written as JSON and read back: the same numbers.
    expect(parseParams(network, JSON.parse(JSON.stringify(paramsToJson(network, p))))).toEqual(p);
  });

  it("gives a tied group one value", () => {
    const network = buildNetwork(
      parseSpec({
        inputs: 2,
        nodes: [{ from: [1, 2] }, { from: [3] }, { from: [3] }],
        outputs: [4, 5],
        tied: [["w_4_3", "w_5_3"]],
      }),
    );
    const p = randomParams(network, rng(1));
    // Seven edges, biases included; the two tied weights are one parameter.
    expect(network.edges).toHaveLength(7);
    expect(network.params).toHaveLength(6);
    expect(p.values).toHaveLength(6);
  });
});
