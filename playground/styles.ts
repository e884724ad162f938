// KaTeX's stylesheet and the derivation's own (derivation.css, its bpd- classes), loaded once by
// the page from the copies built into the library: KaTeX's fonts become blob: URLs, so that
// nothing is fetched and the page works from file:// as from a server.
import { katexCss, katexFonts, pageCss } from "../src/index.js";

/** KaTeX's stylesheet with each font's woff2 given as a blob: URL (the other formats dropped). */
export function katexStylesheet(): string {
  const urls = new Map<string, string>();
  for (const f of katexFonts()) {
    if (f.name.endsWith(".woff2")) urls.set(f.name, URL.createObjectURL(new Blob([f.content as BlobPart], { type: "font/woff2" })));
  }
  // Each @font-face lists woff2, woff and ttf; keep the woff2, as a blob.
  return katexCss().replace(/src:url\(fonts\/([^)]+\.woff2)\) format\("woff2"\)[^;}]*/g, (whole, name: string) => {
    const url = urls.get(name);
    return url === undefined ? whole : `src:url(${url}) format("woff2")`;
  });
}

export function installStyles(doc: Document): void {
  const katex = doc.createElement("style");
  katex.id = "katex-css";
  katex.textContent = katexStylesheet();
  const page = doc.createElement("style");
  page.id = "derivation-css";
  page.textContent = pageCss();
  // Before the page's own stylesheet, which adapts them to the page.
  const first = doc.head.querySelector("style");
  doc.head.insertBefore(page, first);
  doc.head.insertBefore(katex, page);
}
