// The document as displayed, in one of the two styles. Both are views of the same proof:
// - "proof": every section and step in the proof's order, each step with its rule label and
//   check mark;
// - "notes": a textbook chapter: the summary, the derivation, the worked example, then the
//   appendix (lemmas, the table of activations); blocks marked for the proof only are left out,
//   enumerations show their first lines, labels appear only where the argument turns, and every
//   displayed equation (a chain of lines) is numbered.
// Long layers and formulas are elided in both (elide.ts).
import { toLatex } from "../expr/latex.js";
import { assertNever } from "../expr/types.js";
import {
  type Block,
  type Inline,
  type Part,
  type Proof,
  type Section,
  type SectionId,
  type Step,
  type StepList,
  type Style,
  type Target,
  type TextLayout,
  WORKED_SECTION,
} from "../derive/proof.js";
import { toArray } from "../derive/lazy.js";
import type { Network } from "../network/graph.js";
import type { RuleId } from "../rules/equation.js";
import { elideExpr, elideRows, elideText, type Budget, type Row } from "./elide.js";
import { label, message, type MessageKey } from "../derive/messages/index.js";
import { children, mentionsIndex, size } from "../expr/walk.js";
import type { Expr } from "../expr/types.js";

const hasIverson = (e: Expr): boolean => e.kind === "iverson" || children(e).some(hasIverson);

/** Whether a displayed block writes an Iverson bracket. */
function usesIverson(b: ViewBlock): boolean {
  if (b.kind === "text") return [...b.content, ...(b.cells ?? []).flat()].some((c) => "math" in c && hasIverson(c.math));
  return b.rows.some((r) => r.kind === "step" && (hasIverson(r.lhs) || hasIverson(r.rhs)));
}

export type ViewBlock =
  | {
      readonly kind: "text";
      readonly content: readonly Inline[];
      readonly layout: TextLayout;
      readonly cells?: readonly (readonly Inline[])[];
      readonly target?: Target;
    }
  | { readonly kind: "steps"; readonly rows: readonly Row[] };

export interface ViewSection {
  readonly id: SectionId;
  readonly title: string;
  readonly part: Part;
  readonly blocks: readonly ViewBlock[];
}

/** How a step row is shown: its number or tag (on a chain's last line), the label or not, and
 * the nodes an index-form step is about ("k = 6, 7"). */
export interface RowDisplay {
  readonly number?: string;
  readonly showLabel: boolean;
  /** The justification as shown (full, or short: the rule's name): "" when none is shown. */
  readonly label: string;
  readonly qualifier?: string;
}

export interface View {
  readonly style: Style;
  readonly sections: readonly ViewSection[];
  /** Anchor -> how a reference to it reads: "(3)", "(BP1)". Anchors not displayed are absent. */
  readonly refs: ReadonlyMap<string, string>;
  /** Named paragraphs shown (lemmas): name -> how a reference to it reads ("1"). */
  readonly targets: ReadonlyMap<string, string>;
  /** Step id -> its display. */
  readonly display: ReadonlyMap<string, RowDisplay>;
}

/**
 * How much of each step's justification a document shows: all of it; a few words naming the
 * rule ("chain rule", "by Lemma 1"), the prose around the display giving the reason; or none.
 */
export type LabelMode = "full" | "short" | "none";

/** How a view is laid out beyond its style. */
export interface ViewOptions {
  readonly labels?: LabelMode;
  /** The number of the first numbered equation (the notes), so that a second fragment continues. */
  readonly numberFrom?: number;
  /** Written before every fixed tag ("netA-BP1"), so that the tags of two fragments in one host differ. */
  readonly tagPrefix?: string;
  /** Leave out the appendix (lemmas, the table of activations). */
  readonly omitAppendix?: boolean;
}

/** The default labels of a style: short in the notes, full in the proof. */
export const defaultLabels = (style: Style): LabelMode => (style === "notes" ? "short" : "full");

/** Labels up to this many columns (a CJK character two) are short already and kept as they are. */
const SHORT_COLUMNS = 30;

const columns = (s: string): number => [...s].reduce((n, c) => n + (/[\u2e80-\uffef]/u.test(c) ? 2 : 1), 0);

