// The one owner of parameter indices and names (src/network/params.ts): every w symbol of a
// network resolves to the parameter it names, in network.params order, and nothing else does.
import { describe, expect, it } from "vitest";
import * as b from "../../src/expr/build.js";
import { buildNetwork } from "../../src/network/graph.js";
import { paramAt, paramIndex, paramName, paramOffsets, paramOfSymbol } from "../../src/network/params.js";
import { parseSpec } from "../../src/network/spec.js";

describe("parameter indices", () => {
  const seed = buildNetwork(parseSpec({ layers: [3, 2, 2] }));

  it("names the seed's parameters in order: each node's weights, then its bias", () => {
    const names = seed.params.map((_, i) => paramName(seed, i));
    expect(names).toEqual([
      "w_4_1",
      "w_4_2",
      "w_4_3",
      "w_b_4",
      "w_5_1",
      "w_5_2",
      "w_5_3",
      "w_b_5",
      "w_6_4",
      "w_6_5",
      "w_b_6",
      "w_7_4",
      "w_7_5",
      "w_b_7",
    ]);
  });

  it("resolves every weight and bias symbol, and the params-file keys, to the same index", () => {
    for (const layers of [
      [3, 2, 2],
      [1, 1],
      [4, 3, 5, 2],
      [2, 7, 1, 3],
    ]) {
      const network = buildNetwork(parseSpec({ layers }));
      const keys = paramIndex(network);
      network.params.forEach((p, i) => {
        const symbol = p.from === "b" ? [b.bias(b.node(p.to))] : [b.node(p.to), b.node(p.from)];
        expect(paramOfSymbol(network, symbol)).toBe(i);
        expect(paramAt(network, p.to, p.from)).toBe(i);
        expect(keys.get(`${p.to}:${p.from}`)).toBe(i);
      });
      expect(keys.size).toBe(network.params.length);
    }
  });

  it("answers undefined for what is not a parameter", () => {
    expect(paramAt(seed, 4, 5)).toBeUndefined(); // same layer
    expect(paramAt(seed, 6, 1)).toBeUndefined(); // skips a layer
    expect(paramAt(seed, 1, "b")).toBeUndefined(); // an input has no bias
    expect(paramAt(seed, 8, 4)).toBeUndefined(); // no node 8
    expect(paramOfSymbol(seed, [b.node(4)])).toBeUndefined();
    expect(paramOfSymbol(seed, [b.bias(b.ivar("k"))])).toBeUndefined();
    expect(paramOfSymbol(seed, [b.node(4), b.ivar("j")])).toBeUndefined();
  });

  it("gives where each node's weights start", () => {
    expect([...paramOffsets(seed)]).toEqual([-1, -1, -1, -1, 0, 4, 8, 11]);
  });
});
