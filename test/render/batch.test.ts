// The section "Training on a mini-batch" (src/derive/sections/batch.ts): where the documents show
// it, in both styles and languages; every formula passes KaTeX's strict mode; every step that is
// not a definition or notation is verified at batches of examples, and a wrong one fails; the
// documents that hold it compile (pdflatex in English, xelatex in zh-Hant).
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSteps } from "../../src/check/steps.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof, Section } from "../../src/derive/proof.js";
import * as b from "../../src/expr/build.js";
import { toLatex } from "../../src/expr/latex.js";
import { contentText } from "../../src/render/document.js";
import { FORMATS } from "../../src/render/formats.js";
import { katexError, latexErrors, networkOf, pdflatex, tempDir, tool } from "./helpers.js";

const LAYERED = { layers: [2, 3, 2], activation: "sigmoid", loss: "mse" };
const SOFTMAX = { layers: [3, 4, 3], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" };
const GRAPH = {
  inputs: 2,
  nodes: [
    { from: [1, 2], activation: "tanh" },
    { from: [1, 2, 3], activation: "sigmoid", bias: false },
    { from: [3, 4], activation: "sigmoid" },
    { from: [1, 4], activation: "sigmoid" },
  ],
  outputs: [5, 6],
  loss: "binary-cross-entropy",
  tied: [["w_5_4", "w_6_4"]],
};

const batchOf = (proof: Proof): Section => proof.sections.find((s) => s.id === "batch")!;
const proofOrder = (proof: Proof): string[] => proof.sections.map((s) => s.id);
const TITLES = { en: "Training on a mini-batch", "zh-Hant": "以小批次訓練" };

describe("where the section appears", () => {
  it.each([
    ["layered", LAYERED],
    ["graph", GRAPH],
  ])("%s: in the proof's appendix always; in the notes with a reduction or when asked", (_name, spec) => {
    for (const lang of ["en", "zh-Hant"] as const) {
      const plain = derive(networkOf(spec), { lang });
      expect(batchOf(plain)).toMatchObject({ title: TITLES[lang], part: "appendix", show: "proof" });
      for (const reduction of ["mean", "sum"]) {
        const given = derive(networkOf({ ...spec, reduction }), { lang });
        expect(batchOf(given).show).toBeUndefined();
        expect(proofOrder(given).at(-1)).toBe("batch");
      }
      expect(batchOf(derive(networkOf(spec), { lang, batch: true })).show).toBeUndefined();
      // In the rendered documents: the proof style has it, the notes only with a reduction.
      const md = (proof: Proof, style: "notes" | "proof"): string =>
        String(contentText(FORMATS.md({ proof }, { style }).find((f) => f.name === "derivation.md")!.content));
      expect(md(plain, "proof")).toContain(TITLES[lang]);
      expect(md(plain, "notes")).not.toContain(TITLES[lang]);
      const notes = md(derive(networkOf({ ...spec, reduction: "mean" }), { lang }), "notes");
      expect(notes).toContain(TITLES[lang]);
      // In the body of the notes, before the appendix.
      expect(notes.indexOf(TITLES[lang])).toBeLessThan(notes.indexOf(lang === "en" ? "Appendix" : "附錄"));
    }
  });

  it("states the mean's 1/n, the sum without it, and the matrix form for layered networks only", () => {
    const latex = (s: Section): string[] =>
      s.blocks.flatMap((blk) => (blk.kind === "steps" ? [...blk.steps].map((st) => `${toLatex(st.lhs)} = ${toLatex(st.rhs)}`) : []));
    const mean = latex(batchOf(derive(networkOf(LAYERED))));
    expect(mean).toContain("E = \\frac{1}{n} \\sum_{d=1}^{n} E_d");
    expect(mean).toContain("\\frac{\\partial E}{\\partial w_{kj}} = \\frac{1}{n} \\sum_{d=1}^{n} \\delta_k^{(d)} y_j^{(d)}");
    expect(mean).toContain("\\nabla_{W^{(2)}} E = \\frac{1}{n} \\Delta^{(2)} \\cdot \\tilde{X}^{(1)T}");
    expect(mean).toContain("\\Delta^{(1)} = f'\\left(NET^{(1)}\\right) \\odot \\left(\\bar{W}^{(2)T} \\cdot \\Delta^{(2)}\\right)");
    const sum = latex(batchOf(derive(networkOf({ ...LAYERED, reduction: "sum" }))));
    expect(sum).toContain("E = \\sum_{d=1}^{n} E_d");
    expect(sum).toContain("w_{kj} = w_{kj} - \\eta \\sum_{d=1}^{n} \\delta_k^{(d)} y_j^{(d)}");
    const graph = latex(batchOf(derive(networkOf(GRAPH))));
    expect(graph.some((s) => s.includes("\\Delta"))).toBe(false);
  });
});

describe("the section's formulas and steps", () => {
  it.each([
    ["sigmoid, mse", LAYERED],
    ["relu, softmax, cross-entropy, sum", { ...SOFTMAX, reduction: "sum" }],
    ["a graph with a tie", GRAPH],
  ])("%s: KaTeX strict, every checked step verified", (_name, spec) => {
    for (const lang of ["en", "zh-Hant"]) {
      const proof = derive(networkOf(spec), { lang });
      const section = batchOf(proof);
      const formulas: string[] = [];
      for (const blk of section.blocks) {
        if (blk.kind === "text") for (const c of blk.content) if ("math" in c) formulas.push(toLatex(c.math));
        if (blk.kind === "steps") for (const st of blk.steps) formulas.push(toLatex(st.lhs), toLatex(st.rhs));
      }
      expect(formulas.map(katexError).filter((e) => e !== undefined)).toEqual([]);
      if (lang !== "en") continue;
      const r = checkSteps(proof, { seed: 3, points: 2 });
      const ids = section.blocks.flatMap((blk) => (blk.kind === "steps" ? [...blk.steps] : []));
      const statuses = ids.map((st) => [st, r.checks.get(st.id)!.status] as const);
      // Definitions, notation and the matrix form say so; every other step is verified.
      for (const [st, status] of statuses) {
        const unchecked = st.relation === "define" || st.rule === "notation" || st.lhs.kind === "tensor";
        expect(status, st.label).toBe(unchecked ? "definition" : "verified");
      }
      expect(statuses.filter(([, s]) => s === "verified").length).toBeGreaterThanOrEqual(3);
    }
  });

  it("a wrong step fails: the mean without its 1/n, and another example's output", () => {
    const proof = derive(networkOf(LAYERED));
    const section = batchOf(proof);
    const target = section.blocks
      .flatMap((blk) => (blk.kind === "steps" ? [...blk.steps] : []))
      .find((st) => st.label === "the gradient of each example, by the chain rule above")!;
    const d = b.example(b.ivar("d"));
    const wrongs = [
      b.sum("d", b.EXAMPLES, b.mul(b.sym("delta", b.ivar("k"), d), b.sym("y", b.ivar("j"), d))),
      b.mul(
        b.pow(b.sym("n"), b.MINUS_ONE),
        b.sum("d", b.EXAMPLES, b.mul(b.sym("delta", b.ivar("k"), d), b.sym("y", b.ivar("j"), b.example(b.node(1))))),
      ),
    ];
    for (const rhs of wrongs) {
      const sections = proof.sections.map((s) =>
        s.id !== "batch"
          ? s
          : {
              ...s,
              blocks: s.blocks.map((blk) =>
                blk.kind === "steps" ? { ...blk, steps: [...blk.steps].map((st) => (st.id === target.id ? { ...st, rhs } : st)) } : blk,
              ),
            },
      );
      const r = checkSteps({ ...proof, sections }, { seed: 3, points: 2, only: new Set([target.id]) });
      expect(r.checks.get(target.id)!.status).toBe("failed");
    }
  });
});

const hasLatex = tool("pdflatex", ["--version"]);
const hasXelatex = tool("xelatex", ["--version"]);

function write(spec: object, lang: string, style: "notes" | "proof"): string {
  const dir = tempDir();
  const proof = derive(networkOf(spec), { lang });
  for (const f of FORMATS.tex({ proof }, { style })) writeFileSync(join(dir, f.name), contentText(f.content));
  return dir;
}

describe.skipIf(!hasLatex)("pdflatex", { timeout: 120_000 }, () => {
  it.each(["notes", "proof"] as const)("the English %s with the section compile", async (style) => {
    const dir = write({ ...LAYERED, reduction: "mean" }, "en", style);
    const r = await pdflatex(dir, "derivation.tex");
    expect(latexErrors(r.log)).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "derivation.tex"), "utf8")).toContain(TITLES.en);
  });
});

describe.skipIf(!hasXelatex)("xelatex", { timeout: 120_000 }, () => {
  it.each(["notes", "proof"] as const)("the zh-Hant %s with the section compile", async (style) => {
    const dir = write({ ...LAYERED, reduction: "sum" }, "zh-Hant", style);
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn("xelatex", ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "derivation.tex"], { cwd: dir });
      child.stdout.on("data", () => undefined);
      child.on("close", resolve);
    });
    const log = readFileSync(join(dir, "derivation.log"), "utf8");
    expect(latexErrors(log)).toBe("");
    expect(code).toBe(0);
    expect(log).not.toMatch(/Missing character/);
    expect(readFileSync(join(dir, "derivation.tex"), "utf8")).toContain(TITLES["zh-Hant"]);
  });
});
