// The documents of a recurrent network (presets rnn and rnn-last): every formula passes KaTeX
// strict in every format, language and style; the section on backpropagation through time says
// what it derives (the recursion of the hidden state's error term, the sums over time); the notes
// for T = 3 compile with pdflatex (xelatex for zh-Hant) and stay within 8 pages.
// Under CI a missing pdflatex, xelatex or pdfinfo fails this file; elsewhere the compilations are skipped.
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contentText, FORMATS, type OutputFile } from "../../src/render/formats.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { presets } from "../../src/render/presets.js";
import { BOX_H, BOX_W, labelAt, layoutRecurrent, recurrentCaption, recurrentSvg } from "../../src/render/recurrent-diagram.js";
import { checked, katexError, mdFormulas, tempDir, texFormulas, tool } from "./helpers.js";

const text = (files: OutputFile[], name: string): string => String(contentText(files.find((x) => x.name === name)!.content));

const PRESETS = ["rnn", "rnn-last"] as const;

describe.each(["en", "zh-Hant"])("recurrent documents in %s", (lang) => {
  describe.each(PRESETS)("%s", (preset) => {
    it.each(["notes", "proof"] as const)("%s: every formula passes KaTeX strict; the HTML has no error", (style) => {
      const input = checked(preset, lang);
      const tex = texFormulas(text(FORMATS.tex(input, { style }), "derivation.tex"));
      const { display, inline } = mdFormulas(text(FORMATS.md(input, { style }), "derivation.md"));
      expect(tex.length).toBeGreaterThan(40);
      expect(display.length).toBeGreaterThan(5);
      expect([...tex, ...display, ...inline].map(katexError).filter(Boolean)).toEqual([]);
      expect(text(FORMATS.html(input, { style, assets: "external" }), "derivation.html")).not.toContain("katex-error");
    });
  });
});

