// Prose pieces: a formula from an expression tree, and the joins of lists.
import { label, type MessageKey } from "../derive/messages/index.js";
import { activationName } from "../derive/sections/names.js";
import { toLatex } from "../expr/latex.js";
import type { Network } from "../network/graph.js";
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

const LOSS_NAMES: Record<string, MessageKey> = {
  mse: "loss-mse",
  sse: "loss-sse",
  "cross-entropy": "loss-cross-entropy",
  "binary-cross-entropy": "loss-binary-cross-entropy",
};

/** The loss's name in the sheet's language, as the notes name it. */
export const lossTitle = (network: Network, lang: string): string => label(lang, LOSS_NAMES[network.loss.id] ?? "loss-custom");

/** How a node's activation is named: its name, or a custom one's formula f(x). */
export function activationPieces(network: Network, n: number): Piece[] {
  const name = activationName(network.layers[network.nodes[n]!.layer]!.activation!);
  return typeof name === "string" ? [{ text: name }] : [math(name)];
}
