// The values of a proof's symbols at one point (src/oracle/point.ts): the forward pass it rests
// on, and derivatives by quantity name, memoised, against the hand-derived dE/dnet of an
// output of a sigmoid/mse network (delta_k = (y_k - t_k) y_k (1 - y_k)).
import { describe, expect, it } from "vitest";
import * as b from "../../src/expr/build.js";
import { EvalError } from "../../src/expr/evaluate.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { forwardPass } from "../../src/oracle/forward.js";
import { PointValues } from "../../src/oracle/point.js";
import { randomParams } from "../../src/oracle/random.js";
import { rng } from "../../src/oracle/rng.js";

describe("PointValues", () => {
  const network = buildNetwork(parseSpec({ layers: [2, 2, 2], activation: "sigmoid", loss: "mse" }));
  const p = randomParams(network, rng(21));
  const pv = new PointValues(network, p, "central");

  it("rests on the forward pass at its params", () => {
    expect(pv.base.E).toBe(forwardPass(network, p).E);
  });

  it("gives dE/dnet_k of each output as by hand, the same when asked again", () => {
    for (const [k, t] of [
      [5, p.targets[0]!],
      [6, p.targets[1]!],
    ] as const) {
      const y = pv.base.y[k]!;
      const got = pv.derivative(b.sym("E"), b.sym("net", b.node(k)));
      expect(got).toBeCloseTo((y - t) * y * (1 - y), 9);
      expect(pv.derivative(b.sym("E"), b.sym("net", b.node(k)))).toBe(got);
    }
  });

  it("refuses a symbol that is not a quantity of the network", () => {
    expect(() => pv.derivative(b.sym("E"), b.sym("net", b.node(9)))).toThrow(EvalError);
  });
});
