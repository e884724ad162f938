// What each proof symbol means in a network (src/network/symbols.ts), the one definition every
// scope reads: on the seed's 3-2-2 numbering (inputs 1-3, hidden 4-5, outputs 6-7) and a network
// with tied weights, each symbol names its parameter, node or output, and a symbol that means
// nothing here says why.
import { describe, expect, it } from "vitest";
import * as b from "../../src/expr/build.js";
import { EvalError } from "../../src/expr/evaluate.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { meaningOf, readSymbol, symbolValue, type SymbolReader } from "../../src/network/symbols.js";

const network = buildNetwork(parseSpec({ layers: [3, 2, 2], activation: "tanh", loss: "mse" }));
const n = b.node;
/** The parameter's position, found in the network's own list of them. */
const param = (to: number, from: number | "b"): number => network.params.findIndex((p) => p.to === to && p.from === from);

describe("the meaning of a symbol", () => {
  it("names a weight's or bias's parameter and edge, a node, an output's target, eta and E", () => {
    expect(meaningOf(network, "w", [n(4), n(1)])).toMatchObject({ kind: "param", index: param(4, 1) });
    expect(meaningOf(network, "w", [b.bias(n(6))])).toMatchObject({ kind: "param", index: param(6, "b") });
    expect(meaningOf(network, "x", [n(2)])).toEqual({ kind: "y", node: 2 });
    expect(meaningOf(network, "y", [n(5)])).toEqual({ kind: "y", node: 5 });
    expect(meaningOf(network, "net", [n(7)])).toEqual({ kind: "net", node: 7 });
    expect(meaningOf(network, "delta", [n(4)])).toEqual({ kind: "delta", node: 4 });
    expect(meaningOf(network, "t", [n(7)])).toEqual({ kind: "t", node: 7, output: 1 });
    expect(meaningOf(network, "eta", [])).toEqual({ kind: "eta" });
    expect(meaningOf(network, "E", [])).toEqual({ kind: "E" });
  });

  it("says why a symbol means nothing in this network", () => {
    expect(meaningOf(network, "w", [n(6), n(1)])).toEqual({ none: "no value for w: 6,1 is not a weight of this network" });
    expect(meaningOf(network, "x", [n(4)])).toEqual({ none: "no value for x_4: not an input" });
    expect(meaningOf(network, "net", [n(1)])).toEqual({ none: "no value for net_1: an input node" });
    expect(meaningOf(network, "delta", [n(2)])).toEqual({ none: "no value for delta: not a non-input node" });
    expect(meaningOf(network, "t", [n(5)])).toEqual({ none: "no value for t: not an output node" });
    expect(meaningOf(network, "theta", [n(1)])).toEqual({ none: "no value for theta: no such group of tied weights" });
    expect(meaningOf(network, "y", [n(8)])).toEqual({ none: "no value for y" });
    expect(meaningOf(network, "q", [])).toEqual({ none: "no value for q" });
  });

  it("gives a tied edge its group's parameter, and theta_g the g-th group's", () => {
    const tied = buildNetwork(
      parseSpec({
        inputs: 2,
        nodes: [{ from: [1, 2] }, { from: [1, 2] }, { from: [3, 4] }],
        outputs: [5],
        activation: "sigmoid",
        loss: "mse",
        tied: [["w_3_1", "w_4_2"]],
      }),
    );
    const first = meaningOf(tied, "w", [n(3), n(1)]);
    const second = meaningOf(tied, "w", [n(4), n(2)]);
    expect("kind" in first && "kind" in second && first.kind === "param" && second.kind === "param").toBe(true);
    if (!("kind" in first && "kind" in second && first.kind === "param" && second.kind === "param")) return;
    expect(second.index).toBe(first.index);
    expect(second.edge).not.toBe(first.edge);
    expect(meaningOf(tied, "theta", [n(1)])).toEqual({ kind: "param", index: first.index });
  });

  it("is read by a reader, which says where each kind of value is kept", () => {
    const reader: SymbolReader<string> = {
      param: (i) => `p${i}`,
      y: (k) => `y${k}`,
      net: (k) => `net${k}`,
      delta: (k) => `d${k}`,
      t: (i, k) => `t${i}@${k}`,
      eta: () => "eta",
      E: () => "E",
    };
    expect(readSymbol(network, "x", [n(3)], reader)).toBe("y3");
    expect(readSymbol(network, "t", [n(6)], reader)).toBe("t0@6");
    expect(readSymbol(network, "w", [n(5), n(2)], reader)).toBe(`p${param(5, 2)}`);
    expect(() => readSymbol(network, "net", [n(2)], reader)).toThrow(EvalError);
    const numbers: SymbolReader<number> = {
      param: (i) => i,
      y: (k) => k,
      net: (k) => -k,
      delta: () => 0,
      t: () => 0.5,
      eta: () => 0.1,
      E: () => 2,
    };
    expect(symbolValue(network, b.sym("net", n(4)), [n(4)], numbers)).toBe(-4);
    expect(symbolValue(network, b.sym("x", n(4)), [n(4)], numbers)).toBeNaN();
    expect(symbolValue(network, b.num(3), [], numbers)).toBeNaN();
  });
});
