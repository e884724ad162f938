// LaTeX: the proof as align* blocks, each step's rule label (and verification mark) as its tag;
// the network as a TikZ picture. Chinese needs CJKutf8; the templates load it when `cjk` is set.
import { toLatex } from "../expr/latex.js";
import type { Inline } from "../derive/proof.js";
import type { StepStatus } from "../check/types.js";
import { assertNever } from "../expr/types.js";
import { label } from "../derive/messages/index.js";
import { diagramCaption, diagramHeaders, markOf, type RenderContext } from "./context.js";
import { layoutDiagram, diagramTikz } from "./diagram.js";
import type { Row, ViewBlock, ViewSection } from "./elide.js";
import type { RenderInput } from "./formats.js";
import { RELATION_LATEX, rowsContext, sectionsContext, type Common } from "./shared.js";

/** Languages whose text pdflatex can only set through CJKutf8, and the font it uses. */
export const CJK_FONTS: Record<string, string> = { "zh-Hant": "bsmi" };

const ESCAPES: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  "#": "\\#",
  $: "\\$",
  "%": "\\%",
  "&": "\\&",
  _: "\\_",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  // The default OT1 encoding has no glyphs for these (T1 would need bitmap or extra Type 1 fonts).
  "<": "\\textless{}",
  ">": "\\textgreater{}",
  "|": "\\textbar{}",
};

export const escapeTex = (s: string): string => s.replace(/[\\{}#$%&_~^<>|]/g, (c) => ESCAPES[c]!);

export const inlineTex = (content: readonly Inline[]): string =>
  content.map((c) => ("text" in c ? escapeTex(c.text) : `$${toLatex(c.math)}$`)).join("");

const MARK_TEX: Record<StepStatus, string> = { verified: "$\\checkmark$", definition: "$\\equiv$", failed: "$\\times$", unchecked: "$\\circ$" };

/** One line of an align*: lhs &= rhs, the label (and mark) as a right-hand tag; a gap is \vdots. */
export function rowTex(row: Row, input: RenderInput): string {
  if (row.kind === "gap") return "& \\vdots";
  const s = row.step;
  const lhs = s.continues ? "" : toLatex(row.lhs);
  const check = input.stepChecks?.get(s.id);
  const mark = check ? `\\ ${MARK_TEX[check.status]}` : "";
  return `${lhs} &${RELATION_LATEX[s.relation]} ${toLatex(row.rhs)} \\tag*{\\footnotesize ${escapeTex(s.label)}${mark}}`;
}

export function blockTex(b: ViewBlock, input: RenderInput): string {
  switch (b.kind) {
    case "text":
      return inlineTex(b.content);
    case "steps":
      return `\\begin{align*}\n${b.rows.map((r) => rowTex(r, input)).join(" \\\\\n")}\n\\end{align*}`;
    default:
      return assertNever(b);
  }
}

export function texContext(input: RenderInput, ctx: RenderContext, view: readonly ViewSection[], expand: number): object {
  const { proof } = input;
  const diagram = layoutDiagram(proof.network, expand, diagramHeaders(proof.network, proof.lang));
  const common: Common = { ...ctx.common, title: escapeTex(ctx.common.title), verification_title: escapeTex(ctx.common.verification_title) };
  return {
    ...common,
    diagram_caption: escapeTex(diagramCaption(ctx, proof.lang, diagram)),
    diagram: diagramTikz(diagram, escapeTex),
    figure_name: escapeTex(label(proof.lang, "figure-name")),
    cjk: Object.hasOwn(CJK_FONTS, proof.lang),
    cjk_font: CJK_FONTS[proof.lang] ?? "",
    sections: sectionsContext(view, (b) => blockTex(b, input), escapeTex, (rows) => rowsContext(rows, input, (c) => markOf(proof.lang, c), escapeTex)),
    verification: ctx.verification
      ? {
          ...ctx.verification,
          summary: escapeTex(ctx.verification.summary),
          caption: escapeTex(ctx.verification.caption),
          columns: ctx.verification.columns.map(escapeTex),
          rows: ctx.verification.rows.map((r) => ({ ...r, name: `$${r.latex}$`, ok: r.ok ? "$\\checkmark$" : "$\\times$", passed: r.ok })),
        }
      : null,
  };
}
