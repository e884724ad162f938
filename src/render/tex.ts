// LaTeX. The proof style: align* blocks, each step's rule label (and verification mark) as its
// tag. The notes style: numbered align blocks (\label/\eqref), justifications only where the
// argument turns, the algorithm in a framed numbered list, tables with booktabs. The network is a
// TikZ picture. Chinese needs CJKutf8 (pdflatex) or xeCJK (xelatex); the templates choose.
import { toLatex } from "../expr/latex.js";
import type { Expr } from "../expr/types.js";
import type { Inline, Target } from "../derive/proof.js";
import type { Outcome, StepStatus } from "../check/types.js";
import { assertNever } from "../expr/types.js";
import { label, labelInline } from "../derive/messages/index.js";
import { escapeTex } from "../expr/tex-text.js";
import { convFigureOf, convFigureTikz } from "./conv-figure.js";
import { diagramTikz } from "./diagram.js";
import { backwardTikz, drawsBackward } from "./diagram-backward.js";
import type { Row } from "./elide.js";
import type { DocDialect } from "./document-context.js";
import type { DocOptions, RenderInput, SectionLevel } from "./document.js";
import { RELATION_LATEX, termPieces } from "./pieces.js";
import { runs, shownCheck } from "./sections.js";
import { formulaWidth, packLines, textWidth } from "./measure.js";
import type { View, ViewBlock } from "./view.js";

/** Languages whose text pdflatex can only set through CJKutf8, and the font it uses. */
export const CJK_FONTS: Record<string, string> = { "zh-Hant": "bsmi" };

/**
 * TeX reads a file line by line into a buffer of limited size (200 000 characters in TeX Live):
 * a formula of a deep network written out is broken into lines of at most about 1000 characters,
 * at spaces, which TeX reads as spaces (never two newlines in a row, which would end a paragraph).
 */
export function wrapTex(s: string, width = 1000): string {
  if (s.length <= width) return s;
  return s
    .split("\n")
    .map((line) => {
      if (line.length <= width) return line;
      let out = "";
      let since = 0;
      for (const ch of line) {
        if (ch === " " && since >= width) {
          out += "\n";
          since = 0;
          continue;
        }
        out += ch;
        since++;
      }
      return out;
    })
    .join("\n");
}

/**
 * The width a display may fill, in ems of the text: a document's own (10pt, its margins) and a
 * fragment's, for a host as narrow as an 11pt article with the standard margins (360 pt).
 */
export const DOCUMENT_WIDTH = 44;
export const FRAGMENT_WIDTH = 30;

/** Past this many characters of LaTeX a right-hand side is set on several lines. */
export const LONG_FORMULA = 1500;

/**
 * A right-hand side as lines of an align: whole terms of a sum, or whole factors of a product
 * (scalar, entrywise or matrix),
 * packed greedily, so that no line is wider than TeX's largest dimension (a box of a formula
 * nested 200 deep would be). A piece that cannot be split stays whole.
 */
export function texLines(e: Expr, limit = LONG_FORMULA): string[] {
  const whole = toLatex(e);
  if (whole.length <= limit) return [whole];
  let pieces: string[];
  if (e.kind === "add") {
    pieces = e.terms.map((t, i) => {
      const p = toLatex(t);
      return i === 0 || p.startsWith("-") ? p : `+ ${p}`;
    });
  } else if ((e.kind === "mul" || e.kind === "hadamard" || e.kind === "matmul") && e.factors.length > 1) {
    // An entrywise product joins its factors with \odot; a product, scalar or matrix, with \cdot.
    const join = e.kind === "hadamard" ? "\\odot" : "\\cdot";
    pieces = e.factors.map((f, i) => {
      const p = f.kind === "add" ? `\\left(${toLatex(f)}\\right)` : toLatex(f);
      return i === 0 ? p : `${join} ${p}`;
    });
  } else return [whole];
  const lines: string[] = [];
  for (const p of pieces) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + p.length < limit) lines[lines.length - 1] = `${last} ${p}`;
    else lines.push(p);
  }
  return lines;
}

