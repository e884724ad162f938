// derivation.json, format 3: compact and complete. Decoded as a consumer would (json-decode.ts),
// it gives back every step of the proof with its relation, rule, label, forms and check; the
// per-node results are written out once (in "results", which steps name), and every weight's
// update is one index-form rule, not written out per weight. A [784,128,10] network fits 25 MB.
import { describe, expect, it } from "vitest";
import { checkSteps } from "../../src/check/steps.js";
import { derive } from "../../src/derive/derive.js";
import type { Step } from "../../src/derive/proof.js";
import { toLatex } from "../../src/expr/latex.js";
import { key } from "../../src/expr/key.js";
import { toText } from "../../src/expr/text.js";
import { FORMATS } from "../../src/render/formats.js";
import { proofJson } from "../../src/render/json.js";
import { decodeSteps } from "./json-decode.js";
import { networkOf, PRESETS } from "./helpers.js";
import { contentText } from "../../src/render/document.js";

const stepsOf = (proof: ReturnType<typeof derive>): Step[] =>
  proof.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "steps" ? [...b.steps] : [])));

describe("derivation.json decodes to every step of the proof", () => {
  it.each([...PRESETS, { layers: [4, 6, 5, 3], activation: "tanh", outputActivation: "softmax", loss: "cross-entropy" }])("%j", (spec) => {
    const proof = derive(networkOf(spec));
    const checks = checkSteps(proof, { seed: 2, points: 1 }).checks;
    const doc = JSON.parse(JSON.stringify(proofJson(proof, undefined, checks))) as {
      format: number;
      results: {
        nodes: Record<string, { delta: { latex: string; text: string } }>;
        weights: Record<string, Record<string, { gradient: { latex: string } }>>;
      };
    };
    expect(doc.format).toBe(3);
    const decoded = decodeSteps(doc);
    const steps = stepsOf(proof);
    expect(decoded.map((s) => s.id)).toEqual(steps.map((s) => s.id));
    const updates = new Set([...proof.results.params].map((p) => key(p.update)));
    for (const [i, s] of steps.entries()) {
      const d = decoded[i]!;
      expect([d.relation, d.rule, d.label], s.id).toEqual([s.relation, s.rule, s.label]);
      expect(d.continues).toBe(s.continues);
      expect(d.forall.map((f) => f.index)).toEqual(s.forall.map((f) => f.index));
      const c = checks.get(s.id)!;
      expect(d.check, s.id).toMatchObject({ status: c.status, method: c.method });
      if (d.instanceOf !== undefined) {
        // An update, w - eta dE/dw, stated by the index-form steps the block names.
        expect(updates.has(key(s.rhs))).toBe(true);
        for (const id of d.instanceOf) expect(steps.find((x) => x.id === id)!.relation).toBe("update");
      } else if (d.result !== undefined) {
        const [, node] = /^nodes\.(\d+)\.delta$/.exec(d.result)!;
        expect(doc.results.nodes[node!]!.delta.latex).toBe(toLatex(s.rhs));
        expect(proof.results.delta.get(Number(node))).toEqual(s.rhs);
      } else {
        expect(d.lhs).toEqual({ latex: toLatex(s.lhs), text: toText(s.lhs) });
        expect(d.rhs).toEqual({ latex: toLatex(s.rhs), text: toText(s.rhs) });
      }
    }
    // Every weight's gradient is written out once, in results.
    for (const p of proof.results.params) expect(doc.results.weights[p.to]![String(p.from)]!.gradient.latex).toBe(toLatex(p.gradient));
  });
});

describe("the JSON of a large network", () => {
  it("writes [784, 128, 10] in at most 25 MB, on one line", () => {
    const proof = derive(networkOf({ layers: [784, 128, 10], activation: "sigmoid", loss: "mse" }));
    const [file] = FORMATS.json({ proof, unchecked: true }, {});
    const bytes = Buffer.byteLength(contentText(file!.content) as string);
    console.log(`derivation.json of [784, 128, 10]: ${(bytes / 1e6).toFixed(1)} MB`);
    expect(bytes).toBeLessThanOrEqual(25_000_000);
    expect((contentText(file!.content) as string).trimEnd().includes("\n")).toBe(false);
  });
});
