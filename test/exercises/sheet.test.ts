// Every answer of a sheet against what does not share its code: numeric answers recomputed from
// the exercise's own spec and params by the oracle (the forward definitions, and derivatives of E
// by complex steps or extrapolated central differences), derivation answers and spot-the-error
// formulas through the step checker, for the presets and seeded random layered and graph networks.
import { describe, expect, it } from "vitest";
import { parseBatch } from "../../src/check/params.js";
import { checkSteps } from "../../src/check/steps.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof, Step } from "../../src/derive/proof.js";
import { toLatex } from "../../src/expr/latex.js";
import { SHEET_FORMATS, sheetFiles } from "../../src/exercises/formats.js";
import { makeSheet } from "../../src/exercises/sheet.js";
import type { Sheet } from "../../src/exercises/types.js";
import { exampleParams } from "../../src/network/batch.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { forwardPass } from "../../src/oracle/forward.js";
import { rng } from "../../src/oracle/rng.js";
import { randomDag } from "../check/dag.js";
import { independent } from "./independent.js";
import { randomSpec } from "../check/fuzz-networks.js";
import { PRESETS, presetSpec, TOPOLOGY_PRESETS } from "../render/helpers.js";

const ALL_KINDS = ["numeric", "derivation", "spot-the-error", "mini-batch"] as const;

const r = rng(2207);
const NETWORKS: [string, unknown][] = [
  ...[...PRESETS, ...TOPOLOGY_PRESETS].map((n): [string, unknown] => [n, presetSpec(n)]),
  ...Array.from({ length: 3 }, (_, i): [string, unknown] => [`random layered ${i + 1}`, randomSpec(r)]),
  ...Array.from({ length: 3 }, (_, i): [string, unknown] => [`random graph ${i + 1}`, randomDag(r)]),
];

const sheets = new Map<string, { proof: Proof; sheet: Sheet }>();
function sheetOf(name: string, spec: unknown, seed = 1): { proof: Proof; sheet: Sheet } {
  const k = `${name}/${seed}`;
  let s = sheets.get(k);
  if (s === undefined) {
    const proof = derive(buildNetwork(parseSpec(spec)));
    s = { proof, sheet: makeSheet(proof, { seed, kinds: ALL_KINDS }) };
    sheets.set(k, s);
  }
  return s;
}

const alone = (proof: Proof, step: Step): Proof => ({
  ...proof,
  sections: [{ id: "remarks", title: "", blocks: [{ kind: "steps", steps: [step] }] }],
});

describe.each(NETWORKS)("the sheet of %s", (name, spec) => {
  it("has numeric, derivation and spot-the-error exercises, numbered e1, e2, ...", () => {
    const { sheet } = sheetOf(name, spec);
    const kinds = new Set(sheet.exercises.map((e) => e.kind));
    expect(kinds).toContain("numeric");
    expect(kinds).toContain("derivation");
    expect(kinds).toContain("spot-the-error");
    expect(sheet.exercises.filter((e) => e.source === "numeric").length).toBeGreaterThanOrEqual(5);
    expect(sheet.exercises.map((e) => e.id)).toEqual(sheet.exercises.map((_, i) => `e${i + 1}`));
  });

  it("every numeric answer equals an independent evaluation to 1e-9", () => {
    const { sheet } = sheetOf(name, spec);
    const numeric = sheet.exercises.filter((e) => e.kind === "numeric");
    expect(numeric.length).toBeGreaterThan(0);
    for (const e of numeric) {
      const { value, noise } = independent(e);
      // Complex steps are exact to rounding; a central difference (a ReLU on the way) estimates its own noise.
      expect(noise).toBeLessThan(1e-7);
      expect(Math.abs(e.answer.value! - value), `${e.id} ${JSON.stringify(e.quantity)}`).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(value)),
      );
      expect(Math.abs(e.answer.shown! - e.answer.value!)).toBeLessThanOrEqual(e.answer.tolerance!);
    }
  });

  it("every derivation answer is steps of the proof that all check", () => {
    const { proof, sheet } = sheetOf(name, spec);
    for (const e of sheet.exercises.filter((x) => x.kind === "derivation")) {
      const ids = e.answer.lines.map((l) => l.step.id);
      expect(ids.length).toBeGreaterThan(1);
      const report = checkSteps(proof, { only: new Set(ids), seed: 7 });
      expect(report.failed, e.id).toBe(0);
      // A matrix identity is checked through its entries (the lines after it), a definition holds by definition.
      const checks = ids.map((id) => report.checks.get(id)!);
      expect(
        checks.every((c) => c.status === "verified" || c.status === "definition"),
        `${e.id}: ${checks.map((c) => c.status).join(", ")}`,
      ).toBe(true);
      expect(checks.filter((c) => c.status === "verified").length).toBeGreaterThanOrEqual(Math.min(2, ids.length - 1));
    }
  });

  it("is written in every format; the HTML key sets every formula with KaTeX in strict mode", () => {
    const { sheet } = sheetOf(name, spec);
    for (const f of SHEET_FORMATS) {
      const files = sheetFiles(sheet, f);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expect(file.content).not.toContain("undefined");
    }
    const key = sheetFiles(sheet, "html").find((x) => x.name === "answers.html")!.content;
    expect(key).not.toContain("katex-error");
    expect((key.match(/class="katex"/g) ?? []).length).toBeGreaterThan(sheet.exercises.length);
  });

  it("a spot-the-error formula fails the step checker and its correction holds", () => {
    const { proof, sheet } = sheetOf(name, spec);
    for (const e of sheet.exercises.filter((x) => x.kind === "spot-the-error")) {
      expect(checkSteps(alone(proof, e.given[0]!.step), { seed: 11 }).failed, e.id).toBe(1);
      const right = checkSteps(alone(proof, e.answer.lines[0]!.step), { seed: 11 });
      expect(right.failed).toBe(0);
      expect(right.verified).toBe(1);
    }
  });
});

