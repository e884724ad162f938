// Files that the HTML page needs beside it to work offline: KaTeX's stylesheet and its fonts,
// copied from the installed katex package into out/katex/ (the stylesheet refers to fonts/...),
// and the page's own stylesheet from templates/.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { OutputFile } from "./formats.js";
import { TEMPLATE_DIR } from "./template.js";

const KATEX_DIST = join(dirname(createRequire(import.meta.url).resolve("katex/package.json")), "dist");

let cache: OutputFile[] | undefined;

/** katex/katex.min.css and katex/fonts/*, read once per process. */
export function katexAssets(): OutputFile[] {
  cache ??= [
    { name: "katex/katex.min.css", content: readFileSync(join(KATEX_DIST, "katex.min.css")) },
    ...readdirSync(join(KATEX_DIST, "fonts"))
      .sort()
      .map((f) => ({ name: `katex/fonts/${f}`, content: readFileSync(join(KATEX_DIST, "fonts", f)) })),
  ];
  return cache;
}

export const pageCss = (): string => readFileSync(join(TEMPLATE_DIR, "derivation.css"), "utf8");

/** KaTeX's stylesheet, as text (it refers to its fonts as fonts/<name>). */
export const katexCss = (): string => readFileSync(join(KATEX_DIST, "katex.min.css"), "utf8");

/** KaTeX's fonts in the woff2 format, which every browser that runs KaTeX reads. */
export const katexFonts = (): { name: string; content: Uint8Array }[] =>
  readdirSync(join(KATEX_DIST, "fonts"))
    .filter((f) => f.endsWith(".woff2"))
    .sort()
    .map((f) => ({ name: f, content: readFileSync(join(KATEX_DIST, "fonts", f)) }));
