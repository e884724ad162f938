// The single-file HTML page on a phone (390 px wide) in headless Chromium: the page never
// scrolls sideways, and every justification stays, set below its formula inside the screen
// (derivation.css once hid them below 40rem). Both styles, the seed and a network with skip
// connections (whose picture has curves). Under CI a missing Chromium fails this file; elsewhere
// it is skipped with a message.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext } from "playwright-core";
import { chromiumContext } from "./chromium.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../cli/helpers.js";
import { CHROMIUM, screenshotPath, tempDir, tool } from "./helpers.js";

const hasChromium = tool(CHROMIUM, ["--version"]);
const WIDTH = 390;

describe.skipIf(!hasChromium)("the HTML page at a phone's width", { timeout: 120_000 }, () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await chromiumContext({ width: WIDTH, height: 844 });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
  });

  for (const [spec, style] of [
    ["seed", "proof"],
    ["seed", "notes"],
    ["residual", "notes"],
  ] as const) {
    it(`${spec}, ${style} style: no sideways scroll, each justification below its formula`, async () => {
      // The one file the command line writes, as a user opens it on a phone.
      const dir = tempDir();
      const r = await run("derive", spec, "--format", "html", "--style", style, "--out", dir, "--quiet");
      expect(r.err).toEqual([]);
      expect(readFileSync(join(dir, "derivation.html"), "utf8")).not.toMatch(/<link[^>]*stylesheet/);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
      page.on("pageerror", (e) => problems.push(e.message));
      await page.goto(pathToFileURL(join(dir, "derivation.html")).href);
      await page.evaluate(() => document.fonts.ready);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
      // Every step that has a justification shows it: its text laid out, within the screen, below its formula.
      const rows = await page.$$eval("tr.bpd-step", (trs) =>
        trs.map((tr) => {
          const why = tr.querySelector(".bpd-why")!;
          const rhs = tr.querySelector(".bpd-rhs")!.getBoundingClientRect();
          const box = why.getBoundingClientRect();
          return {
            text: (why.textContent ?? "").trim(),
            visible: getComputedStyle(why).display !== "none" && getComputedStyle(why).visibility !== "hidden",
            left: box.left,
            right: box.right,
            top: box.top,
            height: box.height,
            rhsBottom: rhs.bottom,
          };
        }),
      );
      const justified = rows.filter((x) => x.text !== "");
      expect(justified.length).toBeGreaterThan(style === "proof" ? 100 : 10);
      expect(justified.filter((x) => !x.visible || x.height === 0)).toEqual([]);
      expect(justified.filter((x) => x.left < -0.5 || x.right > WIDTH + 0.5)).toEqual([]);
      expect(justified.filter((x) => x.top < x.rhsBottom - 0.5)).toEqual([]);
      if (spec === "seed" && style === "proof") {
        await page.locator("tr.bpd-step").nth(12).scrollIntoViewIfNeeded();
        writeFileSync(screenshotPath("derivation-390.png"), await page.screenshot());
      }
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