/**
 * A named paragraph's label: \ref{prefix:name} then prints `text` (and links, in a host that loads
 * hyperref). Its counter is made by the first fragment that needs it, so that two fragments share
 * one host; \ifcsname needs no package.
 */
const targetTex = (t: Target, prefix: string): string =>
  `\\ifcsname c@bpdtarget\\endcsname\\else\\newcounter{bpdtarget}\\fi\\renewcommand{\\thebpdtarget}{${escapeTex(t.text)}}\\refstepcounter{bpdtarget}\\label{${prefix}:${t.name}}%\n`;

/** Prose; a reference to a displayed equation becomes \eqref, to a named paragraph \ref, to anything else its text. */
export function inlineTex(content: readonly Inline[], view?: View, prefix = "", cjk = true): string {
  return content
    .map((c) => {
      if ("math" in c) return `$${toLatex(c.math)}$`;
      if (c.ref !== undefined && view?.refs.has(c.ref) && view.style === "notes") return `\\eqref{${prefix}:${c.ref}}`;
      if (c.ref !== undefined && view?.targets.has(c.ref)) return `\\ref{${prefix}:${c.ref}}`;
      return escapeTex(c.text, cjk);
    })
    .join("");
}

/** A justification in text mode, its letters as mathematics ("for $x$ > 0"). */
const labelTex = (label: string, cjk = true): string =>
  labelInline(label)
    .map((c) => ("math" in c ? `$${toLatex(c.math)}$` : escapeTex(c.text, cjk)))
    .join("");

const MARK_TEX: Record<StepStatus, string> = {
  verified: "$\\checkmark$",
  definition: "$\\equiv$",
  failed: "$\\times$",
  unchecked: "$\\circ$",
};

/** The lines of a right-hand side no wider than `room` ems: a formula too long for TeX's limits by characters (texLines), any other at the terms of a sum. */
function rhsLines(row: Extract<Row, { kind: "step" }>, room: number, qualifier: string): string[] {
  const q = qualifier ? [`\\quad (${qualifier})`] : [];
  if (toLatex(row.rhs).length > LONG_FORMULA) {
    const lines = texLines(row.rhs);
    lines[lines.length - 1] += q.join("");
    return lines;
  }
  return packLines([...termPieces(row.rhs), ...q], room);
}

const continued = (lines: readonly string[]): string => lines.map((m, i) => (i === 0 ? m : ` \\notag \\\\\n&\\quad ${m}`)).join("");

/** A long justification in a tag is set as a paragraph, right-aligned, so that it never runs past the margin. */
const tagText = (text: string, width: number): string =>
  textWidth(text) * 0.8 > width * 0.55 ? `\\parbox[b]{0.55\\linewidth}{\\raggedleft\\footnotesize ${text}}` : `\\footnotesize ${text}`;

/** One line of an align* (proof style): lhs &= rhs, the label and mark as a right-hand tag. */
export function rowTex(row: Row, input: RenderInput, view?: View, width = 44, lhsWidth = 4): string {
  if (row.kind === "gap") return "& \\vdots";
  const s = row.step;
  const d = view?.display.get(s.id);
  const lhs = s.continues ? "" : toLatex(row.lhs);
  const check = shownCheck(input, s);
  const mark = check ? `\\ ${MARK_TEX[check.status]}` : "";
  const tagged = d?.number ?? s.tag;
  const tag = tagged ? `(${escapeTex(tagged)}) ` : "";
  const label = view === undefined ? s.label : (d?.label ?? "");
  const lines = rhsLines(row, width - lhsWidth - 1.5, d?.qualifier ?? "");
  const text = `${tag}${labelTex(label)}${mark}`;
  return `${lhs} &${RELATION_LATEX[s.relation]} ${continued(lines)} \\tag*{${tagText(text, width)}}`;
}

