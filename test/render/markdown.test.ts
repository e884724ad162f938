// The Markdown output in the renderers course notes use: remark-math with rehype-katex (the
// unified pipeline of MkDocs-like sites and Obsidian's exporters) and MathJax 3 (GitHub, Jupyter).
// markdown-it with VS Code's KaTeX plugin is tested in Chromium (browser.test.ts), where the
// alignment is measured too. Here: every display is one aligned block and renders without error.
import { describe, expect, it } from "vitest";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkMath from "remark-math";
import remarkRehype from "remark-rehype";
import rehypeKatex from "rehype-katex";
import rehypeStringify from "rehype-stringify";
import { mathjax } from "mathjax-full/js/mathjax.js";
import { TeX } from "mathjax-full/js/input/tex.js";
import { SVG } from "mathjax-full/js/output/svg.js";
import { liteAdaptor } from "mathjax-full/js/adaptors/liteAdaptor.js";
import { RegisterHTMLHandler } from "mathjax-full/js/handlers/html.js";
import { AllPackages } from "mathjax-full/js/input/tex/AllPackages.js";
import { FORMATS, type RenderOptions } from "../../src/render/formats.js";
import { checked, mdFormulas } from "./helpers.js";
import { contentText } from "../../src/render/document.js";

const CASES: readonly [string, string | object, string, RenderOptions][] = [
  ["seed notes", "seed", "en", {}],
  ["seed proof", "seed", "en", { style: "proof" }],
  ["deep ReLU notes", "deep-relu", "en", {}],
  ["sigmoid with binary cross-entropy, zh-Hant", "sigmoid-bce", "zh-Hant", {}],
];

const markdown = (spec: string | object, lang: string, options: RenderOptions): string =>
  String(contentText(FORMATS.md(checked(spec, lang), options)[0]!.content));

describe.each(CASES)("the Markdown of %s", (_name, spec, lang, options) => {
  const md = markdown(spec, lang, options);

  it("renders with remark-math and rehype-katex, without a KaTeX error", async () => {
    const html = String(
      await unified()
        .use(remarkParse)
        .use(remarkMath)
        .use(remarkRehype)
        .use(rehypeKatex, { strict: "error" })
        .use(rehypeStringify)
        .process(md),
    );
    expect(html).not.toMatch(/katex-error/);
    expect((html.match(/class="katex-display"/g) ?? []).length).toBeGreaterThan(10);
  });

  it("renders with MathJax 3, without a TeX error", () => {
    const adaptor = liteAdaptor();
    RegisterHTMLHandler(adaptor);
    const doc = mathjax.document("", {
      InputJax: new TeX({
        packages: AllPackages.filter((p: string) => p !== "noundefined" && p !== "noerrors"),
        formatError: (_jax: unknown, err: Error) => {
          throw err;
        },
      }),
      OutputJax: new SVG({ fontCache: "none" }),
    });
    const { display, inline } = mdFormulas(md);
    expect(display.every((d) => d.startsWith("\\begin{aligned}") && d.endsWith("\\end{aligned}"))).toBe(true);
    for (const f of [...display, ...inline]) {
      const node = doc.convert(f, { display: true });
      expect(adaptor.outerHTML(node), f.slice(0, 80)).not.toMatch(/merror|data-mjx-error/);
    }
  });
});
