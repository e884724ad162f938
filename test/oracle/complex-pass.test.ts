// The complex-step pass (src/oracle/complex-pass.ts): one parameter set to w + ih, Re E is the
// forward pass's E and Im(E)/h is dE/dw to rounding, against central differences of the plain
// forward pass.
import { describe, expect, it } from "vitest";
import { cx } from "../../src/expr/complex.js";
import { csoftplus } from "../../src/expr/complex-numbers.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { complexForwardPass } from "../../src/oracle/complex-pass.js";
import { forwardPass } from "../../src/oracle/forward.js";
import { randomParams } from "../../src/oracle/random.js";
import { rng } from "../../src/oracle/rng.js";

const H = 1e-20;

describe("complexForwardPass", () => {
  it.each([
    { layers: [3, 3, 2], activation: "tanh", outputActivation: "softmax", loss: "cross-entropy" },
    { layers: [2, 3, 1], activation: "softplus", outputActivation: "sigmoid", loss: "binary-cross-entropy" },
    { layers: [2, 2, 2], activation: "sigmoid", loss: "mse" },
  ])("Re E is the forward pass's E, Im E / h its derivative: %j", (spec) => {
    const network = buildNetwork(parseSpec(spec));
    const p = randomParams(network, rng(17));
    const base = forwardPass(network, p);
    for (let index = 0; index < network.params.length; index++) {
      const pass = complexForwardPass(network, p, { kind: "param", index }, cx(p.values[index]!, H));
      expect(pass.E.re).toBeCloseTo(base.E, 13);
      const step = 1e-6;
      const at = (v: number): number => {
        const values = [...p.values];
        values[index] = v;
        return forwardPass(network, { ...p, values }).E;
      };
      const central = (at(p.values[index]! + step) - at(p.values[index]! - step)) / (2 * step);
      expect(pass.E.im / H).toBeCloseTo(central, 7);
    }
  });

  it("keeps a softplus far below 0 and its complex step: softplus(-105) = 1.24e-46, its derivative sigma(-105)", () => {
    // ln(1 + e^z) with 1 + e^{-105} formed first is ln 1 = 0, and the imaginary part of the step
    // (and with it the derivative) was lost: a gradient of 4e-49 was "checked" against 0.
    const z = csoftplus(cx(-105, H));
    const exact = Math.exp(-105); // softplus(x) = e^x to 1e-46 relative here, and so is sigma(x)
    expect(Math.abs(z.re - exact) / exact).toBeLessThan(1e-15);
    expect(Math.abs(z.im / H - exact) / exact).toBeLessThan(1e-15);
    expect(Math.abs(csoftplus(cx(105, H)).im / H - 1)).toBeLessThan(1e-15);
  });
});
