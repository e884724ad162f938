// The spec's and the params' schemas (src/network/schema.ts): one definition validates them and
// is emitted as JSON Schema; values from the library (BigInt, sparse arrays, huge or multi-line
// keys, deep nesting) are refused with one bounded InputError; so are bad library options.
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive/derive.js";
import { InputError } from "../../src/errors.js";
import { buildNetwork } from "../../src/network/graph.js";
import { schemaJson, SPEC_SHAPE } from "../../src/network/schema.js";
import { parseSpec } from "../../src/network/spec.js";
import { parseParams } from "../../src/check/params.js";
import { FORMATS } from "../../src/render/formats.js";
import { ACTIVATIONS, LOSSES } from "../../src/rules/registry.js";

function refusal(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw new Error(`threw ${(e as Error).name}: ${(e as Error).message.slice(0, 200)}`);
  }
  throw new Error("accepted");
}

const nested = (depth: number): unknown => {
  let v: unknown = 3;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

describe("values only a library caller can pass", () => {
  const cases: [string, unknown, string][] = [
    ["a BigInt layer size", { layers: [3n, 2] }, "layers[0]"],
    // biome-ignore lint/suspicious/noSparseArray: the hole is the bad input under test
    ["a sparse layers array", { layers: [3, , 2] }, "layers[1]"],
    ["layers[0] nested 5000 deep", { layers: [nested(5000), 2] }, "layers[0]"],
    ["a 5 MB unknown key", { layers: [3, 2], ["k".repeat(5_000_000)]: 1 }, "kkkk"],
    ["an unknown key with newlines", { layers: [3, 2], "a\nb\nc": 1 }, "a\\nb\\nc"],
    ["a newline in name", { layers: [3, 2], name: "two\nlines" }, "name"],
    ["a control character in name", { layers: [3, 2], name: "bell\u0007" }, "name"],
    ["a name of 10,000 characters", { layers: [3, 2], name: "n".repeat(10_000) }, "name"],
    [
      "a formula of 3,000+ terms",
      { layers: [3, 2], activation: { custom: Array.from({ length: 3001 }, () => "x").join("+") } },
      "activation.custom",
    ],
  ];
  it.each(cases)("%s", (_what, input, field) => {
    const e = refusal(() => parseSpec(input));
    expect(e.field.startsWith(field)).toBe(true);
    expect(e.message.length).toBeLessThan(300);
    expect(e.message).not.toContain("\n");
  });

  it("names a parameter's structural problem from the params schema", () => {
    const network = buildNetwork(parseSpec({ layers: [1, 1] }));
    expect(refusal(() => parseParams(network, { inputs: [1], targets: [0.5], eta: 0.1, weights: { "2": { "1": 1n, b: 0 } } })).field).toBe(
      "params.weights.2.1",
    );
    expect(refusal(() => parseParams(network, { inputs: [1], targets: [0.5], eta: 0.1, weights: [] })).field).toBe("params.weights");
    expect(refusal(() => parseParams(network, { inputs: [1], targets: [0.5], weights: {} })).message).toBe(
      "params.eta: is required: a finite number (the learning rate)",
    );
  });
});

describe("library options", () => {
  const proof = derive(buildNetwork(parseSpec({ layers: [2, 2, 1] })));
  it.each([
    ["derive lang", () => derive(proof.network, { lang: "fr" }), "options.lang"],
    ["derive unknown option", () => derive(proof.network, { language: "en" } as never), "options.language"],
    ["expand -5", () => FORMATS.md({ proof }, { expand: -5 }), "options.expand"],
    ["expand 2.5", () => FORMATS.tex({ proof }, { expand: 2.5 }), "options.expand"],
    ["fragment as a string", () => FORMATS.html({ proof }, { fragment: "yes" } as never), "options.fragment"],
    ["a template path instead of a template", () => FORMATS.json({ proof }, { template: "my.json.njk" } as never), "options.template"],
    ["no proof", () => FORMATS.json({} as never, {}), "input"],
  ] as const)("%s", (_what, f, field) => {
    expect(refusal(f).field).toBe(field);
  });
});

describe("the JSON Schema", () => {
  it("is generated from the definitions that validate specs", () => {
    const spec = schemaJson("spec") as {
      properties: Record<string, { anyOf?: { enum?: string[] }[]; items?: { maximum: number } }>;
      additionalProperties: boolean;
      oneOf: { required: string[] }[];
    };
    expect(Object.keys(spec.properties).sort()).toEqual(Object.keys(SPEC_SHAPE).sort());
    expect(spec.additionalProperties).toBe(false);
    // The layered form, the graph form, the convolutional form or the recurrent form.
    expect(spec.oneOf.map((f) => f.required)).toEqual([["layers"], ["inputs", "nodes", "outputs"], ["shape", "stack"], ["recurrent"]]);
    expect(spec.properties.activation!.anyOf![0]!.enum).toEqual(Object.keys(ACTIVATIONS));
    expect(spec.properties.loss!.anyOf![0]!.enum).toEqual(Object.keys(LOSSES));
    const { anyOf } = schemaJson("params") as {
      anyOf: {
        required: string[];
        oneOf: { required: string[] }[];
        properties: Record<string, { minItems?: number; maxItems?: number }>;
      }[];
    };
    const [params, recurrent] = anyOf as [(typeof anyOf)[number], (typeof anyOf)[number]];
    // The recurrent form's params: its own shapes, h0 optional.
    expect(recurrent.required.sort()).toEqual(["eta", "inputs", "targets", "weights"]);
    expect(params.required.sort()).toEqual(["eta", "weights"]);
    // One example, or a mini-batch of 1 to 10,000.
    expect(params.oneOf.map((f) => f.required)).toEqual([["inputs", "targets"], ["examples"]]);
    expect([params.properties.examples!.minItems, params.properties.examples!.maxItems]).toEqual([1, 10_000]);
    expect((spec.properties.reduction as { enum?: string[] }).enum).toEqual(["mean", "sum"]);
  });
});
