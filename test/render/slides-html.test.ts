// The HTML deck (derive --style slides --format html) as a lecturer opens it in Chromium: one
// file that needs nothing else (no request leaves it), no console error, the arrow keys and the
// space bar move through the overlays and frames as the Beamer deck's, every frame's formulas
// inside the frame at 1280×720, and printed one frame per page.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumContext } from "./chromium.js";
import { CHROMIUM, cli, tempDir, tool } from "./helpers.js";

const hasChromium = tool(CHROMIUM, ["--version"]);

interface Shown {
  frame: number;
  frames: number;
  title: string;
  /** Rows shown (not phantom) in the visible overlay, or -1 without a display. */
  state: number;
}

const shown = (page: Page): Promise<Shown> =>
  page.evaluate(() => {
    const frames = [...document.querySelectorAll<HTMLElement>(".frame")];
    const i = frames.findIndex((f) => !f.hidden);
    const f = frames[i]!;
    const st = [...f.querySelectorAll<HTMLElement>(".state")].find((s) => !s.hidden);
    return {
      frame: i,
      frames: frames.length,
      title: (f.querySelector("h1, h2")?.textContent ?? "").trim(),
      state: st === undefined ? -1 : Number(st.dataset.state),
    };
  });

describe.skipIf(!hasChromium)("the HTML deck", { timeout: 180_000 }, () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await chromiumContext({ width: 1280, height: 720 });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
  });

  for (const [spec, lang] of [
    ["seed", "en"],
    ["tied-autoencoder", "en"],
    ["dense", "en"],
    ["seed", "zh-Hant"],
  ] as const) {
    it(`${spec} (${lang}): opens alone with no console error, keys move, every frame's formulas fit`, async () => {
      const dir = tempDir();
      const r = await cli(["derive", spec, "--style", "slides", "--format", "html", "--lang", lang, "--out", dir, "--quiet"]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const html = readFileSync(join(dir, "derivation.slides.html"), "utf8");
      expect(html).not.toMatch(/<link|<script src|https?:\/\/(?!www\.w3\.org)/);
      const page = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
      page.on("pageerror", (e) => problems.push(e.message));
      page.on("request", (q) => !q.url().startsWith("file:") && !q.url().startsWith("data:") && requests.push(q.url()));
      await page.goto(pathToFileURL(join(dir, "derivation.slides.html")).href);
      await page.waitForSelector("body[data-ready]");
      const first = await shown(page);
      expect(first.frame).toBe(0);
      expect(first.frames).toBeGreaterThan(8);
      expect(first.frames).toBeLessThanOrEqual(spec === "seed" ? 14 : 16);
      // Through the deck with → and space: each press shows one more line or the next frame.
      const seen: Shown[] = [first];
      for (let i = 0; i < 200 && seen.at(-1)!.frame < first.frames - 1; i++) {
        await page.keyboard.press(i % 2 === 0 ? "ArrowRight" : " ");
        seen.push(await shown(page));
      }
      expect(seen.at(-1)!.frame).toBe(first.frames - 1);
      for (let i = 1; i < seen.length; i++) {
        const [a, b] = [seen[i - 1]!, seen[i]!];
        const moved = (b.frame === a.frame && b.state === a.state + 1) || (b.frame === a.frame + 1 && b.state <= 1);
        expect(moved, `${JSON.stringify(a)} -> ${JSON.stringify(b)}`).toBe(true);
      }
      // A derivation unfolds: some frame has several overlays, as the Beamer deck's \uncover.
      expect(seen.some((s) => s.state > 1)).toBe(true);
      // ← goes back the same way.
      await page.keyboard.press("ArrowLeft");
      const back = await shown(page);
      expect(back.frame * 100 + back.state).toBe(seen.at(-2)!.frame * 100 + seen.at(-2)!.state);
      // Every frame, each overlay whole, within the 1280×720 frame: nothing cut, nothing beyond.
      const overflow = await page.evaluate(() => {
        const out: string[] = [];
        for (const f of document.querySelectorAll<HTMLElement>(".frame")) {
          f.hidden = false;
          for (const s of f.querySelectorAll<HTMLElement>(".state")) s.hidden = !s.classList.contains("last");
          const box = f.getBoundingClientRect();
          for (const el of f.querySelectorAll<HTMLElement>(".katex-display, .intro, .picture svg, h1, h2")) {
            if (el.closest("[hidden]")) continue;
            const r = el.getBoundingClientRect();
            if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
              out.push(`${f.querySelector("h1, h2")?.textContent}: ${el.className || el.tagName} ${Math.round(r.right - box.right)}px`);
          }
          for (const d of f.querySelectorAll<HTMLElement>(".display, .body"))
            if (d.scrollWidth > d.clientWidth + 1 || d.scrollHeight > d.clientHeight + 1)
              out.push(`${f.querySelector("h2")?.textContent}: ${d.className} scrolls`);
          f.hidden = true;
        }
        return out;
      });
      expect(overflow).toEqual([]);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      if (lang === "zh-Hant") expect(html).toContain("前向傳播");
      await page.close();
    });
  }

  it("prints one frame per page", async () => {
    const dir = tempDir();
    expect((await cli(["derive", "seed", "--style", "slides", "--format", "tex,html", "--out", dir, "--quiet"])).code).toBe(0);
    const tex = readFileSync(join(dir, "derivation.slides.tex"), "utf8");
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(dir, "derivation.slides.html")).href);
    await page.waitForSelector("body[data-ready]");
    const frames = await page.evaluate(() => document.querySelectorAll(".frame").length);
    // The same frames as the Beamer deck (its title page included).
    expect(frames).toBe((tex.match(/\\begin\{frame\}/g) ?? []).length);
    const pdf = await page.pdf({ width: "1280px", height: "720px", printBackground: true });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBe(frames);
    await page.close();
  });
});
