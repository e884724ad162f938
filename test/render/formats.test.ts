// Every format, every preset, both languages: each formula passes KaTeX in strict mode, the
// documents have their parts, fragments have no preamble, and the Markdown uses only what the
// usual note tools render.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultPrefix, FORMATS, type Format, type OutputFile } from "../../src/render/formats.js";
import { checked, katexError, mdFormulas, PRESETS, texFormulas } from "./helpers.js";
import { contentText } from "../../src/render/document.js";

const text = (files: OutputFile[], name: string): string => {
  const f = files.find((x) => x.name === name);
  if (f === undefined) throw new Error(`no ${name} among ${files.map((x) => x.name).join(", ")}`);
  return String(contentText(f.content));
};

/** The exhaustive proof with KaTeX's files beside the page: what most of these tests look at. */
const render = (format: Format, preset: string, lang = "en", options = {}): OutputFile[] =>
  FORMATS[format](checked(preset, lang), { style: "proof", assets: "external", ...options });

/** Control sequences that KaTeX and MathJax (GitHub, Jupyter, MkDocs, Obsidian) all know. */
const PORTABLE = new Set(
  "frac partial sum in mathrm left right vec operatorname delta eta sigma ln tanh begin end cdot odot nabla bar leftarrow vdots cdots ddots dots mathrm sqrt text quad checkmark equiv times circ qquad Bigl Bigr exp overrightarrow alpha Delta tilde".split(
    " ",
  ),
);

describe.each(["en", "zh-Hant"])("documents in %s", (lang) => {
  describe.each([...PRESETS])("%s", (preset) => {
    it("LaTeX: no character of the built-in text falls back to its code point, in notes and proof", () => {
      for (const style of ["notes", "proof"] as const) {
        expect(text(render("tex", preset, lang, { style }), "derivation.tex")).not.toMatch(/\[U\+[0-9A-F]{4,}\]/);
      }
    });

    it("LaTeX: every formula passes KaTeX strict", () => {
      const formulas = texFormulas(text(render("tex", preset, lang), "derivation.tex"));
      expect(formulas.length).toBeGreaterThan(100);
      expect(formulas.map(katexError).filter(Boolean)).toEqual([]);
    });

    it("Markdown: every formula passes KaTeX strict and uses only portable commands", () => {
      const { display, inline } = mdFormulas(text(render("md", preset, lang), "derivation.md"));
      // One aligned display per run of steps.
      expect(display.length).toBeGreaterThan(20);
      expect(display.every((d) => d.startsWith("\\begin{aligned}"))).toBe(true);
      expect(inline.length).toBeGreaterThan(10);
      const all = [...display, ...inline];
      expect(all.map(katexError).filter(Boolean)).toEqual([]);
      const commands = new Set(all.flatMap((f) => [...f.matchAll(/\\([a-zA-Z]+)/g)].map((m) => m[1]!)));
      expect([...commands].filter((c) => !PORTABLE.has(c))).toEqual([]);
      for (const f of display) expect(f).not.toMatch(/\n\s*\n/);
    });

    it("HTML: rendered by KaTeX without error nodes, an anchor and a label per step", () => {
      const files = render("html", preset, lang);
      const html = text(files, "derivation.html");
      expect(html.includes("katex-error")).toBe(false);
      expect(/<script/i.test(html)).toBe(false);
      const proof = checked(preset, lang).proof;
      const first = proof.sections[1]!.blocks.find((bl) => bl.kind === "steps");
      const step = first?.kind === "steps" ? first.steps.at(0)! : undefined;
      expect(html).toContain(`<tr id="${step!.id}"`);
      expect(html).toContain(`<a class="bpd-label" href="#${step!.id}">`);
      expect(html).toContain(`<html lang="${lang}">`);
    });
  });
});

