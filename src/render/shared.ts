// What the document formats (tex, html, md) hand their templates, in one shape: sections whose
// blocks come pre-rendered for the format (`body`), with the displayed steps also as data
// (`rows`) for templates that lay them out themselves. Text is escaped for the format.
import { toLatex } from "../expr/latex.js";
import { assertNever } from "../expr/types.js";
import type { StepCheck } from "../check/types.js";
import type { Mark, RenderContext } from "./context.js";
import type { Row, ViewBlock, ViewSection } from "./elide.js";
import type { RenderInput } from "./formats.js";
import type { Relation } from "../rules/equation.js";

export const RELATION_LATEX: Record<Relation, string> = { eq: "=", define: ":=", update: "\\leftarrow" };

export type Common = RenderContext["common"];

export type RowContext =
  | {
      readonly kind: "step";
      readonly id: string;
      readonly rule: string;
      readonly label: string;
      readonly relation: string;
      readonly lhs: string;
      readonly rhs: string;
      readonly continues: boolean;
      readonly mark: Mark | null;
    }
  | { readonly kind: "gap"; readonly count: number };

export function rowsContext(
  rows: readonly Row[],
  input: RenderInput,
  mark: (c: StepCheck | undefined) => Mark | null,
  escape: (s: string) => string = (s) => s,
): RowContext[] {
  return rows.map((r): RowContext => {
    if (r.kind === "gap") return { kind: "gap", count: r.count };
    const s = r.step;
    return {
      kind: "step",
      id: s.id,
      rule: s.rule,
      label: escape(s.label),
      relation: RELATION_LATEX[s.relation],
      lhs: toLatex(r.lhs),
      rhs: toLatex(r.rhs),
      continues: s.continues,
      mark: mark(input.stepChecks?.get(s.id)),
    };
  });
}

export interface SectionContext {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly blocks: readonly ({ readonly kind: "text"; readonly body: string } | { readonly kind: "steps"; readonly body: string; readonly rows: readonly RowContext[] })[];
}

export function sectionsContext(
  view: readonly ViewSection[],
  render: (b: ViewBlock) => string,
  escape: (s: string) => string,
  rows: (rows: readonly Row[]) => RowContext[],
  separator = "\n\n",
): SectionContext[] {
  return view.map((s) => {
    const blocks = s.blocks.map((b) => {
      switch (b.kind) {
        case "text":
          return { kind: "text" as const, body: render(b) };
        case "steps":
          return { kind: "steps" as const, body: render(b), rows: rows(b.rows) };
        default:
          return assertNever(b);
      }
    });
    return { id: s.id, title: escape(s.title), body: blocks.map((b) => b.body).join(separator), blocks };
  });
}
