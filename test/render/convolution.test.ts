// The documents of a convolutional network in kernel and feature-map language (presets conv1d,
// conv2d and seeded random specs: 1-D and 2-D, stride 1-2, padding 0-1, 1-3 channels): every
// formula passes KaTeX strict in notes and proof, English and zh-Hant; every step of the proof
// (the scalar entries of the section among them) is checked with none failed; the section says
// what it derives (the total derivative over the windows, the flipped kernel, the dilated error
// terms with a stride, the kernel's gradient as a sum over positions) and never speaks of rows
// for a 1-D map; the notes, with a worked example, compile with pdflatex / xelatex and stay
// within 11 pages (the body in 9).
// Under CI a missing pdflatex, xelatex or pdfinfo fails this file; elsewhere the compilations are skipped.
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { randomParams } from "../../src/check/params.js";
import { checkSteps } from "../../src/check/steps.js";
import { withWorkedExample } from "../../src/check/worked.js";
import { parseSpec } from "../../src/network/spec.js";
import { rng } from "../../src/oracle/rng.js";
import { contentText, FORMATS, type OutputFile } from "../../src/render/formats.js";
import { checked, katexError, mdFormulas, proved, tempDir, texFormulas, tool } from "./helpers.js";

const text = (files: OutputFile[], name: string): string => String(contentText(files.find((x) => x.name === name)!.content));

/** A seeded random convolutional spec that the form accepts: 1-D when the seed is even. */
function randomSpec(seed: number): Record<string, unknown> {
  const r = rng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const dims = seed % 2 === 0 ? 1 : 2;
  for (;;) {
    const C = int(1, 3);
    const w = int(4, dims === 1 ? 8 : 6);
    const shape = dims === 1 ? [C, w] : [C, int(3, 6), w];
    const convs = int(1, 2);
    const stack: Record<string, unknown>[] = Array.from({ length: convs }, () => ({
      conv: { filters: int(1, 3), kernel: int(2, 3), stride: int(1, 2), padding: int(0, 1) },
      activation: ["tanh", "sigmoid", "relu"][int(0, 2)],
    }));
    // One case at least with a stride and one with padding, whatever the draws.
    if (seed % 3 === 0) (stack[0]!.conv as { stride: number }).stride = 2;
    if (seed % 3 === 1) (stack[0]!.conv as { padding: number }).padding = 1;
    // Pooling after the last convolution in every other case: max or average, size 2.
    if (seed % 4 < 2) stack.push({ pool: seed % 8 < 4 ? "max" : "average", size: 2 });
    const softmax = seed % 2 === 1;
    stack.push({ dense: int(2, 3), activation: softmax ? "softmax" : "sigmoid" });
    const spec = { shape, stack, loss: softmax ? "cross-entropy" : "mse" };
    try {
      parseSpec(spec);
      return spec;
    } catch {
      // A kernel that does not fit, or padding that reaches nothing: draw again.
    }
  }
}

const RANDOM = [1, 2, 3, 4, 5, 6].map((s) => randomSpec(s * 7 + 1));
const SPECS: [string, string | Record<string, unknown>][] = [
  ["conv1d", "conv1d"],
  ["conv2d", "conv2d"],
  ...RANDOM.map((s, i): [string, Record<string, unknown>] => [`random ${i + 1} ${JSON.stringify(s)}`, s]),
];

describe.each(SPECS)("%s", (_, spec) => {
  it("every step of the proof is checked, none failed", () => {
    const report = checkSteps(proved(spec), { seed: 3 });
    expect(report.failed).toBe(0);
    expect(report.verified).toBeGreaterThan(20);
  });
  it.each(["en", "zh-Hant"])("every formula of the notes and the proof in %s passes KaTeX strict", (lang) => {
    for (const style of ["notes", "proof"] as const) {
      const input = checked(spec, lang);
      const tex = texFormulas(text(FORMATS.tex(input, { style }), "derivation.tex"));
      const { display, inline } = mdFormulas(text(FORMATS.md(input, { style }), "derivation.md"));
      expect(tex.length).toBeGreaterThan(20);
      expect([...tex, ...display, ...inline].map(katexError).filter(Boolean)).toEqual([]);
    }
  });
});

