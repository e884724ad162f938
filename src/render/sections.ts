// What the document formats (tex, html, md) hand their templates, in one shape: sections whose
// blocks come pre-rendered for the format (`body`), with the displayed steps also as data
// (`rows`) for templates that lay them out themselves. Text is escaped for the format.
import { toLatex } from "../expr/latex.js";
import { assertNever } from "../expr/types.js";
import type { StepCheck } from "../check/types.js";
import type { Mark } from "./context.js";
import type { RenderInput } from "./document.js";
import type { Row } from "./elide.js";
import { RELATION_LATEX } from "./pieces.js";
import type { Step, TextLayout } from "../derive/proof.js";
import type { View, ViewBlock, ViewSection } from "./view.js";

/**
 * The check of a step as its mark shows it. A stated assumption (the targets sum to 1) is what
 * the derivation supposes, not something it shows: it is marked like a definition, whatever the
 * numbers at the checked points say; the JSON keeps the check itself.
 */
export function shownCheck(input: RenderInput, s: Step): StepCheck | undefined {
  const check = input.stepChecks?.get(s.id);
  return check !== undefined && s.rule === "assumption" && check.status === "verified" ? { ...check, status: "definition" } : check;
}

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
      /** The equation's number or tag in the notes ("3", "BP1"), or "" for none. */
      readonly number: string;
    }
  | { readonly kind: "gap"; readonly count: number };

export function rowsContext(
  rows: readonly Row[],
  input: RenderInput,
  view: View,
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
      mark: view.style === "proof" ? mark(shownCheck(input, s)) : null,
      number: view.display.get(s.id)?.number ?? "",
    };
  });
}

/** Consecutive blocks of one layout (items, bullets, table rows), to be laid out together. */
export function runs(blocks: readonly ViewBlock[]): { layout: TextLayout | "steps"; blocks: ViewBlock[] }[] {
  const out: { layout: TextLayout | "steps"; blocks: ViewBlock[] }[] = [];
  for (const b of blocks) {
    const layout = b.kind === "steps" ? "steps" : b.layout === "head" ? "row" : b.layout;
    const last = out[out.length - 1];
    const joins =
      last !== undefined &&
      layout !== "paragraph" &&
      layout !== "steps" &&
      last.layout === layout &&
      !(b.kind === "text" && b.layout === "head");
    if (joins) last.blocks.push(b);
    else out.push({ layout, blocks: [b] });
  }
  return out;
}

export interface SectionContext {
  readonly id: string;
  readonly title: string;
  readonly part: string;
  /** The first section of the appendix, before which the notes put its heading. */
  readonly first_appendix: boolean;
  readonly body: string;
  readonly blocks: readonly (
    | { readonly kind: "text"; readonly body: string }
    | { readonly kind: "steps"; readonly body: string; readonly rows: readonly RowContext[] }
  )[];
}

export function sectionsContext(
  view: readonly ViewSection[],
  render: (blocks: readonly ViewBlock[]) => string,
  escape: (s: string) => string,
  rows: (rows: readonly Row[]) => RowContext[],
  /** The section's id as the format writes it (HTML prefixes it). */
  idOf: (id: string) => string = (id) => id,
): SectionContext[] {
  return view.map((s, i) => {
    // Bodies and rows are made when a template reads them, each time, and kept by nobody else:
    // the built-in templates print each section.body once, and a deep network's HTML, made
    // ahead for every section and block, would take three times the time and memory.
    const blocks = s.blocks.map((b) => {
      switch (b.kind) {
        case "text":
          return {
            kind: "text" as const,
            get body() {
              return render([b]);
            },
          };
        case "steps":
          return {
            kind: "steps" as const,
            get body() {
              return render([b]);
            },
            get rows() {
              return rows(b.rows);
            },
          };
        default:
          return assertNever(b);
      }
    });
    const firstAppendix = s.part === "appendix" && i > 0 && view[i - 1]!.part !== "appendix";
    return {
      id: idOf(s.id),
      title: escape(s.title),
      part: s.part,
      first_appendix: firstAppendix,
      get body() {
        return render(s.blocks);
      },
      blocks,
    };
  });
}