describe("seeds", () => {
  it("two seeds give the same exercises with other numbers, and one seed the same sheet again", () => {
    const one = sheetOf("seed", presetSpec("seed"), 1).sheet;
    const two = sheetOf("seed", presetSpec("seed"), 2).sheet;
    expect(JSON.stringify(two.parts[0]!.params)).not.toEqual(JSON.stringify(one.parts[0]!.params));
    const valuesOf = (s: Sheet) => s.exercises.flatMap((e) => (e.answer.value === undefined ? [] : [e.answer.value]));
    expect(valuesOf(two)).not.toEqual(valuesOf(one));
    // The same exercises: the same prompts (the mini-batch's holds its examples' numbers).
    const prompts = (s: Sheet) => s.exercises.filter((e) => e.source !== "mini-batch").map((e) => JSON.stringify(e.prompt));
    expect(prompts(two)).toEqual(prompts(one));
    const again = makeSheet(derive(buildNetwork(parseSpec(presetSpec("seed")))), { seed: 1, kinds: ALL_KINDS });
    expect(JSON.stringify(again)).toEqual(JSON.stringify(one));
  });

  it("the numbers have two decimals, and every ReLU of the seed's sheets is on", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { proof, sheet } = sheetOf("seed", presetSpec("seed"), seed);
      const p = sheet.parts[0]!.params as { inputs: number[]; weights: Record<string, Record<string, number>> };
      for (const v of [...p.inputs, ...Object.values(p.weights).flatMap((w) => Object.values(w))])
        expect(Math.round(v * 100) / 100).toBe(v);
      const pass = forwardPass(proof.network, exampleParams(parseBatch(proof.network, sheet.parts[0]!.params), 0));
      for (const k of [4, 5]) expect(pass.net[k]!).toBeGreaterThan(0.05);
    }
  });

  it("a worked error term or gradient names the equation of the notes it instantiates (BP1–BP4)", () => {
    const { sheet } = sheetOf("seed", presetSpec("seed"));
    const heads = sheet.exercises.filter((e) => e.source === "numeric").flatMap((e) => e.answer.lines.filter((l) => !l.step.continues));
    const tagOf = (latex: string) => heads.find((l) => toLatex(l.step.lhs) === latex)?.tag;
    expect(tagOf("\\delta_6")).toBe("BP1");
    expect(tagOf("\\delta_4")).toBe("BP2");
    expect(heads.filter((l) => l.step.lhs.kind === "sym" && l.step.lhs.name === "net").every((l) => l.tag === undefined)).toBe(true);
    const grads = heads.filter((l) => l.step.lhs.kind === "deriv");
    expect(grads.length).toBeGreaterThan(0);
    for (const g of grads) expect(g.tag).toBe(toLatex(g.step.lhs).includes("w_{b_") ? "BP4" : "BP3");
  });

  it("count caps the sheet and the kinds take turns", () => {
    const proof = sheetOf("seed", presetSpec("seed")).proof;
    const sheet = makeSheet(proof, { seed: 1, kinds: ALL_KINDS, count: 4 });
    expect(sheet.exercises.map((e) => e.source)).toEqual(["numeric", "derivation", "spot-the-error", "mini-batch"]);
  });
});
