// The LaTeX document: the proof as align* blocks with each step's rule label as its tag.
import { toLatex } from "../expr/latex.js";
import type { Block, Inline, Proof, Step } from "../derive/proof.js";
import type { Relation } from "../rules/equation.js";
import { assertNever } from "../expr/types.js";
import type { RenderContext } from "./context.js";

export const RELATION_LATEX: Record<Relation, string> = { eq: "=", define: ":=", update: "\\leftarrow" };

const ESCAPES: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  "#": "\\#",
  $: "\\$",
  "%": "\\%",
  "&": "\\&",
  _: "\\_",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

export const escapeTex = (s: string): string => s.replace(/[\\{}#$%&_~^]/g, (c) => ESCAPES[c]!);

export const inlineTex = (content: readonly Inline[]): string =>
  content.map((c) => ("text" in c ? escapeTex(c.text) : `$${toLatex(c.math)}$`)).join("");

/** One line of an align*: lhs &= rhs, the label as a right-hand tag. */
export function stepLine(s: Step): string {
  const lhs = s.continues ? "" : toLatex(s.lhs);
  return `${lhs} &${RELATION_LATEX[s.relation]} ${toLatex(s.rhs)} \\tag*{\\footnotesize ${escapeTex(s.label)}}`;
}

export function blockTex(b: Block): string {
  switch (b.kind) {
    case "text":
      return inlineTex(b.content);
    case "steps":
      return `\\begin{align*}\n${b.steps.map(stepLine).join(" \\\\\n")}\n\\end{align*}`;
    default:
      return assertNever(b);
  }
}

export function texContext(proof: Proof, ctx: RenderContext): object {
  return {
    ...ctx.common,
    title: escapeTex(ctx.common.title),
    sections: proof.sections.map((s) => ({ id: s.id, title: escapeTex(s.title), body: s.blocks.map(blockTex).join("\n\n") })),
    verification: ctx.verification && {
      ...ctx.verification,
      rows: ctx.verification.rows.map((r) => ({ ...r, name: `$${r.latex}$`, ok: r.ok ? "yes" : "NO" })),
    },
  };
}
