// Markdown for course notes: `$...$` inline, and each run of steps as one aligned display
// ($$\begin{aligned} lhs &= rhs && \text{label} \\ ... \end{aligned}$$), which markdown-it with
// KaTeX (VS Code), remark-math with rehype-katex, GitHub, Jupyter and MathJax 3 all render.
// Equation numbers and labels sit in the right-hand column, since \tag is not allowed inside
// aligned; an anchored equation gets an HTML anchor before its display, which references link to.
// The picture of the network is the shared network.svg.
import { toLatex } from "../expr/latex.js";
import { assertNever } from "../expr/types.js";
import type { Inline } from "../derive/proof.js";
import { label } from "../derive/messages/index.js";
import type { StepStatus } from "../check/types.js";
import { diagramCaption, diagramHeaders, fill, markOf, OUTCOME_SYMBOL, type RenderContext } from "./context.js";
import { diagramSvg, layoutDiagram } from "./diagram.js";
import type { Row } from "./elide.js";
import type { RenderInput } from "./formats.js";
import { DIAGRAM_FILE } from "./page.js";
import {
  RELATION_LATEX,
  rowsContext,
  runs,
  sectionsContext,
  shownCheck,
  labelMath,
  textArg,
  type Common,
  type DocOptions,
} from "./shared.js";
import type { View, ViewBlock } from "./view.js";

/** Characters that Markdown would read as markup in running text. */
export const escapeMd = (s: string): string => s.replace(/[\\`*_[\]<>$|#]/g, (c) => `\\${c}`);

export function inlineMd(content: readonly Inline[], view?: View, prefix = ""): string {
  return content
    .map((c) => {
      if ("math" in c) return `$${toLatex(c.math)}$`;
      const to = c.ref === undefined ? undefined : (view?.refs.get(c.ref) ?? view?.targets.get(c.ref));
      return to !== undefined ? `[${escapeMd(to)}](#${prefix}-${c.ref})` : escapeMd(c.text);
    })
    .join("");
}

/** A display block on lines of its own, the form every one of the target tools accepts. */
export const displayMd = (latex: string): string => `$$\n${latex}\n$$`;

const MARK_MATH: Record<StepStatus, string> = { verified: "\\checkmark", definition: "\\equiv", failed: "\\times", unchecked: "\\circ" };

/** One line of the aligned display: lhs &= rhs, then the label, mark and number on the right. */
function rowMd(row: Row, input: RenderInput, view: View, gapNote: (row: Extract<Row, { kind: "gap" }>) => string): string {
  if (row.kind === "gap") return `& \\vdots && \\text{${textArg(gapNote(row))}}`;
  const s = row.step;
  const d = view.display.get(s.id);
  const lhs = s.continues ? "" : toLatex(row.lhs);
  const q = d?.qualifier ? `\\quad (${d.qualifier})` : "";
  const right: string[] = [];
  if (d?.showLabel) right.push(labelMath(s.label, (t) => `\\text{${textArg(t)}}`));
  if (view.style === "proof") {
    const check = shownCheck(input, s);
    if (check) right.push(MARK_MATH[check.status]);
  }
  if (d?.number !== undefined) right.push(`\\text{(${textArg(d.number)})}`);
  return `${lhs} &${RELATION_LATEX[s.relation]} ${toLatex(row.rhs)}${q}${right.length ? ` && ${right.join("\\quad ")}` : ""}`;
}

function stepsMd(
  rows: readonly Row[],
  input: RenderInput,
  view: View,
  prefix: string,
  gapNote: (row: Extract<Row, { kind: "gap" }>) => string,
): string {
  const anchors = rows.flatMap((r) =>
    r.kind === "step" && r.step.anchor !== undefined && view.refs.has(r.step.anchor) ? [`<a id="${prefix}-${r.step.anchor}"></a>`] : [],
  );
  const display = displayMd(`\\begin{aligned}\n${rows.map((r) => rowMd(r, input, view, gapNote)).join(" \\\\\n")}\n\\end{aligned}`);
  return anchors.length ? `${anchors.join("")}\n\n${display}` : display;
}

export function blocksMd(
  blocks: readonly ViewBlock[],
  input: RenderInput,
  view: View,
  opts: DocOptions,
  gapNote: (row: Extract<Row, { kind: "gap" }>) => string,
): string {
  const one = (b: ViewBlock): string => {
    switch (b.kind) {
      case "text":
        return `${b.target === undefined ? "" : `<a id="${opts.prefix}-${b.target.name}"></a>`}${inlineMd(b.content, view, opts.prefix)}`;
      case "steps":
        return stepsMd(b.rows, input, view, opts.prefix, gapNote);
      default:
        return assertNever(b);
    }
  };
  return runs(blocks)
    .map((run) => {
      switch (run.layout) {
        case "item":
          return run.blocks.map((b, i) => `${i + 1}. ${one(b)}`).join("\n");
        case "bullet":
          return run.blocks.map((b) => `- ${one(b)}`).join("\n");
        case "row": {
          const cells = (b: ViewBlock): string[] =>
            b.kind === "text" && b.cells ? b.cells.map((c) => inlineMd(c, view, opts.prefix)) : [one(b)];
          const [head, ...rows] = run.blocks;
          const h = cells(head!);
          return [`| ${h.join(" | ")} |`, `|${h.map(() => ":--").join("|")}|`, ...rows.map((r) => `| ${cells(r).join(" | ")} |`)].join(
            "\n",
          );
        }
        default:
          return run.blocks.map(one).join("\n\n");
      }
    })
    .join("\n\n");
}

export function mdContext(
  input: RenderInput,
  ctx: RenderContext,
  view: View,
  expand: number,
  opts: DocOptions,
): { context: object; svg: string } {
  const { proof } = input;
  const lang = proof.lang;
  const gapNote = (row: Extract<Row, { kind: "gap" }>): string =>
    fill(label(lang, row.of === "nodes" ? "gap" : "gap-weights"), { count: row.count, n: expand });
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
    sections: sectionsContext(
      view.sections,
      (blocks) => blocksMd(blocks, input, view, opts, gapNote),
      escapeMd,
      (rows) => rowsContext(rows, input, view, (c) => markOf(lang, c), escapeMd),
    ),
    verification: v
      ? {
          ...v,
          summary: escapeMd(v.summary),
          caption: escapeMd(v.caption),
          box: inlineMd(v.box),
          result: escapeMd(v.result),
          columns: v.columns.map(escapeMd),
          rows: v.rows.map((r) => ({ ...r, name: `$${r.latex}$`, ok: OUTCOME_SYMBOL[r.outcome], passed: r.outcome !== "failed" })),
        }
      : null,
  };
  return { context, svg: diagramSvg(diagram, caption) };
}
