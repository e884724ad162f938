// A custom activation declares its kinks, where an argument of relu, |u| or sign crosses 0 (solved
// from the tree, or bracketed by a scan out to 10^6) and f or f' jumps, so that the numeric checks
// keep their differences away from them as they do for the built-in ReLU.
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
    ["relu(x - 60) + x", [60]],
    ["abs((x - 0.01) * (x - 0.02))", [0.01, 0.02]],
    ["relu(x^3 - 2)", [Math.cbrt(2)]],
    ["abs(x - 200000)", [200000]],
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

  // f and f' continuous at the zero of the argument (one-sided limits agree): no kink there.
  it.each(["x * abs(x)", "x / (1 + abs(x))", "relu(x)^2", "abs(x)^3"])("%s, C^1, has none", (formula) => {
    expect(kinks(formula)).toEqual([]);
  });

  it("sign(x) jumps at 0: a kink, though its derivative is 0 on both sides", () => {
    expect(kinks("sign(x) + x")).toEqual([0]);
  });

  it("a network of a kinked custom activation checks clean, every step and every gradient", () => {
    for (const formula of ["relu(x - 0.2)", "abs(x) + 0.1 * x", "x / (1 + abs(x))", "x * abs(x)"]) {
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
