// The "check my formula" box of the playground, in Chromium: a formula of one's own is checked
// against the network on the page as it is typed, the verdict and the note under it, the correct
// formula typeset; it follows the network and the language; hostile LaTeX is refused in place.
// A screenshot of the box goes to out/.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../render/helpers.js";
import { afterEdit, hasChromium, open, rendered, usePlayground } from "./browser.js";

describe.skipIf(!hasChromium())("the playground's formula box in Chromium", { timeout: 180_000 }, () => {
  const pg = usePlayground();

  it("gives the verdict, the note and the correct formula as you type", async () => {
    const { page, problems, elsewhere } = await open(pg);
    await rendered(page);
    const box = page.getByLabel(/A formula of your own/);
    const result = page.locator("#formula-result");
    // The seed: relu hidden layer, softmax with cross-entropy.
    await box.fill("\\delta_k = y_k - t_k");
    await expect.poll(() => result.locator(".verdict").textContent()).toBe("holds");
    await box.fill("\\frac{\\partial y_i}{\\partial net_k} = [i=k] y_k(1 - y_k)");
    await expect.poll(() => result.locator(".verdict").textContent()).toBe("fails: elementwise-softmax");
    expect(await result.textContent()).toContain("every net of the layer");
    expect(await result.locator(".correct .katex").count()).toBe(1);
    expect(await result.locator(".katex-error").count()).toBe(0);

    // Another network: the box checks against it.
    await afterEdit(page, () => page.getByRole("button", { name: "sigmoid-mse", exact: true }).click());
    await box.fill("δ_j = y_j (1 − y_j) Σ_k δ_k w_jk");
    await expect.poll(() => result.locator(".verdict").textContent()).toBe("fails: swapped-indices");
    expect(await result.textContent()).toContain("Your formula would hold with w_k_j in place of w_j_k.");
    mkdirSync(join(ROOT, "out"), { recursive: true });
    writeFileSync(join(ROOT, "out", "playground-formula.png"), await page.locator(".formula-box").screenshot());

    // In Traditional Chinese.
    await afterEdit(page, () => page.selectOption("#lang", "zh-Hant"));
    await expect.poll(() => result.textContent()).toContain("若把 w_j_k 換成 w_k_j，你的公式就成立。");

    // Hostile LaTeX: refused where it stands, nothing run.
    await box.fill("\\def\\x{1}\\x = E");
    await expect.poll(() => result.locator(".verdict").textContent()).toBe("unreadable");
    expect(await result.textContent()).toContain("\\def");
    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
    await page.close();
  });
});
