// The sheet and its key as Markdown with $…$ and $$…$$ mathematics.
import { assertNever } from "../expr/types.js";
import { alignedRows, type Block, type Outline } from "./outline.js";
import type { Piece } from "./types.js";

/** Markdown's own characters in prose are escaped; formulas are left to the math renderer. */
const escapeMd = (s: string): string => s.replace(/([\\`*_[\]<>#|$])/g, "\\$1");

const inline = (ps: readonly Piece[]): string => ps.map((p) => ("text" in p ? escapeMd(p.text) : `$${p.tex}$`)).join("");

function block(b: Block): string {
  switch (b.kind) {
    case "heading":
      return `${"#".repeat(b.level + 1)} ${escapeMd(b.text)}`;
    case "paragraph":
      return inline(b.pieces);
    case "list":
      return b.items.map((i) => `- ${inline(i)}`).join("\n");
    case "lines":
      return `$$\n\\begin{aligned}\n${alignedRows(b.lines).join(" \\\\\n")}\n\\end{aligned}\n$$`;
    default:
      return assertNever(b);
  }
}

export const sheetMd = (o: Outline): string => `# ${escapeMd(o.title)}\n\n${o.blocks.map(block).join("\n\n")}\n`;
