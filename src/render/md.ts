// Markdown for course notes: `$...$` inline and one `$$ ... $$` display block per step, the rule
// label as text under it. Only constructs that GitHub, Jupyter, MkDocs (KaTeX or MathJax) and
// Obsidian all render: no \tag, no \label, no environments beyond bmatrix; the picture of the
// network is the shared network.svg.
import { toLatex } from "../expr/latex.js";
import { assertNever } from "../expr/types.js";
import type { Inline } from "../derive/proof.js";
import { label } from "../derive/messages/index.js";
import { diagramCaption, diagramHeaders, fill, markOf, type RenderContext } from "./context.js";
import { diagramSvg, layoutDiagram } from "./diagram.js";
import type { Row, ViewBlock, ViewSection } from "./elide.js";
import type { RenderInput } from "./formats.js";
import { DIAGRAM_FILE } from "./html.js";
import { RELATION_LATEX, rowsContext, sectionsContext, type Common } from "./shared.js";

/** Characters that Markdown would read as markup in running text. */
export const escapeMd = (s: string): string => s.replace(/[\\`*_[\]<>$|#]/g, (c) => `\\${c}`);

export const inlineMd = (content: readonly Inline[]): string =>
  content.map((c) => ("text" in c ? escapeMd(c.text) : `$${toLatex(c.math)}$`)).join("");

/** A display block on lines of its own, the form every one of the target tools accepts. */
export const displayMd = (latex: string): string => `$$\n${latex}\n$$`;

function rowMd(row: Row, input: RenderInput, gapNote: (count: number) => string): string {
  if (row.kind === "gap") return `${displayMd("\\vdots")}\n\n*${escapeMd(gapNote(row.count))}*`;
  const s = row.step;
  const lhs = s.continues ? "{}" : toLatex(row.lhs);
  const mark = markOf(input.proof.lang, input.stepChecks?.get(s.id));
  const note = `*${escapeMd(s.label)}*${mark ? ` ${mark.symbol}` : ""}`;
  return `${displayMd(`${lhs} ${RELATION_LATEX[s.relation]} ${toLatex(row.rhs)}`)}\n\n${note}`;
}

export function blockMd(b: ViewBlock, input: RenderInput, gapNote: (count: number) => string): string {
  switch (b.kind) {
    case "text":
      return inlineMd(b.content);
    case "steps":
      return b.rows.map((r) => rowMd(r, input, gapNote)).join("\n\n");
    default:
      return assertNever(b);
  }
}

export function mdContext(input: RenderInput, ctx: RenderContext, view: readonly ViewSection[], expand: number): { context: object; svg: string } {
  const { proof } = input;
  const lang = proof.lang;
  const gapNote = (count: number): string => fill(label(lang, "gap"), { count, n: expand });
  const diagram = layoutDiagram(proof.network, expand, diagramHeaders(proof.network, proof.lang));
  const caption = diagramCaption(ctx, lang, diagram);
  const common: Common = {
    ...ctx.common,
    title: escapeMd(ctx.common.title),
    name: escapeMd(ctx.common.name),
    verification_title: escapeMd(ctx.common.verification_title),
    diagram_caption: escapeMd(caption),
  };
  const v = ctx.verification;
  const context = {
    ...common,
    diagram: `![${escapeMd(caption)}](${DIAGRAM_FILE})`,
    diagram_file: DIAGRAM_FILE,
    sections: sectionsContext(view, (b) => blockMd(b, input, gapNote), escapeMd, (rows) => rowsContext(rows, input, (c) => markOf(lang, c), escapeMd)),
    verification: v
      ? {
          ...v,
          summary: escapeMd(v.summary),
          caption: escapeMd(v.caption),
          columns: v.columns.map(escapeMd),
          rows: v.rows.map((r) => ({ ...r, name: `$${r.latex}$`, ok: r.ok ? "\u2713" : "\u2717", passed: r.ok })),
        }
      : null,
  };
  return { context, svg: diagramSvg(diagram, caption) };
}