/** A step's justification in a label mode: a long one becomes the name of its rule. */
export function shownLabel(lang: string, step: Step, mode: LabelMode): string {
  if (mode === "none") return "";
  if (mode === "full" || columns(step.label) <= SHORT_COLUMNS) return step.label;
  return label(lang, `short-${step.rule}` satisfies MessageKey);
}

/** The order of the notes; sections not listed are not in the notes. */
const NOTES_ORDER: readonly SectionId[] = [
  "summary",
  "network",
  "rnn-network",
  "forward",
  "descent",
  "chain",
  "tied",
  "output",
  "rnn-output",
  "hidden",
  "recurrent",
  "convolution",
  "specialise",
  "batch",
  "worked",
  "remarks",
  "lemmas",
  "table",
];

/** The steps whose justification the notes show: where the argument turns. */
const ARGUMENT: ReadonlySet<RuleId> = new Set<RuleId>([
  "chain-rule",
  "total-derivative",
  "activation-derivative",
  "assumption",
  "simplification",
  "factor",
  "loss-derivative",
  "lemma",
  "differentiation",
  "max-derivative",
]);

const shownIn = (style: Style, show: string | undefined): boolean => show === undefined || show === "both" || show === style;

function sectionsIn(proof: Proof, style: Style): Section[] {
  const visible = proof.sections.filter((s) => shownIn(style, s.show));
  if (style === "proof") return visible;
  const rank = (s: Section): number => {
    const i = NOTES_ORDER.indexOf(s.id);
    return i < 0 ? NOTES_ORDER.length : i;
  };
  return visible.filter((s) => NOTES_ORDER.includes(s.id)).sort((a, b) => rank(a) - rank(b));
}

/**
 * "k = 6, 7" for an index-form step over part of the network (of `all` non-input nodes), a run of
 * more than three consecutive nodes elided: the first index its left side is written in that ranges over listed nodes (the
 * softmax lemma's y_i := e^{net_i} / ... is about i, which ranges over a layer, and gets none).
 */
function qualifier(s: Step, all: number): string | undefined {
  const first = s.forall.find((f) => mentionsIndex(s.lhs, f.index));
  if (first === undefined || first.set.kind !== "nodes") return undefined;
  const nodes = first.set.nodes;
  if (nodes.length >= all) return undefined;
  const list = nodeList(nodes);
  return list === undefined ? undefined : `${toLatex({ kind: "index", index: { kind: "var", name: first.index } })} = ${list}`;
}

/**
 * Nodes as listed: each run of more than three consecutive numbers elided to its ends ("26,
 * \\dots, 57, 66, 67, 68"), never over a gap; undefined where that takes more than six items (the
 * nodes of several steps of a recurrent network), which no short list says truly.
 */
function nodeList(nodes: readonly number[]): string | undefined {
  const runs: number[][] = [];
  for (const n of nodes) {
    const run = runs.at(-1);
    if (run !== undefined && n === run.at(-1)! + 1) run.push(n);
    else runs.push([n]);
  }
  // A run shows its nodes, or its two ends and the dots: at most three items each.
  if (runs.reduce((n, r) => n + Math.min(r.length, 3), 0) > 6) return undefined;
  return runs.map((r) => (r.length <= 3 ? r.join(", ") : `${r[0]}, \\dots, ${r.at(-1)}`)).join(", ");
}

/**
 * The document as displayed. With a budget, counting the nodes of the formulas it shows, a view
 * that would show more stops at once with OverBudget (elide.ts).
 */
