// The quantities a derivative may be taken with respect to (src/oracle/quantity.ts): which
// symbol names which, their values at a point, and overrides that set them (setting one to its
// own value changes nothing; moving it moves E).
import { describe, expect, it } from "vitest";
import * as b from "../../src/expr/build.js";
import { buildNetwork } from "../../src/network/graph.js";
import { paramAt } from "../../src/network/params.js";
import { parseSpec } from "../../src/network/spec.js";
import { forwardPass } from "../../src/oracle/forward.js";
import { overrideOf, quantityOf, valueOf, type Quantity } from "../../src/oracle/quantity.js";
import { randomParams } from "../../src/oracle/random.js";
import { rng } from "../../src/oracle/rng.js";

// Inputs 1, 2, 3; hidden 4, 5; outputs 6, 7 (the seed's numbering).
const network = buildNetwork(parseSpec({ layers: [3, 2, 2], activation: "tanh", loss: "mse" }));
const n = b.node;

describe("quantityOf", () => {
  it("names weights, biases, inputs, nets and outputs; nothing else", () => {
    expect(quantityOf(network, b.sym("w", n(4), n(1)))).toEqual({ kind: "param", index: paramAt(network, 4, 1) });
    expect(quantityOf(network, b.sym("w", n(6), n(5)))).toEqual({ kind: "param", index: paramAt(network, 6, 5) });
    expect(quantityOf(network, b.sym("x", n(2)))).toEqual({ kind: "input", node: 2 });
    expect(quantityOf(network, b.sym("y", n(2)))).toEqual({ kind: "input", node: 2 });
    expect(quantityOf(network, b.sym("net", n(5)))).toEqual({ kind: "net", node: 5 });
    expect(quantityOf(network, b.sym("y", n(7)))).toEqual({ kind: "y", node: 7 });
    // No edge 1 -> 6, no input 5, not a symbol.
    expect(quantityOf(network, b.sym("w", n(6), n(1)))).toBeUndefined();
    expect(quantityOf(network, b.sym("x", n(5)))).toBeUndefined();
    expect(quantityOf(network, b.num(3))).toBeUndefined();
  });
});

describe("valueOf and overrideOf", () => {
  const p = randomParams(network, rng(4));
  const base = forwardPass(network, p);
  const quantities: Quantity[] = [
    { kind: "param", index: 0 },
    { kind: "param", index: network.params.length - 1 },
    { kind: "input", node: 3 },
    { kind: "net", node: 4 },
    { kind: "y", node: 5 },
    { kind: "net", node: 7 },
  ];

  it.each(quantities)("reads %j from the point, and an override to that value changes nothing", (q) => {
    const v = valueOf(q, p, base, network);
    const expected =
      q.kind === "param"
        ? p.values[q.index]!
        : q.kind === "input"
          ? p.inputs[q.node - 1]!
          : q.kind === "net" || q.kind === "y"
            ? base[q.kind][q.node]!
            : Number.NaN;
    expect(v).toBe(expected);
    expect(forwardPass(network, p, overrideOf(q, v)).E).toBe(base.E);
    expect(forwardPass(network, p, overrideOf(q, v + 0.5)).E).not.toBe(base.E);
  });
});
