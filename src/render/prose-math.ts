// Symbols of the prose that a LaTeX text font lacks (pdflatex, and pandoc's PDF from the
// Markdown), written as mathematics: one table for both formats.
export const PROSE_MATH: Readonly<Record<string, string>> = {
  "\u2713": "$\\checkmark$",
  "\u2261": "$\\equiv$",
  "\u2717": "$\\times$",
  "\u25cb": "$\\circ$",
  "\u2260": "$\\neq$",
  "\u2190": "$\\leftarrow$",
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
