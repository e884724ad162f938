// The playground's worked-example panel with several examples: the worked example over the
// mini-batch is derived on the page, the section on training with a mini-batch appears, and the
// worker checks every step of it (0 failed), with no console error.
import { describe, expect, it } from "vitest";
import { afterEdit, checked, hasChromium, open, rendered, usePlayground } from "./browser.js";

describe.skipIf(!hasChromium())("a mini-batch in the playground", { timeout: 180_000 }, () => {
  const pg = usePlayground();

  it("accepts several examples in the worked-example panel", async () => {
    const { page, problems } = await open(pg);
    await rendered(page);
    await afterEdit(page, () => page.getByLabel("Add the numbers of one update step").check());
    const drawn = JSON.parse(await page.inputValue("#params-json")) as {
      eta: number;
      inputs: number[];
      targets: number[];
      weights: Record<string, Record<string, number>>;
    };
    // The seed network's softmax outputs take targets that sum to 1.
    const examples = [
      { inputs: drawn.inputs, targets: drawn.targets },
      { inputs: [0.5, -0.25, 0.125], targets: [0.25, 0.75] },
      { inputs: [-1, 0.5, 0], targets: [1, 0] },
    ];
    await afterEdit(page, () => page.fill("#params-json", JSON.stringify({ examples, eta: drawn.eta, weights: drawn.weights })));
    const text = (await page.textContent("#derivation")) ?? "";
    expect(text).toContain("A worked example over a mini-batch");
    expect(text).toContain("Training on a mini-batch");
    expect(await page.locator("#params-json-error").isHidden()).toBe(true);
    expect(await page.locator(".katex-error").count()).toBe(0);
    expect(await checked(page)).toMatch(/ 0 failed\.\s*Gradients: .* 0 failed\./s);
    // An example that does not fit: said beside the numbers, naming it.
    await page.fill(
      "#params-json",
      JSON.stringify({ examples: [...examples, { inputs: [1, 2], targets: [0.5, 0.5] }], eta: 0.5, weights: drawn.weights }),
    );
    await page.locator("#params-json-error").waitFor({ state: "visible" });
    expect(await page.textContent("#params-json-error")).toMatch(/^params\.examples\[3\]\.inputs: /);
    expect(problems).toEqual([]);
    await page.close();
  });
});
