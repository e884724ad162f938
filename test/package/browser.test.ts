// The library in a browser (issue 10, item 2): bundled by esbuild for the browser platform (any
// node: import would fail the build), loaded into headless Chromium from a file with no network,
// it derives the seed network, checks every step and every gradient, and renders all four formats
// in memory, with no error and no request. What it renders there is byte for byte what the same
// calls render in Node, and with the checks, the same checks with the same verdicts (their figures
// differ in the last bits of exp and log: test/playground/same.ts). Under CI a missing Chromium
// fails this file; elsewhere it is skipped.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext } from "playwright-core";
import { chromiumContext } from "../render/chromium.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as lib from "../../src/index.js";
import { CHROMIUM, tool } from "../render/helpers.js";
import { derivationDifference, maskRelativeErrors } from "../playground/same.js";
// @ts-expect-error: a build script in plain JavaScript, without declarations.
import { bundleLibrary } from "../../scripts/browser-bundle.mjs";

const hasChromium = tool(CHROMIUM, ["--version"]);

interface Job {
  readonly lang: string;
  readonly style: "notes" | "proof";
  /** The seed of the worked example's random params; none: no worked example. */
  readonly example?: number;
  /** Whether every step and gradient is checked (and the documents report it). */
  readonly check: boolean;
}

type Files = Record<string, { name: string; content: string }[]>;

/**
 * Derive, check and render every format: the same function runs in Node and, serialised, in the
 * page (so it may use only its arguments; `api` is the library's exports).
 */
function everything(api: typeof lib, job: Job): Files {
  const network = api.buildNetwork(api.parseSpec(api.presets().seed));
  const derived = api.derive(network, { lang: job.lang });
  const params = job.example === undefined ? undefined : api.randomParams(network, api.rng(job.example));
  const proof = params === undefined ? derived : api.withWorkedExample(derived, { params, digits: 6, tolerance: 1e-5 });
  let input: Parameters<typeof api.FORMATS.tex>[0] = { proof, unchecked: true };
  if (job.check) {
    const steps = api.checkSteps(proof, { seed: 1, ...(params === undefined ? {} : { worked: { params, digits: 6 } }) });
    const report = api.gradientCheck(proof, { seed: 1 });
    if (steps.failed !== 0 || report.failed !== 0) throw new Error(`checks failed: ${steps.failed} steps, ${report.failed} gradients`);
    input = { proof, report, steps, stepChecks: steps.checks };
  }
  const out: Files = {};
  for (const format of ["tex", "html", "md", "json"] as const) {
    out[format] = api.FORMATS[format](input, { style: job.style }).map((f) => ({
      name: f.name,
      content: f.content instanceof Uint8Array ? `${f.content.length} bytes` : String(api.contentText(f.content)),
    }));
  }
  out["html-fragment"] = api.FORMATS.html(input, { style: job.style, fragment: true }).map((f) => ({
    name: f.name,
    content: String(api.contentText(f.content)),
  }));
  return out;
}

const JOBS: Job[] = [
  { lang: "en", style: "notes", check: false },
  { lang: "zh-Hant", style: "proof", example: 7, check: false },
  { lang: "en", style: "notes", check: true },
  { lang: "zh-Hant", style: "proof", example: 7, check: true },
];

describe.skipIf(!hasChromium)("the library bundled for a browser, in Chromium", { timeout: 180_000 }, () => {
  let context: BrowserContext;
  let url: string;
  let bytes = 0;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "bpd-browser-lib-"));
    // A classic script: a module file cannot be imported by a page opened from file://.
    const meta = await bundleLibrary(join(dir, "backprop-derive.js"), { globalName: "backpropDerive" });
    bytes = Object.values(meta.outputs as Record<string, { bytes: number }>)[0]!.bytes;
    writeFileSync(
      join(dir, "index.html"),
      `<!DOCTYPE html><html><head><meta charset="utf-8"><script src="backprop-derive.js"></script></head><body></body></html>`,
    );
    url = pathToFileURL(join(dir, "index.html")).href;
    context = await chromiumContext(null);
  }, 180_000);
  afterAll(async () => {
    await context?.close();
  });

  it("the bundle holds the whole library and nothing of Node", () => {
    // KaTeX's woff2 fonts (about 0.4 MB of base64) are in it: the single-file page needs them.
    expect(bytes).toBeGreaterThan(700_000);
  });

  it("derives the seed network, checks it and renders tex, html, md and json as Node does: byte for byte where no check figure is printed", async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(url);
    for (const job of JOBS) {
      const inBrowser = await page.evaluate(
        ([source, j]) => {
          // eslint-disable-next-line no-new-func
          const run = new Function("api", "job", `return (${source})(api, job);`) as (api: unknown, job: unknown) => Files;
          return run((window as unknown as { backpropDerive: unknown }).backpropDerive, j);
        },
        [everything.toString(), job] as const,
      );
      const inNode = everything(lib, job);
      const what = `${job.lang}, ${job.style}${job.example === undefined ? "" : ", worked example"}${job.check ? ", checked" : ""}`;
      expect(Object.keys(inBrowser)).toEqual(["tex", "html", "md", "json", "html-fragment"]);
      expect(inBrowser.html!.map((f) => f.name)).toEqual(["derivation.html"]);
      expect(inBrowser.md!.map((f) => f.name)).toEqual(["derivation.md", "network.svg"]);
      for (const [format, files] of Object.entries(inBrowser)) {
        for (const [i, f] of files.entries()) {
          expect(f.content.length, `${what}: ${format} ${f.name}`).toBeGreaterThan(1000);
          if (job.check) continue;
          // Byte for byte, without printing a megabyte on failure; the worked example's own check
          // of its numbers prints a relative error (same.ts).
          const [ours, theirs] = [f.content, inNode[format]![i]!.content].map(job.example === undefined ? String : maskRelativeErrors);
          expect(ours === theirs, `${what}: ${f.name} made in the browser differs from Node's`).toBe(true);
        }
      }
      // Checked: the same proof, the same checks with the same verdict on every step and gradient,
      // their figures equal but for the last bits of the two engines' exp and log (same.ts).
      if (job.check) expect(derivationDifference(inBrowser.json![0]!.content, inNode.json![0]!.content), what).toBeUndefined();
      expect(inBrowser.html![0]!.content).not.toContain("katex-error");
      // The fragment, placed in the page (KaTeX's stylesheet is the host's): no error node, every formula rendered.
      const [fragment, svg] = inBrowser["html-fragment"]!;
      // A fragment's picture is named after its label prefix, so that two fragments in one host keep theirs apart.
      expect(svg!.name).toMatch(/^[a-z0-9-]+-network\.svg$/);
      const counts = await page.evaluate(
        ([html, picture]) => {
          // The picture beside the fragment, as its host would serve it.
          document.body.innerHTML = html.replace(/src="[a-z0-9-]*network\.svg"/, `src="data:image/svg+xml,${encodeURIComponent(picture)}"`);
          return {
            errors: document.querySelectorAll(".katex-error").length,
            formulas: document.querySelectorAll(".katex").length,
            article: document.querySelectorAll("article.bpd").length,
          };
        },
        [fragment!.content, svg!.content] as const,
      );
      expect(counts).toMatchObject({ errors: 0, article: 1 });
      expect(counts.formulas).toBeGreaterThan(100);
    }
    expect(problems).toEqual([]);
    // The page and the bundle, and the pictures given to it as data: URLs; nothing else.
    expect(requests.filter((u) => !u.startsWith("data:"))).toEqual([url, url.replace(/index\.html$/, "backprop-derive.js")]);
    await page.close();
  });
});
