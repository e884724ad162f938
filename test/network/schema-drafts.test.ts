// The JSON Schemas as a validator reads them: both drafts (2020-12 and draft-07) compile under
// Ajv's strict mode, and accept and refuse what the library's own parser accepts and refuses.
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { paramsToJson, randomParams } from "../../src/check/params.js";
import { buildNetwork } from "../../src/network/graph.js";
import { schemaJson } from "../../src/network/schema.js";
import { parseSpec } from "../../src/network/spec.js";
import { rng } from "../../src/oracle/rng.js";
import { presets } from "../../src/render/presets.js";

const DRAFTS = [
  { target: "draft-2020-12", uri: /\/draft\/2020-12\/schema$/, ajv: () => new Ajv2020({ strict: true }) },
  { target: "draft-7", uri: /\/draft-07\/schema#$/, ajv: () => new Ajv({ strict: true }) },
] as const;

const parses = (spec: unknown): boolean => {
  try {
    parseSpec(spec);
    return true;
  } catch {
    return false;
  }
};

/** Specs that fail on their shape alone (what a schema can say). */
const BAD_SPECS: readonly unknown[] = [
  {},
  { layers: "3,2,2" },
  { layers: [3, 2, 2], activation: "swish-ish" },
  { layers: [3, 2, 2], colour: "red" },
  { layers: [3, 2, 2], loss: 7 },
  { inputs: 2, nodes: [{ from: [1, 2] }] },
  { layers: [3, 0, 2] },
  { shape: [1, 4, 4], stack: [{ conv: { filters: 1, kernel: 2, stride: 0 } }] },
  { shape: [1, 4, 4, 4], stack: [{ dense: 2 }] },
  { shape: [1, 4], stack: [{ conv: { filters: 1, kernel: 2 }, colour: "red" }] },
];

describe.each(DRAFTS)("the $target schemas", ({ target, uri, ajv }) => {
  const spec = schemaJson("spec", target);
  const params = schemaJson("params", target);
  const validSpec = ajv().compile(spec);
  const validParams = ajv().compile(params);

  it("name their draft and compile under Ajv's strict mode", () => {
    expect(spec.$schema).toMatch(uri);
    expect(params.$schema).toMatch(uri);
  });

  it("accept every preset and its seeded random params, as the parser does", () => {
    const all = Object.entries(presets());
    expect(all.length).toBeGreaterThan(5);
    for (const [name, p] of all) {
      expect(validSpec(p), `${name}: ${JSON.stringify(validSpec.errors)}`).toBe(true);
      const network = buildNetwork(parseSpec(p));
      const json = paramsToJson(network, randomParams(network, rng(name.length)));
      expect(validParams(json), `${name} params: ${JSON.stringify(validParams.errors)}`).toBe(true);
    }
  });

  it.each(BAD_SPECS.map((s) => [JSON.stringify(s), s]))("refuse %s, as the parser does", (_text, bad) => {
    expect(parses(bad)).toBe(false);
    expect(validSpec(bad)).toBe(false);
  });

  it("refuse params without their required keys", () => {
    expect(validParams({ inputs: [1], targets: [0], eta: 0.5 })).toBe(false);
    expect(validParams({ inputs: [1], targets: [0], eta: 0.5, weights: {}, extra: 1 })).toBe(false);
  });
});
