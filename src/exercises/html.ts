// The sheet and its key as one HTML page, the mathematics set by KaTeX ahead of time (no script):
// the page links katex/katex.min.css, which is written beside it with its fonts.
import { assertNever } from "../expr/types.js";
import katex from "katex";
import { alignedRows, type Block, type Outline } from "./outline.js";
import type { Piece } from "./types.js";

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const render = (tex: string, displayMode: boolean): string =>
  katex.renderToString(tex, { throwOnError: true, strict: "error", displayMode, output: "htmlAndMathml" });

export const inlineHtml = (ps: readonly Piece[]): string =>
  ps.map((p) => ("text" in p ? escapeHtml(p.text) : render(p.tex, false))).join("");

export const linesHtml = (lines: Parameters<typeof alignedRows>[0]): string =>
  `<div class="display">${render(`\\begin{aligned}${alignedRows(lines).join(" \\\\ ")}\\end{aligned}`, true)}</div>`;

function block(b: Block): string {
  switch (b.kind) {
    case "heading":
      return `<h${b.level + 1}>${escapeHtml(b.text)}</h${b.level + 1}>`;
    case "paragraph":
      return `<p>${inlineHtml(b.pieces)}</p>`;
    case "list":
      return `<ul>\n${b.items.map((i) => `<li>${inlineHtml(i)}</li>`).join("\n")}\n</ul>`;
    case "lines":
      return linesHtml(b.lines);
    default:
      return assertNever(b);
  }
}

export function sheetHtml(o: Outline, lang: string): string {
  return [
    "<!DOCTYPE html>",
    `<html lang="${escapeHtml(lang)}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(o.title)}</title>`,
    '<link rel="stylesheet" href="katex/katex.min.css">',
    "<style>body{max-width:52rem;margin:2rem auto;padding:0 1rem;font-family:system-ui,sans-serif;line-height:1.5}.display{overflow-x:auto}</style>",
    "</head>",
    "<body>",
    `<h1>${escapeHtml(o.title)}</h1>`,
    ...o.blocks.map(block),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