const section = (doc: string, title: string): string => {
  const start = doc.indexOf(`## ${title}`);
  expect(start).toBeGreaterThan(0);
  const end = doc.indexOf("\n## ", start + 3);
  return doc.slice(start, end < 0 ? undefined : end);
};

describe("what the convolution section says", () => {
  const md = (spec: string | object, style: "notes" | "proof" = "notes", lang = "en"): string =>
    text(FORMATS.md(checked(spec, lang), { style }), "derivation.md");

  it("conv2d: the maps, the forward pass in index form, the input's derivative by the windows and the flipped kernel", () => {
    const s = section(md("conv2d"), "Convolution: kernels and feature maps");
    expect(s).toContain("- the input $y^{(0)}$: 1 $\\times$ 5 $\\times$ 5, nodes 1 to 25");
    expect(s).toContain("2 $\\times$ 1 $\\times$ 2 $\\times$ 2 (filters $\\times$ channels $\\times$ rows $\\times$ columns)");
    expect(s).toContain(
      "\\mathrm{net}_{k,i,j}^{(1)} &:= b_k^{(1)} + \\sum_{c \\in \\{1\\}} \\sum_{u \\in \\{0, 1\\}} \\sum_{v \\in \\{0, 1\\}} K_{k,c,u,v}^{(1)} y_{c,i+u,j+v}^{(0)}",
    );
    expect(s).toContain(
      "\\frac{\\partial E}{\\partial \\mathrm{net}_{k,r-u,q-v}^{(1)}} \\frac{\\partial \\mathrm{net}_{k,r-u,q-v}^{(1)}}{\\partial y_{c,r,q}^{(0)}}",
    );
    expect(s).toContain("K_{k,c,u,v}^{(1)} \\delta_{k,r-u,q-v}^{(1)}");
    expect(s).toContain("\\tilde{K}_{k,c,u,v}^{(1)} \\delta_{k,r-1+u,q-1+v}^{(1)}");
    expect(s).toContain("$\\tilde{K}_{k,c,u,v}^{(1)}$ = $K_{k,c,1-u,1-v}^{(1)}$");
    expect(s).toContain("\\delta_{k,i,j}^{(1)} y_{c,i+u,j+v}^{(0)}");
    expect(s).toContain("$(c-1) \\cdot 4 + 2i + j + 1$");
    // Max pooling: forward as the window's maximum, backward routed to the arg max, the tie convention said once.
    expect(s).toContain("y_{c,i,j}^{(2)} &:= \\max_{u,v \\in \\{0, 1\\}} y_{c,2i+u,2j+v}^{(1)}");
    expect(s).toContain(
      "\\delta_{c,(r-u)/2,(q-v)/2}^{(2)} \\left[(u,v) = \\operatorname*{arg\\,max}_{u',v' \\in \\{0, 1\\}} y_{c,r-u+u',q-v+v'}^{(1)}\\right]",
    );
    expect(s.match(/the first of them, in the order of the positions/g)?.length).toBe(1);
    expect(s).toContain(
      "\\delta_{c,r,q}^{(1)} &= f'\\left(\\mathrm{net}_{c,r,q}^{(1)}\\right) \\frac{\\partial E}{\\partial y_{c,r,q}^{(1)}}",
    );
  });

  it("a stride of 2 with padding: the output position (r + p - u)/s, the dilated error terms", () => {
    const spec = { shape: [1, 5, 5], stack: [{ conv: { filters: 1, kernel: 3, stride: 2, padding: 1 } }, { dense: 2 }], loss: "mse" };
    const s = section(md(spec), "Convolution: kernels and feature maps");
    expect(s).toContain("y_{c,2i+u-1,2j+v-1}^{(0)}");
    expect(s).toContain("\\delta_{k,(r+1-u)/2,(q+1-v)/2}^{(1)}");
    expect(s).toContain("\\bar{\\delta}_{k,r-1+u,q-1+v}^{(1)}");
    expect(s).toContain("$\\bar{\\delta}_{k,2i,2j}^{(1)}$ = $\\delta_{k,i,j}^{(1)}$");
  });

  it("average pooling spreads each window's error term evenly, 1/(s_h s_w) to each entry", () => {
    const spec = { shape: [1, 6], stack: [{ conv: { filters: 1, kernel: 3 } }, { pool: "average", size: 2 }, { dense: 2 }], loss: "mse" };
    const s = section(md(spec), "Convolution: kernels and feature maps");
    expect(s).toContain("y_{c,j}^{(2)} &:= \\frac{\\sum_{v \\in \\{0, 1\\}} y_{c,2j+v}^{(1)}}{2}");
    expect(s).toContain("&= \\frac{\\sum_{v \\in \\{0, 1\\}} \\delta_{c,(q-v)/2}^{(2)}}{2}");
    expect(s).not.toMatch(/\brows?\b|\bcolumns?\b/);
  });

  it("two convolution layers: the error terms of the first by the chain rule from the derivative of its map", () => {
    const spec = {
      shape: [1, 6],
      stack: [{ conv: { filters: 2, kernel: 2 } }, { conv: { filters: 1, kernel: 2 } }, { dense: 2 }],
      loss: "mse",
    };
    const s = section(md(spec), "Convolution: kernels and feature maps");
    expect(s).toContain("\\delta_{c,q}^{(1)} &= f'\\left(\\mathrm{net}_{c,q}^{(1)}\\right) \\frac{\\partial E}{\\partial y_{c,q}^{(1)}}");
  });

  it("the proof writes out the entries over the numbered nodes", () => {
    const s = section(md("conv2d", "proof"), "Convolution: kernels and feature maps");
    expect(s).toContain("\\frac{\\partial E}{\\partial x_1} &= w_{26,1} \\delta_{26} + w_{42,1} \\delta_{42}");
    expect(s).toMatch(/\\frac\{\\partial E\}\{\\partial \\theta_1\} &= \\delta_\{26\} x_1 \+ \\delta_\{27\} x_2/);
  });

  it("a 1-D map has no rows or columns in the section, in either language", () => {
    for (const spec of ["conv1d", ...RANDOM.filter((s) => (s.shape as number[]).length === 2)]) {
      const en = section(md(spec), "Convolution: kernels and feature maps");
      expect(en).not.toMatch(/\brows?\b|\bcolumns?\b/);
      const zh = md(spec, "notes", "zh-Hant");
      const start = zh.indexOf("## 卷積：卷積核與特徵圖");
      expect(start).toBeGreaterThan(0);
      const end = zh.indexOf("\n## ", start + 3);
      // 列 and 行 are rows and columns (序列, a sequence, is neither).
      expect(zh.slice(start, end).replaceAll("序列", "")).not.toMatch(/列|行/);
    }
  });
});

