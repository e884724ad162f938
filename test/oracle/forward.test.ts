// The independent oracle's forward pass (src/oracle/forward.ts): E from the forward definitions alone, against
// numbers computed by hand here, and the stable softmax + cross-entropy path.
import { describe, expect, it } from "vitest";
import { derivedValues } from "../../src/check/derived.js";
import { forwardPass } from "../../src/oracle/forward.js";
import { parseParams, randomParams, type Params } from "../../src/check/params.js";
import { rng, uniform } from "../../src/oracle/rng.js";
import { derive } from "../../src/derive/derive.js";
import { buildNetwork, type Network } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";

const networkOf = (spec: unknown): Network => buildNetwork(parseSpec(spec));
const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

describe("hand-computed tiny cases", () => {
  it("1-1-1 sigmoid with mse", () => {
    const network = networkOf({ layers: [1, 1, 1], activation: "sigmoid", loss: "mse" });
    // Node 1 input, node 2 hidden, node 3 output; params: w_21, w_b2, w_32, w_b3.
    const p: Params = { inputs: [0.7], targets: [0.25], eta: 0.1, values: [0.4, -0.1, -0.8, 0.3] };
    const net2 = 0.4 * 0.7 - 0.1;
    const y2 = sigmoid(net2);
    const net3 = -0.8 * y2 + 0.3;
    const y3 = sigmoid(net3);
    const E = 0.5 * (0.25 - y3) ** 2;
    const f = forwardPass(network, p);
    expect(f.net[2]).toBeCloseTo(0.18, 15);
    expect(f.y[1]).toBe(0.7);
    expect(f.y[2]).toBeCloseTo(y2, 15);
    expect(f.net[3]).toBeCloseTo(net3, 15);
    expect(f.y[3]).toBeCloseTo(y3, 15);
    expect(f.E).toBeCloseTo(E, 15);
    // The same by the chain rule, by hand: dE/dw_32 = (y3 - t) y3 (1 - y3) y2.
    const d = derivedValues(derive(network), p);
    expect(d.gradient(2)).toBeCloseTo((y3 - 0.25) * y3 * (1 - y3) * y2, 14);
    const delta3 = (y3 - 0.25) * y3 * (1 - y3);
    expect(d.gradient(0)).toBeCloseTo(delta3 * -0.8 * y2 * (1 - y2) * 0.7, 14);
  });

  it("2-2 identity with sse, exact arithmetic", () => {
    const network = networkOf({ layers: [2, 2], activation: "identity", loss: "sse" });
    // net_3 = 1*1 + 2*2 + 0.5 = 5.5; net_4 = -1*1 + 0.5*2 - 2 = -2; E = (5.5 - 5)^2 + (-2 - 1)^2 = 9.25.
    const p = parseParams(network, {
      inputs: [1, 2],
      targets: [5, 1],
      eta: 0.1,
      weights: { "3": { "1": 1, "2": 2, b: 0.5 }, "4": { "1": -1, "2": 0.5, b: -2 } },
    });
    const f = forwardPass(network, p);
    expect([f.net[3], f.net[4]]).toEqual([5.5, -2]);
    expect([f.y[3], f.y[4]]).toEqual([5.5, -2]);
    expect(f.E).toBe(9.25);
  });

  it("1-2 softmax with cross-entropy", () => {
    const network = networkOf({ layers: [1, 2], outputActivation: "softmax", loss: "cross-entropy" });
    // net_2 = 2 * 0.5 = 1, net_3 = 0; y_2 = e / (e + 1); E = -(0.25 ln y_2 + 0.75 ln y_3).
    const p: Params = { inputs: [0.5], targets: [0.25, 0.75], eta: 0.1, values: [2, 0, 0, 0] };
    const y2 = Math.E / (Math.E + 1);
    const f = forwardPass(network, p);
    expect(f.y[2]).toBeCloseTo(y2, 15);
    expect(f.y[3]).toBeCloseTo(1 - y2, 15);
    expect(f.E).toBeCloseTo(-(0.25 * Math.log(y2) + 0.75 * Math.log(1 - y2)), 14);
  });

  it("overrides replace one parameter, input, net or output", () => {
    const network = networkOf({ layers: [2, 2], activation: "identity", loss: "sse" });
    const p: Params = { inputs: [1, 2], targets: [5, 1], eta: 0.1, values: [1, 2, 0.5, -1, 0.5, -2] };
    // w_32 = 3 instead of 2: net_3 = 7.5, E = 2.5^2 + 3^2 = 15.25.
    expect(forwardPass(network, p, { param: { index: 1, value: 3 } }).E).toBe(15.25);
    // x_1 = 0: net_3 = 4.5, net_4 = -1; E = 0.25 + 4 = 4.25.
    expect(forwardPass(network, p, { input: { node: 1, value: 0 } }).E).toBe(4.25);
    // net_4 = 1: E = 0.25 + 0 = 0.25.
    expect(forwardPass(network, p, { net: { node: 4, value: 1 } }).E).toBe(0.25);
    expect(forwardPass(network, p, { y: { node: 3, value: 5 } }).E).toBe(9);
    // The original is untouched.
    expect(forwardPass(network, p).E).toBe(9.25);
  });

  it("the kink signature tells which side of relu's kink each node is on", () => {
    const network = networkOf({ layers: [1, 2, 1], activation: "relu", outputActivation: "identity" });
    const p: Params = { inputs: [1], targets: [0], eta: 0.1, values: [1, 0, -1, 0, 1, 1, 0] };
    const base = forwardPass(network, p);
    expect(base.y[2]).toBe(1);
    expect(base.y[3]).toBe(0);
    const crossed = forwardPass(network, p, { param: { index: 2, value: 1 } });
    expect(crossed.kinkSignature).not.toBe(base.kinkSignature);
    expect(forwardPass(network, p, { param: { index: 0, value: 2 } }).kinkSignature).toBe(base.kinkSignature);
  });
});

