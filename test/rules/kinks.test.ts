// A custom activation declares its kinks, where an argument of relu, |u| or sign crosses 0, so
// that the numeric checks keep their differences away from them as they do for the built-in ReLU.
import { describe, expect, it } from "vitest";
import { customActivation } from "../../src/rules/activations/custom.js";
import { gradientCheck } from "../../src/check/gradcheck.js";
import { checkSteps } from "../../src/check/steps.js";
import { derive } from "../../src/derive/derive.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";

const kinks = (formula: string): readonly number[] => customActivation(formula, "activation.custom").kinks;

describe("the kinks of a custom activation", () => {
  it.each([
    ["relu(x - 1)", [1]],
    ["abs(2 * x + 1)", [-0.5]],
    ["x / (1 + abs(x))", [0]],
    ["relu(x^2 - 4) + x", [-2, 2]],
    ["relu(x) + relu(x - 3)", [0, 3]],
  ])("%s has its kinks at %j", (formula, expected) => {
    const found = kinks(formula);
    expect(found.length).toBe(expected.length);
    found.forEach((k, i) => expect(k).toBeCloseTo(expected[i]!, 10));
  });

  it.each(["tanh(x)", "x * sigmoid(x)", "softplus(x) - 1", "sin(x)"])("%s, smooth, has none", (formula) => {
    expect(kinks(formula)).toEqual([]);
  });

  it("a network of a kinked custom activation checks clean, every step and every gradient", () => {
    for (const formula of ["relu(x - 0.2)", "abs(x) + 0.1 * x", "x / (1 + abs(x))"]) {
      const proof = derive(
        buildNetwork(parseSpec({ layers: [2, 3, 2], activation: { custom: formula }, outputActivation: "sigmoid", loss: "mse" })),
      );
      for (const seed of [1, 2, 3]) {
        const report = gradientCheck(proof, { seed });
        expect(report.failed, `${formula}, seed ${seed}`).toBe(0);
        expect(checkSteps(proof, { seed }).failed, `${formula}, seed ${seed}`).toBe(0);
      }
    }
  });
});
