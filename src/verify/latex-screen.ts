// The control sequences a LaTeX claim may use, checked before any parser sees the claim: \def,
// \input, \newcommand, unknown macros and the like are refused with their position, so that no
// macro is ever defined or expanded and no file named.
import { Unreadable } from "./tokens.js";

/** Control sequences a claim may use, and the name or operator each stands for ("" for spacing and styling). */
export const COMMANDS: Record<string, string> = {
  delta: "delta",
  eta: "eta",
  sigma: "sigma",
  theta: "theta",
  tanh: "tanh",
  ln: "ln",
  log: "ln",
  exp: "exp",
  sqrt: "sqrt",
  sum: "sum",
  partial: "partial",
  frac: "",
  dfrac: "",
  tfrac: "",
  left: "",
  right: "",
  cdot: "*",
  times: "*",
  in: "in",
  leftarrow: "<-",
  gets: "<-",
  prime: "'",
  mathrm: "",
  mathit: "",
  operatorname: "",
  text: "",
  quad: "",
  qquad: "",
  displaystyle: "",
  lbrace: "{",
  rbrace: "}",
};
/** One-character control sequences: spacing and escaped braces. */
const SYMBOLS = new Set([",", ";", "!", ":", " ", "{", "}"]);

/** Refuses every control sequence not in the list, before parsing. */
export function screen(text: string): void {
  for (const m of text.matchAll(/\\([A-Za-z]+|.?)/gs)) {
    const name = m[1]!;
    if (/^[A-Za-z]+$/.test(name) ? Object.hasOwn(COMMANDS, name) : SYMBOLS.has(name)) continue;
    const shown = `\\${name.slice(0, 20)}`;
    throw new Unreadable(
      /^(def|edef|gdef|xdef|let|newcommand|renewcommand|providecommand|input|include|write|read|openin|openout|catcode|csname|expandafter|href|url|includegraphics|htmlData|htmlClass|htmlId|htmlStyle)$/.test(
        name,
      )
        ? `${shown} is not allowed in a claim: no macros are defined, no files read`
        : `${shown} is not a command a claim may use; allowed: \\frac, \\partial, \\sum, \\delta, \\eta, \\sigma, \\tanh, \\ln, \\exp, \\sqrt, \\cdot, \\left( \\right), \\leftarrow, \\mathrm{...}`,
      m.index,
    );
  }
  if (/[#&%~$]/.test(text)) {
    const at = text.search(/[#&%~$]/);
    throw new Unreadable(`"${text[at]}" is not part of a formula`, at);
  }
}