describe("HTML page", () => {
  const files = render("html", "seed");
  const html = text(files, "derivation.html");

  it("is standalone: the KaTeX stylesheet and fonts beside it, the diagram as a file", () => {
    const names = files.map((f) => f.name);
    expect(names).toContain("katex/katex.min.css");
    expect(names.filter((n) => /^katex\/fonts\/KaTeX_.*\.woff2$/.test(n)).length).toBeGreaterThan(15);
    expect(names).toContain("network.svg");
    expect(html).toContain('<link rel="stylesheet" href="katex/katex.min.css">');
    expect(html).toContain('<img src="network.svg"');
    expect(html).toContain("@media print");
  });

  it("travels alone with KaTeX's fonts inside as woff2, byte for byte the katex package's, and no woff or ttf", () => {
    const alone = FORMATS.html(checked("seed"), { style: "proof" });
    expect(alone.map((f) => f.name)).toEqual(["derivation.html"]);
    const page = text(alone, "derivation.html");
    const fonts = [...page.matchAll(/url\(data:font\/woff2;base64,([^)]+)\)/g)].map((m) => m[1]!);
    const dir = join(dirname(createRequire(import.meta.url).resolve("katex/package.json")), "dist", "fonts");
    const woff2 = readdirSync(dir).filter((f) => f.endsWith(".woff2"));
    expect(fonts).toHaveLength(woff2.length);
    const shipped = new Set(woff2.map((f) => readFileSync(join(dir, f)).toString("base64")));
    for (const f of fonts) expect(shipped.has(f)).toBe(true);
    expect(page).not.toMatch(/format\("(woff|truetype)"\)|\.(woff|ttf)\)/);
  });

  it("has a heading per section and the verification table", () => {
    const proof = checked("seed").proof;
    const prefix = defaultPrefix(proof.network.spec.name);
    expect(prefix).toBe("relu-3-2-2-with-softmax");
    for (const s of proof.sections) expect(html).toContain(`<section id="${prefix}-sec-${s.id}">\n<h2>${s.title}</h2>`);
    expect(html).toContain(`<section id="${prefix}-sec-verification">`);
    expect(html).toMatch(/<table class="bpd-verification">[\s\S]*class="katex"/);
  });

  it("shows a verification mark per step when step checks are given", () => {
    const { proof, report } = checked("seed");
    const steps = proof.sections.flatMap((s) => s.blocks.flatMap((bl) => (bl.kind === "steps" ? [...bl.steps] : [])));
    const stepChecks = new Map(
      steps.map((s, i) => [
        s.id,
        {
          status: i === 0 ? ("definition" as const) : i === 1 ? ("failed" as const) : ("verified" as const),
          points: 5,
          maxRelError: 1e-9,
          method: "evaluation",
        },
      ]),
    );
    const proofStyle = { style: "proof" } as const;
    const marked = text(FORMATS.html({ proof, report, stepChecks }, proofStyle), "derivation.html");
    // A stated assumption is marked like a definition, whatever its check says.
    const assumptions = steps.filter((s, i) => i > 1 && s.rule === "assumption").length;
    expect(assumptions).toBeGreaterThan(0);
    expect(marked.match(/class="bpd-mark bpd-verified"/g)?.length).toBe(steps.length - 2 - assumptions);
    expect(marked).toMatch(/<span class="bpd-mark bpd-definition" title="a definition or notation: nothing to verify">\u2261<\/span>/);
    expect(marked).toMatch(
      /<span class="bpd-mark bpd-failed" title="FAILED the numeric check: evaluation, 5 points, largest relative error 1\.0e-9">\u2717<\/span>/,
    );
    const tex = text(FORMATS.tex({ proof, report, stepChecks }, proofStyle), "derivation.tex");
    expect(tex).toContain("\\ $\\checkmark$}");
    expect(text(FORMATS.md({ proof, report, stepChecks }, proofStyle), "derivation.md")).toContain("\\checkmark");
    // The notes show no marks.
    expect(text(FORMATS.html({ proof, report, stepChecks }, {}), "derivation.html").includes('class="bpd-mark')).toBe(false);
    expect(html.includes('class="bpd-mark')).toBe(false);
  });
});

