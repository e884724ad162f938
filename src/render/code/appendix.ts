// The documents' appendix with the backward pass as a program: the program cut before each of
// its stages (forward, loss, backward, update) and before what runs them, each piece a listing
// after a sentence naming the equations its comments cite, by the document's own numbers.
import { fill, label } from "../../derive/messages/index.js";
import type { Proof } from "../../derive/proof.js";
import { escapeHtml } from "../page.js";
import type { View } from "../view.js";
import { checkCodeForm, type CodeLang, toCode } from "./code.js";

/** One listing: its lines, after a sentence naming its function and the equations it computes. */
export interface Listing {
  readonly name?: string;
  readonly refs: readonly string[];
  /** The listing that reads the params and prints the results. */
  readonly runner: boolean;
  readonly lines: readonly string[];
}

/** The functions of a program that compute the equations, one per stage. */
const STAGES = new Set(["forward", "loss", "backward", "update"]);

const definition = /^(?:export )?(?:def|function) (\w+)\(/;

/** The equation numbers (of `numbers`) its comment lines cite, in order, each once. */
function cited(lines: readonly string[], numbers: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (!t.startsWith("#") && !t.startsWith("//")) continue;
    for (const m of t.matchAll(/\(([^()\s]+)\)/g)) if (numbers.has(m[1]!) && !out.includes(m[1]!)) out.push(m[1]!);
  }
  return out;
}

/** A program's text as listings: the head, each stage, then the runner. */
export function listings(text: string, numbers: ReadonlySet<string>): Listing[] {
  const out: { name?: string; runner: boolean; lines: string[] }[] = [{ runner: false, lines: [] }];
  let afterUpdate = false;
  // Blocks of lines, and between each two the blank lines that part them (odd entries).
  const pieces = text.replace(/\n+$/, "").split(/(\n(?:[ \t]*\n)+)/);
  for (let i = 0; i < pieces.length; i += 2) {
    const lines = pieces[i]!.split("\n");
    const name = lines.map((l) => definition.exec(l)?.[1]).find((n) => n !== undefined);
    if (name !== undefined && STAGES.has(name)) {
      out.push({ name, runner: false, lines });
      afterUpdate = name === "update";
    } else if (afterUpdate) {
      out.push({ runner: true, lines });
      afterUpdate = false;
    } else {
      const current = out.at(-1)!;
      const blank = i === 0 ? 0 : pieces[i - 1]!.split("\n").length - 2;
      if (current.lines.length > 0) current.lines.push(...new Array<string>(blank).fill(""));
      current.lines.push(...lines);
    }
  }
  return out.filter((l) => l.lines.length > 0).map((l) => ({ ...l, refs: cited(l.lines, numbers) }));
}

/** A message's text escaped, its placeholders filled with what is set already. */
const filled = (template: string, values: Readonly<Record<string, string>>, escape: (s: string) => string): string =>
  template
    .split(/(\{\w+\})/)
    .map((p, i) => (i % 2 === 1 ? fill(p, values) : escape(p)))
    .join("");

const TITLES = { numpy: "code-title-numpy", pytorch: "code-title-pytorch", js: "code-title-js" } as const;

/** How a format sets the appendix: a listing, a function's name, the text around them. */
interface Setter {
  readonly escape: (s: string) => string;
  readonly name: (s: string) => string;
  readonly listing: (lines: readonly string[], lang: CodeLang) => string;
  readonly paragraph: (s: string) => string;
}

const SETTERS: Readonly<Record<"tex" | "html" | "md", (escape: (s: string) => string) => Setter>> = {
  // verbatim needs no package; the code's lines (at most 100 characters) fit the column at \footnotesize.
  tex: (escape) => ({
    escape,
    name: (s) => `\\texttt{${escape(s)}}`,
    listing: (lines) => `\\begingroup\\footnotesize\n\\begin{verbatim}\n${lines.join("\n")}\n\\end{verbatim}\n\\endgroup`,
    paragraph: (s) => s,
  }),
  html: (escape) => ({
    escape,
    name: (s) => `<code>${escapeHtml(s)}</code>`,
    listing: (lines, lang) =>
      `<pre class="bpd-code"><code class="language-${lang === "js" ? "javascript" : "python"}">${escapeHtml(lines.join("\n"))}</code></pre>`,
    paragraph: (s) => `<p>${s}</p>`,
  }),
  md: (escape) => ({
    escape,
    name: (s) => `\`${s}\``,
    listing: (lines, lang) => `\`\`\`${lang === "js" ? "javascript" : "python"}\n${lines.join("\n")}\n\`\`\``,
    paragraph: (s) => s,
  }),
};

/**
 * The appendix of a document in a format: its title and body, the program in `code` with its
 * comments citing the numbers of the document's view.
 */
export function codeAppendix(
  format: "tex" | "html" | "md",
  proof: Proof,
  code: CodeLang,
  view: View,
  escape: (s: string) => string,
): { readonly title: string; readonly body: string } {
  checkCodeForm(proof.network, "options.code");
  const lang = proof.lang;
  const set = SETTERS[format](escape);
  const numbers = new Set([...view.display.values()].flatMap((d) => (d.number === undefined ? [] : [d.number])));
  const parts: string[] = [set.paragraph(set.escape(label(lang, "code-intro")))];
  for (const l of listings(toCode(proof, code, view).text, numbers)) {
    const refs = l.refs.map((r) => set.escape(`(${r})`)).join(set.escape(label(lang, "code-sep")));
    if (l.name !== undefined && refs !== "")
      parts.push(
        set.paragraph(
          filled(label(lang, l.refs.length === 1 ? "code-computes-one" : "code-computes"), { name: set.name(l.name), refs }, set.escape),
        ),
      );
    else if (l.runner) parts.push(set.paragraph(set.escape(label(lang, "code-runner"))));
    parts.push(set.listing(l.lines, code));
  }
  return { title: escape(label(lang, TITLES[code])), body: parts.join("\n\n") };
}
