// The playground's downloads are the command line's files: the same spec text, style, language
// and worked example give `derive` the same bytes. Where a check's figures are printed, the two
// engines' arithmetic differs in the last bits (same.ts): with the checks, the JSON is compared
// step by step, its numbers to 1e-6; with a worked example only its one relative error is masked.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { run, tempDir } from "../cli/helpers.js";
import { afterEdit, checked, hasChromium, open, rendered, saved, usePlayground } from "./browser.js";
import { derivationDifference, maskRelativeErrors } from "./same.js";

const FILES = ["derivation.tex", "derivation.html", "derivation.md", "derivation.json", "network.svg"];
const FRAGMENTS = ["derivation.fragment.tex", "derivation.fragment.html", "derivation.fragment.md"];

/** The bytes of the page's download of `file`. */
async function downloaded(page: Page, file: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(`#download-buttons button[data-file="${file}"]`)]);
  expect(download.suggestedFilename()).toBe(file);
  return saved(download);
}

/** The command line's files for the page's spec text (and params), with `flags`. */
async function cliFiles(specText: string, flags: string[], params?: string): Promise<Map<string, Buffer>> {
  const dir = tempDir();
  const spec = join(dir, "spec.json");
  writeFileSync(spec, specText);
  const extra = params === undefined ? [] : ["--params", join(dir, "params.json")];
  if (params !== undefined) writeFileSync(join(dir, "params.json"), params);
  const out = new Map<string, Buffer>();
  for (const fragment of [false, true]) {
    const to = join(dir, fragment ? "fragment" : "full");
    const r = await run("derive", spec, ...flags, ...extra, ...(fragment ? ["--fragment"] : []), "--out", to, "--quiet");
    expect(r.err).toEqual([]);
    for (const f of fragment ? FRAGMENTS : FILES) out.set(f, readFileSync(join(to, f)));
  }
  return out;
}

const hash = (spec: object, rest: string): string => `#spec=${encodeURIComponent(JSON.stringify(spec))}&${rest}`;