/** -sum t_k ln(e^{net_k} / sum_l e^{net_l}), naively. */
function naiveCrossEntropy(nets: number[], targets: readonly number[]): number {
  const z = nets.reduce((s, v) => s + Math.exp(v), 0);
  return -nets.reduce((s, v, i) => s + targets[i]! * Math.log(Math.exp(v) / z), 0);
}

describe("softmax with cross-entropy", () => {
  it("the stable path agrees with the naive formula on moderate networks", () => {
    const r = rng(77);
    for (let n = 0; n < 20; n++) {
      const layers = [1 + Math.floor(r() * 5), 1 + Math.floor(r() * 5), 2 + Math.floor(r() * 5)];
      const network = networkOf({ layers, activation: "tanh", outputActivation: "softmax", loss: "cross-entropy" });
      const p = randomParams(network, r);
      const f = forwardPass(network, p);
      const nets = network.outputs.map((k) => f.net[k]!);
      const naive = naiveCrossEntropy(nets, p.targets);
      expect(Math.abs(f.E - naive)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(naive)));
      // The outputs are a distribution.
      expect(network.outputs.reduce((s, k) => s + f.y[k]!, 0)).toBeCloseTo(1, 14);
    }
  });

  it("stays finite and exact for huge nets (net ~ 1000), where the naive formula overflows", () => {
    const network = networkOf({ layers: [1, 2], outputActivation: "softmax", loss: "cross-entropy" });
    // net_2 = 1000, net_3 = 990; E = -0.3 (0 - L) - 0.7 (-10 - L) = 7 + L with L = ln(1 + e^-10).
    const p: Params = { inputs: [1], targets: [0.3, 0.7], eta: 0.1, values: [1000, 0, 990, 0] };
    const f = forwardPass(network, p);
    expect(Number.isFinite(naiveCrossEntropy([1000, 990], p.targets))).toBe(false);
    expect(f.E).toBeCloseTo(7 + Math.log1p(Math.exp(-10)), 12);
    expect(f.y[2]).toBeCloseTo(1 / (1 + Math.exp(-10)), 15);
    expect(f.y[3]).toBeCloseTo(Math.exp(-10) / (1 + Math.exp(-10)), 15);
  });

  it("stays finite for huge nets behind a hidden layer, and for very negative nets", () => {
    const r = rng(5);
    const network = networkOf({ layers: [3, 4, 3], activation: "identity", outputActivation: "softmax", loss: "cross-entropy" });
    for (let n = 0; n < 10; n++) {
      const p = randomParams(network, r);
      const big: Params = { ...p, values: p.values.map((v) => v * uniform(r, 200, 400)) };
      const f = forwardPass(network, big);
      const nets = network.outputs.map((k) => f.net[k]!);
      expect(Math.max(...nets.map(Math.abs))).toBeGreaterThan(100);
      expect(Number.isFinite(f.E)).toBe(true);
      expect(f.E).toBeGreaterThanOrEqual(0);
      // E >= the smallest (max net - net_k) weighted by targets, a bound computed by hand.
      const m = Math.max(...nets);
      const lower = big.targets.reduce((s, t, i) => s + t * (m - nets[i]!), 0);
      expect(f.E).toBeGreaterThanOrEqual(lower - 1e-9);
      expect(f.E).toBeLessThanOrEqual(lower + Math.log(3) + 1e-9);
    }
  });

  it("a zero target contributes nothing even when its output underflows to 0", () => {
    const network = networkOf({ layers: [1, 2], outputActivation: "softmax", loss: "cross-entropy" });
    const p: Params = { inputs: [1], targets: [1, 0], eta: 0.1, values: [0, 0, -2000, 0] };
    const f = forwardPass(network, p);
    expect(f.y[3]).toBe(0);
    expect(Math.abs(f.E)).toBe(0);
  });
});