describe("fragments", () => {
  it("LaTeX: a body without preamble, the TikZ picture inline", () => {
    const files = render("tex", "seed", "en", { fragment: true });
    expect(files.map((f) => f.name)).toEqual(["derivation.fragment.tex"]);
    const body = text(files, "derivation.fragment.tex");
    expect(body.split("\n")[0]).toBe("% needs: \\usepackage{amsmath,amssymb,booktabs,tikz}");
    expect(body.split("\n").slice(1).join("\n")).not.toMatch(/\\documentclass|\\usepackage|\\begin\{document\}|\\end\{document\}/);
    expect(body).toContain("\\begin{tikzpicture}");
    expect(body).toContain("\\section{The matrix form}");
  });

  it("HTML: the body only, no KaTeX copy, the diagram still written", () => {
    const files = render("html", "seed", "en", { fragment: true });
    // The picture is named after the label prefix, so that two fragments in one folder keep theirs.
    expect(files.map((f) => f.name)).toEqual(["derivation.fragment.html", "relu-3-2-2-with-softmax-network.svg"]);
    const body = text(files, "derivation.fragment.html");
    expect(body.startsWith("<!-- needs: KaTeX's stylesheet, version 0.16")).toBe(true);
    expect(body).toContain('<article class="bpd bpd-proof"');
    expect(body).not.toMatch(/<html|<head|<body|<!DOCTYPE/i);
  });

  it("Markdown: without the title", () => {
    const body = text(render("md", "seed", "en", { fragment: true }), "derivation.fragment.md");
    expect(body).not.toMatch(/^# /m);
    expect(body).toMatch(/^## The network$/m);
  });
});

describe("Markdown", () => {
  const md = text(render("md", "seed"), "derivation.md");
  it("references the shared diagram and puts labels as text", () => {
    expect(md).toContain("](network.svg)");
    // The label below its formula where the two do not fit an 800 px column side by side.
    expect(md).toContain(
      "\\mathrm{net}_4 &:= w_{41} x_1 + w_{42} x_2 + w_{43} x_3 + w_{b_4} \\\\\n&\\quad \\qquad \\text{definition of the weighted input}",
    );
    expect(md).not.toMatch(/\\tag|\\label/);
  });
});

describe("JSON", () => {
  it("is unchanged: the proof document printed whole", () => {
    const { proof, report } = checked("seed");
    const json = text(FORMATS.json({ proof, report }, {}), "derivation.json");
    expect(json.endsWith("}\n")).toBe(true);
    expect(JSON.parse(json).network.parameters).toBe(14);
  });
});

describe("Chinese", () => {
  it("uses Taiwanese technical terms and loads CJKutf8 only for it", () => {
    const zh = text(render("tex", "seed", "zh-Hant"), "derivation.tex");
    for (const term of [
      "前向傳播",
      "反向傳播",
      "誤差項",
      "全導數",
      "連鎖律",
      "隱藏層",
      "輸出層",
      "權重",
      "偏移",
      "交叉熵",
      "神經網路",
      "活化函數",
    ])
      expect(zh).toContain(term);
    expect(zh).toContain("\\usepackage{CJKutf8}");
    expect(zh).toContain("\\begin{CJK}{UTF8}{bsmi}");
    expect(text(render("tex", "seed"), "derivation.tex")).not.toContain("CJK");
  });
});

describe("the README's excerpt", () => {
  it("is the tool's actual output: every display of it appears verbatim in the seed network's notes", async () => {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { ROOT } = await import("./helpers.js");
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## What the output looks like"), readme.indexOf("and every gradient is then checked"));
    const displays = [...section.matchAll(/\$\$\n\\begin\{aligned\}[\s\S]*?\\end\{aligned\}\n\$\$/g)].map((m) => m[0]);
    expect(displays.length).toBeGreaterThanOrEqual(3);
    const md = text(FORMATS.md(checked("seed"), {}), "derivation.md");
    for (const d of displays) expect(md).toContain(d);
  });
});
