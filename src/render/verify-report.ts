// The graded report of verify, for handing back: each claim typeset with its verdict, its
// counterexample, the note and the correct formula, in HTML (KaTeX, self-contained), Markdown
// (with $...$ math) or LaTeX.
import { escapeTex } from "../expr/tex-text.js";
import katex from "katex";
import { toLatex } from "../expr/latex.js";
import { assertNever } from "../expr/types.js";
import type { Network } from "../network/graph.js";
import { readClaim } from "../verify/claim.js";
import { VERIFY_MESSAGES, type VerifyLang } from "../verify/messages.js";
import { Unreadable } from "../verify/tokens.js";
import type { ClaimResult, VerifyReport } from "../verify/verify.js";
import { katexInlineCss } from "./assets.js";
import type { OutputFile } from "./document.js";
import { escapeHtml } from "./page.js";

type ReportFormat = "html" | "md" | "tex";

/** The claim typeset as LaTeX from its own parsed trees, or undefined if it cannot be read. */
function typeset(network: Network, r: ClaimResult): string | undefined {
  if (r.verdict === "unreadable") return undefined;
  try {
    const c = readClaim(network, r.claim);
    return `${toLatex(c.lhs)} ${c.target === "update" ? "\\leftarrow" : "="} ${toLatex(c.rhs)}`;
  } catch (e) {
    if (e instanceof Unreadable) return undefined;
    throw e;
  }
}

const number = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(6))) : "—");
const binding = (b: Readonly<Record<string, number>>): string =>
  Object.entries(b)
    .map(([k, n]) => `${k} = ${n}`)
    .join(", ");

interface Item {
  readonly title: string;
  readonly formula?: string;
  readonly raw: string;
  readonly lines: { readonly text: string; readonly math?: string }[];
}

function items(network: Network, report: VerifyReport, lang: VerifyLang): Item[] {
  const m = VERIFY_MESSAGES[lang];
  return report.claims.map((r, i) => {
    const lines: Item["lines"][number][] = [];
    if (r.unreadable) lines.push({ text: `${m.position} ${r.unreadable.position}: ${r.unreadable.message}` });
    if (r.verdict === "holds" && r.worst !== undefined) lines.push({ text: `${m.worst}: ${r.worst.toExponential(1)}` });
    if (r.counterexample) {
      const c = r.counterexample;
      const at = Object.keys(c.binding).length > 0 ? ` (${binding(c.binding)})` : "";
      lines.push({ text: `${m.claimed}: ${number(c.claimed)}; ${m.actual}: ${number(c.actual)}${at}` });
    }
    if (r.noteLatex) lines.push({ text: r.noteLatex });
    if (r.correct) lines.push({ text: `${m.correct}:`, math: r.correct.latex });
    for (const a of r.assumed) lines.push({ text: a });
    const formula = typeset(network, r);
    return { title: `${i + 1}. ${m.verdicts[r.verdict]}`, ...(formula === undefined ? {} : { formula }), raw: r.claim, lines };
  });
}

/** Text with $...$ pieces, for HTML: the pieces rendered by KaTeX, the rest escaped. */
function htmlText(s: string): string {
  return s
    .split(/(\$[^$]*\$)/)
    .map((p) => (p.startsWith("$") && p.endsWith("$") && p.length > 1 ? render(p.slice(1, -1), false) : escapeHtml(p)))
    .join("");
}

const render = (tex: string, display: boolean): string =>
  katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: "error" });

/** Text with $...$ pieces, for LaTeX: the rest escaped. */
const texText = (s: string): string =>
  s
    .split(/(\$[^$]*\$)/)
    .map((p) => (p.startsWith("$") && p.endsWith("$") && p.length > 1 ? p : escapeTex(p)))
    .join("");

export function verifyReport(network: Network, report: VerifyReport, format: ReportFormat, lang: VerifyLang): OutputFile {
  const m = VERIFY_MESSAGES[lang];
  const list = items(network, report, lang);
  switch (format) {
    case "html": {
      const body = list
        .map(
          (it) =>
            `<section class="claim"><h2>${escapeHtml(it.title)}</h2>${
              it.formula === undefined ? `<pre>${escapeHtml(it.raw)}</pre>` : render(it.formula, true)
            }<ul>${it.lines.map((l) => `<li>${htmlText(l.text)}${l.math === undefined ? "" : ` ${render(l.math, true)}`}</li>`).join("")}</ul></section>`,
        )
        .join("\n");
      const page = `<!DOCTYPE html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(m.heading)}</title>\n<style>${katexInlineCss()}\nbody{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}pre{white-space:pre-wrap;word-break:break-all}.katex-display{overflow-x:auto;overflow-y:hidden}</style>\n</head>\n<body>\n<h1>${escapeHtml(m.heading)}</h1>\n${body}\n</body>\n</html>\n`;
      return { name: "verify.html", content: page };
    }
    case "md": {
      const body = list
        .map(
          (it) =>
            `## ${it.title}\n\n${it.formula === undefined ? `\`\`\`\n${it.raw.replace(/`/g, "'")}\n\`\`\`` : `$$\n${it.formula}\n$$`}\n\n${it.lines
              .map((l) => `- ${l.text}${l.math === undefined ? "" : ` $${l.math}$`}`)
              .join("\n")}\n`,
        )
        .join("\n");
      return { name: "verify.md", content: `# ${m.heading}\n\n${body}` };
    }
    case "tex": {
      const cjk = lang === "zh-Hant" ? "\\usepackage{xeCJK}\n" : "";
      const body = list
        .map(
          (it) =>
            `\\section*{${escapeTex(it.title)}}\n${it.formula === undefined ? `\\begin{verbatim}\n${it.raw.replace(/\\end\{verbatim\}/g, "")}\n\\end{verbatim}` : `\\[\n${it.formula}\n\\]`}\n\\begin{itemize}\n${it.lines
              .map((l) => `\\item ${texText(l.text)}${l.math === undefined ? "" : ` \\[ ${l.math} \\]`}`)
              .join("\n")}\n\\end{itemize}\n`,
        )
        .join("\n");
      return {
        name: "verify.tex",
        content: `\\documentclass{article}\n\\usepackage{amsmath}\n${cjk}\\begin{document}\n\\section*{${escapeTex(m.heading)}}\n${body}\\end{document}\n`,
      };
    }
    default:
      return assertNever(format);
  }
}
