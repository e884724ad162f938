// The local pass (src/oracle/local.ts), for partial derivatives through one edge: net_j moved
// moves y_j and the nets that y_j feeds directly, by w_kj times the change of y_j, and nothing
// further (with a skip connection, not the nets two steps on).
import { describe, expect, it } from "vitest";
import { buildNetwork } from "../../src/network/graph.js";
import { paramAt } from "../../src/network/params.js";
import { parseSpec } from "../../src/network/spec.js";
import { forwardPass } from "../../src/oracle/forward.js";
import { localPass } from "../../src/oracle/local.js";
import { randomParams } from "../../src/oracle/random.js";
import { rng } from "../../src/oracle/rng.js";
import { newScratch } from "../../src/oracle/scratch.js";

describe("localPass", () => {
  // Inputs 1, 2; hidden 3, 4, 5; then 6, 7 fed by the hidden layer; output 8 fed by 6, 7 and,
  // skipping, by the hidden layer.
  const network = buildNetwork(
    parseSpec({
      layers: [2, 3, 2, 1],
      connections: [
        [0, 1],
        [1, 2],
        [2, 3],
        [1, 3],
      ],
      activation: "tanh",
      loss: "mse",
    }),
  );
  const p = randomParams(network, rng(8));
  const base = forwardPass(network, p);

  it("moves the nets that the node feeds, by w_kj times the change of its output, and no further", () => {
    const j = 4;
    const value = base.net[j]! + 0.3;
    const local = localPass(network, p, { net: { node: j, value } }, base);
    const dy = Math.tanh(value) - base.y[j]!;
    expect(local.y[j]).toBeCloseTo(Math.tanh(value), 15);
    for (const k of [6, 7, 8]) {
      const w = p.values[paramAt(network, k, j)!]!;
      expect(local.net[k], `net_${k}`).toBeCloseTo(base.net[k]! + w * dy, 14);
    }
    // Node 8 is also fed by 6 and 7, whose outputs the local pass leaves as they were: unlike the full pass.
    const full = forwardPass(network, p, { net: { node: j, value } });
    expect(Math.abs(full.net[8]! - local.net[8]!)).toBeGreaterThan(1e-6);
    // The other nodes of the hidden layer do not move.
    for (const other of [3, 5]) expect(local.net[other]).toBe(base.net[other]);
  });

  it("gives the same pass written into scratch arrays that earlier passes wrote into", () => {
    const scratch = newScratch(network);
    const overrides = [
      { net: { node: 4, value: 0.7 } },
      { y: { node: 6, value: 0.2 } },
      { input: { node: 1, value: -1.5 } },
      { param: { index: 3, value: 2 } },
      { net: { node: 8, value: -0.4 } },
      { net: { node: 4, value: -0.9 } },
    ];
    for (const o of overrides) {
      const fresh = localPass(network, p, o, base);
      const reused = localPass(network, p, o, base, scratch);
      expect(reused.net).toBe(scratch.net);
      expect(Array.from(reused.net), JSON.stringify(o)).toEqual(Array.from(fresh.net));
      expect(Array.from(reused.y), JSON.stringify(o)).toEqual(Array.from(fresh.y));
      expect(reused.E).toBe(fresh.E);
    }
  });
});
