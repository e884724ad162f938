// The sheet as JSON for graders and learning platforms: every exercise with its prompt and answer
// in LaTeX and in plain text, the spec it is about and, for a numeric one, its numbers, the
// quantity asked for and the unrounded value, so that anyone can recompute the answer.
import { toText } from "../expr/text.js";
import { alignedRows } from "./outline.js";
import { plainOf } from "./pieces.js";
import type { Exercise, Line, Piece, Sheet } from "./types.js";
import { escapeTex } from "../expr/tex-text.js";

const latexOf = (ps: readonly Piece[]): string => ps.map((p) => ("text" in p ? escapeTex(p.text) : `$${p.tex}$`)).join("");
const linesLatex = (lines: readonly Line[]): string =>
  lines.length === 0 ? "" : `\\begin{align*}${alignedRows(lines).join(" \\\\ ")}\\end{align*}`;
const linesText = (lines: readonly Line[]): string[] =>
  lines.map(({ step }) => `${step.continues ? "  " : toText(step.lhs)} = ${toText(step.rhs)}`);

const join = (...parts: string[]): string => parts.filter((p) => p !== "").join("\n");

export function exerciseJson(e: Exercise): Record<string, unknown> {
  const a = e.answer;
  return {
    id: e.id,
    kind: e.kind,
    prompt: { latex: join(latexOf(e.prompt), linesLatex(e.given)), text: join(plainOf(e.prompt), ...linesText(e.given)) },
    spec: e.spec,
    ...(e.params === undefined ? {} : { params: e.params }),
    ...(e.quantity === undefined ? {} : { quantity: e.quantity }),
    ...(e.mistake === undefined ? {} : { mistake: e.mistake }),
    answer: {
      latex: join(latexOf(a.intro), linesLatex(a.lines), latexOf(a.outro)),
      text: join(plainOf(a.intro), ...linesText(a.lines), plainOf(a.outro)),
      ...(a.value === undefined ? {} : { value: a.value, tolerance: a.tolerance }),
    },
  };
}

export const sheetJson = (sheet: Sheet): string =>
  `${JSON.stringify({ lang: sheet.lang, seed: sheet.seed, exercises: sheet.exercises.map(exerciseJson) }, null, 2)}\n`;
