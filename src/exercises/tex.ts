// The sheet and its key as LaTeX documents: pdflatex with amsmath (CJKutf8 for Chinese), or
// xelatex (xeCJK with Noto Serif CJK TC for Chinese).
import { escapeTex } from "../expr/tex-text.js";
import { assertNever } from "../expr/types.js";
import { alignedRows, type Block, type Outline } from "./outline.js";
import type { Piece } from "./types.js";

const inline = (ps: readonly Piece[]): string => ps.map((p) => ("text" in p ? escapeTex(p.text) : `$${p.tex}$`)).join("");

function block(b: Block): string {
  switch (b.kind) {
    case "heading":
      return `\\${b.level === 1 ? "" : "sub"}subsection*{${escapeTex(b.text)}}`;
    case "paragraph":
      return `${inline(b.pieces)}\n`;
    case "list":
      return `\\begin{itemize}\n${b.items.map((i) => `  \\item ${inline(i)}`).join("\n")}\n\\end{itemize}`;
    case "lines":
      return `\\begin{align*}\n${alignedRows(b.lines).join(" \\\\\n")}\n\\end{align*}`;
    default:
      return assertNever(b);
  }
}

export function sheetTex(o: Outline, lang: string): string {
  const cjk = lang === "zh-Hant";
  const preamble = [
    "\\documentclass[11pt]{article}",
    "\\usepackage{iftex}",
    "\\ifPDFTeX",
    "\\usepackage[utf8]{inputenc}",
    ...(cjk
      ? [
          "\\usepackage{CJKutf8}",
          "\\else\\ifXeTeX",
          "\\usepackage{xeCJK}",
          "\\setCJKmainfont{Noto Serif CJK TC}",
          "\\else",
          "\\errmessage{This document sets Chinese with CJKutf8 (pdflatex) or xeCJK (xelatex): compile it with one of those}",
          "\\fi",
        ]
      : []),
    "\\fi",
    "\\usepackage[margin=2cm]{geometry}",
    "\\usepackage{amsmath,amssymb}",
    "\\allowdisplaybreaks",
    "\\setlength{\\parindent}{0pt}",
    "\\setlength{\\parskip}{0.5em}",
    "\\begin{document}",
    ...(cjk ? ["\\ifPDFTeX\\begin{CJK}{UTF8}{bsmi}\\fi"] : []),
    `\\section*{${escapeTex(o.title)}}`,
  ];
  const end = [...(cjk ? ["\\ifPDFTeX\\end{CJK}\\fi"] : []), "\\end{document}", ""];
  return [...preamble, ...o.blocks.map(block), ...end].join("\n");
}
