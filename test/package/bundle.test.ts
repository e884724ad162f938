// The library tree-shakes: a web page that imports what the README's Library example imports
// ships a minified browser bundle under 400 KB (KaTeX, its fonts, the templates and the
// renderers left out), and that bundle works: it derives and prints what the library does.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { PAGE_IMPORTS } from "../../bench/bundle.js";
import { buildNetwork, derive, parseSpec, toLatex } from "../../src/index.js";
// @ts-expect-error: a build script in plain JavaScript, without declarations.
import { bundleImports } from "../../scripts/browser-bundle.mjs";

const LIMIT = 400 * 1024;
const dir = mkdtempSync(join(tmpdir(), "bpd-bundle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Bundle = { text: string; bytes: number };
type Api = { derive: typeof derive; buildNetwork: typeof buildNetwork; parseSpec: typeof parseSpec; toLatex: typeof toLatex };

describe("a browser bundle of the library", () => {
  it("of derive, buildNetwork, parseSpec and toLatex is under 400 KB minified, and derives as the library does", async () => {
    expect(PAGE_IMPORTS).toEqual(["derive", "buildNetwork", "parseSpec", "toLatex"]);
    const { text, bytes } = (await bundleImports(PAGE_IMPORTS)) as Bundle;
    expect(bytes).toBeLessThan(LIMIT);
    expect(text).not.toContain("KaTeX");
    const file = join(dir, "page.mjs");
    writeFileSync(file, text);
    const api = (await import(pathToFileURL(file).href)) as Api;
    const spec = { layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" };
    const fromBundle = api.derive(api.buildNetwork(api.parseSpec(spec)));
    const fromLibrary = derive(buildNetwork(parseSpec(spec)));
    for (const k of [4, 5, 6, 7]) expect(api.toLatex(fromBundle.results.delta.get(k)!)).toBe(toLatex(fromLibrary.results.delta.get(k)!));
  });

  it("grows past the limit when a renderer is imported (the measure tells the two apart)", async () => {
    const { bytes } = (await bundleImports(["FORMATS"])) as Bundle;
    expect(bytes).toBeGreaterThan(LIMIT);
  });
});
