// What the document formats (tex, html, md) hand their templates, in one shape: sections whose
// blocks come pre-rendered for the format (`body`), with the displayed steps also as data
// (`rows`) for templates that lay them out themselves. Text is escaped for the format.
import { toLatex } from "../expr/latex.js";
import { printOrder } from "../expr/print.js";
import { assertNever } from "../expr/types.js";
import { labelInline } from "../derive/messages/index.js";
import type { StepCheck } from "../check/types.js";
import type { Mark, RenderContext } from "./context.js";
import type { Row } from "./elide.js";
import type { Step, TextLayout } from "../derive/proof.js";
import type { View, ViewBlock, ViewSection } from "./view.js";
import type { RenderInput } from "./formats.js";
import type { Relation } from "../rules/equation.js";
import type { Expr } from "../expr/types.js";

/** Text for \text{...} in a formula: TeX's special characters escaped. */
/**
 * A justification inside a display: its text pieces as `text` makes them, its letters as
 * mathematics between them (\text{for }x\text{ > 0}), which every renderer of Markdown reads
 * (no math nested in \text).
 */
export const labelMath = (label: string, text: (t: string) => string): string =>
  labelInline(label)
    .map((c) => ("math" in c ? toLatex(c.math) : text(c.text)))
    .join("");

export const textArg = (s: string): string =>
  s.replace(/[\\{}$&#^_%~]/g, (c) =>
    c === "\\" ? "\\textbackslash{}" : c === "^" ? "\\textasciicircum{}" : c === "~" ? "\\textasciitilde{}" : `\\${c}`,
  );

/**
 * The check of a step as its mark shows it. A stated assumption (the targets sum to 1) is what
 * the derivation supposes, not something it shows: it is marked like a definition, whatever the
 * numbers at the checked points say; the JSON keeps the check itself.
 */
export function shownCheck(input: RenderInput, s: Step): StepCheck | undefined {
  const check = input.stepChecks?.get(s.id);
  return check !== undefined && s.rule === "assumption" && check.status === "verified" ? { ...check, status: "definition" } : check;
}

const signed = (terms: readonly Expr[]): string[] =>
  printOrder(terms).map((t, i) => {
    const p = toLatex(t);
    // As the printer writes a sum: "a - b", the sign apart from its term.
    return i === 0 ? p : p.startsWith("-") ? `- ${p.slice(1)}` : `+ ${p}`;
  });

const TALL = /\\frac|\\sum|\\prod|\\left|\^\{|\\binom/;

/**
 * A right-hand side in the pieces between which a line may break: before each term of a sum, its
 * sign leading the piece; in a product of factors and one sum, before each term of that sum,
 * its brackets sized by hand (\Bigl( ... \Bigr) where a term is tall), since \left and \right
 * cannot be split. Anything else is one piece.
 */
export function termPieces(e: Expr): string[] {
  if (e.kind === "add") return signed(e.terms);
  if (e.kind !== "mul") return [toLatex(e)];
  const at = e.factors.findIndex((f) => f.kind === "add");
  const fractional = e.factors.some((f) => f.kind === "pow" && !(f.exp.kind === "num" && f.exp.value > 0));
  const sums = e.factors.filter((f) => f.kind === "add").length;
  const sum = e.factors[at];
  if (sum === undefined || sum.kind !== "add" || sums !== 1 || fractional) return [toLatex(e)];
  const product = (fs: readonly Expr[]): string =>
    fs.length === 0
      ? ""
      : fs.length === 1 && fs[0]!.kind === "num" && fs[0]!.value === -1
        ? "-"
        : toLatex(fs.length === 1 ? fs[0]! : { kind: "mul", factors: fs });
  const before = product(e.factors.slice(0, at));
  const after = product(e.factors.slice(at + 1));
  const terms = signed(sum.terms);
  const [open, close] = terms.some((t) => TALL.test(t)) ? ["\\Bigl(", "\\Bigr)"] : ["(", ")"];
  terms[0] = `${before}${before && before !== "-" ? " " : ""}${open}${terms[0]}`;
  terms[terms.length - 1] = `${terms[terms.length - 1]}${close}${after ? ` ${after}` : ""}`;
  return terms;
}

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

/** What every document renderer is told besides the proof. */
export interface DocOptions {
  /** Prefix of every label and anchor, so that two documents live in one. */
  readonly prefix: string;
  /** Whether the document sets CJK text (LaTeX only). */
  readonly cjk: boolean;
  /** Only the body, for a host document (whose column may be narrower). */
  readonly fragment?: boolean;
  /** The name of the picture's file beside the document: network.svg, or named after the prefix. */
  readonly diagramFile?: string;
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
