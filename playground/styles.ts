// KaTeX's stylesheet and the derivation's own (derivation.css, its bpd- classes), loaded once by
// the page from the copies built into the library: KaTeX's woff2 fonts as data: URLs of the
// base64 the library holds (nothing decoded), so that nothing is fetched and the page works
// from file:// as from a server.
import { katexInlineCss, pageCss } from "../src/index.js";

export function installStyles(doc: Document): void {
  const katex = doc.createElement("style");
  katex.id = "katex-css";
  katex.textContent = katexInlineCss();
  const page = doc.createElement("style");
  page.id = "derivation-css";
  page.textContent = pageCss();
  // Before the page's own stylesheet, which adapts them to the page.
  const first = doc.head.querySelector("style");
  doc.head.insertBefore(page, first);
  doc.head.insertBefore(katex, page);
}
