// The HTML page in headless Chromium (Debian's chromium, driven by playwright-core), offline:
// no KaTeX error nodes, KaTeX's fonts loaded from the copied files, nothing fetched from the
// network, and a screenshot (screenshotPath: kept with SCREENSHOT_DIR). Under CI a missing Chromium
// fails this file; elsewhere it is skipped with a message.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext } from "playwright-core";
import { chromiumContext } from "./chromium.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import MarkdownIt from "markdown-it";
import markdownItKatex from "@vscode/markdown-it-katex";
import { FORMATS } from "../../src/render/formats.js";
import { CHROMIUM, checked, cli, screenshotPath, tempDir, tool } from "./helpers.js";
import { contentText } from "../../src/render/document.js";

const hasChromium = tool(CHROMIUM, ["--version"]);

function writeHtml(spec: string | object): string {
  const dir = tempDir();
  for (const f of FORMATS.html(checked(spec), { assets: "external" })) {
    mkdirSync(dirname(join(dir, f.name)), { recursive: true });
    writeFileSync(join(dir, f.name), contentText(f.content));
  }
  return dir;
}

describe.skipIf(!hasChromium)("the HTML page in Chromium", { timeout: 60_000 }, () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await chromiumContext({ width: 1100, height: 1300 });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
  });

  it("renders without KaTeX errors, with KaTeX's fonts from the copied files, and is screenshotted", async () => {
    // Written by the CLI, as users get it: every step checked and marked.
    const dir = tempDir();
    const run = await cli(["derive", "seed", "--format", "html", "--out", dir, "--style", "proof", "--assets", "external"]);
    expect(run.code, run.stderr).toBe(0);
    const page = await context.newPage();
    const requests: string[] = [];
    const failed: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("requestfailed", (r) => failed.push(r.url()));
    await page.goto(pathToFileURL(join(dir, "derivation.html")).href);
    await page.evaluate(() => document.fonts.ready);
    expect(await page.locator(".katex-error").count()).toBe(0);
    expect(await page.locator(".katex").count()).toBeGreaterThan(100);
    expect(await page.locator(".bpd-mark.bpd-verified").count()).toBeGreaterThan(20);
    const loaded = await page.evaluate(() => [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family));
    expect(loaded).toContain("KaTeX_Main");
    expect(loaded).toContain("KaTeX_Math");
    expect(await page.evaluate(() => document.fonts.check("16px KaTeX_Main"))).toBe(true);
    const base = pathToFileURL(dir).href;
    expect(requests.filter((u) => !u.startsWith(base))).toEqual([]);
    expect(requests.some((u) => /\/katex\/fonts\/KaTeX_Main-Regular\.woff2$/.test(u))).toBe(true);
    expect(failed).toEqual([]);
    // The diagram is an image that loaded.
    expect(await page.evaluate(() => (document.querySelector(".bpd-figure img") as HTMLImageElement).naturalWidth)).toBeGreaterThan(300);
    writeFileSync(screenshotPath("screenshot.png"), await page.screenshot({ fullPage: false }));
    await page.close();
  });

  it("opens the diagram of a large network as valid SVG", async () => {
    const dir = writeHtml({ layers: [784, 128, 10], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" });
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(dir, "network.svg")).href);
    expect(await page.evaluate(() => document.documentElement.tagName)).toBe("svg");
    expect(await page.locator("parsererror").count()).toBe(0);
    expect(await page.locator("circle").count()).toBe(15);
    await page.close();
  });

  it("the default page is one file: copied alone to an empty folder, it renders every formula with KaTeX's fonts and requests nothing else", async () => {
    const made = tempDir();
    const run = await cli(["derive", "seed", "--format", "html", "--out", made]);
    expect(run.code, run.stderr).toBe(0);
    const alone = tempDir();
    const { readFileSync } = await import("node:fs");
    writeFileSync(join(alone, "derivation.html"), readFileSync(join(made, "derivation.html")));
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    const url = pathToFileURL(join(alone, "derivation.html")).href;
    await page.goto(url);
    await page.evaluate(() => document.fonts.ready);
    expect(await page.locator(".katex-error").count()).toBe(0);
    expect(await page.locator(".katex").count()).toBeGreaterThan(50);
    const loaded = await page.evaluate(() => [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family));
    expect(loaded).toContain("KaTeX_Main");
    expect(loaded).toContain("KaTeX_Math");
    // Only the page itself (data: URLs are not requests of files).
    expect(requests.filter((u) => !u.startsWith("data:"))).toEqual([url]);
    expect(await page.evaluate(() => (document.querySelector(".bpd-figure img") as HTMLImageElement).naturalWidth)).toBeGreaterThan(300);
    // A phone's width: the page does not scroll sideways as a whole.
    await page.setViewportSize({ width: 390, height: 844 });
    writeFileSync(screenshotPath("screenshot-390.png"), await page.screenshot({ fullPage: false }));
    await page.close();
  });

  it("the Markdown, rendered by markdown-it with VS Code's KaTeX plugin: no KaTeX errors, the = of consecutive lines aligned", async () => {
    const md = String(contentText(FORMATS.md(checked("seed"), {})[0]!.content));
    const body = new MarkdownIt({ html: true })
      .use(markdownItKatex as unknown as (md: InstanceType<typeof MarkdownIt>, options: { throwOnError: boolean }) => void, {
        throwOnError: false,
      })
      .render(md);
    const dir = tempDir();
    const { katexCss } = await import("../../src/render/assets.js");
    writeFileSync(
      join(dir, "md.html"),
      `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${katexCss().replace(/url\(fonts\/[^)]*\)( format\("[a-z0-9]+"\))?,?/g, "")}</style></head><body>${body}</body></html>`,
    );
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(dir, "md.html")).href);
    expect(await page.locator(".katex-error").count()).toBe(0);
    expect(await page.locator(".katex-display").count()).toBeGreaterThan(10);
    // In every aligned display, the relation signs of its lines share one x position.
    const spread = await page.evaluate(() => {
      let worst = 0;
      let multi = 0;
      for (const display of document.querySelectorAll(".katex-display")) {
        const xs: number[] = [];
        const cols = display.querySelectorAll(".col-align-l");
        if (cols.length === 0) continue;
        // The second column of aligned starts with the relation on every line: its rows share the column's left edge.
        const col = cols[0]!;
        for (const row of col.querySelectorAll(":scope > .vlist-t > .vlist-r > .vlist > span")) {
          const rel = row.querySelector(".mrel");
          if (rel) xs.push(rel.getBoundingClientRect().left);
        }
        if (xs.length > 1) {
          multi++;
          worst = Math.max(worst, Math.max(...xs) - Math.min(...xs));
        }
      }
      return { worst, multi };
    });
    // Displays of several lines were measured, and in each the signs line up.
    expect(spread.multi).toBeGreaterThan(5);
    expect(spread.worst).toBeLessThan(0.5);
    await page.close();
  });
});
