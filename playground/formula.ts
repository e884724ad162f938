// "Check my formula": a formula of one's own, in LaTeX or the plain notation, checked against the
// network on the page as it is typed, with the verdict, the counterexample, the note and the
// correct formula (typeset) under it. The library's verifyClaims does the work, on the page: a
// claim over a network the page derives live takes a few milliseconds.
import katex from "katex";
import { claimDetails, type Network, verifyClaims } from "../src/index.js";

/** Networks over this many weights and biases are not checked as you type (as for the derivation). */
const FORMULA_LIMIT = 5000;
const DEBOUNCE_MS = 150;

export interface FormulaBox {
  /** The network the formula is checked against, and the language of the notes. */
  update(network: Network, lang: string): void;
}

export function mountFormula(doc: Document): FormulaBox {
  const input = doc.getElementById("formula-input") as HTMLInputElement;
  const result = doc.getElementById("formula-result")!;
  let network: Network | undefined;
  let lang: "en" | "zh-Hant" = "en";
  let timer: ReturnType<typeof setTimeout> | undefined;

  const line = (text: string, cls?: string): HTMLElement => {
    const p = doc.createElement("p");
    p.textContent = text;
    if (cls !== undefined) p.className = cls;
    return p;
  };

  const check = (): void => {
    const text = input.value.trim();
    if (text === "" || network === undefined) {
      result.replaceChildren();
      return;
    }
    if (network.params.length > FORMULA_LIMIT) {
      result.replaceChildren(
        line(`Formulas are checked as you type on networks of up to ${FORMULA_LIMIT.toLocaleString("en")} weights and biases.`, "note"),
      );
      return;
    }
    const [r] = verifyClaims(network, [text], { lang }).claims;
    if (r === undefined) return;
    const head = line(
      r.diagnosis === undefined || r.diagnosis === "other" ? r.verdict : `${r.verdict}: ${r.diagnosis}`,
      `verdict ${r.verdict}`,
    );
    const rest = claimDetails(r, lang, { correct: false }).map((d) => line(d));
    const parts = [head, ...rest];
    if (r.correct !== undefined) {
      const box = doc.createElement("div");
      box.className = "correct";
      // The library's own LaTeX, printed from our trees: valid for KaTeX in strict mode, as in every document.
      try {
        box.innerHTML = katex.renderToString(r.correct.latex, { displayMode: true, throwOnError: true, strict: "error" });
      } catch {
        box.textContent = r.correct.latex;
      }
      parts.splice(1 + (r.counterexample ? 1 : 0) + (r.note ? 1 : 0), 0, box);
    }
    result.replaceChildren(...parts);
  };

  input.addEventListener("input", () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(check, DEBOUNCE_MS);
  });

  return {
    update(n, l) {
      network = n;
      lang = l === "zh-Hant" ? "zh-Hant" : "en";
      check();
    },
  };
}
