// Statements as lines of a language: each run of statements implementing one equation of the
// notes under a comment citing it, "(BP1) delta_k = y_k - t_k", then one assignment each.
import type { Expr } from "../../expr/types.js";
import { codeOf, type CodeSyntax } from "./expr.js";
import type { Statement } from "./model.js";
import { assignment, comment } from "./wrap.js";

export interface Style {
  readonly syntax: CodeSyntax;
  /** The comment mark: "#" or "//". */
  readonly comment: string;
  /** What ends a statement: "" or ";". */
  readonly end: string;
  /** The brackets that let a broken right side continue: Python's, or none. */
  readonly open: string;
  readonly close: string;
  /** How a quantity of the network is reached: n.w_6_4. */
  readonly name: (text: string) => string;
}

export const formula = (e: Expr, style: Style): string => codeOf(e, style.syntax, style.name);

/** The lines of a run of statements, at an indent. */
export function statementLines(list: readonly Statement[], style: Style, indent: string): string[] {
  const out: string[] = [];
  let cited: string | undefined;
  for (const s of list) {
    const ref = s.ref === undefined ? undefined : `${s.ref.number} ${s.ref.text}`;
    if (ref !== undefined && ref !== cited) out.push(...comment(indent, style.comment, ref));
    cited = ref;
    out.push(...assignment(indent, style.name(s.target), formula(s.value, style), style.end, style.open, style.close));
  }
  return out;
}

/** "nodes 4, 5" or "node 4": the nodes a function is the activation of. */
export const nodeList = (nodes: readonly number[]): string => `${nodes.length === 1 ? "node" : "nodes"} ${nodes.join(", ")}`;
