// Text set in LaTeX: the characters TeX treats as commands escaped, and every other character
// one that a plain pdflatex setup typesets. One escaper for every LaTeX the package writes: the
// documents and slides (src/render) and the exercise sheets (src/exercises).

/** Symbols of the prose that a LaTeX text font lacks (pdflatex, and pandoc's PDF from the Markdown), written as mathematics: one table for both formats. */
export const PROSE_MATH: Readonly<Record<string, string>> = {
  "\u2713": "$\\checkmark$",
  "\u2261": "$\\equiv$",
  "\u2717": "$\\times$",
  "\u25cb": "$\\circ$",
  "\u2260": "$\\neq$",
  "\u2190": "$\\leftarrow$",
  "\u2192": "$\\rightarrow$",
  "\u221e": "$\\infty$",
  "\u00d7": "$\\times$",
  "\u2032": "$'$",
  "\u03b4": "$\\delta$",
  "\u03b7": "$\\eta$",
  "\u03b8": "$\\theta$",
  "\u03c3": "$\\sigma$",
  "\u2202": "$\\partial$",
  "\u03a3": "$\\Sigma$",
};

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
  // The default OT1 encoding has no glyphs for these (T1 would need bitmap or extra Type 1 fonts).
  "<": "\\textless{}",
  ">": "\\textgreater{}",
  "|": "\\textbar{}",
  // Symbols of the prose that no text font of a plain pdflatex setup has.
  ...PROSE_MATH,
  "\u2212": "-",
  "\u2026": "\\dots{}",
};

/** Characters every setup typesets: ASCII and Latin-1 letters (utf8 inputenc), and CJK where the
 * document sets it up. Anything else (emoji, other scripts) is transliterated when it has an
 * ASCII base letter (é -> e) and otherwise written as its code point, so the document compiles. */
function safeChar(c: string, cjk: boolean): string {
  const cp = c.codePointAt(0)!;
  if (cp < 0x7f || (cp >= 0xc0 && cp <= 0xff && cp !== 0xd7 && cp !== 0xf7)) return c;
  if (cjk && /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u.test(c)) return c;
  const base = c.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  if (/^[\x20-\x7e]+$/.test(base)) return base;
  return `[U+${cp.toString(16).toUpperCase().padStart(4, "0")}]`;
}

/** Text as LaTeX typesets it: specials escaped, CJK kept unless `cjk` is false (a document without CJK fonts). */
export const escapeTex = (s: string, cjk = true): string =>
  [...s].map((c) => ESCAPES[c] ?? (/[\\{}#$%&_~^<>|]/.test(c) ? ESCAPES[c]! : safeChar(c, cjk))).join("");
