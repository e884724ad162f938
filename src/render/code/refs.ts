// The equations of the notes that a line of code implements: each quantity of a node (its net,
// y, δ, the gradient and update of one of its weights) is matched with the numbered equation (or
// the tag BP1-BP4) of the notes whose left side names that quantity for a set of nodes holding it.
import { toText } from "../../expr/text.js";
import type { Expr } from "../../expr/types.js";
import type { Proof, Step } from "../../derive/proof.js";
import { buildView, type View } from "../view.js";

/** An equation of the notes: how it is cited, "(BP1)" or "(7)", and its index form as text. */
export interface Ref {
  readonly number: string;
  readonly text: string;
}

/** What a statement computes, to find its equation. */
export type Quantity =
  | { readonly kind: "net" | "y" | "delta"; readonly node: number }
  | { readonly kind: "E" }
  | { readonly kind: "gradient" | "update"; readonly node: number; readonly bias: boolean; readonly tied?: string }
  /** The matrix form's equations of layer l: y^(l) = f(W^(l) x^(l)), δ^(l) = …, ∇_{W^(l)} E = …. */
  | { readonly kind: "vector-y" | "vector-delta" | "matrix-gradient"; readonly layer: number }
  /** An equation of the recurrent section by its left side (vec_a_t, grad(E, U)): the last one, the result. */
  | { readonly kind: "recurrent"; readonly lhs: string };

interface Numbered {
  readonly section: string;
  readonly step: Step;
  readonly number: string;
}

export interface Refs {
  of(q: Quantity): Ref | undefined;
}

/** The nodes the first index of a step ranges over, when it is a list of nodes. */
const nodesOf = (s: Step): readonly number[] | undefined => {
  const set = s.forall[0]?.set;
  return set?.kind === "nodes" ? set.nodes : undefined;
};

const symName = (e: Expr): string | undefined => (e.kind === "sym" ? e.name : undefined);

/** Whether the weight an expression names is a bias (w_{b_k}). */
const isBias = (e: Expr): boolean => e.kind === "sym" && e.idx.length === 1 && e.idx[0]!.kind === "bias";

/** Where a recurrent network's equations are numbered. */
const RECURRENT_SECTIONS: ReadonlySet<string> = new Set(["summary", "recurrent", "rnn-network", "rnn-output"]);

/** The quantity a step's left side names: net, y, delta, E, a gradient dE/dw, an update w or θ. */
function matches(n: Numbered, q: Quantity): boolean {
  const { step, section } = n;
  const lhs = step.lhs;
  const covers = (k: number): boolean => nodesOf(step)?.includes(k) ?? false;
  switch (q.kind) {
    case "net":
    case "y":
      return section === "forward" && step.rule === "definition" && symName(lhs) === q.kind && covers(q.node);
    case "delta":
      return section === "summary" && symName(lhs) === "delta" && covers(q.node);
    case "E":
      return section === "forward" && symName(lhs) === "E" && lhs.kind === "sym" && lhs.idx.length === 0;
    case "gradient":
      if (lhs.kind !== "deriv") return false;
      if (q.tied !== undefined) return section === "tied" && symName(lhs.wrt) === "theta" && toText(lhs.wrt) === q.tied;
      return section === "summary" && isBias(lhs.wrt) === q.bias && covers(q.node);
    case "update":
      if (step.rule !== "gradient-descent") return false;
      if (q.tied !== undefined) return section === "tied" && toText(lhs) === q.tied;
      return section === "descent";
    case "vector-y":
    case "vector-delta": {
      const name = q.kind === "vector-y" ? "y" : "delta";
      return section === (name === "y" ? "forward" : "summary") && lhs.kind === "tensor" && lhs.name === name && lhs.layer === q.layer;
    }
    case "recurrent":
      // The summary's BPTT1-BPTT4, the cell's forward equations (rnn-network), its output's error
      // term (rnn-output) and backpropagation through time (recurrent).
      return RECURRENT_SECTIONS.has(section) && toText(lhs) === q.lhs;
    case "matrix-gradient":
      return (
        section === "summary" && lhs.kind === "deriv" && lhs.wrt.kind === "tensor" && lhs.wrt.name === "W" && lhs.wrt.layer === q.layer
      );
    default:
      return false;
  }
}

/** Comments stay short: the equation's text only where it is short. */
const MAX_TEXT = 72;

/**
 * The numbered equations of a document's view (by default the notes', numbered from 1), looked up
 * by quantity: a program beside a document cites that document's numbers.
 */
export function refsOf(proof: Proof, view: View = buildView(proof, 6, "notes")): Refs {
  const numbered: Numbered[] = [];
  for (const section of proof.sections)
    for (const block of section.blocks) {
      if (block.kind !== "steps") continue;
      for (const step of block.steps) {
        const number = view.display.get(step.id)?.number;
        if (number !== undefined) numbered.push({ section: section.id, step, number });
      }
    }
  return {
    of(q) {
      const n = q.kind === "recurrent" ? [...numbered].reverse().find((x) => matches(x, q)) : numbered.find((x) => matches(x, q));
      if (n === undefined) return undefined;
      const text = `${toText(n.step.lhs)} = ${toText(n.step.rhs)}`;
      return { number: `(${n.number})`, text: text.length <= MAX_TEXT ? text : toText(n.step.lhs) };
    },
  };
}
