// Markdown for course notes: `$...$` inline, and each run of steps as one aligned display
// ($$\begin{aligned} lhs &= rhs && \text{label} \\ ... \end{aligned}$$), which markdown-it with
// KaTeX (VS Code), remark-math with rehype-katex, GitHub, Jupyter and MathJax 3 all render.
// Equation numbers and labels sit in the right-hand column, since \tag is not allowed inside
// aligned; an anchored equation gets an HTML anchor before its display, which references link to.
// The picture of the network is the shared network.svg.
import { toLatex } from "../expr/latex.js";
import { assertNever } from "../expr/types.js";
import type { Inline } from "../derive/proof.js";
import type { StepStatus } from "../check/types.js";
import { PROSE_MATH } from "../expr/tex-text.js";
import type { Outcome } from "../check/types.js";
import type { Row } from "./elide.js";
import type { DocDialect } from "./document-context.js";
import type { DocOptions, RenderInput, SectionLevel } from "./document.js";
import { formulaWidth, packLines, textWidth } from "./measure.js";
import { labelMath, RELATION_LATEX, termPieces, textArg } from "./pieces.js";
import { runs, shownCheck } from "./sections.js";
import type { View, ViewBlock } from "./view.js";

/** A row's outcome as mathematics, so that pandoc's LaTeX engine sets it (a bare ✓ is dropped). */
const MD_OUTCOME: Record<Outcome, string> = { compared: "$\\checkmark$", failed: "$\\times$", "not-compared": "$\\circ$" };

/** The prose's symbols as mathematics, and a minus sign as one. */
const MATH_SYMBOLS: Readonly<Record<string, string>> = { ...PROSE_MATH, "\u2212": "$-$" };
const MATH_CHARS = new RegExp(`[${Object.keys(MATH_SYMBOLS).join("")}]`, "g");

/** Characters that Markdown would read as markup in running text. */
export const escapeMd = (s: string): string => s.replace(/[\\`*_[\]<>$|#]/g, (c) => `\\${c}`).replace(MATH_CHARS, (c) => MATH_SYMBOLS[c]!);

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

/** The width of a display, in ems of its formulas: an 800 px column at KaTeX's size, with room to spare. */
export const MD_WIDTH = 34;

/**
 * The lines of the aligned display: lhs &= rhs, its right side broken at the terms of a sum where
 * it is too wide, then the label, mark and number: in a column of their own where the block's
 * widest formula and widest label fit side by side, else after the formula or on a line below it.
 */
function rowsMd(rows: readonly Row[], input: RenderInput, view: View, gapNote: (row: Extract<Row, { kind: "gap" }>) => string): string[] {
  const lhsWidth = Math.max(0, ...rows.map((r) => (r.kind === "step" && !r.step.continues ? formulaWidth(toLatex(r.lhs)) : 0)));
  const room = MD_WIDTH - lhsWidth - 1.5;
  const made = rows.map((row) => {
    if (row.kind === "gap") return { row, lines: [] as string[], right: "", rightWidth: 0 };
    const s = row.step;
    const d = view.display.get(s.id);
    const right: string[] = [];
    let width = 0;
    if (d?.showLabel) {
      right.push(labelMath(d.label, (t) => `\\text{${textArg(t)}}`));
      width += textWidth(d.label);
    }
    if (view.style === "proof") {
      const check = shownCheck(input, s);
      if (check) right.push(MARK_MATH[check.status]);
    }
    if (d?.number !== undefined) right.push(`\\text{(${textArg(d.number)})}`);
    if (right.length > 0) width += 2 + 2.5 * right.length;
    const q = d?.qualifier ? [`\\quad (${d.qualifier})`] : [];
    return { row, lines: packLines([...termPieces(row.rhs), ...q], room), right: right.join("\\quad "), rightWidth: width };
  });
  const widest = Math.max(0, ...made.flatMap((m) => m.lines.map(formulaWidth)));
  const column = widest + Math.max(0, ...made.map((m) => m.rightWidth)) <= room;
  return made.map(({ row, lines, right, rightWidth }) => {
    if (row.kind === "gap") return `& \\vdots && \\text{${textArg(gapNote(row))}}`;
    const s = row.step;
    const lhs = s.continues ? "" : toLatex(row.lhs);
    const out = [...lines];
    if (right && column) out[out.length - 1] = `${out[out.length - 1]} && ${right}`;
    else if (right && formulaWidth(out[out.length - 1]!) + rightWidth <= room)
      out[out.length - 1] = `${out[out.length - 1]}\\qquad ${right}`;
    else if (right) out.push(`\\qquad ${right}`);
    return `${lhs} &${RELATION_LATEX[s.relation]} ${out.join(" \\\\\n&\\quad ")}`;
  });
}

function stepsMd(
  rows: readonly Row[],
  input: RenderInput,
  view: View,
  prefix: string,
  gapNote: (row: Extract<Row, { kind: "gap" }>) => string,
): string {
  // An anchor for each numbered equation (prefix-eq-N), and for each equation the prose refers to.
  const anchors = rows.flatMap((r) => {
    if (r.kind !== "step") return [];
    const number = view.display.get(r.step.id)?.number;
    const named = r.step.anchor !== undefined && view.refs.has(r.step.anchor) ? [`<a id="${prefix}-${r.step.anchor}"></a>`] : [];
    return [...(number !== undefined && view.style === "notes" ? [`<a id="${prefix}-eq-${number}"></a>`] : []), ...named];
  });
  const display = displayMd(`\\begin{aligned}\n${rowsMd(rows, input, view, gapNote).join(" \\\\\n")}\n\\end{aligned}`);
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

/** The headings of Markdown: the top level's and the one below it. */
const HEADINGS: Record<SectionLevel, { h: string; sub: string }> = {
  chapter: { h: "#", sub: "##" },
  section: { h: "##", sub: "###" },
  subsection: { h: "###", sub: "####" },
};

/** Markdown: the network as an SVG file beside the document. */
export const mdDialect: DocDialect = {
  format: "md",
  cjk: () => false,
  escape: escapeMd,
  headings: (level) => HEADINGS[level],
  sectionId: (id) => id,
  blocks: (blocks, s) => blocksMd(blocks, s.input, s.view, s.doc, s.gapNote),
  inline: (content) => inlineMd(content),
  verificationRow: (r) => ({ name: `$${r.latex}$`, ok: MD_OUTCOME[r.outcome] }),
  // No alt text: the caption below it is the figure's one caption (pandoc would print the alt text as a second).
  figure: (s) => `![](${s.doc.diagramFile})`,
  extras: () => ({}),
  besides: (s) => [{ name: s.doc.diagramFile, content: s.svg() }],
};
