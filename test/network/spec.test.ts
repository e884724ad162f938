// The network spec (src/network/spec.ts): every bad input is an InputError naming its field; the
// graph (src/network/graph.ts, sets.ts) numbers nodes as the seed does.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { buildNetwork } from "../../src/network/graph.js";
import { resolveSet } from "../../src/network/sets.js";
import { MAX_LAYER_SIZE, MAX_LAYERS, MAX_PARAMETERS, parseSpec } from "../../src/network/spec.js";
import type { ElementwiseActivation } from "../../src/rules/activations/activation.js";
import { ACTIVATION_NAMES, LOSS_NAMES } from "../rules/names.js";

function refusal(input: unknown): InputError {
  try {
    parseSpec(input);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw new Error(`threw a ${(e as Error).name}, not an InputError: ${(e as Error).message}`);
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

/** [description, input, expected field] */
const bad: [string, unknown, string][] = [
  // Malformed
  ["null", null, "spec"],
  ["a string", "[3, 2, 2]", "spec"],
  ["a number", 42, "spec"],
  ["an array", [3, 2, 2], "spec"],
  // Unknown keys
  ["unknown key", { layers: [3, 2, 2], hidden: 4 }, "hidden"],
  ["misspelt key", { layers: [3, 2, 2], activaton: "relu" }, "activaton"],
  ["misspelt key in an activation object", { layers: [3, 2], activation: { name: "leaky-relu", alfa: 0.1 } }, "activation.alfa"],
  ["extra key in a custom loss", { layers: [3, 2], loss: { custom: "(y - t)^2", scale: 2 } }, "loss.scale"],
  // Layers
  ["missing layers", {}, "layers"],
  ["missing layers with other keys", { activation: "relu" }, "layers"],
  ["layers not an array", { layers: "3,2,2" }, "layers"],
  ["no layers", { layers: [] }, "layers"],
  ["one layer", { layers: [3] }, "layers"],
  ["size 0", { layers: [3, 0, 2] }, "layers[1]"],
  ["negative size", { layers: [3, 2, -2] }, "layers[2]"],
  ["fractional size", { layers: [3, 2.5] }, "layers[1]"],
  ["size as a string", { layers: ["3", 2] }, "layers[0]"],
  ["size null", { layers: [3, null] }, "layers[1]"],
  ["size too large for a layer", { layers: [MAX_LAYER_SIZE + 1, 1] }, "layers[0]"],
  ["too many parameters", { layers: [MAX_LAYER_SIZE, 201] }, "layers"],
  // Activations
  ["unknown activation", { layers: [3, 2, 2], activation: "swish" }, "activation"],
  ["unknown output activation", { layers: [3, 2, 2], outputActivation: "argmax" }, "outputActivation"],
  ["activation of the wrong type", { layers: [3, 2, 2], activation: 7 }, "activation"],
  ["unknown activation in the list", { layers: [3, 2, 2], activations: ["relu", "swish"] }, "activations[1]"],
  ["unknown activation name in an object", { layers: [3, 2], activation: { name: "swish" } }, "activation.name"],
  ["activations too short", { layers: [3, 2, 2], activations: ["relu"] }, "activations"],
  ["activations too long", { layers: [3, 2, 2], activations: ["relu", "relu", "relu"] }, "activations"],
  ["activations not an array", { layers: [3, 2, 2], activations: "relu" }, "activations"],
  ["activations with activation", { layers: [3, 2, 2], activations: ["relu", "softmax"], activation: "relu" }, "activations"],
  [
    "activations with outputActivation",
    { layers: [3, 2, 2], activations: ["relu", "softmax"], outputActivation: "softmax" },
    "activations",
  ],
  // alpha
  ["alpha 0", { layers: [3, 2], activation: "leaky-relu", alpha: 0 }, "alpha"],
  ["alpha 1", { layers: [3, 2], activation: "leaky-relu", alpha: 1 }, "alpha"],
  ["alpha negative", { layers: [3, 2], activation: "leaky-relu", alpha: -0.1 }, "alpha"],
  ["alpha above 1", { layers: [3, 2], activation: "leaky-relu", alpha: 1.5 }, "alpha"],
  ["alpha as a string", { layers: [3, 2], activation: "leaky-relu", alpha: "0.1" }, "alpha"],
  ["alpha in an object, out of range", { layers: [3, 2], activation: { name: "leaky-relu", alpha: 2 } }, "activation.alpha"],
  [
    "alpha in a list entry, out of range",
    { layers: [3, 2, 2], activations: ["relu", { name: "leaky-relu", alpha: 0 }] },
    "activations[1].alpha",
  ],
  ["alpha for an activation without one", { layers: [3, 2], activation: { name: "relu", alpha: 0.2 } }, "activation.alpha"],
  // Loss
  ["unknown loss", { layers: [3, 2, 2], loss: "hinge" }, "loss"],
  ["loss of the wrong type", { layers: [3, 2, 2], loss: ["mse"] }, "loss"],
  ["custom loss not a string", { layers: [3, 2], loss: { custom: 3 } }, "loss.custom"],
  // Name
  ["name not a string", { layers: [3, 2], name: 5 }, "name"],
];

describe("bad specs are refused with an InputError naming the field", () => {
  it.each(bad)("%s", (_what, input, field) => {
    const e = refusal(input);
    expect(e.field).toBe(field);
    expect(e.message.startsWith(`${field}: `)).toBe(true);
    expect(e.message).not.toContain("\n");
    expect(e.detail.length).toBeGreaterThan(10);
  });

  it("an unknown activation lists every valid one", () => {
    for (const input of [
      { layers: [3, 2, 2], activation: "swish" },
      { layers: [3, 2, 2], activations: ["relu", "swish"] },
    ]) {
      const e = refusal(input);
      expect(e.message).toContain('"swish"');
      for (const name of ACTIVATION_NAMES) expect(e.message).toContain(name);
      expect(e.message).toContain("custom");
    }
  });

  it("an unknown loss lists every valid one", () => {
    const e = refusal({ layers: [3, 2, 2], loss: "hinge" });
    expect(e.message).toContain('"hinge"');
    for (const name of LOSS_NAMES) expect(e.message).toContain(name);
  });

  it("the size limits are stated", () => {
    expect(refusal({ layers: [MAX_LAYER_SIZE + 1, 1] }).message).toContain(String(MAX_LAYER_SIZE));
    expect(refusal({ layers: [3, -1] }).message).toContain(String(MAX_LAYER_SIZE));
    expect(refusal({ layers: [MAX_LAYER_SIZE, 201] }).message).toContain(String(MAX_PARAMETERS));
    // Exactly at the limits is fine: 10000 nodes in a layer; 2,000,000 parameters.
    expect(() => parseSpec({ layers: [MAX_LAYER_SIZE, 1] })).not.toThrow();
    expect(() => parseSpec({ layers: [199_999, 10] })).toThrow(InputError); // layer too large
    expect(() => parseSpec({ layers: [9999, 200] })).not.toThrow(); // 200 * 10000 = 2,000,000
    expect(refusal({ layers: [9999, 200, 1] }).field).toBe("layers"); // 2,000,201
    // Depth: 200 layers, inputs included, and not one more.
    expect(() => parseSpec({ layers: Array.from({ length: MAX_LAYERS }, () => 1) })).not.toThrow();
    const deep = refusal({ layers: Array.from({ length: MAX_LAYERS + 1 }, () => 1) });
    expect([deep.field, deep.message]).toEqual([
      "layers",
      `layers: has ${MAX_LAYERS + 1} entries; at most ${MAX_LAYERS} layers, inputs included`,
    ]);
  });

  it("an unknown key names the allowed ones", () => {
    const e = refusal({ layers: [3, 2, 2], hidden: 4 });
    for (const k of ["layers", "activation", "outputActivation", "activations", "loss", "alpha"]) expect(e.message).toContain(k);
  });
});

describe("custom formulas with errors: the message has the formula and a position", () => {
  /** [description, input, field, formula, 1-based position of the offending token or undefined] */
  const formulas: [string, unknown, string, string, number | undefined][] = [
    ["syntax error (activation)", { layers: [3, 2], activation: { custom: "x +" } }, "activation.custom", "x +", undefined],
    ["unbalanced parenthesis (loss)", { layers: [3, 2], loss: { custom: "(y - t" } }, "loss.custom", "(y - t", undefined],
    ["doubled operator", { layers: [3, 2], activation: { custom: "x * * 2" } }, "activation.custom", "x * * 2", undefined],
    ["unknown variable (activation)", { layers: [3, 2], activation: { custom: "x + z" } }, "activation.custom", "x + z", 5],
    ["unknown variable (loss)", { layers: [3, 2], loss: { custom: "(y - t)^4 + q" } }, "loss.custom", "(y - t)^4 + q", 13],
    ["unknown variable that prefixes a known one", { layers: [3, 2], activation: { custom: "xx + x" } }, "activation.custom", "xx + x", 1],
    ["unknown function", { layers: [3, 2], activation: { custom: "foo(x)" } }, "activation.custom", "foo(x)", 1],
    ["unknown function after others", { layers: [3, 2], loss: { custom: "exp(y) * bar(t)" } }, "loss.custom", "exp(y) * bar(t)", 10],
    [
      "unknown function in a list entry",
      { layers: [3, 2, 2], activations: ["relu", { custom: "x / swish(x)" }] },
      "activations[1].custom",
      "x / swish(x)",
      5,
    ],
    ["unsupported operator", { layers: [3, 2], activation: { custom: "x > 1" } }, "activation.custom", "x > 1", 3],
  ];

  it.each(formulas)("%s", (_what, input, field, formula, position) => {
    const e = refusal(input);
    expect(e.field).toBe(field);
    expect(e.message).toContain(`"${formula}"`);
    const m = /position (\d+)/.exec(e.message);
    expect(m, e.message).not.toBeNull();
    const at = Number(m![1]);
    expect(at).toBeGreaterThanOrEqual(1);
    expect(at).toBeLessThanOrEqual(formula.length + 1);
    if (position !== undefined) expect(at).toBe(position);
  });

  it("an empty formula is refused", () => {
    expect(refusal({ layers: [3, 2], activation: { custom: "" } }).field).toBe("activation.custom");
    expect(refusal({ layers: [3, 2], activation: { custom: 3 } }).field).toBe("activation.custom");
  });

  it("valid custom formulas are accepted", () => {
    const s = parseSpec({ layers: [3, 2], activation: { custom: "x / (1 + abs(x))" }, loss: { custom: "(y - t)^4" } });
    const a = s.activations[0]! as ElementwiseActivation;
    expect(a.elementwise).toBe(true);
    expect(a.value(3)).toBeCloseTo(0.75, 15);
    expect(a.value(-1)).toBeCloseTo(-0.5, 15);
    expect(s.loss.value([0.5, 2], [0.25, 1])).toBeCloseTo(0.25 ** 4 + 1, 15);
  });
});

describe("valid specs", () => {
  it("activation and outputActivation fill the layers; activations gives one per layer", () => {
    expect(parseSpec({ layers: [3, 4, 4, 2], activation: "relu", outputActivation: "softmax" }).activations.map((a) => a.id)).toEqual([
      "relu",
      "relu",
      "softmax",
    ]);
    expect(parseSpec({ layers: [3, 4, 2], activation: "tanh" }).activations.map((a) => a.id)).toEqual(["tanh", "tanh"]);
    expect(parseSpec({ layers: [3, 4, 4, 2], activations: ["tanh", "relu", "identity"] }).activations.map((a) => a.id)).toEqual([
      "tanh",
      "relu",
      "identity",
    ]);
    expect(parseSpec({ layers: [3, 2], loss: "binary-cross-entropy" }).loss.id).toBe("binary-cross-entropy");
  });

  it("leaky-relu takes alpha from the spec, from its object, or 0.01", () => {
    const slope = (spec: unknown): number => (parseSpec(spec).activations[0] as ElementwiseActivation).value(-1);
    expect(slope({ layers: [1, 1], activation: "leaky-relu" })).toBeCloseTo(-0.01, 15);
    expect(slope({ layers: [1, 1], activation: "leaky-relu", alpha: 0.2 })).toBeCloseTo(-0.2, 15);
    expect(slope({ layers: [1, 1], activation: { name: "leaky-relu", alpha: 0.3 } })).toBeCloseTo(-0.3, 15);
  });

  it("the name defaults to the layer sizes", () => {
    expect(parseSpec({ layers: [3, 2, 2] }).name).toBe("[3, 2, 2]");
    expect(parseSpec({ layers: [3, 2, 2], name: "seed" }).name).toBe("seed");
  });
});

describe("numbering and sets, as in the seed", () => {
  const network = buildNetwork(parseSpec({ layers: [3, 2, 2] }));

  it("[3, 2, 2]: inputs 1, 2, 3; hidden 4, 5; outputs 6, 7", () => {
    expect(network.layers.map((l) => l.nodes)).toEqual([
      [1, 2, 3],
      [4, 5],
      [6, 7],
    ]);
    expect(network.inputs).toEqual([1, 2, 3]);
    expect(network.outputs).toEqual([6, 7]);
    expect(network.nodes.slice(1).map((n) => n.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(network.nodes.slice(1).map((n) => n.layer)).toEqual([0, 0, 0, 1, 1, 2, 2]);
  });

  it("predecessor and downstream sets", () => {
    const pd = (k: number) => [network.nodes[k]!.preds, network.nodes[k]!.downstream];
    expect(pd(1)).toEqual([[], [4, 5]]);
    expect(pd(3)).toEqual([[], [4, 5]]);
    expect(pd(4)).toEqual([
      [1, 2, 3],
      [6, 7],
    ]);
    expect(pd(5)).toEqual([
      [1, 2, 3],
      [6, 7],
    ]);
    expect(pd(6)).toEqual([[4, 5], []]);
    expect(pd(7)).toEqual([[4, 5], []]);
  });

  it("named index sets resolve against the graph", () => {
    const n = (k: number) => ({ kind: "node", n: k }) as const;
    expect(resolveSet(network, { kind: "downstream", of: n(4) })).toEqual([6, 7]);
    expect(resolveSet(network, { kind: "preds", of: n(6) })).toEqual([4, 5]);
    expect(resolveSet(network, { kind: "layer", of: n(5) })).toEqual([4, 5]);
    expect(resolveSet(network, { kind: "outputs" })).toEqual([6, 7]);
    expect(resolveSet(network, { kind: "nodes", nodes: [1, 3] })).toEqual([1, 3]);
    expect(resolveSet(network, { kind: "downstream", of: { kind: "var", name: "j" } })).toBeUndefined();
  });

  it("14 parameters, each node's weights then its bias", () => {
    expect(network.params.length).toBe(2 * (3 + 1) + 2 * (2 + 1));
    expect(network.params.slice(0, 5)).toEqual([
      { to: 4, from: 1 },
      { to: 4, from: 2 },
      { to: 4, from: 3 },
      { to: 4, from: "b" },
      { to: 5, from: 1 },
    ]);
    expect(network.params.slice(-3)).toEqual([
      { to: 7, from: 4 },
      { to: 7, from: 5 },
      { to: 7, from: "b" },
    ]);
  });

  it("a deeper net: [2, 3, 4, 1]", () => {
    const net = buildNetwork(parseSpec({ layers: [2, 3, 4, 1] }));
    expect(net.layers.map((l) => l.nodes)).toEqual([[1, 2], [3, 4, 5], [6, 7, 8, 9], [10]]);
    expect(net.nodes[10]!.preds).toEqual([6, 7, 8, 9]);
    expect(net.nodes[4]!.downstream).toEqual([6, 7, 8, 9]);
    expect(net.params.length).toBe(3 * 3 + 4 * 4 + 1 * 5);
    expect(net.params.filter((p) => p.from === "b").map((p) => p.to)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("parameter count is sum over layers of size * (previous size + 1)", () => {
    for (const layers of [
      [1, 1],
      [5, 1],
      [1, 7, 1],
      [4, 3, 2, 5, 6],
    ]) {
      let expected = 0;
      for (let l = 1; l < layers.length; l++) expected += layers[l]! * (layers[l - 1]! + 1);
      expect(buildNetwork(parseSpec({ layers })).params.length).toBe(expected);
    }
  });

  it("each distinct activation gets its own function letter, in order of first use", () => {
    const net = buildNetwork(parseSpec({ layers: [3, 4, 4, 2], activations: ["relu", "relu", "sigmoid"] }));
    expect(net.layers.map((l) => l.fn)).toEqual([undefined, "f", "f", "g"]);
  });
});

describe("custom formulas may use sigma", () => {
  it("evaluates sigma(x) as the sigmoid", async () => {
    const { parseFormula } = await import("../../src/rules/formula.js");
    const f = parseFormula("sigma(x) * x", ["x"], "activation.custom");
    expect(f.evaluate({ x: 0.3 })).toBeCloseTo(0.3 / (1 + Math.exp(-0.3)), 14);
  });
});