/** The rows of a numbered align (notes style): the label in a column of its own where the block fits, else after its formula or on a line below it. */
function rowsNotes(rows: readonly Row[], view: View, prefix: string, cjk: boolean, width: number): string[] {
  const lhsWidth = Math.max(0, ...rows.map((r) => (r.kind === "step" && !r.step.continues ? formulaWidth(toLatex(r.lhs)) : 0)));
  const tagWidth = 3.5;
  const room = width - lhsWidth - 1.5 - tagWidth;
  const made = rows.map((row) => {
    if (row.kind === "gap") return { row, lines: [] as string[], label: "", labelWidth: 0 };
    const d = view.display.get(row.step.id);
    const label = d?.showLabel ? d.label : "";
    return { row, lines: rhsLines(row, room, d?.qualifier ?? ""), label, labelWidth: label ? textWidth(label) * 0.8 + 2 : 0 };
  });
  const widest = Math.max(0, ...made.flatMap((m) => m.lines.map(formulaWidth)));
  const labels = Math.max(0, ...made.map((m) => m.labelWidth));
  // One column of labels, right of the formulas, if the widest formula and the widest label fit side by side.
  const column = widest + labels <= room;
  return made.map(({ row, lines, label, labelWidth }) => {
    if (row.kind === "gap") return "& \\vdots \\notag";
    const s = row.step;
    const d = view.display.get(s.id);
    const lhs = s.continues ? "" : toLatex(row.lhs);
    const number = d?.number === undefined ? "\\notag" : s.tag !== undefined ? `\\tag{${escapeTex(d.number)}}` : "";
    const anchor = s.anchor !== undefined && d?.number !== undefined ? `\\label{${prefix}:${s.anchor}}` : "";
    const why = label ? `\\text{\\footnotesize ${labelTex(label, cjk)}}` : "";
    const out = [...lines];
    if (why && column) out[0] = `${out[0]} && ${why}`;
    else if (why && formulaWidth(out[0]!) + labelWidth <= room) out[0] = `${out[0]}\\qquad ${why}`;
    else if (why) out.push(`\\qquad ${why}`);
    return `${lhs} &${RELATION_LATEX[s.relation]} ${continued(out)} ${number}${anchor}`;
  });
}

export function blockTex(b: ViewBlock, input: RenderInput, view?: View, opts: DocOptions = { prefix: "bpd", cjk: true }): string {
  const width = opts.fragment ? FRAGMENT_WIDTH : DOCUMENT_WIDTH;
  switch (b.kind) {
    case "text":
      return `${b.target === undefined ? "" : targetTex(b.target, opts.prefix)}${inlineTex(b.content, view, opts.prefix, opts.cjk)}`;
    case "steps": {
      if (view?.style === "notes")
        return `\\begin{align}\n${rowsNotes(b.rows, view, opts.prefix, opts.cjk, width).join(" \\\\\n")}\n\\end{align}`;
      const lhsWidth = Math.max(0, ...b.rows.map((r) => (r.kind === "step" && !r.step.continues ? formulaWidth(toLatex(r.lhs)) : 0)));
      return `\\begin{align*}\n${b.rows.map((r) => rowTex(r, input, view, width, lhsWidth)).join(" \\\\\n")}\n\\end{align*}`;
    }
    default:
      return assertNever(b);
  }
}

