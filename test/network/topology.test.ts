// Arbitrary topologies (issue 9): the layered form with connections and the graph form give one
// graph of numbered nodes, grouped into layers of like nodes; tied weights are one parameter;
// every bad input is refused by the command with exit 2 and one line naming the field.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildNetwork } from "../../src/network/graph.js";
import { paramAt, paramIndex, usesOf } from "../../src/network/params.js";
import { MAX_LAYERS, parseSpec } from "../../src/network/spec.js";
import { files, run, tempDir, writeJson } from "../cli/helpers.js";

const ISSUE = {
  inputs: 2,
  nodes: [
    { from: [1, 2], activation: "tanh" },
    { from: [1, 2, 3], activation: "sigmoid", bias: false },
    { from: [3, 4], activation: "softmax", group: "out" },
    { from: [1, 4], activation: "softmax", group: "out" },
  ],
  outputs: [5, 6],
  loss: "cross-entropy",
  tied: [["w_5_4", "w_6_4"]],
};

const net = (spec: unknown) => buildNetwork(parseSpec(spec));

describe("the graph form", () => {
  const n = net(ISSUE);
  it("numbers the listed nodes on from the inputs, with their predecessors, downstream sets and depths", () => {
    expect(n.inputs).toEqual([1, 2]);
    expect(n.nodes.slice(1).map((x) => x.preds)).toEqual([[], [], [1, 2], [1, 2, 3], [3, 4], [1, 4]]);
    expect(n.nodes.slice(1).map((x) => x.downstream)).toEqual([[3, 4, 6], [3, 4], [4, 5], [5, 6], [], []]);
    expect(n.nodes.slice(1).map((x) => x.depth)).toEqual([0, 0, 1, 2, 3, 3]);
    expect(n.outputs).toEqual([5, 6]);
  });

  it("groups like nodes of one depth into layers; a softmax group is one layer", () => {
    expect(n.layers.map((l) => [l.nodes, l.role, l.bias])).toEqual([
      [[1, 2], "input", false],
      [[3], "hidden", true],
      [[4], "hidden", false],
      [[5, 6], "output", true],
    ]);
    expect(n.plain).toBe(false);
  });

  it("makes a tied group one parameter, at its first name, used on every edge of the group", () => {
    expect(n.edges).toHaveLength(12);
    expect(n.params).toHaveLength(11);
    const i = paramAt(n, 5, 4)!;
    expect(paramAt(n, 6, 4)).toBe(i);
    expect(usesOf(n, i).map((e) => n.edges[e])).toEqual([
      { to: 5, from: 4 },
      { to: 6, from: 4 },
    ]);
    expect(paramIndex(n).has("6:4")).toBe(false);
    expect(paramAt(n, 4, "b")).toBeUndefined();
  });

  it("counts depth by the longest path, a softmax group as one node", () => {
    const m = net({
      inputs: 1,
      nodes: [
        { from: [1], activation: "softmax", group: "g" },
        { from: [1] },
        { from: [3], activation: "softmax", group: "g" },
        { from: [2, 4] },
      ],
      outputs: [5],
    });
    // Node 2 reads only the input, but shares its group with node 4 at depth 2.
    expect(m.nodes.slice(1).map((x) => x.depth)).toEqual([0, 2, 1, 2, 3]);
  });
});

