// The HTML renderer: the page with every formula rendered by KaTeX, self-contained (KaTeX's
// stylesheet, its fonts and the picture inside it) or with KaTeX's files beside it. This module
// is what loads KaTeX and its fonts; the other formats never import it.
import { katexAssets, katexInlineCss, pageCss } from "./assets.js";
import { documentFile, LEVELS, prepare, type Renderer } from "./document.js";
import { htmlContext } from "./html.js";
import { DIAGRAM_FILE, escapeHtml } from "./page.js";

/** Base64 without Node's Buffer: the renderers run in a browser too. */
function base64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
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
    katex_inline_css: inline ? katexInlineCss() : "",
  };
  const file = documentFile("html", page, options);
  if (inline) return [file];
  // A fragment goes into a page that already loads KaTeX's stylesheet: no copy of it.
  return [file, { name: DIAGRAM_FILE, content: svg }, ...(options.fragment ? [] : katexAssets())];
};
