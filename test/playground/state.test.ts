// The playground's pure parts: the JSON text of a spec, the state in a link, and the layer form's
// reading and writing of a spec (which parseSpec must read as the form meant).
import { describe, expect, it } from "vitest";
import { buildNetwork, parseSpec } from "../../src/index.js";
import { rng } from "../../src/oracle/rng.js";
import { activationsOf, withLayers } from "../../playground/editor/layers-model.js";
import { decodeState, encodeState, formatSpec, type PageState } from "../../playground/state.js";
import { ACTIVATION_NAMES } from "../rules/names.js";

const DEFAULTS: PageState = { specText: '{"layers": [3, 2, 2]}', style: "notes", lang: "en", check: true, example: false, paramsText: "" };

describe("the spec as the JSON editor shows it", () => {
  it("one key a line, values compact, and the same JSON", () => {
    const spec = { name: 'a, "b": c', layers: [3, 2, 2], activations: ["relu", { custom: "x / (1 + abs(x))" }], loss: "mse" };
    expect(formatSpec(spec)).toBe(
      '{\n  "name": "a, \\"b\\": c",\n  "layers": [3, 2, 2],\n  "activations": ["relu", {"custom": "x / (1 + abs(x))"}],\n  "loss": "mse"\n}',
    );
    expect(JSON.parse(formatSpec(spec))).toEqual(spec);
    expect(formatSpec({})).toBe("{}");
  });
});

describe("the state in a link", () => {
  it("round-trips every field, and keeps the defaults for what it does not say or says wrong", () => {
    const s: PageState = {
      specText: '{\n  "layers": [2, 2]\n}',
      style: "proof",
      lang: "zh-Hant",
      check: false,
      example: true,
      paramsText: '{"eta": 0.5} & # %',
    };
    const link = encodeState(s, DEFAULTS);
    expect(link).toMatch(/^spec=.*&style=proof&lang=zh-Hant&check=0&example=1&params=/);
    expect(decodeState(`#${link}`, DEFAULTS)).toEqual(s);
    expect(encodeState(DEFAULTS, DEFAULTS)).toBe(`spec=${encodeURIComponent(DEFAULTS.specText).replace(/%20/g, "+")}`);
    expect(decodeState("#style=fancy&lang=xx&check=1", DEFAULTS)).toEqual(DEFAULTS);
  });
});

describe("the layer form", () => {
  // Every built-in by name (leaky-relu also with its slope), and a custom formula.
  const names: (string | { custom: string } | { name: string; alpha: number })[] = [
    ...ACTIVATION_NAMES,
    { custom: "x^3" },
    { name: "leaky-relu", alpha: 0.2 },
  ];
  it("writes specs that parseSpec reads as the form meant, and reads them back", () => {
    const r = rng(5);
    for (let n = 0; n < 200; n++) {
      const layers = Array.from({ length: 2 + Math.floor(r() * 4) }, () => 1 + Math.floor(r() * 4));
      const acts = layers.slice(1).map(() => names[Math.floor(r() * names.length)]);
      // Half the time from a spec that used "activations", once from one with other keys.
      const from =
        n % 2 === 0 ? { layers: [1, 1], activations: ["relu"], connections: "kept" } : { name: "x", layers: [1, 1], loss: "sse" };
      const spec = withLayers(from, layers, acts);
      expect(activationsOf(spec).map((a) => a.value)).toEqual(acts);
      expect(Object.hasOwn(spec, "activations")).toBe(
        n % 2 === 0 || !acts.slice(0, -1).every((a) => JSON.stringify(a) === JSON.stringify(acts[0])),
      );
      if (n % 2 === 0) expect(spec.connections).toBe("kept");
      else {
        expect(spec).toMatchObject({ name: "x", loss: "sse" });
        const net = buildNetwork(parseSpec(spec));
        expect(net.layers.slice(1).map((l) => l.activation!.id)).toEqual(
          acts.map((a) => (a === undefined || typeof a === "string" ? a : "name" in a ? a.name : "custom")),
        );
      }
    }
  });

  it("reads each layer's activation and the key it comes from, as parseSpec does", () => {
    expect(activationsOf({ layers: [3, 2, 2], activation: "relu", outputActivation: "softmax" })).toEqual([
      { value: "relu", source: "activation" },
      { value: "softmax", source: "outputActivation" },
    ]);
    expect(activationsOf({ layers: [3, 2, 2], activation: "tanh" })).toEqual([
      { value: "tanh", source: "activation" },
      { value: "tanh", source: "activation" },
    ]);
    expect(activationsOf({ layers: [3, 2, 2] }).map((a) => a.value)).toEqual(["sigmoid", "sigmoid"]);
    expect(activationsOf({ layers: [3, 2], activations: ["relu"] })).toEqual([{ value: "relu", source: "activations[0]" }]);
  });
});
