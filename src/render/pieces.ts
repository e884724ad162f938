// The pieces of a displayed formula every document format breaks and labels alike: a right-hand
// side split where a line may break, a relation as LaTeX, and a justification as text with its
// letters as mathematics.
import { toLatex } from "../expr/latex.js";
import { printOrder } from "../expr/print.js";
import type { Expr } from "../expr/types.js";
import { labelInline } from "../derive/messages/index.js";
import type { Relation } from "../rules/equation.js";

/**
 * A justification inside a display: its text pieces as `text` makes them, its letters as
 * mathematics between them (\text{for }x\text{ > 0}), which every renderer of Markdown reads
 * (no math nested in \text).
 */
export const labelMath = (label: string, text: (t: string) => string): string =>
  labelInline(label)
    .map((c) => ("math" in c ? toLatex(c.math) : text(c.text)))
    .join("");

/** Text for \text{...} in a formula: TeX's special characters escaped. */
export const textArg = (s: string): string =>
  s.replace(/[\\{}$&#^_%~]/g, (c) =>
    c === "\\" ? "\\textbackslash{}" : c === "^" ? "\\textasciicircum{}" : c === "~" ? "\\textasciitilde{}" : `\\${c}`,
  );

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
