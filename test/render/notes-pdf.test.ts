// The notes as pdflatex sets them: their length (pdfinfo), a host document that loads exactly
// the packages of the fragment's "% needs:" line, two fragments with different label prefixes
// in one host, and the documents that used to stop TeX: 200 layers (the TikZ picture), a
// formula nested as deep as a spec allows (TeX's buffer and its largest dimension), a name that pdflatex cannot
// typeset in English. Under CI a missing pdflatex or pdfinfo fails this file; elsewhere it is
// skipped with a message.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive/derive.js";
import { FORMATS, type RenderOptions } from "../../src/render/formats.js";
import { MAX_FORMULA_DEPTH } from "../../src/rules/parse.js";
import { checked, networkOf, tempDir, tool } from "./helpers.js";
import { contentText } from "../../src/render/document.js";

const hasTools = tool("pdflatex", ["--version"]) && tool("pdfinfo", ["-v"]);

function pdflatex(dir: string, file: string): Promise<{ code: number | null; log: string }> {
  return new Promise((resolve) => {
    const child = spawn("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", file], { cwd: dir });
    child.stdout.on("data", () => undefined);
    child.on("close", (code) => {
      const logFile = join(dir, file.replace(/\.tex$/, ".log"));
      resolve({ code, log: existsSync(logFile) ? readFileSync(logFile, "latin1") : "" });
    });
  });
}

const pages = (dir: string, file = "derivation.pdf"): number =>
  Number(/Pages:\s+(\d+)/.exec(spawnSync("pdfinfo", [join(dir, file)], { encoding: "utf8" }).stdout)?.[1]);

const errors = (log: string): string =>
  log
    .split("\n")
    .filter((l) => /^!/.test(l))
    .join("\n");

/** The document of a spec written to a fresh folder, compiled twice (for the references). */
async function compiled(spec: string | object, options: RenderOptions = {}): Promise<{ dir: string; log: string; code: number | null }> {
  const dir = tempDir();
  // With the gradient check, as users get the documents (its table is in the appendix); the
  // 200-layer network without it (a gradient check there is the benchmark's business).
  const input =
    typeof spec === "object" && (spec as { layers: number[] }).layers.length > 20 ? { proof: derive(networkOf(spec)) } : checked(spec);
  for (const f of FORMATS.tex(input, options)) writeFileSync(join(dir, f.name), contentText(f.content));
  await pdflatex(dir, "derivation.tex");
  return { dir, ...(await pdflatex(dir, "derivation.tex")) };
}