describe.skipIf(!hasChromium())("the playground's downloads against the command line", { timeout: 300_000 }, () => {
  const pg = usePlayground();

  const unchecked: [string, object, string, string[]][] = [
    [
      "the seed network, notes, English",
      { layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" },
      "check=0",
      [],
    ],
    [
      "the README's graph form (a skip, a node without bias, a softmax group, a tied pair), proof style",
      {
        inputs: 2,
        nodes: [
          { from: [1, 2], activation: "tanh" },
          { from: [1, 2, 3], activation: "sigmoid", bias: false },
          { from: [3, 4], activation: "softmax", group: "out" },
          { from: [1, 4], activation: "softmax", group: "out" },
        ],
        outputs: [5, 6],
        loss: "cross-entropy",
        tied: [["w_5_4", "w_6_4"]],
      },
      "style=proof&check=0",
      ["--style", "proof"],
    ],
    [
      "a named 3-4-2 tanh network, proof style, Traditional Chinese",
      { name: "tanh 3-4-2", layers: [3, 4, 2], activation: "tanh", outputActivation: "identity", loss: "mse" },
      "style=proof&lang=zh-Hant&check=0",
      ["--style", "proof", "--lang", "zh-Hant"],
    ],
  ];
  for (const [what, spec, state, flags] of unchecked) {
    it(`without the checks, all ${FILES.length + FRAGMENTS.length} files byte for byte: ${what}`, async () => {
      const { page, problems } = await open(pg, hash(spec, state));
      await rendered(page);
      await page.waitForFunction(() => document.getElementById("derivation")!.dataset.key !== undefined);
      // The page adds a worked example only when asked: the command line's --example none.
      const cli = await cliFiles(await page.inputValue("#spec-json"), [...flags, "--no-check", "--example", "none"]);
      for (const file of [...FILES, ...FRAGMENTS]) {
        const ours = await downloaded(page, file);
        expect(ours.length, file).toBeGreaterThan(1000);
        expect(ours.equals(cli.get(file)!), `${file} differs from the command line's`).toBe(true);
      }
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it("with a worked example, every file as the command line's --params writes it (its one relative error masked); checked, the same JSON", async () => {
    const { page, problems } = await open(
      pg,
      hash({ layers: [2, 3, 2], activation: "sigmoid", loss: "binary-cross-entropy" }, "check=0&example=1"),
    );
    await rendered(page);
    await page.waitForFunction(() => document.getElementById("derivation")!.dataset.key !== undefined);
    const params = await page.inputValue("#params-json");
    expect(JSON.parse(params)).toHaveProperty("weights");
    const specText = await page.inputValue("#spec-json");
    const cli = await cliFiles(specText, ["--no-check"], params);
    for (const file of [...FILES, ...FRAGMENTS]) {
      const ours = (await downloaded(page, file)).toString("utf8");
      expect(
        maskRelativeErrors(ours) === maskRelativeErrors(cli.get(file)!.toString("utf8")),
        `${file} differs from the command line's`,
      ).toBe(true);
    }
    // The same with every step and gradient checked: the JSON holds every check.
    await afterEdit(page, () => page.getByLabel("Check every step and gradient").check());
    expect(await checked(page)).toMatch(/ 0 failed\.\s*Gradients: 17 of 17 .* 0 failed\./s);
    const json = (await downloaded(page, "derivation.json")).toString("utf8");
    const checkedCli = await cliFiles(specText, [], params);
    expect(derivationDifference(json, checkedCli.get("derivation.json")!.toString("utf8"))).toBeUndefined();
    expect(JSON.parse(json).check.passed).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("titles the documents after the network as edited, not after the preset it started from", async () => {
    const seed = {
      name: "ReLU 3-2-2 with softmax and cross-entropy",
      layers: [3, 2, 2],
      activation: "relu",
      outputActivation: "softmax",
      loss: "cross-entropy",
    };
    const { page, problems } = await open(pg, hash(seed, "check=0"));
    await rendered(page);
    // Unchecked: the edit is derived again, with no checks to wait for.
    await afterEdit(page, () => page.getByLabel("Layer 2: number of nodes").fill("5"), false);
    const md = (await downloaded(page, "derivation.md")).toString("utf8");
    const title = md.split("\n")[0]!;
    expect(title).toBe(
      "# Forward and backward propagation for a 3-5-2 network with ReLU hidden nodes and softmax outputs, trained to minimise the cross-entropy",
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it("over the live limit: says so, renders nothing, and offers the whole derivation.json, the command line's", async () => {
    const spec = { layers: [100, 50], activation: "sigmoid", loss: "mse" };
    const { page, problems } = await open(pg, hash(spec, ""));
    await page.waitForFunction(() => /5,050 weights and biases/.test(document.getElementById("status")?.textContent ?? ""));
    expect(await page.textContent("#status")).toMatch(
      /^This network has 5,050 weights and biases; the page derives and renders up to 5,000 as you type\./,
    );
    expect(await page.textContent("#layers-error")).toMatch(
      /^This network has 5,050 weights and biases; .* derivation\.json can still be downloaded\.$/,
    );
    await page.waitForFunction(
      () => !(document.querySelector('#download-buttons button[data-file="derivation.json"]') as HTMLButtonElement).disabled,
      null,
      { timeout: 120_000 },
    );
    expect(await checked(page)).toMatch(/ 0 failed\.\s*Gradients: 300 of 5,050 .* 0 failed\./s);
    expect(await page.locator("#derivation *").count()).toBe(0);
    const disabled = await page.$$eval("#download-buttons button:disabled", (b) => b.map((x) => (x as HTMLElement).dataset.file));
    // The programs (playground/code.ts) need the proof too: offered after the documents.
    const programs = ["backprop.py", "backprop_torch.py", "backprop.mjs"];
    expect(disabled).toEqual([
      ...[...FILES, ...FRAGMENTS].filter((f) => f !== "derivation.json").sort((a, b) => order(a) - order(b)),
      ...programs,
    ]);
    const json = (await downloaded(page, "derivation.json")).toString("utf8");
    const dir = tempDir();
    writeFileSync(join(dir, "spec.json"), await page.inputValue("#spec-json"));
    expect((await run("derive", join(dir, "spec.json"), "--format", "json", "--out", dir, "--quiet")).code).toBe(0);
    expect(derivationDifference(json, readFileSync(join(dir, "derivation.json"), "utf8"))).toBeUndefined();
    expect(problems).toEqual([]);
    await page.close();
  });
});

/** The order of the page's buttons. */
const order = (f: string): number =>
  [
    "derivation.tex",
    "derivation.fragment.tex",
    "derivation.html",
    "derivation.fragment.html",
    "derivation.md",
    "derivation.fragment.md",
    "derivation.json",
    "network.svg",
  ].indexOf(f);
