// The one layout of a sheet and of its key, as blocks that each format prints in its own way:
// the network, the given numbers, then every exercise (and, in the key, its answer).
import type { Relation } from "../rules/equation.js";
import { toLatex } from "../expr/latex.js";
import { say, word } from "./messages.js";
import type { Line, Piece, Sheet } from "./types.js";

export type Block =
  /** Level 1: an exercise on a one-network sheet, a network on a sheet of several; 2: an exercise under it. */
  | { readonly kind: "heading"; readonly text: string; readonly level: 1 | 2 }
  | { readonly kind: "paragraph"; readonly pieces: readonly Piece[] }
  | { readonly kind: "list"; readonly items: readonly (readonly Piece[])[] }
  | { readonly kind: "lines"; readonly lines: readonly Line[] };

export interface Outline {
  readonly title: string;
  readonly blocks: readonly Block[];
}

const RELATION: Record<Relation, string> = { eq: "=", define: ":=", update: "\\leftarrow" };

/** The rows of an aligned display: "lhs &= rhs", a continuation "&= rhs", and a tag if any. */
export function alignedRows(lines: readonly Line[]): string[] {
  return lines.map(({ step, tag }) => {
    const lhs = step.continues ? "" : toLatex(step.lhs);
    const t = tag === undefined ? "" : ` \\qquad (\\text{${tag}})`;
    return `${lhs} &${RELATION[step.relation]} ${toLatex(step.rhs)}${t}`;
  });
}

/** Numbers as one paragraph of formulas separated by commas. */
const numbersParagraph = (lang: string, numbers: readonly Piece[]): Piece[] =>
  numbers.flatMap((p, i) => (i === 0 ? [p] : [{ text: word(lang, "comma") }, p]));

export function outline(sheet: Sheet, answers: boolean): Outline {
  const { lang } = sheet;
  const blocks: Block[] = [];
  // The key's lines end on the numbers of the notes' equations they are or instantiate.
  if (answers && sheet.exercises.some((e) => e.answer.lines.some((l) => l.tag !== undefined)))
    blocks.push({ kind: "paragraph", pieces: say(lang, "keyNumbers") });
  let n = 0;
  sheet.parts.forEach((part, p) => {
    // Several networks: each under a heading of its own, its exercises numbered on from the last.
    if (sheet.parts.length > 1) blocks.push({ kind: "heading", level: 1, text: word(lang, "part").replace("{n}", String(p + 1)) });
    blocks.push({ kind: "list", items: part.network });
    if (part.exercises.some((e) => e.kind === "numeric")) {
      blocks.push({ kind: "paragraph", pieces: say(lang, "numbersIntro") });
      blocks.push({ kind: "paragraph", pieces: numbersParagraph(lang, part.numbers) });
    }
    for (const e of part.exercises) {
      blocks.push({ kind: "heading", level: sheet.parts.length > 1 ? 2 : 1, text: word(lang, "exercise").replace("{n}", String(++n)) });
      blocks.push({ kind: "paragraph", pieces: e.prompt });
      if (e.given.length > 0) blocks.push({ kind: "lines", lines: e.given });
      if (!answers) continue;
      blocks.push({ kind: "paragraph", pieces: e.answer.intro });
      blocks.push({ kind: "lines", lines: e.answer.lines });
      blocks.push({ kind: "paragraph", pieces: e.answer.outro });
    }
  });
  return { title: word(lang, answers ? "keyTitle" : "sheetTitle"), blocks };
}
