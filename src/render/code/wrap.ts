// Long assignments broken into lines of at most WIDTH characters, before an operator, with the
// continuation indented one more level; Python needs the right side in brackets to continue it.

export const WIDTH = 100;

const OPERATORS = new Set(["+", "-", "*", "/", "**", ">", "==", "?", ":"]);

/** The words of a formula, each operator kept with the operand after it. */
function words(s: string): string[] {
  const out: string[] = [];
  let carry = "";
  for (const w of s.split(" ")) {
    if (OPERATORS.has(w)) carry = carry === "" ? w : `${carry} ${w}`;
    else {
      out.push(carry === "" ? w : `${carry} ${w}`);
      carry = "";
    }
  }
  if (carry !== "") out.push(carry);
  return out;
}

/**
 * `indent lhs = rhs end` as lines no longer than WIDTH where the words allow: `open`/`close`
 * bracket a broken right side (Python's "(" and ")"; JavaScript needs none).
 */
export function assignment(indent: string, lhs: string, rhs: string, end: string, open: string, close: string): string[] {
  const one = `${indent}${lhs} = ${rhs}${end}`;
  if (one.length <= WIDTH) return [one];
  const inner = `${indent}    `;
  const lines: string[] = [];
  let line = `${indent}${lhs} = ${open}`;
  let first = true;
  for (const w of words(rhs)) {
    const sep = first ? "" : " ";
    if (line.length + sep.length + w.length > WIDTH - close.length - end.length && line.trim() !== "") {
      lines.push(line.trimEnd());
      line = `${inner}${w}`;
    } else line += `${sep}${w}`;
    first = false;
  }
  lines.push(`${line}${close}${end}`);
  return lines;
}

/** A comment split into lines of at most WIDTH characters, at spaces. */
export function comment(indent: string, mark: string, text: string): string[] {
  const lines: string[] = [];
  let line = `${indent}${mark}`;
  for (const w of text.split(" ")) {
    if (line.length + 1 + w.length > WIDTH && line.length > indent.length + mark.length) {
      lines.push(line);
      line = `${indent}${mark}`;
    }
    line += ` ${w}`;
  }
  lines.push(line);
  return lines;
}
