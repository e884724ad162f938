// The forms' edits of the wiring, as pure functions: the conversion of a layered spec into the
// graph form (the same network, judged by the independent oracle's E at the same numbers), the
// renumbering when a node, an input or a layer comes or goes (expected numbers written out by
// hand), and the connections written only when they are not the default.
import { describe, expect, it } from "vitest";
import {
  buildNetwork,
  forwardPass,
  parseParams,
  parseSpec,
  paramsToJson,
  presets,
  randomParams,
  rng,
  type Network,
} from "../../src/index.js";
import { addNode, removeNode, setInputs, setOutput, toGraph } from "../../playground/editor/graph-ops.js";
import { coversNode, writesDelta } from "../../playground/diagram.js";
import { tiedDraft } from "../../playground/editor/tied.js";
import { layeredNodeMap, moveConnections, remapTied, withConnections, withTied } from "../../playground/editor/wiring.js";

const net = (spec: unknown): Network => buildNetwork(parseSpec(spec));

/** What a network is, node by node: its edges, biases, activations, softmax sets, outputs and ties. */
function shape(n: Network): unknown {
  const nodes = n.nodes.slice(1).map((x) => {
    const layer = n.layers[x.layer]!;
    return {
      preds: x.preds,
      bias: x.bias,
      act: layer.activation ? `${layer.activation.id}:${layer.activation.title}` : "input",
      softmaxWith: layer.activation?.elementwise === false ? layer.nodes : [],
    };
  });
  return { nodes, outputs: n.outputs, tied: n.tied.map((g) => g.map((e) => n.edges[e])) };
}

