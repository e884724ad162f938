// The playground's code box and code downloads: the box shows the backward pass in the language
// chosen, as the library's toCode writes it for the network shown, and follows an edit; the
// downloads backprop.py, backprop_torch.py and backprop.mjs are the command line's files.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive/derive.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { toCode } from "../../src/render/code/code.js";
import { run, tempDir } from "../cli/helpers.js";
import { afterEdit, hasChromium, open, rendered, saved, usePlayground } from "./browser.js";

const SEED = { layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" };
const DAG = {
  inputs: 2,
  nodes: [
    { from: [1, 2], activation: "tanh" },
    { from: [1, 3], activation: "sigmoid" },
  ],
  outputs: [4],
  loss: "mse",
};
const hash = (spec: object): string => `#spec=${encodeURIComponent(JSON.stringify(spec))}&check=0`;
const expected = (spec: object, lang: "numpy" | "pytorch" | "js"): string => toCode(derive(buildNetwork(parseSpec(spec))), lang).text;

describe.skipIf(!hasChromium())("the playground's code box (skipped where Chromium is not installed)", { timeout: 300_000 }, () => {
  const pg = usePlayground();

  it("shows the program of the language chosen, and the one of the network after an edit", async () => {
    const { page, problems } = await open(pg, hash(SEED));
    await rendered(page);
    await page.click("#code summary");
    await page.waitForFunction(() => (document.getElementById("code-text")?.textContent ?? "").length > 100);
    expect(await page.textContent("#code-text")).toBe(expected(SEED, "numpy"));
    await page.selectOption("#code-lang", "js");
    expect(await page.textContent("#code-text")).toBe(expected(SEED, "js"));
    await afterEdit(page, () => page.fill("#spec-json", JSON.stringify(DAG)), false);
    expect(await page.textContent("#code-text")).toBe(expected(DAG, "js"));
    expect(problems).toEqual([]);
  });

  it("downloads the three programs as the command line writes them", async () => {
    const { page } = await open(pg, hash(SEED));
    await rendered(page);
    const dir = tempDir();
    writeFileSync(join(dir, "spec.json"), JSON.stringify(SEED));
    const r = await run(
      "derive",
      join(dir, "spec.json"),
      "--format",
      "numpy,pytorch,js",
      "--out",
      join(dir, "out"),
      "--quiet",
      "--no-check",
    );
    expect(r.code).toBe(0);
    for (const file of ["backprop.py", "backprop_torch.py", "backprop.mjs"]) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(`#download-buttons button[data-file="${file}"]`)]);
      expect(download.suggestedFilename()).toBe(file);
      expect((await saved(download)).toString("utf8"), file).toBe(readFileSync(join(dir, "out", file), "utf8"));
    }
  });

  it("with a program chosen beside the downloads, the documents end with it, as derive --code writes them", async () => {
    const { page } = await open(pg, hash(SEED));
    await rendered(page);
    const dir = tempDir();
    writeFileSync(join(dir, "spec.json"), JSON.stringify(SEED));
    const r = await run(
      "derive",
      join(dir, "spec.json"),
      "--format",
      "md",
      "--code",
      "js",
      "--example",
      "none",
      "--out",
      join(dir, "out"),
      "--quiet",
      "--no-check",
    );
    expect(r.code).toBe(0);
    await page.selectOption("#download-code", "js");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click('#download-buttons button[data-file="derivation.md"]'),
    ]);
    const md = (await saved(download)).toString("utf8");
    expect(md).toContain("## The backward pass in JavaScript");
    expect(md).toBe(readFileSync(join(dir, "out", "derivation.md"), "utf8"));
  });
});
