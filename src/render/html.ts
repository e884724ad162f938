// HTML: every formula rendered here by KaTeX (strict, throwing on any error), so the page needs
// no JavaScript; KaTeX's stylesheet and fonts are copied next to it (katex/) so that it works
// offline. Steps are table rows: an anchor per step (id = step id), the formula, the rule label
// and the verification mark.
import katex from "katex";
import { toLatex } from "../expr/latex.js";
import { assertNever } from "../expr/types.js";
import type { Inline } from "../derive/proof.js";
import { label, labelInline } from "../derive/messages/index.js";
import { diagramCaption, diagramHeaders, fill, markOf, OUTCOME_SYMBOL, type Mark, type RenderContext } from "./context.js";
import { diagramSvg, layoutDiagram } from "./diagram.js";
import type { Row } from "./elide.js";
import type { RenderInput } from "./formats.js";
import { RELATION_LATEX, rowsContext, runs, sectionsContext, shownCheck, type Common, type DocOptions } from "./shared.js";
import type { View, ViewBlock } from "./view.js";
import { DIAGRAM_FILE, escapeHtml, KATEX_CSS } from "./page.js";

/** KaTeX in strict mode: an invalid formula is a bug of the printer, and stops the render. */
export const math = (latex: string, displayMode: boolean): string =>
  katex.renderToString(latex, { throwOnError: true, strict: "error", displayMode, output: "htmlAndMathml" });

export type MathFn = typeof math;

/** The most rendered markup math() keeps for repeats, in characters; then it starts again. */
const CACHE_CHARS = 16_000_000;

/**
 * math() with a memory: a document repeats many formulas (a quarter of them at [784, 128, 10]).
 * Bounded: a deep network's formulas differ from layer to layer, and all of them kept would
 * double the memory of its page.
 */
export function cachedMath(): MathFn {
  const seen = new Map<string, string>();
  let chars = 0;
  return (latex, display) => {
    const k = `${display ? "D" : "I"}${latex}`;
    let html = seen.get(k);
    if (html === undefined) {
      html = math(latex, display);
      if (chars > CACHE_CHARS) {
        seen.clear();
        chars = 0;
      }
      seen.set(k, html);
      chars += html.length;
    }
    return html;
  };
}

/** Prose with inline formulas; punctuation right after a formula stays on its line; a
 * reference to a displayed equation links to it. */
export function inlineHtml(content: readonly Inline[], m: MathFn = math, view?: View, prefix = ""): string {
  let out = "";
  let glue = "";
  content.forEach((c, i) => {
    if ("text" in c) {
      const to = c.ref === undefined ? undefined : (view?.refs.get(c.ref) ?? view?.targets.get(c.ref));
      out +=
        to !== undefined ? `<a class="bpd-ref" href="#${prefix}-${c.ref}">${escapeHtml(to)}</a>` : escapeHtml(c.text.slice(glue.length));
      glue = "";
      return;
    }
    const next = content[i + 1];
    glue = next !== undefined && "text" in next ? (/^[.,;:!?)\]\u3001\u3002\uff0c\uff1a\uff1b]+/.exec(next.text)?.[0] ?? "") : "";
    const formula = m(toLatex(c.math), false);
    out += glue ? `<span class="bpd-nobr">${formula}${escapeHtml(glue)}</span>` : formula;
  });
  return out;
}

const markHtml = (m: Mark | null): string =>
  m === null ? "" : ` <span class="bpd-mark bpd-${m.status}" title="${escapeHtml(m.title)}">${m.symbol}</span>`;

function rowHtml(
  row: Row,
  input: RenderInput,
  view: View,
  prefix: string,
  gapTitle: (row: Extract<Row, { kind: "gap" }>) => string,
  math: MathFn,
): string {
  if (row.kind === "gap") {
    return `<tr class="bpd-gap"><td></td><td class="bpd-rhs" title="${escapeHtml(gapTitle(row))}">${math("\\vdots", false)}</td><td></td></tr>`;
  }
  const s = row.step;
  const d = view.display.get(s.id);
  const lhs = s.continues ? "" : math(toLatex(row.lhs), true);
  const q = d?.qualifier ? `\\quad (${d.qualifier})` : "";
  // "{}" gives the relation its spacing, as after an empty left side in align.
  const rhs = math(`{} ${RELATION_LATEX[s.relation]} ${toLatex(row.rhs)}${q}`, true);
  const mark = view.style === "proof" ? markHtml(markOf(input.proof.lang, shownCheck(input, s))) : "";
  const label = labelInline(s.tag && view.style === "proof" ? `(${s.tag}) ${s.label}` : s.label)
    .map((c) => ("math" in c ? math(toLatex(c.math), false) : escapeHtml(c.text)))
    .join("");
  const why = d?.showLabel ? `<a class="bpd-label" href="#${s.id}">${label}</a>` : "";
  const number =
    d?.number !== undefined && view.style === "notes"
      ? `<td class="bpd-no">(${escapeHtml(d.number)})</td>`
      : view.style === "notes"
        ? `<td class="bpd-no"></td>`
        : "";
  const anchor = s.anchor !== undefined && view.refs.has(s.anchor) ? `<span id="${prefix}-${s.anchor}"></span>` : "";
  return (
    `<tr id="${s.id}" class="bpd-step" data-rule="${s.rule}"><td class="bpd-lhs">${anchor}${lhs}</td>` +
    `<td class="bpd-rhs"><div>${rhs}</div></td>` +
    `<td class="bpd-why">${why}${mark}</td>${number}</tr>`
  );
}

