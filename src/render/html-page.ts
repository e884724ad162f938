// The HTML renderer: the page with every formula rendered by KaTeX, self-contained (KaTeX's
// stylesheet, its fonts and the picture inside it) or with KaTeX's files beside it. This module
// is what loads KaTeX and its fonts; the other formats never import it.
import { katexAssets, katexCss, katexFonts, pageCss } from "./assets.js";
import { documentFile, LEVELS, prepare, type Renderer } from "./document.js";
import { htmlContext } from "./html.js";
import { DIAGRAM_FILE, escapeHtml } from "./page.js";

/** Base64 without Node's Buffer: the renderers run in a browser too. */
function base64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** KaTeX's stylesheet with its fonts inside, as data: URLs, for a page that travels alone. */
function inlineKatexCss(): string {
  const fonts = new Map(katexFonts().map((f) => [f.name, base64(f.content)]));
  // Each @font-face lists woff2, woff and ttf; keep the woff2, embedded.
  return katexCss().replace(/src:url\(fonts\/([^)]+)\.woff2\) format\("woff2"\)[^;}]*/g, (_m, name: string) => {
    const data = fonts.get(`${name}.woff2`);
    return data === undefined ? _m : `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
}

export const html: Renderer = (input, options) => {
  const { expand, doc, ctx, view, legend, shared } = prepare(input, options);
  const inline = (options.assets ?? "inline") === "inline" && !options.fragment;
  const [h, sub] = LEVELS[doc.level].html;
  // The SVG is rendered first to embed it; htmlContext gives it back for the external file.
  const probe = htmlContext(input, ctx, view, expand, pageCss(), doc);
  const svgSrc = inline ? `data:image/svg+xml;base64,${base64(new TextEncoder().encode(probe.svg))}` : undefined;
  const { context, svg } = inline ? htmlContext(input, ctx, view, expand, pageCss(), doc, svgSrc) : probe;
  const page = {
    ...context,
    ...shared,
    author: escapeHtml(ctx.common.author),
    legend: escapeHtml(legend),
    legend_title: escapeHtml(shared.legend_title),
    check_title: escapeHtml(shared.check_title),
    appendix_title: escapeHtml(shared.appendix_title),
    h,
    sub,
    inline_assets: inline,
    katex_inline_css: inline ? inlineKatexCss() : "",
  };
  const file = documentFile("html", page, options);
  if (inline) return [file];
  // A fragment goes into a page that already loads KaTeX's stylesheet: no copy of it.
  return [file, { name: doc.diagramFile ?? DIAGRAM_FILE, content: svg }, ...(options.fragment ? [] : katexAssets())];
};
