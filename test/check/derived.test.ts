// Evaluating the printed trees stays finite where a naive evaluation would overflow.
import { describe, expect, it } from "vitest";
import { derivedValues } from "../../src/check/derived.js";
import { gradientCheck } from "../../src/check/gradcheck.js";
import { forwardPass } from "../../src/check/oracle.js";
import { derive } from "../../src/derive/derive.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";

describe("softmax with huge weighted inputs", () => {
  const network = buildNetwork(parseSpec({ layers: [1, 2], outputActivation: "softmax", loss: "cross-entropy" }));
  // net_2 = 1000, net_3 = 990: e^{1000} overflows a double.
  const p = { inputs: [1], targets: [0.3, 0.7], eta: 0.1, values: [1000, 0, 990, 0] };
  it("gives the deltas y_k - t_k computed by hand", () => {
    const d = derivedValues(derive(network), p);
    const y2 = 1 / (1 + Math.exp(-10));
    expect(d.delta(2)).toBeCloseTo(y2 - 0.3, 12);
    expect(d.delta(3)).toBeCloseTo(1 - y2 - 0.7, 12);
    expect(d.E()).toBeCloseTo(forwardPass(network, p).E, 9);
  });
  it("passes the gradient check", () => {
    expect(gradientCheck(derive(network), { params: p }).failed).toBe(0);
  });
});
