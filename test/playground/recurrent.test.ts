// The recurrent form in the playground, opened from disk in Chromium: the preset shows its own
// panel (sizes, steps, where the loss is), its notes organised around the cell and its picture, an edit of the steps re-derives and re-checks the
// unrolled network with its section on backpropagation through time, and a bad number of steps
// is said beside its field. Under CI a missing Chromium fails these tests; elsewhere they are skipped.
import { describe, expect, it } from "vitest";
import { afterEdit, checked, hasChromium, open, rendered, unnamedControls, usePlayground } from "./browser.js";

describe.skipIf(!hasChromium())("the recurrent panel in Chromium", { timeout: 180_000 }, () => {
  const pg = usePlayground();

  it("shows the rnn preset in its panel, follows an edit of the steps, and says what is wrong beside the field", async () => {
    const { page, problems } = await open(pg);
    await rendered(page);
    await afterEdit(page, () => page.getByRole("button", { name: "rnn", exact: true }).click());
    expect(await page.inputValue("#recurrent-steps")).toBe("3");
    expect(await page.inputValue("#recurrent-lossAt")).toBe("every");
    expect(await page.locator("#derivation h2", { hasText: "Backpropagation through time" }).count()).toBe(2);
    expect(await page.locator("#derivation h2", { hasText: "Summary: backpropagation through time" }).count()).toBe(1);
    expect(await page.locator("#derivation h2", { hasText: "The recurrent network" }).count()).toBe(1);
    // The picture of the cell, folded and unrolled: U, W and V named once, the recurrent edges drawn.
    expect(await page.locator("#diagram-svg svg text.label").allTextContents()).toEqual(["U", "W", "V"]);
    expect(await page.locator("#diagram-svg svg .edge.W.recurrent").count()).toBe(4);
    expect(await checked(page)).toMatch(/ 0 failed\.\s*Gradients: 16 of 16 parameters .* 0 failed\./s);

    await afterEdit(page, () => page.getByLabel("Steps (T)").fill("2"));
    expect(await page.inputValue("#spec-json")).toMatch(/"steps": 2/);
    expect(await checked(page)).toMatch(/ 0 failed\.\s*Gradients: 16 of 16 parameters .* 0 failed\./s);
    await afterEdit(page, () => page.getByLabel("The loss", { exact: true }).selectOption("last"));
    expect(await page.inputValue("#spec-json")).toMatch(/"lossAt": "last"/);
    expect(await checked(page)).toMatch(/ 0 failed\./);

    await page.getByLabel("Steps (T)").fill("0");
    await page.locator("#recurrent-steps-error").waitFor({ state: "visible" });
    expect(await page.textContent("#recurrent-steps-error")).toMatch(/^recurrent\.steps: is 0; must be a whole number from 1 to 200/);
    expect(await page.getAttribute("#recurrent-steps", "aria-invalid")).toBe("true");
    expect(await unnamedControls(page, ".panel.recurrent input, .panel.recurrent select")).toEqual([]);
    expect(await page.locator(".katex-error").count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