export function buildView(proof: Proof, expand: number, style: Style, budget?: Budget, options: ViewOptions = {}): View {
  const labels = options.labels ?? defaultLabels(style);
  const tag = (t: string | undefined): string | undefined =>
    t === undefined || options.tagPrefix === undefined ? t : `${options.tagPrefix}-${t}`;
  const network = proof.network;
  const nonInput = network.nodes.filter((n) => n.layer > 0).length;
  const refs = new Map<string, string>();
  const targets = new Map<string, string>();
  const display = new Map<string, RowDisplay>();
  let counter = (options.numberFrom ?? 1) - 1;
  // The Iverson bracket is defined where it is first written, in whichever order the style
  // puts the sections.
  let iversonDefined = false;
  const shown = sectionsIn(proof, style).filter((s) => !(options.omitAppendix && s.part === "appendix"));
  const sections = shown.map((s): ViewSection => {
    const blocks: ViewBlock[] = [];
    for (const b of s.blocks) {
      if (!shownIn(style, b.show)) continue;
      const v = viewBlock(b, network, expand, style, budget);
      if (!iversonDefined && usesIverson(v)) {
        iversonDefined = true;
        // Before the list or table the block belongs to, not inside it.
        let at = blocks.length;
        const layout = v.kind === "text" ? v.layout : "steps";
        const inRun = (x: ViewBlock): boolean =>
          x.kind === "text" && x.layout !== "paragraph" && (x.layout === layout || (layout === "row" && x.layout === "head"));
        if (layout !== "paragraph" && layout !== "steps") while (at > 0 && inRun(blocks[at - 1]!)) at--;
        blocks.splice(at, 0, { kind: "text", content: message(proof.lang, "p-iverson"), layout: "paragraph" });
      }
      if (v.kind === "steps") {
        if (v.rows.length === 0) continue;
        v.rows.forEach((r, i) => {
          if (r.kind !== "step") return;
          const st = r.step;
          const next = v.rows[i + 1];
          const last = next === undefined || next.kind !== "step" || !next.step.continues;
          const number = style === "notes" && last ? (tag(st.tag) ?? String(++counter)) : tag(st.tag);
          // A result restated without its derivation (notesLast) has no step to justify.
          const resultOnly = style === "notes" && b.kind === "steps" && b.notesLast === true;
          const argued =
            style === "proof" || (s.id !== WORKED_SECTION && !resultOnly && (ARGUMENT.has(st.rule) || st.anchor === "def-delta"));
          const text = argued ? shownLabel(proof.lang, st, labels) : "";
          const showLabel = text !== "";
          const q = st.continues ? undefined : qualifier(st, nonInput);
          display.set(st.id, {
            ...(number === undefined || (!last && style === "notes") ? {} : { number }),
            showLabel,
            label: text,
            ...(q === undefined ? {} : { qualifier: q }),
          });
          if (st.anchor !== undefined && number !== undefined) refs.set(st.anchor, `(${number})`);
        });
      }
      if (v.kind === "text" && v.target !== undefined) targets.set(v.target.name, v.target.text);
      blocks.push(v);
    }
    return { id: s.id, title: s.title, part: s.part ?? "body", blocks };
  });
  return { style, sections, refs, targets, display };
}

function viewBlock(b: Block, network: Network, expand: number, style: Style, budget?: Budget): ViewBlock {
  const inline = (c: Inline): Inline => {
    if (!("math" in c)) return { ...c, text: elideText(c.text, expand) };
    const math = elideExpr(c.math, expand);
    budget?.spend(size(math));
    return { math };
  };
  switch (b.kind) {
    case "text":
      return {
        kind: "text",
        content: b.content.map(inline),
        layout: b.layout ?? "paragraph",
        ...(b.cells ? { cells: b.cells.map((c) => c.map(inline)) } : {}),
        ...(b.target ? { target: b.target } : {}),
      };
    case "steps": {
      let steps = style === "notes" && b.notesRows !== undefined ? firstChains(b.steps, b.notesRows) : b.steps;
      if (style === "notes" && b.notesLast) steps = lastLines(steps);
      return { kind: "steps", rows: elideRows(network, { ...b, steps }, expand, budget) };
    }
    default:
      return assertNever(b);
  }
}

/** The last line of each chain, shown under its left side (a presentation copy of the step). */
function lastLines(list: StepList): Step[] {
  const steps = toArray(list);
  return steps.flatMap((s, i) => (steps[i + 1]?.continues ? [] : [s.continues ? { ...s, continues: false } : s]));
}

/** The first n chains of a block (a step and its continuations), reading no further. */
function firstChains(steps: StepList, n: number): Step[] {
  const out: Step[] = [];
  let chains = 0;
  for (const s of steps) {
    if (!s.continues) chains++;
    if (chains > n) break;
    out.push(s);
  }
  return out;
}

/** The proof's sections as displayed in the proof style, with every elision applied. */
export const viewSections = (proof: Proof, expand: number): ViewSection[] => [...buildView(proof, expand, "proof").sections];
