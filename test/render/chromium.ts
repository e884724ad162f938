// Debian's Chromium for the tests that open pages (driven by playwright-core): one browser for the
// whole run (launched by test/global-setup.ts), a fresh context for each caller, headless and
// offline, so that any request that is not a local file fails. A context shares no storage with
// another. Where the run has no browser (Chromium missing), each caller launches its own, which
// fails or is skipped as the callers' own checks say.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type LaunchOptions } from "playwright-core";
import { inject } from "vitest";

export const CHROMIUM = "/usr/bin/chromium";

export const LAUNCH: LaunchOptions = {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

let connected: Promise<Browser> | undefined;

/** The run's browser, connected once per worker. */
function browser(endpoint: string): Promise<Browser> {
  const once = connected ?? chromium.connect(endpoint);
  connected = once;
  return once;
}

/** A new browser context of its own; `viewport` null keeps Chromium's default. */
export async function chromiumContext(
  viewport: { width: number; height: number } | null,
  options: { acceptDownloads?: boolean } = {},
): Promise<BrowserContext> {
  const look = { offline: true, ...(viewport === null ? {} : { viewport }), ...options };
  const endpoint = inject("chromium");
  if (endpoint !== "") return (await browser(endpoint)).newContext(look);
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "bpd-chromium-")), { ...LAUNCH, ...look });
}