const hasTools = tool("pdflatex", ["--version"]) && tool("xelatex", ["--version"]) && tool("pdfinfo", ["-v"]);

function latex(program: string, dir: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(program, ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "derivation.tex"], { cwd: dir });
    child.stdout.on("data", () => undefined);
    child.on("close", resolve);
  });
}

const pages = (dir: string): number =>
  Number(/Pages:\s+(\d+)/.exec(spawnSync("pdfinfo", [join(dir, "derivation.pdf")], { encoding: "utf8" }).stdout)?.[1]);

async function compiled(
  spec: string | object,
  lang: string,
  style: "notes" | "proof" = "notes",
): Promise<{ dir: string; code: number | null }> {
  const dir = tempDir();
  // With a worked example, as the notes have one by default.
  const { proof, report } = checked(spec, lang);
  const worked = withWorkedExample(proof, { params: randomParams(proof.network, rng(7)), digits: 6 });
  for (const f of FORMATS.tex({ proof: worked, report }, { style })) writeFileSync(join(dir, f.name), contentText(f.content));
  const program = lang === "en" ? "pdflatex" : "xelatex";
  await latex(program, dir);
  return { dir, code: await latex(program, dir) };
}

describe.skipIf(!hasTools)("the convolution documents in LaTeX", { timeout: 300_000 }, () => {
  it("the conv2d notes compile and take at most 11 pages in English and zh-Hant; conv1d's proof and a random spec's notes compile", async () => {
    const runs = await Promise.all([
      compiled("conv2d", "en"),
      compiled("conv2d", "zh-Hant"),
      compiled("conv1d", "en", "proof"),
      compiled(RANDOM[2]!, "zh-Hant"),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(runs.slice(0, 2).map((r) => pages(r.dir))).toEqual([expect.any(Number), expect.any(Number)]);
    // About 10: the body in 9 pages, the appendix (lemmas, the table of activations, the check) after it.
    expect(runs.slice(0, 2).every((r) => pages(r.dir) <= 11)).toBe(true);
  });
});
