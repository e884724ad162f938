// Once per run: a folder outside the test files' own temporary folders (test/setup.ts removes
// each after its file), for what several files share, such as the built playground; and one
// headless Chromium that the page tests connect to (a context each), instead of a browser
// launched per file. Both go at the end of the run.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { CHROMIUM, LAUNCH } from "./render/chromium.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A folder that lives as long as the run. */
    runDir: string;
    /** The run's Chromium to connect to, or "" where there is none. */
    chromium: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), "bpd-run-"));
  project.provide("runDir", dir);
  const server = existsSync(CHROMIUM) ? await chromium.launchServer(LAUNCH) : undefined;
  project.provide("chromium", server?.wsEndpoint() ?? "");
  return async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
