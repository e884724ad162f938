// The built playground in headless Chromium (Debian's, driven by playwright-core), opened from
// disk with the network off: one build per worker process (the files a worker runs share its
// modules, and the page is only read), one fresh profile per test file, and for each page the
// console errors, uncaught errors and requests it made. Under CI a missing Chromium fails the
// tests; elsewhere they are skipped with a message.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import type { BrowserContext, Download, Page } from "playwright-core";
import { chromiumContext } from "../render/chromium.js";
import { afterAll, beforeAll, inject } from "vitest";
import { CHROMIUM, tool } from "../render/helpers.js";
// @ts-expect-error: a build script in plain JavaScript, without declarations.
import { buildPlayground } from "../../scripts/playground.mjs";

export const hasChromium = (): boolean => tool(CHROMIUM, ["--version"]);

export interface Playground {
  readonly context: BrowserContext;
  /** file:// URL of the built index.html. */
  readonly url: string;
  readonly dir: string;
  close(): Promise<void>;
}

let built: Promise<string> | undefined;

/** The playground built for this worker, in the run's folder (test/global-setup.ts). */
function build(): Promise<string> {
  const dir = join(inject("runDir"), `playground-${process.pid}`);
  // Not minified: a failure's stack names the page's own functions.
  const once = built ?? buildPlayground(dir, { minify: false }).then(() => dir);
  built = once;
  return once;
}

export async function launch(viewport = { width: 1280, height: 900 }): Promise<Playground> {
  const dir = await build();
  const context = await chromiumContext(viewport, { acceptDownloads: true });
  return { context, dir, url: pathToFileURL(join(dir, "index.html")).href, close: () => context.close() };
}

/**
 * One playground for the tests of the enclosing describe: launched before them, closed after.
 * The object stands for it from the start (its fields are read once it is launched).
 */
export function usePlayground(): Playground {
  let launched: Playground | undefined;
  beforeAll(async () => {
    launched = await launch();
  }, 180_000);
  afterAll(async () => {
    await launched?.close();
  });
  const it = (): Playground => {
    if (launched === undefined) throw new Error("the playground is not launched yet");
    return launched;
  };
  return {
    get context() {
      return it().context;
    },
    get url() {
      return it().url;
    },
    get dir() {
      return it().dir;
    },
    close: () => it().close(),
  };
}

export interface Opened {
  readonly page: Page;
  /** Console errors and warnings, and uncaught errors, as they come. */
  readonly problems: string[];
  /** Every URL requested that is not the page, a blob: or a data: URL. */
  readonly elsewhere: string[];
  /** Every text the check count showed, in order. */
  counts(): Promise<string[]>;
}

/** A page of the playground; unless `keep`, with the state of earlier pages (localStorage) forgotten. */
export async function open(pg: Playground, hash = "", keep = false): Promise<Opened> {
  const page = await pg.context.newPage();
  const problems: string[] = [];
  const elsewhere: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(pg.url) && !u.startsWith("blob:") && !u.startsWith("data:")) elsewhere.push(u);
  });
  // Every text the check count takes, recorded as it changes (the live count passes quickly).
  if (!keep) await page.addInitScript(() => localStorage.clear());
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { bpdCounts: string[] }).bpdCounts = seen;
    document.addEventListener("DOMContentLoaded", () => {
      const el = document.getElementById("check-count");
      if (el)
        new MutationObserver(() => seen.push(el.textContent ?? "")).observe(el, { childList: true, subtree: true, characterData: true });
    });
  });
  await page.goto(pg.url + hash);
  return { page, problems, elsewhere, counts: () => page.evaluate(() => [...(window as unknown as { bpdCounts: string[] }).bpdCounts]) };
}

/** Waits until both checks report, and returns the count's text. */
export async function checked(page: Page): Promise<string> {
  await page.waitForFunction(
    () => /Steps: .* failed\.\s*Gradients: .* failed\./s.test(document.getElementById("check-count")?.textContent ?? ""),
    null,
    { timeout: 90_000 },
  );
  return (await page.textContent("#check-count")) ?? "";
}

/** Waits until the derivation shows formulas. */
export async function rendered(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll("#derivation .katex").length > 20, null, { timeout: 60_000 });
}

/** The LaTeX source of every formula shown in the derivation. */
/** The formulas of the derivation as written (a step's sides are set in display style inline: that prefix dropped). */
export const formulas = (page: Page): Promise<string[]> =>
  page.$$eval("#derivation annotation", (a) => a.map((x) => (x.textContent ?? "").replace(/^\\displaystyle /, "")));

/**
 * Does `action` and waits for the derivation of the edit it makes, rendered with its checks (or
 * without, when they are off).
 */
export async function afterEdit(page: Page, action: () => Promise<unknown>, withChecks = true): Promise<void> {
  const before = Number((await page.getAttribute("#derivation", "data-key")) ?? 0);
  await action();
  await page.waitForFunction(
    ([b, c]) => {
      const d = document.getElementById("derivation")!;
      return Number(d.dataset.key ?? 0) > (b as number) && (!c || d.dataset.checked === "true");
    },
    [before, withChecks] as const,
    { timeout: 90_000 },
  );
}

/** The controls under `selector` that are shown and have no name (a label, an aria-label, a button's text). */
export const unnamedControls = (page: Page, selector: string): Promise<string[]> =>
  page.$$eval(selector, (els) =>
    els
      .filter((el) => {
        const e = el as HTMLInputElement;
        const named = (e.labels?.length ?? 0) > 0 || e.getAttribute("aria-label") || (el.tagName === "BUTTON" && el.textContent?.trim());
        return !named && !(e.hidden || e.closest("[hidden]"));
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );

/** The bytes of a finished download (saved through the browser's connection: the run's one Chromium may not share this process's files). */
export async function saved(download: Download): Promise<Buffer> {
  const file = join(mkdtempSync(join(tmpdir(), "bpd-download-")), download.suggestedFilename());
  await download.saveAs(file);
  return readFileSync(file);
}