describe.skipIf(!hasTools)("the notes in pdflatex", { timeout: 120_000 }, () => {
  it("the seed network's notes take at most 7 pages without a worked example; each further hidden layer adds less than one", async () => {
    const [seed, one, three, wide] = await Promise.all([
      compiled("seed"),
      compiled({ layers: [3, 2, 2], activation: "sigmoid", loss: "mse" }),
      compiled({ layers: [3, 2, 2, 2, 2], activation: "sigmoid", loss: "mse" }),
      compiled({ layers: [2, 3, 3, 2], activation: "sigmoid", loss: "mse" }),
    ]);
    for (const r of [seed, one, three, wide]) expect(errors(r.log)).toBe("");
    expect(pages(seed.dir)).toBeLessThanOrEqual(7);
    expect(pages(three.dir) - pages(one.dir)).toBeLessThan(2);
    expect(pages(wide.dir)).toBeLessThanOrEqual(7);
    // The references resolve: no "??" in the log's warnings.
    expect(seed.log).not.toMatch(/undefined references|Reference .* undefined/);
  });

  it("the proof style is longer and still compiles", async () => {
    const r = await compiled("seed", { style: "proof" });
    expect(errors(r.log)).toBe("");
    expect(pages(r.dir)).toBeGreaterThan(6);
  });

  it("a host that loads exactly the packages of the fragment's first line compiles it, and two fragments with different prefixes live in one host", async () => {
    const dir = tempDir();
    const a = String(
      contentText(
        FORMATS.tex(checked("seed"), { fragment: true, labelPrefix: "first", sectionLevel: "subsection", appendix: "include" })[0]!.content,
      ),
    );
    const b = String(
      contentText(
        FORMATS.tex(checked("sigmoid-mse"), { fragment: true, labelPrefix: "second", sectionLevel: "subsection", appendix: "include" })[0]!
          .content,
      ),
    );
    const needs = /^% needs: (\\usepackage\{[^}]+\})$/m.exec(a.split("\n")[0]!)?.[1];
    expect(needs).toBe("\\usepackage{amsmath,amssymb,booktabs,tikz}");
    writeFileSync(join(dir, "a.tex"), a);
    writeFileSync(join(dir, "b.tex"), b);
    writeFileSync(
      join(dir, "host.tex"),
      [
        "\\documentclass{article}",
        needs!,
        "\\begin{document}",
        "\\section{Two networks}",
        "\\input{a}",
        "\\input{b}",
        "See \\eqref{first:bp1} and \\eqref{second:bp1}, and Lemma~\\ref{first:lemma-2} and Lemma~\\ref{second:lemma-1}.",
        "\\end{document}",
        "",
      ].join("\n"),
    );
    await pdflatex(dir, "host.tex");
    const r = await pdflatex(dir, "host.tex");
    expect(errors(r.log)).toBe("");
    expect(r.code).toBe(0);
    expect(r.log).not.toMatch(/multiply defined/);
    expect(r.log).not.toMatch(/undefined references/);
    // Each fragment's lemmas are numbered from 1, and the host's references read them.
    const words = spawnSync("pdftotext", [join(dir, "host.pdf"), "-"], { encoding: "utf8" }).stdout.replace(/\s+/g, " ");
    expect(words).toMatch(/and Lemma 2 and Lemma 1\./);
    expect(words).toMatch(/by Lemma 1:/);
    expect(words).not.toMatch(/\?\?/);
  });

  it("compiles a network of 200 layers, a formula nested as deep as a spec allows, and a name in scripts pdflatex cannot set in English", async () => {
    // The deepest formula a spec allows (MAX_FORMULA_DEPTH levels): its derivative is a product of as
    // many factors, each nested as deep, which no single line of TeX could hold.
    const nested = `${"sin(".repeat(MAX_FORMULA_DEPTH)}x${")".repeat(MAX_FORMULA_DEPTH)}`;
    const [deep, formula] = await Promise.all([
      compiled({ layers: Array.from({ length: 200 }, () => 1), activation: "tanh", loss: "mse" }),
      compiled({ layers: [1, 1], activations: [{ custom: nested }], loss: "mse", name: "网络 \u{1F600} é" }),
    ]);
    expect(errors(deep.log)).toBe("");
    expect(deep.code).toBe(0);
    expect(errors(formula.log)).toBe("");
    expect(formula.code).toBe(0);
    // No line of the file is near TeX's buffer (200 000 characters).
    const tex = readFileSync(join(formula.dir, "derivation.tex"), "utf8");
    expect(Math.max(...tex.split("\n").map((l) => l.length))).toBeLessThan(20_000);
    expect(tex).toContain("[U+1F600]");
  });
});

const hasXelatex = tool("xelatex", ["--version"]);

describe.skipIf(!hasXelatex)("the zh-Hant notes in xelatex", { timeout: 120_000 }, () => {
  it("compile with xeCJK and a Noto CJK font, dropping no character", async () => {
    const dir = tempDir();
    for (const f of FORMATS.tex(checked("seed", "zh-Hant"), {})) writeFileSync(join(dir, f.name), contentText(f.content));
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn("xelatex", ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "derivation.tex"], { cwd: dir });
      child.stdout.on("data", () => undefined);
      child.on("close", resolve);
    });
    const log = readFileSync(join(dir, "derivation.log"), "utf8");
    expect(errors(log)).toBe("");
    expect(code).toBe(0);
    expect(log).toContain("xeCJK");
    expect(log).not.toMatch(/Missing character/);
    // The Chinese text is in the PDF: its font is a CJK one.
    expect(spawnSync("pdffonts", [join(dir, "derivation.pdf")], { encoding: "utf8" }).stdout).toMatch(/NotoSerifCJK/);
  });
});