export function blocksHtml(
  blocks: readonly ViewBlock[],
  input: RenderInput,
  view: View,
  opts: DocOptions,
  gapTitle: (row: Extract<Row, { kind: "gap" }>) => string,
  m: MathFn = math,
): string {
  const one = (b: ViewBlock): string => {
    switch (b.kind) {
      case "text":
        return `${b.target === undefined ? "" : `<span id="${opts.prefix}-${b.target.name}"></span>`}${inlineHtml(b.content, m, view, opts.prefix)}`;
      case "steps":
        return `<table class="bpd-steps">\n${b.rows.map((r) => rowHtml(r, input, view, opts.prefix, gapTitle, m)).join("\n")}\n</table>`;
      default:
        return assertNever(b);
    }
  };
  return runs(blocks)
    .map((run) => {
      switch (run.layout) {
        case "item":
          return `<ol class="bpd-algorithm">\n${run.blocks.map((b) => `<li>${one(b)}</li>`).join("\n")}\n</ol>`;
        case "bullet":
          return `<ul>\n${run.blocks.map((b) => `<li>${one(b)}</li>`).join("\n")}\n</ul>`;
        case "row": {
          const cells = (b: ViewBlock, tag: string): string =>
            b.kind === "text" && b.cells
              ? b.cells.map((c) => `<${tag}>${inlineHtml(c, m, view, opts.prefix)}</${tag}>`).join("")
              : `<${tag}>${one(b)}</${tag}>`;
          const [head, ...rows] = run.blocks;
          return `<table class="bpd-table">\n<thead><tr>${cells(head!, "th")}</tr></thead>\n<tbody>\n${rows.map((r) => `<tr>${cells(r, "td")}</tr>`).join("\n")}\n</tbody>\n</table>`;
        }
        case "steps":
          return run.blocks.map(one).join("\n");
        default:
          return run.blocks.map((b) => `<p>${one(b)}</p>`).join("\n");
      }
    })
    .join("\n");
}

export interface HtmlContext {
  readonly context: object;
  readonly svg: string;
}

export function htmlContext(
  input: RenderInput,
  ctx: RenderContext,
  view: View,
  expand: number,
  css: string,
  opts: DocOptions,
  svgSrc?: string,
): HtmlContext {
  const { proof } = input;
  const lang = proof.lang;
  const math = cachedMath();
  const gapTitle = (row: Extract<Row, { kind: "gap" }>): string =>
    fill(label(lang, row.of === "nodes" ? "gap" : "gap-weights"), { count: row.count, n: expand });
  const diagram = layoutDiagram(proof.network, expand, diagramHeaders(proof.network, proof.lang));
  const caption = diagramCaption(ctx, lang, diagram);
  const figure =
    `<figure class="bpd-figure"><img src="${svgSrc ?? DIAGRAM_FILE}" alt="${escapeHtml(caption)}">` +
    `<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
  const common: Common = {
    ...ctx.common,
    title: escapeHtml(ctx.common.title),
    name: escapeHtml(ctx.common.name),
    verification_title: escapeHtml(ctx.common.verification_title),
    diagram_caption: escapeHtml(caption),
  };
  const sections = sectionsContext(
    view.sections,
    (blocks) => blocksHtml(blocks, input, view, opts, gapTitle, math),
    escapeHtml,
    (rows) => rowsContext(rows, input, view, (c) => markOf(lang, c), escapeHtml),
    (id) => `${opts.prefix}-sec-${id}`,
  );
  const v = ctx.verification;
  const context = {
    ...common,
    diagram: figure,
    diagram_file: DIAGRAM_FILE,
    css,
    katex_css: KATEX_CSS,
    contents_title: escapeHtml(label(lang, "contents")),
    toc: [
      ...sections.map((s) => ({ id: s.id, title: s.title })),
      ...(v ? [{ id: `${opts.prefix}-sec-verification`, title: common.verification_title }] : []),
    ],
    sections,
    verification: v
      ? {
          ...v,
          summary: escapeHtml(v.summary),
          caption: escapeHtml(v.caption),
          box: inlineHtml(v.box, math),
          result: escapeHtml(v.result),
          columns: v.columns.map(escapeHtml),
          rows: v.rows.map((r) => ({ ...r, name: math(r.latex, false), ok: OUTCOME_SYMBOL[r.outcome], passed: r.outcome !== "failed" })),
        }
      : null,
  };
  return { context, svg: diagramSvg(diagram, caption) };
}