describe("converting a layered spec to the graph form", () => {
  const layered = Object.entries(presets()).filter(([, s]) => "layers" in (s as object));

  it("gives the same network for every layered preset, and the same E at the same numbers", () => {
    expect(layered.map(([name]) => name)).toEqual(expect.arrayContaining(["seed", "residual", "dense", "tied-autoencoder"]));
    for (const [name, spec] of layered) {
      const graph = toGraph(spec as Record<string, unknown>);
      expect(graph, name).not.toHaveProperty("layers");
      const [a, b] = [net(spec), net(graph)];
      expect(b.spec.form, name).toBe("graph");
      expect(shape(b), name).toEqual(shape(a));
      const p = randomParams(a, rng(7));
      const q = parseParams(b, paramsToJson(a, p));
      expect(forwardPass(b, q).E, name).toBeCloseTo(forwardPass(a, p).E, 12);
    }
  });

  it("writes the seed as the README's graph form would: softmax as a named group, the hidden activation as the default", () => {
    expect(toGraph({ layers: [2, 1, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" })).toEqual({
      inputs: 2,
      activation: "relu",
      nodes: [
        { from: [1, 2] },
        { from: [3], activation: "softmax", group: "layer 2" },
        { from: [3], activation: "softmax", group: "layer 2" },
      ],
      outputs: [4, 5],
      loss: "cross-entropy",
    });
    // No activation given: sigmoid, the graph form's default too; a per-layer list: each node its own unless sigmoid.
    expect(
      toGraph({
        layers: [1, 1, 1],
        connections: [
          [0, 1],
          [0, 2],
          [1, 2],
        ],
        activations: ["tanh", "sigmoid"],
        tied: [["w_2_1", "w_3_1"]],
      }),
    ).toEqual({
      inputs: 1,
      nodes: [{ from: [1], activation: "tanh" }, { from: [1, 2] }],
      outputs: [3],
      tied: [["w_2_1", "w_3_1"]],
    });
  });

  it("gives the same network for random layered specs with skips, ties and softmax outputs", () => {
    const r = rng(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    for (let n = 0; n < 40; n++) {
      const layers = Array.from({ length: 2 + Math.floor(r() * 3) }, () => 1 + Math.floor(r() * 3));
      const connections: [number, number][] = [];
      for (let b = 1; b < layers.length; b++) for (let a = 0; a < b; a++) if (a === b - 1 || r() < 0.4) connections.push([a, b]);
      const spec: Record<string, unknown> = {
        layers,
        connections,
        activations: layers
          .slice(1)
          .map((_, i) =>
            i === layers.length - 2 && r() < 0.3 ? "softmax" : pick(["tanh", "sigmoid", "identity", { custom: "x^3 / 3 + x" }]),
          ),
        loss: "sse",
      };
      if (r() < 0.5 && layers[1]! >= 2) spec.tied = [[`w_${layers[0]! + 1}_1`, `w_${layers[0]! + 2}_1`]];
      const [a, b] = [net(spec), net(toGraph(spec))];
      expect(shape(b), JSON.stringify(spec)).toEqual(shape(a));
      const p = randomParams(a, rng(n));
      expect(forwardPass(b, parseParams(b, paramsToJson(a, p))).E).toBeCloseTo(forwardPass(a, p).E, 12);
    }
  });
});

describe("editing the graph form renumbers what follows", () => {
  const pruned = presets().pruned as Record<string, unknown>;

  it("removes a node: later numbers move down, edges from it and tied names with it go", () => {
    const spec = {
      ...pruned,
      tied: [
        ["w_7_5", "w_8_5"],
        ["w_8_6", "w_7_4"],
      ],
    };
    const out = removeNode(spec, 1);
    expect(out.nodes).toEqual([{ from: [1, 2] }, { from: [1, 3] }, { from: [4] }, { from: [5] }]);
    expect(out.outputs).toEqual([6, 7]);
    // w_7_5 and w_8_5 used node 5: the group is gone; w_8_6 is now w_7_5, w_7_4 now w_6_4.
    expect(out.tied).toEqual([["w_7_5", "w_6_4"]]);
    expect(() => parseSpec(out)).not.toThrow();
  });

  it("changes the number of inputs: the listed nodes keep their wiring under new numbers", () => {
    const two = presets()["two-outputs"] as Record<string, unknown>;
    const more = setInputs(two, 3);
    expect(more.nodes).toEqual([
      { from: [1, 2], activation: "tanh" },
      { from: [1, 2], activation: "tanh" },
      { from: [4, 5], activation: "sigmoid" },
      { from: [4, 5], activation: "tanh" },
      { from: [5, 7], activation: "sigmoid" },
    ]);
    expect(more.outputs).toEqual([6, 8]);
    const fewer = setInputs(two, 1);
    expect((fewer.nodes as { from: number[] }[]).map((n) => n.from)).toEqual([[1], [1], [2, 3], [2, 3], [3, 5]]);
    expect(fewer.outputs).toEqual([4, 6]);
    // Typed, not yet a number: kept as typed for the spec's check, nothing renumbered.
    expect(setInputs(two, "")).toEqual({ ...two, inputs: "" });
  });

  it("adds a node fed by every input and read by the loss, a valid network at once", () => {
    const out = addNode(pruned);
    expect((out.nodes as unknown[]).at(-1)).toEqual({ from: [1, 2, 3] });
    expect(out.outputs).toEqual([7, 8, 9]);
    expect(net(out).nodes).toHaveLength(10);
    expect(setOutput(out, 7, false).outputs).toEqual([8, 9]);
    expect(setOutput(out, 6, true).outputs).toEqual([7, 8, 9, 6]);
  });
});

describe("the layer form's connections and ties", () => {
  it("writes connections only when they are not consecutive layers, in order, each once", () => {
    const spec = { layers: [2, 3, 1], loss: "mse" };
    expect(
      withConnections(spec, [
        [1, 2],
        [0, 1],
      ]),
    ).toEqual(spec);
    expect(
      withConnections({ ...spec, allowDead: true }, [
        [0, 1],
        [1, 2],
      ]),
    ).toEqual(spec);
    expect(
      withConnections(spec, [
        [1, 2],
        [0, 2],
        [0, 1],
        [0, 2],
      ]),
    ).toEqual({
      layers: [2, 3, 1],
      connections: [
        [0, 1],
        [0, 2],
        [1, 2],
      ],
      loss: "mse",
    });
  });

  it("moves connections with a layer removed or inserted", () => {
    const residual = [
      [0, 1],
      [1, 2],
      [2, 3],
      [0, 2],
      [1, 3],
    ] as const;
    // Layer 2 removed: [1,2] and [2,3] go, [0,2] goes, [1,3] becomes [1,2].
    expect(moveConnections(residual, (l) => (l === 2 ? undefined : l > 2 ? l - 1 : l))).toEqual([
      [0, 1],
      [1, 2],
    ]);
    // A layer inserted at 1: it joins 0 and the old 1; the old pairs move up.
    expect(
      moveConnections(
        [
          [0, 1],
          [0, 2],
        ],
        (l) => (l >= 1 ? l + 1 : l),
        1,
      ),
    ).toEqual([
      [0, 3],
      [0, 1],
      [1, 2],
    ]);
  });

  it("renumbers tied names when a layer's size changes", () => {
    const auto = presets()["tied-autoencoder"] as Record<string, unknown>;
    const map = layeredNodeMap([3, 2, 3], [4, 2, 3], (l) => l);
    expect(remapTied(auto, map).tied).toEqual([
      ["w_5_1", "w_7_5"],
      ["w_5_2", "w_8_5"],
      ["w_6_3", "w_9_6"],
    ]);
    // Layer 2 from 2 nodes to 1: node 5 goes, and the group that used it.
    expect(
      remapTied(
        auto,
        layeredNodeMap([3, 2, 3], [3, 1, 3], (l) => l),
      ).tied,
    ).toEqual([
      ["w_4_1", "w_5_4"],
      ["w_4_2", "w_6_4"],
    ]);
  });

  it("keeps a blank tied group out of the spec but in the editor", () => {
    const spec = withTied({ layers: [3, 2, 3] }, ["w_4_1, w_6_4", ""]);
    expect(spec.tied).toEqual([["w_4_1", "w_6_4"]]);
    expect(tiedDraft(spec, ["w_4_1, w_6_4", ""])).toEqual(["w_4_1, w_6_4", ""]);
    // A spec changed elsewhere (the JSON): its own groups.
    expect(tiedDraft({ tied: [["w_4_2", "w_7_4"]] }, ["w_4_1, w_6_4", ""])).toEqual(["w_4_2, w_7_4"]);
    expect(withTied({ layers: [2, 2], tied: [["w_3_1", "w_4_1"]] }, [" ", ""])).toEqual({ layers: [2, 2] });
  });
});

describe("finding a node's δ in the derivation's formulas", () => {
  it("reads δ_j written out, and index-form bindings that list j or cover it by \\dots", () => {
    expect(writesDelta("{} = \\delta_4 w_{64}", 4)).toBe(true);
    expect(writesDelta("\\delta_{12}", 12)).toBe(true);
    expect(writesDelta("\\delta_41 + \\delta_{14}", 4)).toBe(false);
    expect(coversNode("{} = 1 - y_j^{2}\\quad (j = 3, 4, 6)", 4)).toBe(true);
    expect(coversNode("{} = 1 - y_j^{2}\\quad (j = 3, 4, 6)", 5)).toBe(false);
    expect(coversNode("{} = x\\quad (j = 3, \\dots, 8)", 7)).toBe(true);
    expect(coversNode("{} = x\\quad (j = 3, \\dots, 8)", 9)).toBe(false);
    expect(coversNode("{} = x\\quad (k = 6, 7)", 7)).toBe(true);
    // A binding in the middle of a formula is no binding of the whole line.
    expect(coversNode("f\\left(j = 4\\right) + 1", 4)).toBe(false);
  });
});