describe("what the section on backpropagation through time says", () => {
  const md = (preset: string, style: "notes" | "proof" = "notes"): string => text(FORMATS.md(checked(preset), { style }), "derivation.md");

  it("derives the hidden state's error term by the total derivative over its output and the next step", () => {
    const doc = md("rnn");
    expect(doc).toContain("## Backpropagation through time");
    expect(doc).toContain("\\vec{a}^{(t)} &:= \\vec{b} + W \\cdot \\vec{h}^{(t-1)} + U \\cdot \\vec{x}^{(t)}");
    expect(doc).toMatch(
      /\\nabla_\{\\vec\{h\}\^\{\(t\)\}\} E &= .*\\frac\{\\partial \\vec\{o\}\^\{\(t\)\}\}.*\\frac\{\\partial \\vec\{a\}\^\{\(t\+1\)\}\}/,
    );
    expect(doc).toContain("V^{T} \\cdot \\vec{\\delta}_o^{(t)} + W^{T} \\cdot \\vec{\\delta}_h^{(t+1)}");
    expect(doc).toContain("$\\vec{\\delta}_h^{(4)}$ = $0$");
    expect(doc).toContain(
      "\\nabla_{W} E &= \\vec{\\delta}_h^{(1)} \\cdot \\vec{h}^{(0)T} + \\vec{\\delta}_h^{(2)} \\cdot \\vec{h}^{(1)T} + \\vec{\\delta}_h^{(3)} \\cdot \\vec{h}^{(2)T}",
    );
    expect(doc).toContain("Truncated backpropagation through time");
  });

  it("the notes are organised around the cell: BPTT summary, the cell unit by unit, no unrolled layers or node numbers", () => {
    const doc = md("rnn");
    const headings = doc.split("\n").filter((l) => /^## /.test(l));
    expect(headings.slice(0, 4)).toEqual([
      "## Summary: backpropagation through time",
      "## The recurrent network",
      "## The error term of the output at a step",
      "## Backpropagation through time",
    ]);
    expect(doc).toContain("a_j^{(t)} &:= b_j + \\sum_{i=1}^{n_x} U_{ji} x_i^{(t)} + \\sum_{l=1}^{n_h} W_{jl} h_l^{(t-1)}");
    expect(doc).toContain("\\delta_{o,k}^{(t)} &= \\hat{y}_k^{(t)} - y_k^{(t)}");
    expect(doc).toContain("\\frac{\\partial E}{\\partial W_{jl}} &= \\sum_{t=1}^{T} \\delta_{h,j}^{(t)} h_l^{(t-1)}");
    // Nothing of the unrolled graph: no layer numbers, no node numbers, no BP1.
    expect(doc).not.toMatch(/Layer \d|layer \d|\(BP1\)|\\delta_\{?\d|nodes \d/);
  });

  it("the proof keys the unrolled nodes to the steps and units", () => {
    const doc = md("rnn", "proof");
    expect(doc).toContain("step 2: $\\vec{x}^{(2)}$ is nodes 3, 4, $\\vec{h}^{(2)}$ nodes 13, 14, $\\hat{\\vec{y}}^{(2)}$ nodes 15, 16");
    expect(doc).toContain("Step 3: the entries of $\\vec{\\delta}_h^{(3)}$ are the error terms of nodes 17, 18, unit by unit:");
  });

  it("with the loss at the last step: V and c from the last step alone, the earlier steps without an output", () => {
    const doc = md("rnn-last");
    expect(doc).toContain("\\nabla_{V} E &= \\vec{\\delta}_o^{(3)} \\cdot \\vec{h}^{(3)T}");
    expect(doc).toContain("\\frac{\\partial E}{\\partial V_{kj}} &= \\delta_{o,k}^{(T)} h_j^{(T)}");
    expect(md("rnn-last", "proof")).toContain("step 1: $\\vec{x}^{(1)}$ is nodes 1, 2, $\\vec{h}^{(1)}$ nodes 9, 10\n");
  });

  it("the proof writes out every entry: the hidden error terms per step and each shared entry's sum over time", () => {
    const doc = md("rnn", "proof");
    expect(doc).toMatch(
      /\\delta_\{13\} &= \(w_\{15,13\} \\delta_\{15\} \+ w_\{16,13\} \\delta_\{16\} \+ w_\{17,13\} \\delta_\{17\} \+ w_\{18,13\} \\delta_\{18\}\)/,
    );
    expect(doc).toContain("\\frac{\\partial E}{\\partial \\theta_1} &= \\delta_9 x_1 + \\delta_{13} x_3 + \\delta_{17} x_5");
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

async function compiled(preset: string, lang: string, style: "notes" | "proof" = "notes"): Promise<{ dir: string; code: number | null }> {
  const dir = tempDir();
  for (const f of FORMATS.tex(checked(preset, lang), { style })) writeFileSync(join(dir, f.name), contentText(f.content));
  const program = lang === "en" ? "pdflatex" : "xelatex";
  await latex(program, dir);
  return { dir, code: await latex(program, dir) };
}

describe.skipIf(!hasTools)("the recurrent documents in LaTeX", { timeout: 240_000 }, () => {
  it("the notes for T = 3 compile and take at most 8 pages, in English and in zh-Hant; the proof compiles", async () => {
    const runs = await Promise.all([
      compiled("rnn", "en"),
      compiled("rnn-last", "en"),
      compiled("rnn", "zh-Hant"),
      compiled("rnn", "en", "proof"),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(runs.slice(0, 3).map((r) => pages(r.dir) <= 8)).toEqual([true, true, true]);
  });
});

describe("the picture of a recurrent network", () => {
  const svgOf = (spec: string | object): string => text(FORMATS.md(checked(spec), { style: "notes" }), "network.svg");
  const count = (s: string, re: RegExp): number => s.match(re)?.length ?? 0;

  it.each(["rnn", "rnn-last"])("%s: U, W and V are named once each; the recurrent edges h(t-1) -> h(t) are drawn, h(0) first", (preset) => {
    const svg = svgOf(preset);
    for (const m of ["U", "W", "V"]) expect(count(svg, new RegExp(`class="label"[^>]*>${m}</text>`, "g")), m).toBe(1);
    // The folded cell's loop, and one edge into each of the 3 steps' h.
    expect(count(svg, /class="edge W recurrent loop"/g)).toBe(1);
    expect(count(svg, /class="edge W recurrent"/g)).toBe(3);
    expect(svg).toContain('<tspan font-style="italic">h</tspan><tspan dy="-6" font-size="10">(0)</tspan>');
    // Outputs at the steps with a loss only (and the folded cell's).
    expect(count(svg, /class="box y"/g)).toBe(preset === "rnn" ? 4 : 2);
  });

  it("past four steps: the first two, an ellipsis and the last", () => {
    const l = buildNetwork(parseSpec({ recurrent: { inputs: 1, hidden: 2, outputs: 1, steps: 9 }, outputActivation: "identity" })).spec
      .recurrent!;
    const d = layoutRecurrent(l);
    const steps = d.boxes.filter((b) => b.row === "x").map((b) => b.step);
    expect(steps).toEqual(["t", 1, 2, 9]);
    expect(d.boxes.filter((b) => b.step === undefined)).toHaveLength(1);
    expect(recurrentSvg(d, "t")).toContain("&#8943;");
    expect(recurrentCaption("en", l)).toContain("Steps 3 to 8 are left out.");
  });

  it("no label overlaps a box or another label", () => {
    for (const spec of ["rnn", "rnn-last"]) {
      const d = layoutRecurrent(buildNetwork(parseSpec(presets()[spec]!)).spec.recurrent!);
      const labels = d.arrows.filter((a) => a.label).map((a) => labelAt(a));
      // A label is about 0.3 cm square; a box BOX_W by BOX_H.
      const apart = (p: { x: number; y: number }, q: { x: number; y: number }, w: number, h: number): boolean =>
        Math.abs(p.x - q.x) >= w / 2 + 0.15 || Math.abs(p.y - q.y) >= h / 2 + 0.15;
      for (const p of labels) {
        for (const b of d.boxes) expect(apart(p, b, BOX_W, BOX_H), `${spec}: label at ${p.x}, ${p.y} and box ${b.key}`).toBe(true);
        for (const q of labels) if (q !== p) expect(apart(p, q, 0.3, 0.3)).toBe(true);
      }
    }
  });
});
