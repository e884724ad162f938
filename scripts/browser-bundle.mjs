#!/usr/bin/env node
// Bundles the library (dist/index.js) for a browser into one ES module: node scripts/browser-bundle.mjs OUT.js
// For the test that derives and renders in Chromium (issue 10, item 2): it succeeds once no
// module under src/ but the command line imports a node: module. esbuild reports any that does.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = process.argv[2];
if (out === undefined) {
  console.error("usage: node scripts/browser-bundle.mjs OUT.js");
  process.exit(2);
}
await build({
  entryPoints: [join(root, "dist", "index.js")],
  outfile: out,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  logLevel: "warning",
});
