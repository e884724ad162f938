// Lecture slides: the proof as a Beamer deck, printed from the slides' plan (slides-plan.ts),
// the derivations unfolding line by line. Every displayed formula is shrunk to the frame's width
// where it is wider, so that nothing overflows.
import type { Inline, Proof } from "../derive/proof.js";
import { toLatex } from "../expr/latex.js";
import { diagramHeaders } from "./context.js";
import { diagramTikz, layoutDiagram } from "./diagram.js";
import type { OutputFile } from "./document.js";
import { type Frame, type SlideRow, slidesPlan } from "./slides-plan.js";
import { escapeTex as esc } from "../expr/tex-text.js";

export const SLIDES_FILE = "derivation.slides.tex";

const inline = (content: readonly Inline[]): string => content.map((c) => ("math" in c ? `$${toLatex(c.math)}$` : esc(c.text))).join("");

/** An aligned display, each row uncovered one slide after the other when `unfold`. */
function display(rows: readonly SlideRow[], unfold: boolean): string {
  const body = rows
    .map((r, i) => {
      const tag = r.tag === undefined ? "" : ` \\quad (\\text{${esc(r.tag)}})`;
      const row = `${r.lhs} &${r.rel} ${r.rhs}${tag}`;
      // Both cells of a row are uncovered on its slide (an overlay cannot span the alignment &).
      const on = `\\uncover<${i + 1}->{`;
      return unfold && i > 0 ? `${on}${r.lhs}} &${on}${r.rel} ${r.rhs}${tag}}` : row;
    })
    .join(" \\\\\n");
  return `\\begin{center}\\fitdisplay{\\begin{aligned}\n${body}\n\\end{aligned}}\\end{center}`;
}

const frameTex = (title: string, body: string): string => `\\begin{frame}{${esc(title)}}\n${body}\n\\end{frame}`;

function printFrame(proof: Proof, f: Frame): string {
  const intro = f.intro === undefined ? "" : `{\\small ${inline(f.intro)}}\n`;
  if (f.kind === "network") {
    const d = layoutDiagram(proof.network, 4, diagramHeaders(proof.network, proof.lang));
    return frameTex(f.title, `${intro}\\begin{center}\\fitpicture{%\n${diagramTikz(d, esc)}}\\end{center}`);
  }
  if (!f.columns) return frameTex(f.title, `${intro}${display(f.rows, f.unfold)}`);
  const half = Math.ceil(f.rows.length / 2);
  return frameTex(
    f.title,
    `${intro}\\begin{columns}[T]\\column{0.5\\textwidth}${display(f.rows.slice(0, half), false)}\\column{0.5\\textwidth}${display(f.rows.slice(half), false)}\\end{columns}`,
  );
}

export function slidesTex(proof: Proof): string {
  const deck = slidesPlan(proof);
  const title = deck.title;
  const frames = deck.frames.map((f) => printFrame(proof, f));
  const cjk = proof.lang === "zh-Hant";
  return [
    "\\documentclass[10pt]{beamer}",
    "\\usepackage{iftex}",
    "\\ifPDFTeX",
    "\\usepackage[utf8]{inputenc}",
    ...(cjk ? ["\\usepackage{CJKutf8}", "\\else\\ifXeTeX", "\\usepackage{xeCJK}", "\\setCJKmainfont{Noto Serif CJK TC}", "\\fi"] : []),
    "\\fi",
    "\\usepackage{amsmath,amssymb}",
    "\\usepackage{tikz}",
    "\\setbeamertemplate{navigation symbols}{}",
    "% A display wider than the frame is shrunk to its width.",
    "\\newsavebox{\\fitbox}",
    "\\newcommand{\\fitpicture}[1]{\\sbox{\\fitbox}{#1}\\ifdim\\wd\\fitbox>\\linewidth\\sbox{\\fitbox}{\\resizebox{\\linewidth}{!}{\\usebox{\\fitbox}}}\\fi\\ifdim\\ht\\fitbox>0.55\\textheight\\resizebox{!}{0.55\\textheight}{\\usebox{\\fitbox}}\\else\\usebox{\\fitbox}\\fi}",
    "\\newcommand{\\fitdisplay}[1]{\\sbox{\\fitbox}{$\\displaystyle #1$}\\ifdim\\wd\\fitbox>\\linewidth\\resizebox{\\linewidth}{!}{\\usebox{\\fitbox}}\\else\\usebox{\\fitbox}\\fi}",
    `\\title{${esc(title)}}`,
    "\\date{}",
    "\\begin{document}",
    ...(cjk ? ["\\ifPDFTeX\\begin{CJK}{UTF8}{bsmi}\\fi"] : []),
    "\\begin{frame}\\titlepage\\end{frame}",
    ...frames,
    ...(cjk ? ["\\ifPDFTeX\\end{CJK}\\fi"] : []),
    "\\end{document}",
    "",
  ].join("\n");
}

export const slidesFile = (proof: Proof): OutputFile => ({ name: SLIDES_FILE, content: slidesTex(proof) });
