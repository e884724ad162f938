// Debian's Chromium for the tests that open pages (driven by playwright-core): a fresh profile,
// headless and offline, so that any request that is not a local file fails.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { CHROMIUM } from "./helpers.js";

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** A new browser context in a profile of its own; `viewport` null keeps Chromium's default. */
export const chromiumContext = (
  viewport: { width: number; height: number } | null,
  options: { acceptDownloads?: boolean } = {},
): Promise<BrowserContext> =>
  chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "bpd-chromium-")), {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    offline: true,
    ...(viewport === null ? {} : { viewport }),
    ...options,
  });
