// The playground's figures: the size of its one file against the library's own browser bundle,
// and the time from opening it (file://, Chromium) to its first rendered derivation and to the
// derivation with its checks, against the command line doing the same work in the same run.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
// @ts-expect-error: build scripts in plain JavaScript, without declarations.
import { bundleLibrary } from "../scripts/browser-bundle.mjs";
// @ts-expect-error: as above.
import { buildPlayground } from "../scripts/playground.mjs";
import { median } from "./measure.js";

const ROOT = join(import.meta.dirname, "..");
const CHROMIUM = "/usr/bin/chromium";
const mb = (n: number): string => `${(n / 1e6).toFixed(2)} MB`;

interface Meta {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

export async function benchPlayground(runs = 5): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "bpd-bench-playground-"));
  const lines: string[] = [];
  try {
    const built = (await buildPlayground(dir)) as { page: number; script: number; metafile: Meta };
    const page = readFileSync(join(dir, "index.html"));
    const library = (await bundleLibrary(join(dir, "library.js"), { minify: true })) as Meta;
    const libBytes = Object.values(library.outputs)[0]!.bytes;
    const fonts = Object.entries(Object.values(built.metafile.outputs)[0]!.inputs)
      .filter(([f]) => f.endsWith("generated/katex.ts"))
      .reduce((n, [, i]) => n + i.bytesInOutput, 0);
    lines.push(
      `page (one file, its script inlined): ${mb(page.length)}, ${mb(gzipSync(page).length)} gzipped; KaTeX's stylesheet and fonts ${mb(fonts)} of it`,
    );
    lines.push(
      `the library alone, bundled and minified for a browser: ${mb(libBytes)}; the page ÷ the library: ${(page.length / libBytes).toFixed(3)}`,
    );
    if (spawnSync(CHROMIUM, ["--version"], { stdio: "ignore" }).status !== 0)
      return [...lines, "load times: skipped (no Chromium at /usr/bin/chromium)"];

    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
    const first: number[] = [];
    const withChecks: number[] = [];
    const cli: number[] = [];
    const out = join(dir, "cli");
    try {
      for (let i = 0; i < runs; i++) {
        // A fresh context each time: nothing cached, no state from the last visit.
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const p = await context.newPage();
        await p.goto(pathToFileURL(join(dir, "index.html")).href);
        await p.waitForFunction(() => document.getElementById("derivation")?.dataset.checked === "true", null, { timeout: 120_000 });
        const t = await p.evaluate(() => ({
          first: performance.getEntriesByName("bpd-first-render")[0]!.startTime,
          checked: performance.now(),
        }));
        first.push(t.first);
        withChecks.push(t.checked);
        await context.close();
        // Interleaved: the command line, from a fresh process to the checked HTML written.
        const t0 = performance.now();
        execFileSync(
          process.execPath,
          [join(ROOT, "dist", "bin", "run.js"), "derive", "seed", "--format", "html", "--out", out, "--quiet"],
          { stdio: "ignore", env: { ...process.env, NODE_OPTIONS: "" } },
        );
        cli.push(performance.now() - t0);
      }
    } finally {
      await browser.close();
    }
    const [f, c, x] = [median(first), median(withChecks), median(cli)];
    lines.push(
      `opening the page (seed network, file://, a fresh context; median of ${runs}): first rendered derivation ${f.toFixed(0)} ms (target <= 500 ms); with its checks ${c.toFixed(0)} ms`,
    );
    lines.push(
      `derive seed --format html (the same work as a whole process, checked): ${x.toFixed(0)} ms; the page's first derivation ÷ the command: ${(f / x).toFixed(2)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
