// How wide a formula sets, estimated from its LaTeX in ems of its font (display style), erring on
// the wide side: the documents break a right-hand side into lines, and put a justification below
// its formula, where the estimate says they would not fit the column.

/** The width of one group's text in ems; `i` is where to start, and the end of the group is returned. */
function group(s: string, i: number, scale: number): { w: number; end: number } {
  let w = 0;
  let last = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === "}") return { w, end: i + 1 };
    if (c === "{") {
      const g = group(s, i + 1, scale);
      w += g.w;
      last = g.w;
      i = g.end;
      continue;
    }
    if (c === "_" || c === "^") {
      const arg = argument(s, i + 1, scale * 0.7);
      // A script after a large operator sits below it: only its excess counts.
      const extra = last >= 1.3 * scale ? Math.max(0, arg.w - last) : arg.w;
      w += extra;
      i = arg.end;
      continue;
    }
    if (c === "\\") {
      const m = /^\\([A-Za-z]+|.)/.exec(s.slice(i))!;
      const name = m[1]!;
      i += m[0].length;
      const cmd = command(s, i, name, scale);
      w += cmd.w;
      last = cmd.w;
      i = cmd.end;
      continue;
    }
    i++;
    if (c === " ") continue;
    last = (/[=+\-<>]/.test(c) ? 1.05 : /[()[\],.;:|!']/.test(c) ? 0.4 : 0.58) * scale;
    w += last;
  }
  return { w, end: i };
}

/** The argument of a command or script: a group, or one character or command. */
function argument(s: string, i: number, scale: number): { w: number; end: number } {
  while (s[i] === " ") i++;
  if (s[i] === "{") return group(s, i + 1, scale);
  if (s[i] === "\\") {
    const m = /^\\([A-Za-z]+|.)/.exec(s.slice(i))!;
    return { w: 0.7 * scale, end: i + m[0].length };
  }
  return { w: 0.58 * scale, end: i + 1 };
}

const SPACES: Record<string, number> = { quad: 1, qquad: 2, ",": 0.17, ":": 0.22, ";": 0.28, " ": 0.3, "!": -0.17 };
const WIDE = new Set(["sum", "prod", "int"]);
const RELATIONS = new Set(["leftarrow", "rightarrow", "leq", "geq", "neq", "approx", "equiv", "in", "cdot", "odot", "times", "pm"]);
const TEXT = new Set(["text", "mathrm", "operatorname", "mathit", "textbf", "mathbf"]);

function command(s: string, i: number, name: string, scale: number): { w: number; end: number } {
  if (name === "frac" || name === "dfrac" || name === "binom") {
    const num = argument(s, i, scale);
    const den = argument(s, num.end, scale);
    return { w: Math.max(num.w, den.w) + 0.3 * scale, end: den.end };
  }
  if (name === "tfrac") {
    const num = argument(s, i, scale * 0.7);
    const den = argument(s, num.end, scale * 0.7);
    return { w: Math.max(num.w, den.w) + 0.2 * scale, end: den.end };
  }
  if (TEXT.has(name)) {
    const a = argument(s, i, scale);
    // Text runs about as wide as letters of a formula: its own letters, not the estimate of a formula's.
    const raw = s.slice(i, a.end).replace(/^\s*\{|\}$/g, "");
    const chars = [...raw.replace(/\\[A-Za-z]+/g, "x").replace(/[{}$]/g, "")];
    const w = chars.reduce((n, ch) => n + (/[\u2e80-\uffef]/u.test(ch) ? 1 : /[A-Z]/.test(ch) ? 0.7 : 0.5), 0) * scale;
    return { w: Math.max(w, a.w * 0.85), end: a.end };
  }
  if (name === "vec" || name === "bar" || name === "hat" || name === "tilde" || name === "boldsymbol" || name === "mathbf")
    return argument(s, i, scale);
  if (name === "sqrt") {
    const a = argument(s, i, scale);
    return { w: a.w + 0.9 * scale, end: a.end };
  }
  if (name === "left" || name === "right" || /^(big|Big|bigg|Bigg)[lr]?$/.test(name)) {
    const m = /^\s*(\\[A-Za-z]+|\\.|.)/.exec(s.slice(i))!;
    return { w: (m[1] === "." ? 0.1 : 0.5) * scale, end: i + m[0].length };
  }
  if (name in SPACES) return { w: SPACES[name]! * scale, end: i };
  if (WIDE.has(name)) return { w: 1.45 * scale, end: i };
  if (RELATIONS.has(name)) return { w: 1.2 * scale, end: i };
  if (name === "begin" || name === "end") return { w: 0, end: argument(s, i, scale).end };
  if (name === "displaystyle" || name === "notag" || name === "limits") return { w: 0, end: i };
  if (name === "{" || name === "}") return { w: 0.5 * scale, end: i };
  return { w: (name.length === 1 ? 0.4 : 0.75) * scale, end: i };
}

/** The estimated width of a formula, in ems of its font. */
export const formulaWidth = (latex: string): number => group(latex, 0, 1).w;

/** The estimated width of a line of text, in ems of its font (a CJK character is one em). */
export const textWidth = (text: string): number =>
  [...text].reduce((n, ch) => n + (/[\u2e80-\uffef]/u.test(ch) ? 1 : /[A-Z]/.test(ch) ? 0.7 : ch === " " ? 0.33 : 0.5), 0);

/**
 * Pieces (termPieces) packed greedily into lines no wider than `width` ems: the first line as
 * wide as the first piece needs, a piece that alone is wider on a line of its own.
 */
export function packLines(pieces: readonly string[], width: number, indent = 1): string[] {
  const lines: string[] = [];
  let current = "";
  let used = 0;
  for (const p of pieces) {
    const w = formulaWidth(p);
    const room = lines.length === 0 ? width : width - indent;
    if (current !== "" && used + w > room) {
      lines.push(current);
      current = p;
      used = w;
    } else {
      current = current === "" ? p : `${current} ${p}`;
      used += w;
    }
  }
  if (current !== "") lines.push(current);
  return lines;
}
