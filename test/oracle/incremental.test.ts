// The incremental pass (src/oracle/incremental.ts) recomputes only what lies downstream of the
// one value it perturbs; it must give what the plain forward pass gives with the same override,
// for every kind of override, on layered, skip-connected, tied and convolutional networks (a
// kernel entry tied across every position), with or without scratch arrays reused between passes.
import { describe, expect, it } from "vitest";
import { buildNetwork, type Network } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { forwardPass, type Override } from "../../src/oracle/forward.js";
import { incrementalPass } from "../../src/oracle/incremental.js";
import { newScratch } from "../../src/oracle/scratch.js";
import { randomParams } from "../../src/oracle/random.js";
import { rng, uniform } from "../../src/oracle/rng.js";

const NETWORKS: unknown[] = [
  { layers: [3, 4, 2], activation: "tanh", outputActivation: "softmax", loss: "cross-entropy" },
  { layers: [2, 3, 3, 1], activation: "relu", outputActivation: "sigmoid", loss: "binary-cross-entropy" },
  {
    layers: [2, 3, 2],
    connections: [
      [0, 1],
      [1, 2],
      [0, 2],
    ],
    activation: "sigmoid",
    loss: "mse",
  },
  { inputs: 2, nodes: [{ from: [1, 2] }, { from: [1, 3] }, { from: [3, 4] }], outputs: [4, 5], loss: "sse", tied: [["w_4_3", "w_5_3"]] },
  // A tied weight on an edge out of a node that another of its uses moves.
  {
    layers: [3, 2, 3],
    activation: "sigmoid",
    loss: "mse",
    tied: [
      ["w_4_1", "w_6_4"],
      ["w_5_3", "w_8_5"],
    ],
  },
  {
    shape: [2, 4, 4],
    stack: [
      { conv: { filters: 2, kernel: 2, padding: 1, stride: 2 }, activation: "tanh" },
      { conv: { filters: 2, kernel: 2 }, activation: "relu" },
      { dense: 3, activation: "softmax" },
    ],
    loss: "cross-entropy",
  },
  {
    shape: [1, 5, 5],
    stack: [
      { conv: { filters: 2, kernel: 2 }, activation: "tanh" },
      { pool: "max", size: 2 },
      { pool: "average", size: 2, stride: 1 },
      { dense: 2, activation: "softmax" },
    ],
    loss: "cross-entropy",
  },
];

function overrides(network: Network, r: () => number): Override[] {
  const out: Override[] = [];
  const pick = (n: number): number => Math.floor(r() * n);
  const value = (): number => uniform(r, -2, 2);
  for (let i = 0; i < network.params.length; i++) out.push({ param: { index: i, value: value() } });
  for (let i = 0; i < 3; i++) out.push({ edge: { index: pick(network.edges.length), value: value() } });
  const nodes = network.nodes.map((_, id) => id).filter((id) => id > 0);
  const inputs = network.layers[0]!.nodes;
  const others = nodes.filter((id) => !inputs.includes(id));
  for (const id of inputs) out.push({ input: { node: id, value: value() } });
  for (const id of others) out.push({ net: { node: id, value: value() } }, { y: { node: id, value: uniform(r, 0.05, 0.95) } });
  return out;
}

describe("incrementalPass", () => {
  it.each(NETWORKS.map((s) => [JSON.stringify(s), s]))("equals the forward pass for every override: %s", (_name, spec) => {
    const network = buildNetwork(parseSpec(spec));
    const r = rng(99);
    const p = randomParams(network, r);
    const base = forwardPass(network, p);
    const list = overrides(network, r);
    expect(list.length).toBeGreaterThan(network.params.length);
    const scratch = newScratch(network);
    for (const [n, o] of list.entries()) {
      const full = forwardPass(network, p, o);
      // Every other pass into the same scratch arrays, which then hold the previous one's values.
      const inc = n % 2 === 0 ? incrementalPass(network, p, o, base) : incrementalPass(network, p, o, base, scratch);
      const what = JSON.stringify(o);
      expect(inc.E, what).toBeCloseTo(full.E, 12);
      expect(Array.from(inc.y), what).toEqual(Array.from(full.y).map((v) => expect.closeTo(v, 12)));
      expect(inc.kinkSignature, what).toBe(full.kinkSignature);
    }
  });

  it("leaves the pass it starts from as it was, and reuses scratch arrays", () => {
    const network = buildNetwork(parseSpec({ layers: [2, 3, 2], activation: "tanh", loss: "mse" }));
    const p = randomParams(network, rng(5));
    const base = forwardPass(network, p);
    const before = Array.from(base.y);
    const scratch = newScratch(network);
    const a = incrementalPass(network, p, { param: { index: 0, value: 3 } }, base, scratch);
    expect(Array.from(base.y)).toEqual(before);
    expect(a.y).toBe(scratch.y);
    expect(a.E).toBeCloseTo(forwardPass(network, p, { param: { index: 0, value: 3 } }).E, 12);
  });
});
