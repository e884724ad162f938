// HTML: every formula rendered here by KaTeX (strict, throwing on any error), so the page needs
// no JavaScript; KaTeX's stylesheet and fonts are copied next to it (katex/) so that it works
// offline. Steps are table rows: an anchor per step (id = step id), the formula, the rule label
// and the verification mark.
import katex from "katex";
import { toLatex } from "../expr/latex.js";
import { assertNever } from "../expr/types.js";
import type { Inline } from "../derive/proof.js";
import { label, labelInline } from "../derive/messages/index.js";
import { katexAssets, katexInlineCss, pageCss } from "./assets.js";
import { markOf, OUTCOME_SYMBOL, type Mark } from "./context.js";
import type { Row } from "./elide.js";
import type { DocDialect } from "./document-context.js";
import type { DocOptions, RenderInput, RenderOptions, SectionLevel } from "./document.js";
import { RELATION_LATEX, termPieces } from "./pieces.js";
import { runs, shownCheck } from "./sections.js";
import type { View, ViewBlock } from "./view.js";
import { escapeHtml, KATEX_CSS } from "./page.js";

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

/**
 * A step as a table row: its left side (on the baseline of the formula), and in one cell the
 * right side and the justification. The right side is set in pieces, one per term of a sum, that
 * wrap when the column is too narrow (continuations indented under the relation), and the
 * justification goes below the formula when both do not fit side by side.
 */
function rowHtml(
  row: Row,
  input: RenderInput,
  view: View,
  prefix: string,
  gapTitle: (row: Extract<Row, { kind: "gap" }>) => string,
  math: MathFn,
): string {
  const notes = view.style === "notes";
  if (row.kind === "gap") {
    return `<tr class="bpd-gap"><td></td><td class="bpd-rhs" title="${escapeHtml(gapTitle(row))}">${math("\\vdots", false)}</td>${notes ? "<td></td>" : ""}</tr>`;
  }
  const s = row.step;
  const d = view.display.get(s.id);
  // Display style inline, so that the left side and each piece sit on one baseline.
  const lhs = s.continues ? "" : math(`\\displaystyle ${toLatex(row.lhs)}`, false);
  const pieces = termPieces(row.rhs);
  // "{}" gives the relation its spacing, as after an empty left side in align.
  pieces[0] = `{} ${RELATION_LATEX[s.relation]} ${pieces[0]}`;
  // A piece after the first starts with "{}": its sign keeps the spacing of a binary operator.
  const formula =
    pieces.map((p, i) => `<span class="bpd-piece">${math(`\\displaystyle ${i > 0 ? "{} " : ""}${p}`, false)}</span>`).join("") +
    (d?.qualifier ? `<span class="bpd-piece bpd-q">${math(`(${d.qualifier})`, false)}</span>` : "");
  const mark = view.style === "proof" ? markHtml(markOf(input.proof.lang, shownCheck(input, s))) : "";
  const text = d?.showLabel ? d.label : "";
  const label = labelInline(!notes && d?.number !== undefined ? `(${d.number}) ${text}`.trim() : text)
    .map((c) => ("math" in c ? math(toLatex(c.math), false) : escapeHtml(c.text)))
    .join("");
  const why =
    label || mark ? `<span class="bpd-why">${label ? `<a class="bpd-label" href="#${s.id}">${label}</a>` : ""}${mark}</span>` : "";
  const number = notes ? `<td class="bpd-no">${d?.number !== undefined ? `(${escapeHtml(d.number)})` : ""}</td>` : "";
  const anchor = s.anchor !== undefined && view.refs.has(s.anchor) ? `<span id="${prefix}-${s.anchor}"></span>` : "";
  return (
    `<tr id="${s.id}" class="bpd-step" data-rule="${s.rule}"><td class="bpd-lhs">${anchor}${lhs}</td>` +
    `<td class="bpd-rhs"><div class="bpd-line"><span class="bpd-f">${formula}</span>${why}</div></td>${number}</tr>`
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

/** HTML's heading levels: the top one and the one below it. */
const HEADINGS: Record<SectionLevel, { h: number; sub: number }> = {
  chapter: { h: 1, sub: 2 },
  section: { h: 2, sub: 3 },
  subsection: { h: 3, sub: 4 },
};

/** Base64 without Node's Buffer: the renderers run in a browser too. */
function base64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Whether the page is one self-contained file: KaTeX's stylesheet, its fonts and the picture inside it. */
const inlineAssets = (options: RenderOptions): boolean => (options.assets ?? "inline") === "inline" && !options.fragment;

/**
 * HTML, every formula rendered by `math` (one KaTeX cache per page): the picture embedded in a
 * self-contained page, or beside it with KaTeX's files (a fragment's host already loads them).
 */
export const htmlDialect = (math: MathFn): DocDialect => ({
  format: "html",
  cjk: () => false,
  escape: escapeHtml,
  headings: (level) => HEADINGS[level],
  sectionId: (id, prefix) => `${prefix}-sec-${id}`,
  blocks: (blocks, s) => blocksHtml(blocks, s.input, s.view, s.doc, s.gapNote, math),
  inline: (content) => inlineHtml(content, math),
  verificationRow: (r) => ({ name: math(r.latex, false), ok: OUTCOME_SYMBOL[r.outcome] }),
  figure: (s, caption) => {
    const src = inlineAssets(s.options) ? `data:image/svg+xml;base64,${base64(new TextEncoder().encode(s.svg()))}` : s.doc.diagramFile;
    return (
      `<figure class="bpd-figure"><img src="${src}" alt="${escapeHtml(caption)}">` +
      `<figcaption>${escapeHtml(caption)}</figcaption></figure>`
    );
  },
  extras: (s, sections, verificationTitle) => {
    const inline = inlineAssets(s.options);
    return {
      css: pageCss(),
      katex_css: KATEX_CSS,
      contents_title: escapeHtml(label(s.lang, "contents")),
      toc: [
        ...sections.map((c) => ({ id: c.id, title: c.title })),
        ...(verificationTitle === undefined ? [] : [{ id: `${s.doc.prefix}-sec-verification`, title: verificationTitle }]),
      ],
      inline_assets: inline,
      katex_inline_css: inline ? katexInlineCss() : "",
    };
  },
  besides: (s) =>
    inlineAssets(s.options)
      ? []
      : // A fragment goes into a page that already loads KaTeX's stylesheet: no copy of it.
        [{ name: s.doc.diagramFile, content: s.svg() }, ...(s.options.fragment ? [] : katexAssets())],
});
