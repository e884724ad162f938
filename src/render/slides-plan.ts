// Lecture slides as data, one idea per frame (the network, the forward pass, the error term, the
// chain rule, the output and hidden error terms, BP1–BP4, the update, the worked example), which
// the Beamer deck (slides.ts) and the HTML deck (slides-html.ts) each print. Frame titles are the
// proof's own section titles, so the deck speaks the proof's language.
import { documentTitle } from "../derive/describe.js";
import type { Block, Inline, Proof, Section, SectionId, Step } from "../derive/proof.js";
import { toLatex } from "../expr/latex.js";
import { RELATION_LATEX } from "./pieces.js";

/** Lines of one display at most; a longer derivation is cut to its first and last lines. */
export const MAX_LINES = 7;

export interface SlideRow {
  readonly lhs: string;
  readonly rhs: string;
  readonly rel: string;
  readonly tag?: string;
}

export type Frame =
  | { readonly kind: "network"; readonly title: string; readonly intro?: readonly Inline[] }
  | {
      readonly kind: "display";
      readonly title: string;
      readonly intro?: readonly Inline[];
      readonly rows: readonly SlideRow[];
      /** The rows uncovered one after the other (an overlay per row). */
      readonly unfold: boolean;
      /** Many short rows: set in two columns. */
      readonly columns: boolean;
    };

export interface Deck {
  readonly title: string;
  readonly lang: string;
  readonly frames: readonly Frame[];
}

const rowOf = (s: Step, continued = s.continues): SlideRow => ({
  lhs: continued ? "" : toLatex(s.lhs),
  rhs: toLatex(s.rhs),
  rel: RELATION_LATEX[s.relation],
  ...(s.tag === undefined ? {} : { tag: s.tag }),
});

const sectionOf = (proof: Proof, id: SectionId): Section | undefined => proof.sections.find((s) => s.id === id);
const stepsOf = (s: Section | undefined): Step[] => (s?.blocks ?? []).flatMap((b: Block) => (b.kind === "steps" ? [...b.steps] : []));
const textsOf = (s: Section | undefined): Inline[][] =>
  (s?.blocks ?? []).flatMap((b: Block) => (b.kind === "text" && (b.layout ?? "paragraph") === "paragraph" ? [[...b.content]] : []));

/** The chains (a step and its continuations) of a section. */
function chainsOf(s: Section | undefined): Step[][] {
  const out: Step[][] = [];
  for (const st of stepsOf(s)) {
    if (st.continues && out.length > 0) out[out.length - 1]!.push(st);
    else out.push([st]);
  }
  return out;
}

/** At most MAX_LINES rows: the first ones and the last. */
const capped = (rows: readonly SlideRow[]): SlideRow[] =>
  rows.length <= MAX_LINES ? [...rows] : [...rows.slice(0, MAX_LINES - 1), rows[rows.length - 1]!];

const indexForm = (s: Section | undefined): Step[][] => chainsOf(s).filter((c) => c[0]!.forall.length > 0);

function chainFrame(title: string, chains: readonly (readonly Step[])[], unfold: boolean): Frame | undefined {
  const rows = capped(chains.flatMap((c) => c.map((s, i) => rowOf(s, i > 0))));
  if (rows.length === 0) return undefined;
  return { kind: "display", title, rows, unfold, columns: false };
}

/** The worked example in up to three frames: the forward pass, the error terms, gradients and updates. */
function workedFrames(proof: Proof): Frame[] {
  const s = sectionOf(proof, "worked");
  if (s === undefined) return [];
  const chains = chainsOf(s).filter((c) => c[0]!.rule === "substitution" && c.length > 1);
  const result = (c: readonly Step[]): SlideRow => ({ lhs: toLatex(c[0]!.lhs), rhs: toLatex(c[c.length - 1]!.rhs), rel: "=" });
  const name = (c: readonly Step[]): string => {
    const l = c[0]!.lhs;
    return l.kind === "sym" ? l.name : l.kind;
  };
  const parts = [
    chains.filter((c) => ["net", "y", "E"].includes(name(c))),
    chains.filter((c) => name(c) === "delta"),
    chains.filter((c) => name(c) === "deriv" || name(c) === "w").slice(0, 2 * (MAX_LINES - 1)),
  ].filter((p) => p.length > 0);
  return parts.map((p, i) => {
    // At most two columns of rows: the first ones and the last (the loss, after the forward pass).
    const all = p.map(result);
    const rows = all.length <= 2 * MAX_LINES ? all : [...all.slice(0, 2 * MAX_LINES - 1), all[all.length - 1]!];
    return { kind: "display", title: `${s.title} (${i + 1}/${parts.length})`, rows, unfold: false, columns: rows.length > MAX_LINES };
  });
}

export function slidesPlan(proof: Proof): Deck {
  const forward = sectionOf(proof, "forward");
  const loss = chainsOf(forward).filter((c) => c[0]!.lhs.kind === "sym" && c[0]!.lhs.name === "E");
  const descent = sectionOf(proof, "descent");
  const chain = sectionOf(proof, "chain");
  const output = sectionOf(proof, "output");
  const hidden = sectionOf(proof, "hidden");
  const specialised = indexForm(sectionOf(proof, "specialise")).filter((c) => c[0]!.lhs.kind === "sym" && c[0]!.lhs.name === "delta");
  const summary = sectionOf(proof, "summary");
  const bp = stepsOf(summary).filter((s) => s.tag !== undefined);
  const updates = sectionOf(proof, "updates");
  const network = sectionOf(proof, "network")!;
  const intro = textsOf(network)[0];
  const frames = [
    { kind: "network", title: network.title, ...(intro === undefined ? {} : { intro }) } satisfies Frame,
    forward && chainFrame(forward.title, [...indexForm(forward).filter((c) => c[0]!.rule === "definition"), ...loss.slice(0, 1)], false),
    descent && chainFrame(descent.title, indexForm(descent), true),
    chain && chainFrame(chain.title, indexForm(chain).slice(0, 1), true),
    output &&
      chainFrame(
        output.title,
        [
          ...indexForm(output),
          ...specialised
            .filter((c) => c[0]!.forall[0]?.index === "k")
            .slice(-1)
            .map((c) => [c[0]!, c[c.length - 1]!]),
        ],
        true,
      ),
    hidden &&
      chainFrame(
        hidden.title,
        indexForm(hidden).filter((c) => c[0]!.forall.length === 1),
        true,
      ),
    summary &&
      chainFrame(
        summary.title,
        bp.map((s) => [s]),
        true,
      ),
    updates &&
      chainFrame(
        updates.title,
        indexForm(updates)
          .filter((c) => c[0]!.rule === "gradient-descent")
          .slice(0, 4),
        false,
      ),
    ...workedFrames(proof),
  ].filter((f): f is Frame => f !== undefined);
  return { title: documentTitle(proof.network, proof.lang), lang: proof.lang, frames };
}
