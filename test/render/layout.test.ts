// No formula hidden, in one shared headless Chromium: the HTML page of the seed, output-feeds,
// deep-relu and a custom activation, notes and proof, English and Chinese, at 1600, 1200, 800 and
// 600 px: no element holding a formula scrolls or clips it (scrollWidth > clientWidth where its
// overflow is not visible), no formula runs out of the window, the page is never wider than the
// window, and each justification sits beside its formula or below it. The Markdown's displays,
// labels included, fit an 800 px column; pandoc turns the Markdown into a PDF with its default
// engine. Under CI a missing Chromium or pandoc fails this file; elsewhere it is skipped.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import katex from "katex";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentText, type OutputFile } from "../../src/render/document.js";
import { FORMATS } from "../../src/render/formats.js";
import { chromiumContext } from "./chromium.js";
import { CHROMIUM, checked, mdFormulas, tempDir, tool } from "./helpers.js";
import { katexAssets } from "../../src/render/assets.js";

const hasChromium = tool(CHROMIUM, ["--version"]);
const hasPandoc = tool("pandoc", ["--version"]);

const CUSTOM = { layers: [2, 3, 3, 2], activations: [{ custom: "x/(1 + abs(x))" }, "tanh", "softmax"], loss: "cross-entropy" };
const NETWORKS: readonly (string | object)[] = ["seed", "output-feeds", "deep-relu", CUSTOM];
const WIDTHS = [1600, 1200, 800, 600];
const name = (spec: string | object): string => (typeof spec === "string" ? spec : "custom");
const text = (files: OutputFile[], file: string): string => String(contentText(files.find((f) => f.name === file)!.content));

/** What the page shows wrongly at the current width: each a line saying where. */
function problems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) out.push(`page ${document.documentElement.scrollWidth} > ${width}`);
    const where = (e: Element): string => (e.closest("tr,p,li,th,td")?.textContent ?? "").trim().slice(0, 60);
    const seen = new Set<Element>();
    for (const k of document.querySelectorAll(".bpd .katex-html")) {
      // Every element from the formula up that scrolls or clips must hold it whole.
      for (let e: Element | null = k; e !== null && e !== document.body && !seen.has(e); e = e.parentElement) {
        seen.add(e);
        const h = e as HTMLElement;
        if (h.scrollWidth > h.clientWidth + 1 && getComputedStyle(h).overflowX !== "visible")
          out.push(`${h.className || h.tagName} scrolls ${h.scrollWidth} > ${h.clientWidth}: ${where(k)}`);
      }
      const box = k.getBoundingClientRect();
      if (box.right > width + 0.5 || box.left < -0.5) out.push(`out of the window ${Math.round(box.right)}: ${where(k)}`);
    }
    // A justification beside its formula (overlapping its lines) or below it, never over it.
    for (const row of document.querySelectorAll("tr.bpd-step")) {
      const why = row.querySelector(".bpd-why");
      const f = row.querySelector(".bpd-f");
      if (why === null || f === null) continue;
      const a = why.getBoundingClientRect();
      const b = f.getBoundingClientRect();
      if (a.left < b.right - 0.5 && a.top < b.bottom - 0.5) out.push(`label over its formula: ${where(f)}`);
    }
    return [...new Set(out)].slice(0, 10);
  });
}

describe.skipIf(!hasChromium)("the HTML page at widths from 1600 to 600 px", { timeout: 600_000 }, () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await chromiumContext({ width: 1600, height: 900 });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
  });

  for (const lang of ["en", "zh-Hant"])
    for (const spec of NETWORKS) {
      it(`${name(spec)}, ${lang}, notes and proof: no formula hidden`, async () => {
        const found: string[] = [];
        const page = await context.newPage();
        for (const style of ["notes", "proof"] as const) {
          const dir = tempDir();
          writeFileSync(join(dir, "derivation.html"), text(FORMATS.html(checked(spec, lang), { style }), "derivation.html"));
          await page.setViewportSize({ width: WIDTHS[0]!, height: 900 });
          await page.goto(pathToFileURL(join(dir, "derivation.html")).href);
          await page.evaluate(() => document.fonts.ready);
          for (const width of WIDTHS) {
            await page.setViewportSize({ width, height: 900 });
            found.push(...(await problems(page)).map((p) => `${style} at ${width}: ${p}`));
          }
        }
        // Labels are shown: the check would be empty on a page without them.
        expect(await page.locator(".bpd-why").count()).toBeGreaterThan(20);
        await page.close();
        expect(found).toEqual([]);
      });
    }

  it("the Markdown's displays, labels included, fit an 800 px column", async () => {
    const page = await context.newPage();
    // KaTeX's stylesheet and fonts beside the page, as a Markdown viewer has them.
    const dir = tempDir();
    for (const f of katexAssets()) {
      mkdirSync(dirname(join(dir, f.name)), { recursive: true });
      writeFileSync(join(dir, f.name), contentText(f.content));
    }
    const found: string[] = [];
    for (const spec of NETWORKS)
      for (const style of ["notes", "proof"] as const) {
        const md = text(FORMATS.md(checked(spec), { style }), "derivation.md");
        const displays = mdFormulas(md).display.filter((d) => d.includes("\\text{"));
        expect(displays.length).toBeGreaterThan(3);
        const body = displays.map((d) => `<div class="d">${katex.renderToString(d, { displayMode: true, strict: "error" })}</div>`);
        // The column of a Markdown viewer (GitHub's is about 800 px), at KaTeX's usual size.
        const file = join(dir, `${name(spec)}-${style}.html`);
        writeFileSync(
          file,
          `<!DOCTYPE html><meta charset="utf-8"><link rel="stylesheet" href="katex/katex.min.css"><style>body{margin:0;font:16px serif} main{width:800px}</style><main>${body.join("")}</main>`,
        );
        await page.goto(pathToFileURL(file).href);
        await page.evaluate(() => document.fonts.ready);
        const wide = await page.$$eval(".d .katex-html", (ks) =>
          ks.flatMap((k) => {
            const w = k.getBoundingClientRect().width;
            return w > 800 ? [`${Math.round(w)} px: ${(k.textContent ?? "").slice(0, 60)}`] : [];
          }),
        );
        found.push(...wide.map((w) => `${name(spec)} ${style}: ${w}`));
      }
    await page.close();
    expect(found).toEqual([]);
  });
});

describe.skipIf(!hasPandoc)("pandoc", { timeout: 300_000 }, () => {
  it("turns the Markdown into a PDF with its default engine, one caption under the picture", () => {
    for (const style of ["notes", "proof"] as const) {
      const dir = tempDir();
      for (const f of FORMATS.md(checked("seed"), { style })) writeFileSync(join(dir, f.name), contentText(f.content));
      const md = text(FORMATS.md(checked("seed"), { style }), "derivation.md");
      // The picture has no alt text: pandoc would print it as a second caption.
      expect(md).toMatch(/^!\[\]\(network\.svg\)\n\n\*The network/m);
      // No mark or symbol as text, which a LaTeX text font would not have.
      expect(md.replace(/\$[^$]*\$/g, "")).not.toMatch(/[\u2713\u2261\u2717\u25cb\u2260\u2190\u2212]/);
      const r = spawnSync("pandoc", ["derivation.md", "-o", "derivation.pdf"], { cwd: dir, encoding: "utf8" });
      expect(r.stderr.split("\n").filter((l) => /^!|Error/.test(l))).toEqual([]);
      expect(r.status).toBe(0);
    }
  });
});