describe("the layered form with connections", () => {
  it("joins every node of layer a to every node of layer b, numbered as before", () => {
    const n = net({
      layers: [2, 3, 3, 1],
      connections: [
        [0, 1],
        [1, 2],
        [2, 3],
        [0, 2],
        [1, 3],
      ],
    });
    expect(n.nodes[6]!.preds).toEqual([1, 2, 3, 4, 5]);
    expect(n.nodes[9]!.preds).toEqual([3, 4, 5, 6, 7, 8]);
    expect(n.nodes[3]!.downstream).toEqual([6, 7, 8, 9]);
    expect(n.layers.map((l) => l.nodes)).toEqual([[1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    expect(n.plain).toBe(false);
  });

  it("is the seed's fully connected network when the connections are the consecutive ones", () => {
    const given = net({
      layers: [3, 2, 2],
      connections: [
        [0, 1],
        [1, 2],
      ],
    });
    const plain = net({ layers: [3, 2, 2] });
    expect(given.plain).toBe(true);
    expect(given.nodes).toEqual(plain.nodes);
    expect(given.params).toEqual(plain.params);
  });
});

/** One input and a chain of `n` nodes after it: n + 1 depths, inputs included. */
function chain(n: number) {
  return { inputs: 1, nodes: Array.from({ length: n }, (_, i) => ({ from: [i + 1], activation: "tanh" })), outputs: [n + 1], loss: "mse" };
}

const SEED = { layers: [3, 2, 2] };
const G = { inputs: 2, outputs: [3], loss: "mse" };

/** [what, spec, the field the one line names, a piece of what it says] */
const BAD: [string, unknown, string, RegExp][] = [
  ["an edge from a later node", { ...G, nodes: [{ from: [1, 4] }, { from: [3] }], outputs: [4] }, "nodes[0].from[1]", /later node/],
  ["an edge from the node itself", { ...G, nodes: [{ from: [1, 3] }] }, "nodes[0].from[1]", /the node itself/],
  ["a node id that skips a number", { ...G, nodes: [{ id: 4, from: [1] }] }, "nodes[0].id", /numbered on/],
  [
    "a node id that repeats a number",
    {
      ...G,
      nodes: [
        { id: 3, from: [1] },
        { id: 3, from: [3] },
      ],
      outputs: [4],
    },
    "nodes[1].id",
    /is 3/,
  ],
  ["an unknown node in from", { ...G, nodes: [{ from: [1, 9] }] }, "nodes[0].from[1]", /unknown node; .*node 3 reads earlier ones only/],
  ["an unknown node in outputs", { ...G, nodes: [{ from: [1, 2] }], outputs: [7] }, "outputs[0]", /unknown node/],
  ["an input as an output", { ...G, nodes: [{ from: [1, 2] }], outputs: [1] }, "outputs[0]", /input node/],
  ["a duplicate edge", { ...G, nodes: [{ from: [1, 2, 1] }] }, "nodes[0].from[2]", /repeats node 1; node 3 reads each node once/],
  ["an output listed twice", { ...G, nodes: [{ from: [1, 2] }], outputs: [3, 3] }, "outputs[1]", /second time/],
  [
    "a node on no path to an output",
    { ...G, nodes: [{ from: [1, 2] }, { from: [1] }], outputs: [3] },
    "nodes[1]",
    /node 4 is on no path to an output.*allowDead/,
  ],
  ["a tied name that is no edge", { ...G, nodes: [{ from: [1, 2] }], tied: [["w_3_1", "w_3_5"]] }, "tied[0][1]", /no edge/],
  [
    "a tied bias that does not exist",
    { ...G, nodes: [{ from: [1, 2], bias: false }], tied: [["w_3_1", "w_b_3"]] },
    "tied[0][1]",
    /has no bias/,
  ],
  [
    "a tied name in two groups",
    {
      ...G,
      nodes: [{ from: [1, 2] }],
      tied: [
        ["w_3_1", "w_3_2"],
        ["w_3_2", "w_b_3"],
      ],
    },
    "tied[1][0]",
    /already tied/,
  ],
  ["a tied name that is not a weight name", { ...G, nodes: [{ from: [1, 2] }], tied: [["w_3_1", "weight"]] }, "tied[0][1]", /weight name/],
  ["a tied group of one", { ...G, nodes: [{ from: [1, 2] }], tied: [["w_3_1"]] }, "tied[0]", /at least 2/],
  [
    "a softmax node without a group",
    { ...G, nodes: [{ from: [1, 2], activation: "softmax" }] },
    "nodes[0].group",
    /required for node 3, a softmax node/,
  ],
  [
    "a softmax group that mixes outputs with other nodes",
    {
      ...G,
      nodes: [{ from: [1, 2], activation: "softmax", group: "g" }, { from: [1, 2], activation: "softmax", group: "g" }, { from: [3, 4] }],
      outputs: [4, 5],
    },
    "nodes[0].group",
    /softmax group "g" \(nodes 3, 4\) mixes outputs \(4\) with other nodes/,
  ],
  [
    "a group on a node that is not softmax",
    { ...G, nodes: [{ from: [1, 2], group: "g" }] },
    "nodes[0].group",
    /softmax nodes only, and node 3 is not one/,
  ],
  [
    "a group member read before the group is complete",
    {
      ...G,
      nodes: [{ from: [1, 2], activation: "softmax", group: "g" }, { from: [3] }, { from: [1, 2], activation: "softmax", group: "g" }],
      outputs: [4, 5],
    },
    "nodes[1].from",
    /before the group is complete/,
  ],
  [
    "connections with a = b",
    {
      ...SEED,
      connections: [
        [0, 1],
        [1, 1],
        [1, 2],
      ],
    },
    "connections[1]",
    /a < b/,
  ],
  [
    "connections with a > b",
    {
      ...SEED,
      connections: [
        [0, 1],
        [2, 1],
        [1, 2],
      ],
    },
    "connections[1]",
    /a < b/,
  ],
  [
    "connections naming an unknown layer",
    {
      ...SEED,
      connections: [
        [0, 1],
        [1, 3],
      ],
    },
    "connections[1]",
    /layers are 0 to 2/,
  ],
  ["a layer no connection reaches", { ...SEED, connections: [[0, 2]] }, "connections", /no connection into layer 1/],
  [
    "a repeated connection",
    {
      ...SEED,
      connections: [
        [0, 1],
        [1, 2],
        [0, 1],
      ],
    },
    "connections[2]",
    /repeats/,
  ],
  [
    "a layer on no path to the outputs",
    {
      layers: [2, 2, 2],
      connections: [
        [0, 1],
        [0, 2],
      ],
    },
    "layers[1]",
    /no path to an output/,
  ],
  ["the graph form without outputs", { inputs: 2, nodes: [{ from: [1, 2] }] }, "outputs", /required in the graph form/],
  ["layers with the graph form", { ...G, layers: [2, 1], nodes: [{ from: [1, 2] }] }, "layers", /layered form/],
  ["an empty from", { ...G, nodes: [{ from: [] }] }, "nodes[0].from", /empty/],
  [
    "a path through more depths than allowed",
    chain(MAX_LAYERS),
    "nodes",
    new RegExp(`longest path through ${MAX_LAYERS + 1} depths .*; at most ${MAX_LAYERS}$`),
  ],
];

describe("bad topologies", () => {
  it.each(BAD)("%s: refused naming %s", (_what, spec, field, detail) => {
    let error: unknown;
    try {
      parseSpec(spec);
    } catch (e) {
      error = e;
    }
    expect((error as { field?: string }).field).toBe(field);
    expect(String((error as Error).message)).toMatch(detail);
  });

  it.each(BAD)("%s: the command exits 2 with one line and writes nothing", async (_what, spec, field) => {
    const dir = tempDir();
    const out = join(dir, "out");
    const r = await run("derive", writeJson(dir, "net.json", spec), "--out", out);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain(field);
    expect(r.err[0]).not.toMatch(/\n| {4}at /);
    expect(files(out)).toEqual([]);
  });

  it("allows the graph form the layered form's depth, counting a softmax group once", () => {
    expect(parseSpec(chain(MAX_LAYERS - 1)).layers).toHaveLength(MAX_LAYERS);
    // Two more softmax nodes of one group after the chain: one depth more, not two, so refused.
    const last = MAX_LAYERS;
    const grouped = chain(MAX_LAYERS - 1);
    const softmax = {
      ...grouped,
      nodes: [...grouped.nodes, { from: [last], activation: "softmax", group: "g" }, { from: [last], activation: "softmax", group: "g" }],
      outputs: [last + 1, last + 2],
    };
    expect(() => parseSpec(softmax)).toThrow(`longest path through ${MAX_LAYERS + 1} depths`);
    const shorter = chain(MAX_LAYERS - 2);
    const fits = {
      ...shorter,
      nodes: [
        ...shorter.nodes,
        { from: [last - 1], activation: "softmax", group: "g" },
        { from: [last - 1], activation: "softmax", group: "g" },
      ],
      outputs: [last, last + 1],
    };
    expect(parseSpec(fits).layers).toHaveLength(MAX_LAYERS);
  });

  it("accepts a dead node with allowDead, with error term 0", () => {
    const n = net({ ...G, nodes: [{ from: [1, 2] }, { from: [1] }], outputs: [3], allowDead: true });
    expect(n.nodes[4]!.downstream).toEqual([]);
  });

  it("refuses a tied weight given under a name other than its group's first (exit 2, naming it)", async () => {
    const dir = tempDir();
    const spec = writeJson(dir, "net.json", { ...G, nodes: [{ from: [1, 2] }], tied: [["w_3_1", "w_3_2"]] });
    const params = writeJson(dir, "p.json", {
      inputs: [0.1, 0.2],
      targets: [0.3],
      eta: 0.1,
      weights: { "3": { "1": 0.5, "2": 0.4, b: 0.1 } },
    });
    const r = await run("evaluate", spec, "--params", params);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      "backprop-derive: params.weights.3.2: is tied to w_3_1; a tied group's shared value is given once, under w_3_1",
    ]);
  });
});

describe("evaluate on other topologies", () => {
  it("prints each parameter once, a tied group under its first name, with the sum over its uses as its gradient", async () => {
    const dir = tempDir();
    const spec = writeJson(dir, "net.json", { layers: [2, 1, 2], activation: "identity", loss: "mse", tied: [["w_3_1", "w_4_3"]] });
    const params = writeJson(dir, "p.json", {
      inputs: [1, 2],
      targets: [0, 1],
      eta: 0.5,
      weights: { "3": { "1": 2, "2": 1, b: 0 }, "4": { b: 0 }, "5": { "3": 1, b: 0 } },
    });
    const r = await run("evaluate", spec, "--params", params);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out.join("\n")) as {
      E: number;
      gradients: Record<string, Record<string, number>>;
      updated: Record<string, Record<string, number>>;
    };
    // Identity everywhere: y3 = 2*1 + 1*2 = 4, y4 = w_43 y3 = 2 * 4 = 8 (w_43 is w_31 = 2), y5 = 4.
    // E = 1/2 ((8 - 0)^2 + (4 - 1)^2) = 36.5; delta4 = 8, delta5 = 3, delta3 = 8*2 + 3*1 = 19.
    expect(out.E).toBeCloseTo(36.5, 12);
    expect(Object.keys(out.gradients["4"]!)).toEqual(["b"]);
    // dE/dtheta = delta3 x1 + delta4 y3 = 19*1 + 8*4 = 51, by hand from the forward definitions.
    expect(out.gradients["3"]!["1"]).toBeCloseTo(51, 10);
    expect(out.updated["3"]!["1"]).toBeCloseTo(2 - 0.5 * 51, 10);
  });
});
