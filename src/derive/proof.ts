// A proof is data: sections of prose and steps. Renderers print it; checkers evaluate it.
import type { Expr, IndexSet } from "../expr/types.js";
import type { Network } from "../network/graph.js";
import type { Relation, RuleId } from "../rules/equation.js";

/** A free index of an index-form step and the nodes it ranges over, in order. */
export interface ForAll {
  readonly index: string;
  readonly set: IndexSet;
}

export interface Step {
  /** Stable within a proof: "s12". */
  readonly id: string;
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly relation: Relation;
  readonly rule: RuleId;
  /** The human justification, in the proof's language. */
  readonly label: string;
  /** Displayed as a continuation "= rhs" of the previous step, whose lhs it shares. */
  readonly continues: boolean;
  /** Free indices of an index-form step; empty for a step about concrete nodes. */
  readonly forall: readonly ForAll[];
  /** A name that prose refers to (Inline.ref); documents give the equation a number or `tag`. */
  readonly anchor?: string;
  /** A fixed equation tag instead of a number: "BP1". */
  readonly tag?: string;
}

/**
 * The two documents made from one proof. "proof" shows every step with its rule and check
 * mark; "notes" reads like a textbook chapter: a summary first, justifications only where the
 * argument turns, long lists of like steps left to the proof. Both contain only steps of the proof.
 */
export type Style = "notes" | "proof";

/** Which documents show a block: both unless it says otherwise. */
export type Shown = Style | "both";

/** Prose: text, a formula, or a reference to an anchored step (`text` is its fallback form). */
export type Inline = { readonly text: string; readonly ref?: string } | { readonly math: Expr };

/** How a text block is laid out: a paragraph, an item of a numbered list (the algorithm), a
 * bulleted one, or a row (or the head) of a table whose `cells` the content also holds, joined. */
export type TextLayout = "paragraph" | "item" | "bullet" | "row" | "head";

export type Block =
  | {
      readonly kind: "text";
      readonly content: readonly Inline[];
      readonly show?: Shown;
      readonly layout?: TextLayout;
      readonly cells?: readonly (readonly Inline[])[];
    }
  /** `enumeration` marks a list of like steps, one per node or weight, that renderers may elide;
   * `notesRows` the number of its first steps the notes show (the notes never show a block that
   * is not in the proof style too: every step stays in the proof). */
  | {
      readonly kind: "steps";
      readonly steps: readonly Step[];
      readonly enumeration?: boolean;
      readonly show?: Exclude<Shown, "notes">;
      readonly notesRows?: number;
      /** The notes show only the result of each chain: its last line, under its left side. */
      readonly notesLast?: boolean;
    };

/** Where a section stands in the notes: the summary, the derivation, or the appendix. */
export type Part = "summary" | "body" | "appendix";

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly Block[];
  readonly part?: Part;
  /** A section the notes leave out (its content is in the summary in another form). */
  readonly show?: Exclude<Shown, "notes">;
}

export interface ParamResult {
  readonly to: number;
  readonly from: number | "b";
  readonly symbol: Expr;
  readonly gradient: Expr;
  readonly update: Expr;
}

export interface Results {
  /** Final, specialised and simplified delta of every non-input node, by node id. */
  readonly delta: ReadonlyMap<number, Expr>;
  readonly params: readonly ParamResult[];
}

export interface Proof {
  readonly network: Network;
  readonly lang: string;
  readonly sections: readonly Section[];
  /** Forward definitions: net_k and y_k of every non-input node, as printed. */
  readonly forward: ReadonlyMap<number, { readonly net: Expr; readonly y: Expr }>;
  readonly results: Results;
}
