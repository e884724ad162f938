// The oracle's derivatives (src/oracle/differences.ts), against derivatives written by hand from
// the forward definitions of small networks: dE/dw by Richardson-extrapolated central
// differences and by complex steps, each within its own estimated error, which is reported.
import { describe, expect, it } from "vitest";
import * as b from "../../src/expr/build.js";
import { buildNetwork } from "../../src/network/graph.js";
import type { Params } from "../../src/network/params.js";
import { parseSpec } from "../../src/network/spec.js";
import { activationDerivative, derivative, newTally, type Method } from "../../src/oracle/differences.js";
import { forwardPass } from "../../src/oracle/forward.js";
import { ACTIVATIONS } from "../../src/rules/registry.js";

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const E = b.sym("E");

describe("derivative of E", () => {
  // 1-1-1 sigmoid with mse: node 1 input, 2 hidden, 3 output; params w_21, w_b2, w_32, w_b3.
  const network = buildNetwork(parseSpec({ layers: [1, 1, 1], activation: "sigmoid", loss: "mse" }));
  const p: Params = { inputs: [0.7], targets: [0.25], eta: 0.1, values: [0.4, -0.1, -0.8, 0.3] };
  const y2 = sigmoid(0.4 * 0.7 - 0.1);
  const y3 = sigmoid(-0.8 * y2 + 0.3);
  const delta3 = (y3 - 0.25) * y3 * (1 - y3);
  const delta2 = delta3 * -0.8 * y2 * (1 - y2);
  // By hand: dE/dw_21 = delta2 x1, dE/dw_b2 = delta2, dE/dw_32 = delta3 y2, dE/dw_b3 = delta3.
  const byHand = [delta2 * 0.7, delta2, delta3 * y2, delta3];

  it.each(["central", "complex-step"] as Method[])("by %s, for every parameter, within its estimated error", (method) => {
    const base = forwardPass(network, p);
    byHand.forEach((want, index) => {
      const tally = newTally();
      const got = derivative({ network, params: p, base, method, tally }, E, { kind: "param", index });
      expect(Math.abs(got - want), `param ${index}`).toBeLessThanOrEqual(1e-10 * Math.abs(want) + 2 * tally.noise + 1e-15);
      expect(tally.used.size, `param ${index}`).toBe(1);
      expect([...tally.used][0]).toBe(method === "central" ? "central-difference" : "complex-step");
      if (method === "central") expect(tally.noise).toBeGreaterThan(0);
    });
  });

  it("with respect to a node's net and y, and an input", () => {
    const base = forwardPass(network, p);
    const ctx = { network, params: p, base, method: "central" as Method, tally: newTally() };
    expect(derivative(ctx, E, { kind: "net", node: 3 })).toBeCloseTo(delta3, 9);
    expect(derivative(ctx, E, { kind: "net", node: 2 })).toBeCloseTo(delta2, 9);
    expect(derivative(ctx, E, { kind: "y", node: 3 })).toBeCloseTo(y3 - 0.25, 9);
    expect(derivative(ctx, E, { kind: "input", node: 1 })).toBeCloseTo(delta2 * 0.4, 9);
  });
});

describe("activationDerivative", () => {
  it("gives sigmoid' and tanh' at several points, by both methods", () => {
    const s = ACTIVATIONS.sigmoid();
    const t = ACTIVATIONS.tanh();
    if (!s.elementwise || !t.elementwise) throw new Error("sigmoid and tanh act elementwise");
    for (const x of [-3, -0.5, 0, 0.8, 2.5]) {
      for (const method of ["central", "complex-step"] as Method[]) {
        expect(activationDerivative(s, 1, x, method, newTally())).toBeCloseTo(sigmoid(x) * (1 - sigmoid(x)), 9);
        expect(activationDerivative(t, 1, x, method, newTally())).toBeCloseTo(1 - Math.tanh(x) ** 2, 9);
      }
    }
  });
});
