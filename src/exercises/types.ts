// An exercise sheet as data: the prompts, the answers and, for a numeric exercise, the network
// and numbers it is about. Writers (tex, md, html, json, moodle) only print it.
import type { Step } from "../derive/proof.js";

export const EXERCISE_KINDS = ["numeric", "derivation", "spot-the-error", "mini-batch"] as const;
/** What the command line's --kinds names; a mini-batch exercise is numeric in the JSON. */
export type KindOption = (typeof EXERCISE_KINDS)[number];
export type Kind = "numeric" | "derivation" | "spot-the-error";

export type QuantityKind = "E" | "net" | "y" | "delta" | "gradient" | "updated";

export interface Quantity {
  readonly kind: QuantityKind;
  readonly node?: number;
  /** A gradient's or update's weight: from node `from` (or the bias "b") into `node`. */
  readonly from?: number | "b";
  /** A recurrent network's error term: of the hidden state ("h") at step `step`, entry `index` (1-based). */
  readonly unit?: "h";
  readonly step?: number;
  readonly index?: number;
  /** A recurrent network's gradient: of the shared matrix `matrix`, entry (`row`, `col`), 1-based. */
  readonly matrix?: string;
  readonly row?: number;
  readonly col?: number;
  /** A convolutional network's kernel gradient: of stack layer `layer` (1-based), entry `kernel` ([f, c, u, v], or [f, c, v] in 1-D; 1-based). */
  readonly layer?: number;
  readonly kernel?: readonly number[];
}

/** Prose with formulas: a formula carries its LaTeX and a plain-text form. */
export type Piece = { readonly text: string } | { readonly tex: string; readonly plain: string };

/** One displayed line of an answer: a step of the proof, or of the worked numbers. */
export interface Line {
  readonly step: Step;
  /** The number (or tag, "BP1") of the notes' equation it is or instantiates, if the notes number one. */
  readonly tag?: string;
}

export interface Answer {
  /** Prose before the lines. */
  readonly intro: readonly Piece[];
  readonly lines: readonly Line[];
  /** Prose after the lines (the mistake named, the check stated). */
  readonly outro: readonly Piece[];
  /** A numeric answer's value, unrounded. */
  readonly value?: number;
  /** The value as printed (significant digits), and the tolerance a grader allows. */
  readonly shown?: number;
  readonly tolerance?: number;
}

export interface Exercise {
  readonly id: string;
  readonly kind: Kind;
  /** Which of --kinds made it (a mini-batch exercise is numeric). */
  readonly source: KindOption;
  readonly prompt: readonly Piece[];
  /** Lines shown with the prompt (the formula whose mistake is to be found). */
  readonly given: readonly Line[];
  /** The network's spec, as given. */
  readonly spec: Record<string, unknown>;
  /** The numbers of a numeric exercise, in the params format. */
  readonly params?: Record<string, unknown>;
  readonly quantity?: Quantity;
  /** A spot-the-error exercise's mistake: the name of its mutation operator. */
  readonly mistake?: string;
  readonly answer: Answer;
}

/** The exercises on one network: the network, its numbers and the exercises about it. */
export interface SheetPart {
  /** The network in a few lines (inputs, each node's activation and inputs, outputs and loss). */
  readonly network: readonly (readonly Piece[])[];
  /** The numbers of the numeric exercises, in the params format. */
  readonly params: Record<string, unknown>;
  /** The same numbers as formulas (x_1 = 0.78, ...), for the sheet. */
  readonly numbers: readonly Piece[];
  readonly exercises: readonly Exercise[];
}

/** A sheet over one network or several: its parts in order, the exercises numbered through. */
export interface Sheet {
  readonly lang: string;
  readonly seed: number;
  readonly parts: readonly SheetPart[];
  /** Every part's exercises, in order (ids e1, e2, ... through the parts). */
  readonly exercises: readonly Exercise[];
}
