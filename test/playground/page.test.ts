// The playground as a user meets it, opened from disk in Chromium with the network off: it derives
// and checks the seed network, follows edits of the form (a layer size, softmax with
// cross-entropy, a custom activation) and of the JSON, says what is wrong beside the field that is
// wrong without a console error, keeps its state in the link and in localStorage, marks a node's
// δ, works at a phone's width, and names every control. Screenshots: screenshotPath (a temporary folder).
import { writeFileSync } from "node:fs";
import { get, type Server } from "node:http";
import { describe, expect, it } from "vitest";
import { screenshotPath } from "../render/helpers.js";
import { afterEdit, checked, formulas, hasChromium, open, rendered, unnamedControls, usePlayground } from "./browser.js";
// @ts-expect-error: a build script in plain JavaScript, without declarations.
import { serve } from "../../scripts/playground.mjs";

describe.skipIf(!hasChromium())("the playground in Chromium", { timeout: 180_000 }, () => {
  const pg = usePlayground();

  it("opens from disk, derives and checks the seed network with a live count, and fetches nothing", async () => {
    const { page, problems, elsewhere, counts } = await open(pg);
    await rendered(page);
    const count = await checked(page);
    expect(count).toMatch(/Steps: 147 steps at 3 random points: 88 verified, 59 definitions or notation, 0 failed\./);
    expect(count).toMatch(
      /Gradients: 14 of 14 parameters compared with central differences, worst relative error \d\.\d\de-\d+, 0 failed\./,
    );
    // The count passed through the stages of the worker before the verdict.
    const seen = await counts();
    expect(seen.some((t) => /^Checking every step: \d+ of \d+$/.test(t))).toBe(true);
    expect(seen.some((t) => /^Checking every gradient: \d+ of 14$/.test(t))).toBe(true);
    expect(await page.locator(".katex-error").count()).toBe(0);
    expect(await page.locator("#derivation .katex").count()).toBeGreaterThan(100);
    expect(await page.getAttribute("#derivation article", "lang")).toBe("en");
    // The table of derived against finite differences, one row per parameter.
    expect(await page.locator("#check-table tbody tr").count()).toBe(14);
    expect(await page.locator("#check-table tbody tr.failed").count()).toBe(0);
    // The picture: 3 + 2 + 2 nodes, KaTeX's fonts from the page itself.
    expect(await page.locator("#diagram-svg g[data-node]").count()).toBe(7);
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check("16px KaTeX_Main"))).toBe(true);
    for (const b of await page.locator("#download-buttons button").all()) expect(await b.isEnabled()).toBe(true);
    writeFileSync(screenshotPath("playground.png"), await page.screenshot());
    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
    await page.close();
  });

  it("follows the form: a layer size, softmax with cross-entropy (y_k - t_k), a custom activation, each checked", async () => {
    const { page, problems } = await open(pg);
    await rendered(page);
    await afterEdit(page, () => page.getByRole("button", { name: "sigmoid-mse", exact: true }).click());
    expect(await page.locator("#diagram-svg g[data-node]").count()).toBe(6);
    await afterEdit(page, () => page.getByLabel("Layer 2: number of nodes").fill("4"));
    expect(await page.inputValue("#spec-json")).toContain('"layers": [2, 4, 2]');
    expect(await page.locator("#diagram-svg g[data-node]").count()).toBe(8);
    expect(await checked(page)).toMatch(/0 failed\.\s*Gradients: 22 of 22 parameters .* 0 failed\./s);

    await afterEdit(page, () => page.getByLabel("Layer 3: activation").selectOption("softmax"));
    await afterEdit(page, () => page.getByLabel("Loss", { exact: true }).selectOption("cross-entropy"));
    expect(await page.inputValue("#spec-json")).toMatch(/"outputActivation": "softmax",\n {2}"loss": "cross-entropy"/);
    expect(await formulas(page)).toContain("y_k - t_k");
    expect(await checked(page)).toMatch(/ 0 failed\.\s*Gradients: .* 0 failed\./s);

    await afterEdit(page, () => page.getByLabel("Layer 2: activation").selectOption("custom"));
    await afterEdit(page, () => page.getByLabel("Layer 2: f(x) =").fill("tanh(x) + x / 10"));
    expect(await page.inputValue("#spec-json")).toContain('"activation": {"custom": "tanh(x) + x / 10"}');
    // f(x) = tanh(x) + x/10 as the derivation prints it, and its derivative in the hidden δ.
    const shown = await formulas(page);
    expect(shown).toContain("\\tanh\\left(x\\right) + 0.1 x");
    expect(shown.some((f) => f.includes("\\left(1.1 - \\tanh\\left(\\mathrm{net}_j\\right)^{2}\\right)"))).toBe(true);
    expect(await checked(page)).toMatch(/ 0 failed\.\s*Gradients: .* 0 failed\./s);
    expect(await page.locator(".katex-error").count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("says what is wrong beside the field, keeps the last good derivation, and logs nothing", async () => {
    const { page, problems } = await open(pg);
    await rendered(page);
    await checked(page);
    // A custom activation (its default formula, derived), then an unparsable one.
    await afterEdit(page, () => page.getByLabel("Layer 2: activation").selectOption("custom"));
    const before = await page.innerHTML("#derivation");
    const key = await page.getAttribute("#derivation", "data-key");
    await page.getByLabel("Layer 2: f(x) =").fill("x + (");
    const error = page.locator("#layer-formula-1-error");
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toMatch(/^activation\.custom: formula "x \+ \(" at position \d+: /);
    expect(await page.getAttribute("#layer-formula-1", "aria-invalid")).toBe("true");
    expect(await page.textContent("#status")).toMatch(/last good one/);
    expect(await page.textContent("#spec-json-error")).toMatch(/^activation\.custom: /);
    // A layer size of 0 (the first problem the spec's check meets), then an unknown activation
    // typed in the JSON: every state on the way is bad, so nothing is derived however slow we are.
    await page.getByLabel("Layer 1: number of nodes").fill("0");
    await page.locator("#layer-size-0-error").waitFor({ state: "visible" });
    expect(await page.textContent("#layer-size-0-error")).toBe("layers[0]: is 0; must be a whole number from 1 to 10000");
    await page.fill("#spec-json", '{ "layers": [3, 2, 2], "activation": "swish" }');
    await page.locator("#layer-act-1-error").waitFor({ state: "visible" });
    expect(await page.textContent("#layer-act-1-error")).toMatch(/^activation: unknown activation "swish"; allowed: identity, sigmoid/);
    // Not JSON at all.
    await page.fill("#spec-json", '{ "layers": [3, 2, 2 ');
    await page.waitForFunction(() => /^Not valid JSON/.test(document.getElementById("spec-json-error")?.textContent ?? ""));
    // Each time, the last good derivation stayed.
    await page.waitForTimeout(400);
    expect(await page.getAttribute("#derivation", "data-key")).toBe(key);
    expect(await page.innerHTML("#derivation")).toBe(before);
    // And a good spec again is derived again, the marks gone.
    await afterEdit(page, () => page.fill("#spec-json", '{ "layers": [3, 2, 2], "activation": "tanh" }'));
    expect(await page.locator(".error:visible").count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("keeps its state in the link and in localStorage: the same page again", async () => {
    const { page } = await open(pg);
    await rendered(page);
    await afterEdit(page, () => page.getByRole("button", { name: "sigmoid-mse", exact: true }).click());
    await afterEdit(page, () => page.getByLabel("proof").check());
    await afterEdit(page, () => page.getByLabel("Language").selectOption("zh-Hant"));
    await afterEdit(page, () => page.getByLabel("Add the numbers of one update step").check());
    const link = page.url();
    expect(link).toMatch(/#spec=.*&style=proof&lang=zh-Hant&example=1&params=/);
    const state = {
      spec: await page.inputValue("#spec-json"),
      params: await page.inputValue("#params-json"),
      html: await page.innerHTML("#derivation"),
    };
    expect(await page.getAttribute("#derivation article", "lang")).toBe("zh-Hant");
    expect(await page.locator("#derivation article.bpd-proof").count()).toBe(1);
    await page.close();
    for (const url of [link, pg.url]) {
      // The link alone, then the bare page (the state from localStorage).
      const again = (await open({ ...pg, url }, "", true)).page;
      await again.waitForFunction(() => document.getElementById("derivation")!.dataset.checked === "true", null, { timeout: 90_000 });
      expect(await again.inputValue("#spec-json")).toBe(state.spec);
      expect(await again.inputValue("#params-json")).toBe(state.params);
      expect(await again.isChecked('input[name="style"][value="proof"]')).toBe(true);
      expect(await again.inputValue("#lang")).toBe("zh-Hant");
      expect(await again.innerHTML("#derivation")).toBe(state.html);
      await again.close();
    }
  });

  it("the worked example: random numbers drawn, typed ones used, bad ones said beside them", async () => {
    const { page, problems } = await open(pg);
    await rendered(page);
    await afterEdit(page, () => page.getByLabel("Add the numbers of one update step").check());
    const drawn = JSON.parse(await page.inputValue("#params-json")) as {
      eta: number;
      inputs: number[];
      weights: Record<string, Record<string, number>>;
    };
    expect(drawn.inputs).toHaveLength(3);
    expect(Object.keys(drawn.weights)).toEqual(["4", "5", "6", "7"]);
    // Typed: the learning rate and the weight w_41 as the example prints them.
    await afterEdit(page, () =>
      page.fill(
        "#params-json",
        JSON.stringify({ ...drawn, eta: 0.125, weights: { ...drawn.weights, 4: { ...drawn.weights["4"], 1: 0.75 } } }),
      ),
    );
    const shown = await formulas(page);
    // The given values, in the notes' table.
    expect(shown).toContain("0.125");
    expect(shown).toContain("0.75");
    // η in the updates, and w_41 in net_4 = w_41 x_1 + ...
    expect(shown.some((f) => f.includes(" - 0.125 \\cdot "))).toBe(true);
    expect(shown.some((f) => f.startsWith("{} = 0.75 \\cdot "))).toBe(true);
    expect(await checked(page)).toMatch(/ 0 failed\.\s*Gradients: .* 0 failed\./s);
    // Numbers that do not fit: said beside them, the last derivation kept.
    const key = await page.getAttribute("#derivation", "data-key");
    await page.fill("#params-json", '{ "eta": 0.5 }');
    await page.locator("#params-json-error").waitFor({ state: "visible" });
    expect(await page.textContent("#params-json-error")).toBe("params.inputs: is required: an array of numbers, one per input node");
    expect(await page.getAttribute("#params-json", "aria-invalid")).toBe("true");
    expect(await page.getAttribute("#derivation", "data-key")).toBe(key);
    // Drawn again: a new derivation with new numbers.
    await afterEdit(page, () => page.getByRole("button", { name: "Draw random numbers" }).click());
    expect(JSON.parse(await page.inputValue("#params-json")).eta).not.toBe(drawn.eta);
    expect(await page.locator("#params-json-error").isHidden()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("selecting a node marks its δ, its downstream nodes and the edges of its sum; by keyboard too", async () => {
    const { page, problems } = await open(pg);
    await rendered(page);
    await checked(page);
    await page.click('#diagram-svg g[data-node="4"]');
    expect(await page.getAttribute('#diagram-svg g[data-node="4"]', "aria-pressed")).toBe("true");
    expect(await page.locator("#diagram-svg g.downstream").evaluateAll((g) => g.map((x) => (x as SVGGElement).dataset.node))).toEqual([
      "6",
      "7",
    ]);
    expect(await page.locator("#diagram-svg line.in-sum").count()).toBe(2);
    const marked = await page.locator("#derivation .bpd-hl").count();
    expect(marked).toBeGreaterThan(0);
    // Every marked place writes δ_4.
    const texts = await page
      .locator("#derivation .bpd-hl")
      .evaluateAll((els) => els.map((e) => [...e.querySelectorAll("annotation")].map((a) => a.textContent).join(" ")));
    for (const t of texts) expect(t).toMatch(/\\delta_(4|\{4\})/);
    expect(await page.textContent("#status")).toMatch(/^Node 4: δ4 marked in \d+ places?; its sum runs over nodes 6, 7\.$/);
    // Keyboard: Tab reaches the nodes; Enter selects.
    await page.focus('#diagram-svg g[data-node="5"]');
    await page.keyboard.press("Enter");
    expect(await page.getAttribute('#diagram-svg g[data-node="5"]', "aria-pressed")).toBe("true");
    expect(await page.getAttribute('#diagram-svg g[data-node="4"]', "aria-pressed")).toBe("false");
    expect(await page.locator("#diagram-svg line.in-sum").count()).toBe(2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("names every control, and reaches them all by keyboard", async () => {
    const { page } = await open(pg);
    await rendered(page);
    const unnamed = await unnamedControls(page, "input, select, textarea, button");
    expect(unnamed).toEqual([]);
    // Tab goes through the presets, the form, the JSON and the options without getting stuck.
    const visited = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      visited.add(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim().slice(0, 20) || ""));
    }
    for (const id of ["layer-size-0", "layer-act-1", "loss", "spec-json", "lang", "check", "example-on"]) expect(visited).toContain(id);
    await page.close();
  });

  it("works from a static server too (npm run playground's), which serves nothing outside its folder", async () => {
    const server = (await serve(pg.dir, 0)) as Server;
    const port = (server.address() as { port: number }).port;
    const status = (path: string): Promise<number> =>
      new Promise((ok, fail) => get({ host: "127.0.0.1", port, path }, (r) => (r.resume(), ok(r.statusCode ?? 0))).on("error", fail));
    try {
      expect(await status("/")).toBe(200);
      expect(await status("/index.html")).toBe(200);
      expect(await status("/%2e%2e/%2e%2e/package.json")).toBe(404);
      expect(await status("/nothing.js")).toBe(404);
      await pg.context.setOffline(false);
      const page = await pg.context.newPage();
      const problems: string[] = [];
      page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
      page.on("pageerror", (e) => problems.push(e.message));
      await page.goto(`http://127.0.0.1:${port}/#spec=${encodeURIComponent('{"layers": [2, 3, 1], "activation": "tanh"}')}`);
      await rendered(page);
      expect(await checked(page)).toMatch(/ 0 failed\.\s*Gradients: 13 of 13 .* 0 failed\./s);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await pg.context.setOffline(true);
      server.close();
    }
  });

  it("says a bad formula beside its own field when the layers' activations differ", async () => {
    const { page, problems } = await open(pg);
    await rendered(page);
    await afterEdit(page, () =>
      page.fill("#spec-json", '{ "layers": [3, 2, 2, 2], "activation": "relu", "outputActivation": "softmax", "loss": "cross-entropy" }'),
    );
    // Layer 3 becomes custom: the spec now spells the activations one per layer.
    await afterEdit(page, () => page.getByLabel("Layer 3: activation").selectOption("custom"));
    expect(await page.inputValue("#spec-json")).toContain('"activations"');
    await page.getByLabel("Layer 3: f(x) =").fill("x + (");
    const error = page.locator("#layer-formula-2-error");
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toMatch(/^activations\[1\]\.custom: formula "x \+ \(" at position \d+: /);
    expect(await page.getAttribute("#layer-formula-2", "aria-invalid")).toBe("true");
    // Nowhere else: the other layers' fields carry no mark.
    const marked = await page.locator(".error:visible").evaluateAll((els) => els.map((e) => e.id));
    for (const other of ["layer-formula-1-error", "layer-act-1-error", "layer-act-3-error"]) expect(marked).not.toContain(other);
    // Back to one activation for the hidden layers, then a bad formula in layer 2: beside layer 2's field.
    await afterEdit(page, () => page.getByLabel("Layer 3: activation").selectOption("relu"));
    await afterEdit(page, () => page.getByLabel("Layer 2: activation").selectOption("custom"));
    await page.getByLabel("Layer 2: f(x) =").fill("x + (");
    await page.locator("#layer-formula-1-error").waitFor({ state: "visible" });
    expect(await page.textContent("#layer-formula-1-error")).toMatch(/\.custom: formula "x \+ \(" at position \d+: /);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("at 390 px, the summary's list keeps its numbers 1 to 4 in view", async () => {
    const { page, problems } = await open(pg);
    await page.setViewportSize({ width: 390, height: 844 });
    await rendered(page);
    // Measured once the checks have come back: their answer draws the derivation again, and a list
    // found before that redraw is no longer on the page (no computed style, no position).
    await checked(page);
    // Found and measured in one evaluation, so no redraw can fall between the two.
    const items = await page.evaluate(() =>
      [...document.querySelectorAll("#derivation ol > li")].map((li) => {
        const s = getComputedStyle(li);
        // A marker outside its box is clipped once the box scrolls; inside the box, it stays in view.
        return {
          inside: s.listStylePosition === "inside",
          clips: s.overflowX !== "visible",
          left: li.getBoundingClientRect().left,
          overflow: `${s.overflowX} ${s.overflowY}`,
          width: window.innerWidth,
        };
      }),
    );
    expect(items.length).toBeGreaterThanOrEqual(4);
    for (const i of items) {
      expect(i.inside || !i.clips, JSON.stringify(items)).toBe(true);
      expect(i.left).toBeGreaterThanOrEqual(0);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("at a phone's width (390 px): no sideways scrolling, every justification shown", async () => {
    const { page, problems } = await open(pg, "#style=proof");
    await page.setViewportSize({ width: 390, height: 844 });
    await rendered(page);
    await checked(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const why = await page.$$eval(".bpd-why", (els) => els.map((e) => e.getBoundingClientRect()));
    expect(why.length).toBeGreaterThan(100);
    expect(why.filter((r) => r.width === 0 || r.height === 0)).toEqual([]);
    // Set below its formula, inside the screen.
    expect(why.filter((r) => r.right > 390 + 0.5)).toEqual([]);
    await page.locator("#derivation tr.bpd-step").nth(12).scrollIntoViewIfNeeded();
    writeFileSync(screenshotPath("playground-390.png"), await page.screenshot());
    expect(problems).toEqual([]);
    await page.close();
  });
});