/** A section's blocks: runs of items as a framed numbered list, bullets as a list, rows as a table. */
export function blocksTex(blocks: readonly ViewBlock[], input: RenderInput, view: View, opts: DocOptions): string {
  return runs(blocks)
    .map((run) => {
      const one = (b: ViewBlock): string => blockTex(b, input, view, opts);
      switch (run.layout) {
        case "item":
          return `\\begin{center}\\fbox{\\begin{minipage}{0.93\\linewidth}\n\\begin{enumerate}\\setlength{\\itemsep}{1pt}\\setlength{\\parskip}{0pt}\n${run.blocks.map((b) => `\\item ${one(b)}`).join("\n")}\n\\end{enumerate}\n\\end{minipage}}\\end{center}`;
        case "bullet":
          return `\\begin{itemize}\\setlength{\\itemsep}{0pt}\\setlength{\\parskip}{0pt}\n${run.blocks.map((b) => `\\item ${one(b)}`).join("\n")}\n\\end{itemize}`;
        case "row":
        case "head": {
          const cellsOf = (b: ViewBlock): string[] =>
            b.kind === "text" && b.cells ? b.cells.map((c) => inlineTex(c, view, opts.prefix, opts.cjk)) : [one(b)];
          const [head, ...rows] = run.blocks;
          const n = cellsOf(head!).length;
          return `\\begin{center}\\small\n\\begin{tabular}{${"l".repeat(n)}}\n\\toprule\n${cellsOf(head!).join(" & ")} \\\\\n\\midrule\n${rows.map((r) => `${cellsOf(r).join(" & ")} \\\\`).join("\n")}\n\\bottomrule\n\\end{tabular}\n\\end{center}`;
        }
        default:
          return run.blocks.map(one).join("\n\n");
      }
    })
    .join("\n\n");
}

/** The packages the body uses: the fragment's first line names them, and the document loads them. */
export const TEX_PACKAGES = ["amsmath", "amssymb", "booktabs", "tikz"] as const;

/** The headings of LaTeX: the top level's command, the one below it, and the document class. */
const HEADINGS: Record<SectionLevel, { top: string; sub: string; document_class: string }> = {
  chapter: { top: "chapter", sub: "section", document_class: "report" },
  section: { top: "section", sub: "subsection", document_class: "article" },
  subsection: { top: "subsection", sub: "subsubsection", document_class: "article" },
};

/** A row's mark in the verification table. */
const OUTCOME_TEX: Record<Outcome, string> = { compared: "$\\checkmark$", failed: "$\\times$", "not-compared": "$\\circ$" };

/** LaTeX: the network drawn in TikZ inside the document, CJK text through CJKutf8. */
export const texDialect: DocDialect = {
  format: "tex",
  cjk: (lang) => Object.hasOwn(CJK_FONTS, lang),
  escape: escapeTex,
  headings: (level) => HEADINGS[level],
  sectionId: (id) => id,
  blocks: (blocks, s) => wrapTex(blocksTex(blocks, s.input, s.view, s.doc)),
  inline: (content, s) => inlineTex(content, undefined, "", s.doc.cjk),
  verificationRow: (r) => ({
    // dE/dw inline, so that the table's rows keep the height of a line of text.
    name: `$${r.latex.replace(/^\\frac\{(.*)\}\{(.*)\}$/, "$1 / $2")}$`,
    ok: OUTCOME_TEX[r.outcome],
  }),
  // The backward pass beside the network, from the same coordinates.
  figure: (s) => {
    if (s.tikz !== undefined) return s.tikz;
    const conv = convFigureOf(s.input.proof.network, s.lang);
    if (conv !== undefined) return convFigureTikz(conv.figure, s.escape);
    return drawsBackward(s.diagram)
      ? `${diagramTikz(s.diagram, s.escape)}\n\\hspace{1cm}\n${backwardTikz(s.diagram, s.input.proof.network, s.escape(label(s.lang, "fig-backward")))}`
      : diagramTikz(s.diagram, s.escape);
  },
  extras: (s) => ({
    figure_name: s.escape(label(s.lang, "figure-name")),
    cjk: s.doc.cjk,
    cjk_font: CJK_FONTS[s.lang] ?? "",
    packages: [...TEX_PACKAGES, ...(s.doc.cjk ? ["CJKutf8"] : [])].join(","),
  }),
  besides: () => [],
};
