// A proof is data: sections of prose and steps. Renderers print it; checkers evaluate it.
import type { Expr, IndexSet } from "../expr/types.js";
import type { Network } from "../network/graph.js";
import type { ElementwiseActivation } from "../rules/activations/activation.js";
import type { Relation, RuleId } from "../rules/equation.js";

/** A free index of an index-form step and the nodes it ranges over, in order. */
export interface ForAll {
  readonly index: string;
  readonly set: IndexSet;
}

/**
 * A list read by position whose items may be made only when they are read: an array is one, and
 * so is an enumeration of one step per node or weight (enumeration.ts), which a large network
 * could not afford to store (10^6 weights, each with its update written out).
 */
export interface Seq<T> extends Iterable<T> {
  readonly length: number;
  /** The i-th item (from 0), or undefined outside 0 .. length - 1. */
  at(i: number): T | undefined;
}

/** The steps of a block, in order. */
export type StepList = Seq<Step>;

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

/** A named paragraph: Inline.ref names it, and a reference reads `text` ("Lemma" + "1"). */
export interface Target {
  readonly name: string;
  readonly text: string;
}

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
      /** A paragraph that prose refers to (a lemma): its name, and how a reference to it reads ("1"). */
      readonly target?: Target;
    }
  /** `enumeration` marks a list of like steps, one per node or weight, that renderers may elide;
   * `notesRows` the number of its first steps the notes show (the notes never show a block that
   * is not in the proof style too: every step stays in the proof). */
  | {
      readonly kind: "steps";
      readonly steps: StepList;
      readonly enumeration?: boolean;
      /** Each step states the final error term of its node: Results.delta of that node. */
      readonly deltaResults?: boolean;
      /** Each step is an instance of these index-form steps (by id): the update of every weight. */
      readonly instancesOf?: readonly string[];
      readonly show?: Exclude<Shown, "notes">;
      readonly notesRows?: number;
      /** The notes show only the result of each chain: its last line, under its left side. */
      readonly notesLast?: boolean;
      /** A lemma's steps: the elementwise activation they are about, at a point x of its own. */
      readonly lemma?: ElementwiseActivation;
    };

/** Where a section stands in the notes: the summary, the derivation, or the appendix. */
export type Part = "summary" | "body" | "appendix";

/** Every section a proof may have, by id: a section's id is one of these, never any other string. */
export const SECTION_IDS = [
  "summary",
  "network",
  "forward",
  "descent",
  "chain",
  "tied",
  "output",
  "hidden",
  "matrix",
  "updates",
  "lemmas",
  "specialise",
  "remarks",
  "table",
  "batch",
  "worked",
  "recurrent",
  "rnn-network",
  "rnn-output",
  "convolution",
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

/** The worked example: its steps hold at the given params only (the step check checks them there). */
export const WORKED_SECTION = "worked" satisfies SectionId;
/** The lemmas of the appendix: one block of steps per elementwise activation. */
export const LEMMA_SECTION = "lemmas" satisfies SectionId;
/** Training with a mini-batch: its steps are checked at batches of examples. */
export const BATCH_SECTION = "batch" satisfies SectionId;

export interface Section {
  readonly id: SectionId;
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

/**
 * What the proof derives for every node and weight. Each is made from its layer's index form when
 * it is read (a map or list that computes its entries), so that a proof of 10^6 weights stores
 * none of them: read an entry once and keep it if it is needed again.
 */
export interface Results {
  /** Final, specialised and simplified delta of every non-input node, by node id. */
  readonly delta: ReadonlyMap<number, Expr>;
  /** The gradient and update of every weight and bias, in the order of network.params. */
  readonly params: Seq<ParamResult>;
}

export interface Proof {
  readonly network: Network;
  readonly lang: string;
  readonly sections: readonly Section[];
  /** Forward definitions: net_k and y_k of every non-input node, as printed (made when read). */
  readonly forward: ReadonlyMap<number, { readonly net: Expr; readonly y: Expr }>;
  readonly results: Results;
}
