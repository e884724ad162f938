// The playground's exercises panel in Chromium: a sheet drawn for the network on the page, each
// answer hidden until asked, and the sheet, the key and the Moodle XML downloaded as the command
// line writes them for the same spec, seed and language.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { cli, tempDir } from "../render/helpers.js";
import { hasChromium, open, rendered, saved, usePlayground } from "./browser.js";

async function downloaded(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
  return { name: download.suggestedFilename(), text: (await saved(download)).toString("utf8") };
}

describe.skipIf(!hasChromium())("the playground's exercises panel in Chromium", { timeout: 300_000 }, () => {
  const pg = usePlayground();

  it("draws a sheet, shows an answer only when asked, and downloads what the command line writes", async () => {
    const { page, problems, elsewhere } = await open(pg);
    await rendered(page);
    const list = page.locator("#exercises-list");
    await page.fill("#exercises-seed", "4");
    await page.click("#exercises-draw");
    await expect.poll(() => list.locator("li").count(), { timeout: 60_000 }).toBeGreaterThan(8);
    expect(await list.locator(".katex-error").count()).toBe(0);
    const answers = list.locator(".answer");
    expect(await answers.count()).toBe(await list.locator("li").count());
    // Hidden until asked.
    expect(await list.locator(".answer:visible").count()).toBe(0);
    await list.locator("li").first().getByRole("button", { name: "Show the answer" }).click();
    expect(await list.locator(".answer:visible").count()).toBe(1);
    expect(await answers.first().textContent()).toContain("Answer:");
    await list.locator("li").first().getByRole("button", { name: "Hide the answer" }).click();
    expect(await list.locator(".answer:visible").count()).toBe(0);

    // The same files as `backprop-derive exercises seed --seed 4`.
    const dir = tempDir();
    const r = await cli(["exercises", "seed", "--seed", "4", "--format", "tex,moodle", "--out", dir]);
    expect(r.code).toBe(0);
    for (const [button, file] of [
      ["#exercises-sheet", "exercises.tex"],
      ["#exercises-key", "answers.tex"],
      ["#exercises-moodle", "exercises.moodle.xml"],
    ] as const) {
      const d = await downloaded(page, button);
      expect(d.name).toBe(file);
      expect(d.text).toBe(readFileSync(join(dir, file), "utf8"));
    }

    // Another network clears the sheet.
    await page.getByRole("button", { name: "sigmoid-mse", exact: true }).click();
    await expect.poll(() => list.locator("li").count()).toBe(0);
    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
    await page.close();
  });
});
