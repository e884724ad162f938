// The convolutional form in the playground, opened from disk in Chromium at 1200 and 600 px:
// the conv2d preset shows its own panel (shape, each layer's filters, kernel, stride, padding),
// the notes' section on kernels and feature maps and the picture of the maps with one window; an
// edit of the kernel re-derives and re-checks; a kernel that does not fit is said beside its
// field; no console error. Under CI a missing Chromium fails these tests; elsewhere they are skipped.
import { describe, expect, it } from "vitest";
import { afterEdit, checked, hasChromium, open, rendered, unnamedControls, usePlayground } from "./browser.js";

describe.skipIf(!hasChromium())("the convolutional panel in Chromium", { timeout: 240_000 }, () => {
  const pg = usePlayground();

  it.each([1200, 600])(
    "at %i px: shows conv2d in its panel, its notes and picture, follows an edit, and says what is wrong beside the field",
    async (width) => {
      const { page, problems } = await open(pg);
      await page.setViewportSize({ width, height: 900 });
      await rendered(page);
      await afterEdit(page, () => page.getByRole("button", { name: "conv2d", exact: true }).click());
      expect(await page.inputValue("#conv-shape")).toBe("1, 5, 5");
      expect(await page.inputValue("#conv-1-pool")).toBe("max");
      expect(await page.inputValue("#conv-0-conv-kernel")).toBe("2");
      expect(await page.locator("#derivation h2", { hasText: "Convolution: kernels and feature maps" }).count()).toBe(1);
      expect(await page.locator("#diagram-svg rect.window").count()).toBe(1);
      expect(await checked(page)).toMatch(/ 0 failed\./);

      await afterEdit(page, () => page.getByLabel("Layer 1: kernel (k, or rows, columns)").fill("3"));
      expect(await page.inputValue("#spec-json")).toMatch(/"kernel": 3/);
      expect(await checked(page)).toMatch(/ 0 failed\./);

      await page.getByLabel("Layer 1: kernel (k, or rows, columns)").fill("6");
      await page.locator("#conv-0-conv-kernel-error").waitFor({ state: "visible" });
      expect(await page.textContent("#conv-0-conv-kernel-error")).toMatch(
        /^stack\[0\]\.conv\.kernel: is 6 along the height, larger than the padded input/,
      );
      expect(await unnamedControls(page, ".panel.convolution input, .panel.convolution select")).toEqual([]);
      expect(await page.locator(".katex-error").count()).toBe(0);
      expect(problems).toEqual([]);
      await page.close();
    },
  );
});
