// Prose pieces: a formula from an expression tree, and the joins of lists.
import { toLatex } from "../expr/latex.js";
import { toText } from "../expr/text.js";
import type { Expr } from "../expr/types.js";
import { word } from "./messages.js";
import type { Piece } from "./types.js";

export const math = (e: Expr): Piece => ({ tex: toLatex(e), plain: toText(e) });

/** An equation as one formula. */
export const equation = (lhs: Expr, rhs: Expr): Piece => ({
  tex: `${toLatex(lhs)} = ${toLatex(rhs)}`,
  plain: `${toText(lhs)} = ${toText(rhs)}`,
});

/** Items joined with commas and a last "and". */
export function listOf(lang: string, items: readonly (readonly Piece[])[]): Piece[] {
  const out: Piece[] = [];
  items.forEach((it, i) => {
    if (i > 0) out.push({ text: word(lang, i === items.length - 1 ? "and" : "comma") });
    out.push(...it);
  });
  return out;
}

/** The plain text of pieces. */
export const plainOf = (ps: readonly Piece[]): string => ps.map((p) => ("text" in p ? p.text : p.plain)).join("");
