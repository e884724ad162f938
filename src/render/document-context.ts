// One context for the templates of every document format (tex, html, md), made in one place from
// the proof, its checks and the options. A format is a DocDialect: it says only how it spells
// what every document holds (its escaping, a section's blocks, the picture, its headings), as
// expr/print.ts asks a Dialect only how to spell each construct.
import type { Inline } from "../derive/proof.js";
import { fill, label } from "../derive/messages/index.js";
import { diagramCaption, diagramHeaders, markOf, type VerificationRow } from "./context.js";
import { convFigureOf, convFigureSvg } from "./conv-figure.js";
import { diagramSvg, layoutDiagram } from "./diagram.js";
import { layoutRecurrent, recurrentCaption, recurrentSvg, recurrentTikz } from "./recurrent-diagram.js";
import { backwardSvg, drawsBackward, figureSvg } from "./diagram-backward.js";
import type { Diagram } from "./diagram-geometry.js";
import type { DocOptions, OutputFile, Renderer, RenderInput, RenderOptions, SectionLevel } from "./document.js";
import { documentFile } from "./document-file.js";
import { codeAppendix } from "./code/appendix.js";
import type { Row } from "./elide.js";
import { prepare } from "./prepare.js";
import { rowsContext, type SectionContext, sectionsContext } from "./sections.js";
import type { View, ViewBlock } from "./view.js";

/** One document being written: what a dialect reads besides the blocks it spells. */
export interface DocScope {
  readonly input: RenderInput;
  readonly options: RenderOptions;
  readonly view: View;
  readonly expand: number;
  /** The prefix, the picture's file name, and whether the text is set as CJK. */
  readonly doc: DocOptions & { readonly diagramFile: string };
  readonly lang: string;
  readonly diagram: Diagram;
  /** Text escaped for the format. */
  readonly escape: (text: string) => string;
  /** A recurrent network's picture in TikZ (its cell folded and unrolled), in place of the diagram's. */
  readonly tikz?: string;
  /** The picture as SVG (the backward pass beside it where it fits), made when first asked for. */
  readonly svg: () => string;
  /** What a row standing for left-out rows says of them. */
  readonly gapNote: (row: Extract<Row, { kind: "gap" }>) => string;
}

/** How a document format spells what every document holds. */
export interface DocDialect {
  readonly format: "tex" | "html" | "md";
  /** Whether text in this language is set as CJK (only LaTeX chooses fonts for it). */
  cjk(lang: string): boolean;
  /** Text escaped for the format. */
  escape(text: string, cjk: boolean): string;
  /** The template's heading variables at the document's top level (and LaTeX's document class). */
  headings(level: SectionLevel): Readonly<Record<string, string | number>>;
  /** A section's id as the document writes it (HTML prefixes it). */
  sectionId(id: string, prefix: string): string;
  /** A section's blocks (or one of them), rendered. */
  blocks(blocks: readonly ViewBlock[], scope: DocScope): string;
  /** Prose with formulas outside the sections (the check's box), with no references to resolve. */
  inline(content: readonly Inline[], scope: DocScope): string;
  /** A row of the verification table: its derivative as a formula, and its mark. */
  verificationRow(row: VerificationRow): { readonly name: string; readonly ok: string };
  /** The picture as the document shows it, its caption given unescaped. */
  figure(scope: DocScope, caption: string): string;
  /** What else this format's templates receive. */
  extras(scope: DocScope, sections: readonly SectionContext[], verificationTitle: string | undefined): Readonly<Record<string, unknown>>;
  /** The files written beside the document (the picture, KaTeX's files). */
  besides(scope: DocScope): OutputFile[];
}

/** The variables a format's templates receive, and the scope the dialect spelled them in. */
export function documentContext(
  dialect: DocDialect,
  input: RenderInput,
  options: RenderOptions,
): { context: Record<string, unknown>; scope: DocScope } {
  const { expand, doc: prepared, ctx, view, legend, shared } = prepare(input, options);
  const { proof } = input;
  const lang = proof.lang;
  const cjk = dialect.cjk(lang);
  const doc = { ...prepared, cjk };
  const esc = (s: string): string => dialect.escape(s, cjk);
  const diagram = layoutDiagram(proof.network, expand, diagramHeaders(proof.network, lang));
  // A recurrent network's picture is its cell, folded and unrolled over the steps; a
  // convolutional network's, its feature maps (conv-figure.ts); any other's, its graph.
  const rnn = proof.network.spec.recurrent;
  const cell = rnn === undefined ? undefined : layoutRecurrent(rnn);
  const conv = convFigureOf(proof.network, lang);
  const caption =
    rnn !== undefined ? recurrentCaption(lang, rnn) : conv !== undefined ? conv.caption : diagramCaption(ctx, lang, diagram, proof.network);
  let svg: string | undefined;
  const scope: DocScope = {
    input,
    options,
    view,
    expand,
    doc,
    lang,
    diagram,
    escape: esc,
    ...(cell === undefined ? {} : { tikz: recurrentTikz(cell) }),
    svg: () => {
      if (cell !== undefined) return (svg ??= recurrentSvg(cell, caption));
      svg ??=
        conv !== undefined
          ? convFigureSvg(conv.figure, caption)
          : drawsBackward(diagram)
            ? figureSvg(diagramSvg(diagram, caption), backwardSvg(diagram, proof.network, label(lang, "fig-backward")), caption)
            : diagramSvg(diagram, caption);
      return svg;
    },
    gapNote: (row) => fill(label(lang, row.of === "nodes" ? "gap" : "gap-weights"), { count: row.count, n: expand }),
  };
  const sections = sectionsContext(
    view.sections,
    (blocks) => dialect.blocks(blocks, scope),
    esc,
    (rows) => rowsContext(rows, input, view, (c) => markOf(lang, c), esc),
    (id) => dialect.sectionId(id, doc.prefix),
  );
  const v = ctx.verification;
  const verificationTitle = esc(ctx.common.verification_title);
  const context = {
    ...ctx.common,
    title: esc(ctx.common.title),
    name: esc(ctx.common.name),
    verification_title: verificationTitle,
    diagram_caption: esc(caption),
    diagram: dialect.figure(scope, caption),
    sections,
    code: options.code === undefined ? null : codeAppendix(dialect.format, proof, options.code, view, esc),
    verification: v
      ? {
          ...v,
          summary: esc(v.summary),
          caption: esc(v.caption),
          columns: v.columns.map(esc),
          box: dialect.inline(v.box, scope),
          result: esc(v.result),
          rows: v.rows.map((r) => ({ ...r, ...dialect.verificationRow(r), passed: r.outcome !== "failed" })),
        }
      : null,
    ...dialect.extras(scope, sections, v === undefined ? undefined : verificationTitle),
    ...shared,
    author: esc(ctx.common.author),
    legend: esc(legend),
    legend_title: esc(shared.legend_title),
    check_title: esc(shared.check_title),
    appendix_title: esc(shared.appendix_title),
    ...dialect.headings(prepared.level),
  };
  return { context, scope };
}

/** The renderer of a document format: its document (or fragment), and the files beside it. */
export const documentRenderer =
  (dialect: () => DocDialect): Renderer =>
  (input, options) => {
    const d = dialect();
    const { context, scope } = documentContext(d, input, options);
    return [documentFile(d.format, context, options), ...d.besides(scope)];
  };
