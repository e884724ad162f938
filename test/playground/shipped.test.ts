// The built page ships with the package: npm pack lists it (the build that npm install runs made
// it), and it is one file that holds its script, with nothing to fetch.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../render/helpers.js";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const PAGE = join(ROOT, "dist", "playground", "index.html");

describe("the playground in the package", () => {
  it("is built by the package's build and packed with it", () => {
    expect(existsSync(PAGE), "dist/playground/index.html is missing: npm install (or npm run build) makes it").toBe(true);
    const out = execFileSync(NPM, ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toContain("dist/playground/index.html");
    // Its sources stay in the repository.
    expect(files.filter((f) => f.startsWith("playground/"))).toEqual([]);
  });

  it("is one file: its script inside, no other file or address named", () => {
    const page = readFileSync(PAGE, "utf8");
    expect(page).toMatch(/<script id="bpd-playground">[\s\S]{1000000,}<\/script>/);
    // The page around its script (which holds the documents' templates, links and all).
    const shell = page.replace(/<script id="bpd-playground">[\s\S]*<\/script>/, "");
    expect(shell.length).toBeLessThan(100_000);
    expect(shell).not.toMatch(/<script[^>]*\ssrc=|<link[^>]*rel="stylesheet"|<img[^>]*\ssrc=|https?:\/\//i);
  });
});
