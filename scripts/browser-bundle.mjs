#!/usr/bin/env node
// Bundles the library for a browser with esbuild: node scripts/browser-bundle.mjs OUT.js [GLOBAL]
// writes one ES module, or with GLOBAL one classic script that sets window.GLOBAL (a page opened
// from file:// cannot import a module file). The library's test in Chromium (issue 10) and the
// playground (scripts/playground.mjs) are built by the same options, below.
import { build } from "esbuild";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The options every browser bundle of the library shares. The entry is the TypeScript source
 * (src/index.ts, or the playground's, which imports it): the bundle is then never older than the
 * sources, whatever state dist/ is in. No module is marked external: a node: import anywhere in
 * the library fails the build, and nothing is fetched at run time.
 */
export function browserOptions(entry, outfile, { globalName, minify = false } = {}) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: globalName === undefined ? "esm" : "iife",
    ...(globalName === undefined ? {} : { globalName }),
    platform: "browser",
    target: "es2022",
    minify,
    // The generated modules hold KaTeX's fonts and the templates as string literals; "</script"
    // inside them is escaped, so the bundle can also be inlined in a page.
    supported: { "inline-script": true },
    // Text as UTF-8, not \uXXXX escapes: a Chinese character is 3 bytes instead of 6 (the
    // zh-Hant messages are a quarter of a page's bundle). Every page that loads a bundle says
    // <meta charset="utf-8">, which a classic script without its own charset inherits.
    charset: "utf8",
    legalComments: "eof",
    logLevel: "silent",
    metafile: true,
  };
}

/** Bundles src/index.ts to `outfile`; returns esbuild's metafile (inputs and bytes). */
export async function bundleLibrary(outfile, options = {}) {
  const result = await build(browserOptions(join(ROOT, "src", "index.ts"), outfile, options));
  return result.metafile;
}

/**
 * What a page that imports `names` from the library ships: a minified browser bundle of
 * `export { ...names } from "src/index.ts"` (the package's "sideEffects": false lets esbuild
 * drop every module those names do not reach). Returns the bundle's text and its size in bytes.
 */
export async function bundleImports(names, { minify = true } = {}) {
  const result = await build({
    ...browserOptions(undefined, "imports.js", { minify }),
    entryPoints: undefined,
    stdin: { contents: `export { ${names.join(", ")} } from "./src/index.ts";`, resolveDir: ROOT, loader: "ts", sourcefile: "page.ts" },
    write: false,
  });
  const text = result.outputFiles[0].text;
  return { text, bytes: Buffer.byteLength(text) };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [out, globalName] = process.argv.slice(2);
  if (out === undefined) {
    console.error("usage: node scripts/browser-bundle.mjs OUT.js [GLOBAL]");
    process.exit(2);
  }
  try {
    await bundleLibrary(out, globalName === undefined ? {} : { globalName });
  } catch (e) {
    for (const m of e.errors ?? [{ text: String(e) }])
      console.error(m.location ? `${m.location.file}:${m.location.line}: ${m.text}` : m.text);
    process.exit(1);
  }
}
