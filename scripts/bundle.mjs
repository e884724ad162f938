#!/usr/bin/env node
// Bundles the compiled command line (dist/cli/run.js) with its own modules and zod into a few
// files in dist/bin/, one chunk per lazily loaded command, so that a start-up loads a handful of
// files instead of a few hundred. katex, nunjucks, mathjs and nerdamer-prime stay separate
// packages, loaded from node_modules as before. bin/backprop-derive.js runs dist/bin/run.js.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
rmSync(join(root, "dist", "bin"), { recursive: true, force: true });
await build({
  entryPoints: [join(root, "dist", "cli", "run.js")],
  outdir: join(root, "dist", "bin"),
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["katex", "nunjucks", "mathjs", "nerdamer-prime"],
  // KaTeX's woff2 fonts (0.4 MB of base64) stay in their compiled module, shipped once, beside the bundle.
  plugins: [
    {
      name: "katex-files",
      setup(b) {
        b.onResolve({ filter: /generated\/katex\.js$/ }, () => ({ path: "../render/generated/katex.js", external: true }));
      },
    },
  ],
  logLevel: "warning",
});
