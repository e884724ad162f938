// Files that the HTML page needs beside it to work offline: KaTeX's stylesheet and its woff2
// fonts (written to out/katex/, the stylesheet refers to fonts/...), and the page's own
// stylesheet. All are bundled into the library at build time (generated/, the fonts as base64),
// so nothing here reads a file. A page that travels alone (or the playground) takes the fonts as
// data: URLs of that base64 as it is; only the files beside a page are decoded, once.
import type { OutputFile } from "./document.js";
import { KATEX_CSS, KATEX_FONTS } from "./generated/katex.js";
import { bundledFile } from "./template.js";

let fonts: { name: string; content: Uint8Array }[] | undefined;
let inlined: string | undefined;

function decode(base64: string): Uint8Array {
  // Node's Buffer decodes natively; a browser has atob.
  const B = (globalThis as { Buffer?: { from(s: string, enc: "base64"): Uint8Array } }).Buffer;
  if (B !== undefined) return B.from(base64, "base64");
  const bytes = atob(base64);
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes.charCodeAt(i);
  return out;
}

/** KaTeX's stylesheet (katex.min.css of the katex the library was built with, each font by its woff2 alone). */
export const katexCss = (): string => KATEX_CSS;

/** KaTeX's stylesheet with its fonts inside, as data: URLs, for a page that travels alone. */
export function katexInlineCss(): string {
  if (inlined === undefined) {
    const data = new Map(KATEX_FONTS.map((f) => [f.name, f.base64]));
    inlined = KATEX_CSS.replace(/url\(fonts\/([^)]+\.woff2)\)/g, (whole, name: string) => {
      const b64 = data.get(name);
      return b64 === undefined ? whole : `url(data:font/woff2;base64,${b64})`;
    });
  }
  return inlined;
}

/** KaTeX's woff2 fonts, by file name, as the stylesheet's fonts/ folder holds them. */
export function katexFonts(): { name: string; content: Uint8Array }[] {
  fonts ??= KATEX_FONTS.map((f) => ({ name: f.name, content: decode(f.base64) }));
  return fonts;
}

/** katex/katex.min.css and katex/fonts/*, decoded once per process. */
export function katexAssets(): OutputFile[] {
  return [
    { name: "katex/katex.min.css", content: katexCss() },
    ...katexFonts().map((f) => ({ name: `katex/fonts/${f.name}`, content: f.content })),
  ];
}

/** The page's own stylesheet, templates/derivation.css. */
export function pageCss(): string {
  const text = bundledFile("derivation.css");
  if (text === undefined) throw new Error("built-in stylesheet derivation.css is missing");
  return text;
}
