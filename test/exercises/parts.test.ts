// A sheet over several networks: exercises numbered through the parts, each numeric one
// recomputable from its own spec and params; and the key's equation numbers, which must be
// numbers the notes of that network show (in every format the same).
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive/derive.js";
import type { Proof } from "../../src/derive/proof.js";
import { sheetFiles } from "../../src/exercises/formats.js";
import { makeSheet } from "../../src/exercises/sheet.js";
import type { Sheet } from "../../src/exercises/types.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { rng } from "../../src/oracle/rng.js";
import { notesNumbers } from "../../src/render/notes-numbers.js";
import { md as mdRenderer } from "../../src/render/renderers.js";
import { contentText } from "../../src/render/document.js";
import { randomSpec } from "../check/fuzz-networks.js";
import { presetSpec } from "../render/helpers.js";
import { independent } from "./independent.js";

const KINDS = ["numeric", "derivation", "spot-the-error"] as const;
const specs = [presetSpec("seed"), presetSpec("tanh-mse"), randomSpec(rng(4711))];
const proofs: Proof[] = specs.map((s) => derive(buildNetwork(parseSpec(s))));
const sheet: Sheet = makeSheet(proofs, { seed: 5, kinds: KINDS, numbers: proofs.map(notesNumbers) });

describe("a sheet over several networks", () => {
  it("has a part per network, its exercises numbered through with unique ids", () => {
    expect(sheet.parts).toHaveLength(3);
    const ids = sheet.exercises.map((e) => e.id);
    expect(ids).toEqual(ids.map((_, i) => `e${i + 1}`));
    expect(sheet.parts.flatMap((p) => p.exercises.map((e) => e.id))).toEqual(ids);
    sheet.parts.forEach((p, i) => {
      expect(p.exercises.length).toBeGreaterThan(2);
      for (const e of p.exercises) expect(e.spec).toEqual(proofs[i]!.network.spec.source);
    });
    const json = JSON.parse(sheetFiles(sheet, "json")[0]!.content) as { exercises: { id: string }[] };
    expect(new Set(json.exercises.map((e) => e.id)).size).toBe(sheet.exercises.length);
  });

  it("each numeric answer equals an independent evaluation at its own spec and params to 1e-9", () => {
    const numeric = sheet.exercises.filter((e) => e.kind === "numeric");
    expect(new Set(numeric.map((e) => JSON.stringify(e.spec))).size).toBe(3);
    for (const e of numeric) {
      const { value, noise } = independent(e);
      expect(noise).toBeLessThan(1e-7);
      expect(Math.abs(e.answer.value! - value), e.id).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value)));
    }
  });

  it("shares --count out over the parts", () => {
    const capped = makeSheet(proofs, { seed: 5, kinds: KINDS, count: 5 });
    expect(capped.parts.map((p) => p.exercises.length)).toEqual([2, 2, 1]);
    expect(capped.exercises.map((e) => e.id)).toEqual(["e1", "e2", "e3", "e4", "e5"]);
  });

  it("writes a heading per network in the sheet and the key", () => {
    const md = sheetFiles(sheet, "md").find((f) => f.name === "answers.md")!.content;
    expect(md.match(/^## Network \d$/gm)).toEqual(["## Network 1", "## Network 2", "## Network 3"]);
    expect(md.match(/^### Exercise \d+$/gm)).toHaveLength(sheet.exercises.length);
  });
});

describe("the key's equation numbers", () => {
  it("are numbers the notes of the network show, on every derivation and most numeric answers", () => {
    sheet.parts.forEach((part, i) => {
      const md = String(contentText(mdRenderer({ proof: proofs[i]! }, {}).find((f) => f.name === "derivation.md")!.content));
      const shown = new Set([...md.matchAll(/\\text\{\(([^)]+)\)\}/g)].map((m) => m[1]!));
      expect(shown.size).toBeGreaterThan(5);
      for (const e of part.exercises) {
        const tags = e.answer.lines.flatMap((l) => (l.tag === undefined ? [] : [l.tag]));
        if (e.kind === "derivation") expect(tags.length, e.id).toBeGreaterThan(0);
        for (const t of tags) expect(shown, `${e.id} cites (${t})`).toContain(t);
      }
      const cited = part.exercises.filter((e) => e.kind === "numeric" && e.answer.lines.some((l) => l.tag !== undefined));
      expect(cited.length).toBeGreaterThanOrEqual(part.exercises.filter((e) => e.kind === "numeric").length - 1);
    });
  });

  it("a worked line cites the notes' equation whose left side it evaluates", () => {
    const seed = sheet.parts[0]!;
    const numbers = notesNumbers(proofs[0]!);
    const byNumber = new Map<string, string>();
    for (const s of proofs[0]!.sections)
      for (const b of s.blocks)
        if (b.kind === "steps")
          for (const st of b.steps) {
            const n = numbers.get(st.id);
            if (n !== undefined) byNumber.set(n, st.lhs.kind === "deriv" ? "deriv" : st.lhs.kind === "sym" ? st.lhs.name : st.lhs.kind);
          }
    for (const e of seed.exercises.filter((x) => x.kind === "numeric"))
      for (const l of e.answer.lines.filter((x) => x.tag !== undefined && !x.step.continues)) {
        const lhs = l.step.lhs;
        const name = lhs.kind === "deriv" ? "deriv" : lhs.kind === "sym" ? lhs.name : lhs.kind;
        // The chain the number closes may start from another left side (δ_k = ... = y_k − t_k).
        expect(["net", "y", "E", "delta", "deriv", "w"]).toContain(name);
        expect(byNumber.has(l.tag!), `(${l.tag})`).toBe(true);
      }
  });

  it("are the same in tex, html and md", () => {
    const tags = sheet.exercises.flatMap((e) => e.answer.lines.flatMap((l) => (l.tag === undefined ? [] : [`(\\text{${l.tag}})`])));
    expect(tags.length).toBeGreaterThan(10);
    const count = (s: string, t: string): number => s.split(t).length - 1;
    const tex = sheetFiles(sheet, "tex").find((f) => f.name === "answers.tex")!.content;
    const md = sheetFiles(sheet, "md").find((f) => f.name === "answers.md")!.content;
    const html = sheetFiles(sheet, "html").find((f) => f.name === "answers.html")!.content;
    for (const t of new Set(tags)) {
      const n = tags.filter((x) => x === t).length;
      expect(count(tex, t), t).toBe(n);
      expect(count(md, t), t).toBe(n);
      // KaTeX writes the MathML annotation with the source: each tag once there.
      expect(count(html, t), t).toBe(n);
    }
  });
});
