// Lecture slides: the proof as a Beamer deck, one idea per frame (the network, the forward pass,
// the error term, the chain rule, the output and hidden error terms, BP1–BP4, the update, the
// worked example), the derivations unfolding line by line. Frame titles are the proof's own
// section titles, so the deck speaks the proof's language. Every displayed formula is shrunk to
// the frame's width where it is wider, so that nothing overflows.
import { documentTitle } from "../derive/describe.js";
import type { Block, Inline, Proof, Section, SectionId, Step } from "../derive/proof.js";
import { toLatex } from "../expr/latex.js";
import { diagramHeaders } from "./context.js";
import { diagramTikz, layoutDiagram } from "./diagram.js";
import type { OutputFile } from "./document.js";
import { RELATION_LATEX } from "./pieces.js";
import { escapeTex as esc } from "../expr/tex-text.js";

export const SLIDES_FILE = "derivation.slides.tex";
/** Lines of one display at most; a longer derivation is cut to its first and last lines. */
const MAX_LINES = 7;

const inline = (content: readonly Inline[]): string => content.map((c) => ("math" in c ? `$${toLatex(c.math)}$` : esc(c.text))).join("");

interface Row {
  readonly lhs: string;
  readonly rhs: string;
  readonly rel: string;
  readonly tag?: string;
}

const rowOf = (s: Step, continued = s.continues): Row => ({
  lhs: continued ? "" : toLatex(s.lhs),
  rhs: toLatex(s.rhs),
  rel: RELATION_LATEX[s.relation],
  ...(s.tag === undefined ? {} : { tag: s.tag }),
});

/** An aligned display, each row uncovered one slide after the other when `unfold`. */
function display(rows: readonly Row[], unfold: boolean): string {
  const body = rows
    .map((r, i) => {
      const tag = r.tag === undefined ? "" : ` \\quad (\\text{${esc(r.tag)}})`;
      const row = `${r.lhs} &${r.rel} ${r.rhs}${tag}`;
      // Both cells of a row are uncovered on its slide (an overlay cannot span the alignment &).
      const on = `\\uncover<${i + 1}->{`;
      return unfold && i > 0 ? `${on}${r.lhs}} &${on}${r.rel} ${r.rhs}${tag}}` : row;
    })
    .join(" \\\\\n");
  return `\\begin{center}\\fitdisplay{\\begin{aligned}\n${body}\n\\end{aligned}}\\end{center}`;
}

const frame = (title: string, body: string): string => `\\begin{frame}{${esc(title)}}\n${body}\n\\end{frame}`;

const sectionOf = (proof: Proof, id: SectionId): Section | undefined => proof.sections.find((s) => s.id === id);
const stepsOf = (s: Section | undefined): Step[] => (s?.blocks ?? []).flatMap((b: Block) => (b.kind === "steps" ? [...b.steps] : []));
const textsOf = (s: Section | undefined): Inline[][] =>
  (s?.blocks ?? []).flatMap((b: Block) => (b.kind === "text" && (b.layout ?? "paragraph") === "paragraph" ? [[...b.content]] : []));

/** The chains (a step and its continuations) of a section. */
function chainsOf(s: Section | undefined): Step[][] {
  const out: Step[][] = [];
  for (const st of stepsOf(s)) {
    if (st.continues && out.length > 0) out[out.length - 1]!.push(st);
    else out.push([st]);
  }
  return out;
}

/** At most MAX_LINES rows: the first ones and the last. */
const capped = (rows: readonly Row[]): Row[] =>
  rows.length <= MAX_LINES ? [...rows] : [...rows.slice(0, MAX_LINES - 1), rows[rows.length - 1]!];

const indexForm = (s: Section | undefined): Step[][] => chainsOf(s).filter((c) => c[0]!.forall.length > 0);

function networkFrame(proof: Proof): string {
  const s = sectionOf(proof, "network")!;
  const d = layoutDiagram(proof.network, 4, diagramHeaders(proof.network, proof.lang));
  const text = textsOf(s)[0];
  return frame(
    s.title,
    `${text === undefined ? "" : `{\\small ${inline(text)}}\n`}\\begin{center}\\fitpicture{%\n${diagramTikz(d, esc)}}\\end{center}`,
  );
}

function chainFrame(title: string, chains: readonly (readonly Step[])[], unfold: boolean, intro?: readonly Inline[]): string | undefined {
  const rows = capped(chains.flatMap((c) => c.map((s, i) => rowOf(s, i > 0))));
  if (rows.length === 0) return undefined;
  return frame(title, `${intro === undefined ? "" : `{\\small ${inline(intro)}}\n`}${display(rows, unfold)}`);
}

/** The worked example in up to three frames: the forward pass, the error terms, gradients and updates. */
function workedFrames(proof: Proof): string[] {
  const s = sectionOf(proof, "worked");
  if (s === undefined) return [];
  const chains = chainsOf(s).filter((c) => c[0]!.rule === "substitution" && c.length > 1);
  const result = (c: readonly Step[]): Row => ({ lhs: toLatex(c[0]!.lhs), rhs: toLatex(c[c.length - 1]!.rhs), rel: "=" });
  const name = (c: readonly Step[]): string => {
    const l = c[0]!.lhs;
    return l.kind === "sym" ? l.name : l.kind;
  };
  const parts = [
    chains.filter((c) => ["net", "y", "E"].includes(name(c))),
    chains.filter((c) => name(c) === "delta"),
    chains.filter((c) => name(c) === "deriv" || name(c) === "w").slice(0, 2 * (MAX_LINES - 1)),
  ].filter((p) => p.length > 0);
  return parts.map((p, i) => {
    // At most two columns of rows: the first ones and the last (the loss, after the forward pass).
    const all = p.map(result);
    const rows = all.length <= 2 * MAX_LINES ? all : [...all.slice(0, 2 * MAX_LINES - 1), all[all.length - 1]!];
    const half = Math.ceil(rows.length / 2);
    // Two columns when the rows are many and short.
    const body =
      rows.length > MAX_LINES
        ? `\\begin{columns}[T]\\column{0.5\\textwidth}${display(rows.slice(0, half), false)}\\column{0.5\\textwidth}${display(rows.slice(half), false)}\\end{columns}`
        : display(rows, false);
    return frame(`${s.title} (${i + 1}/${parts.length})`, body);
  });
}

export function slidesTex(proof: Proof): string {
  const title = documentTitle(proof.network, proof.lang);
  const forward = sectionOf(proof, "forward");
  const loss = chainsOf(forward).filter((c) => c[0]!.lhs.kind === "sym" && c[0]!.lhs.name === "E");
  const descent = sectionOf(proof, "descent");
  const chain = sectionOf(proof, "chain");
  const output = sectionOf(proof, "output");
  const hidden = sectionOf(proof, "hidden");
  const specialised = indexForm(sectionOf(proof, "specialise")).filter((c) => c[0]!.lhs.kind === "sym" && c[0]!.lhs.name === "delta");
  const summary = sectionOf(proof, "summary");
  const bp = stepsOf(summary).filter((s) => s.tag !== undefined);
  const updates = sectionOf(proof, "updates");
  const frames = [
    networkFrame(proof),
    forward && chainFrame(forward.title, [...indexForm(forward).filter((c) => c[0]!.rule === "definition"), ...loss.slice(0, 1)], false),
    descent && chainFrame(descent.title, indexForm(descent), true),
    chain && chainFrame(chain.title, indexForm(chain).slice(0, 1), true),
    output &&
      chainFrame(
        output.title,
        [
          ...indexForm(output),
          ...specialised
            .filter((c) => c[0]!.forall[0]?.index === "k")
            .slice(-1)
            .map((c) => [c[0]!, c[c.length - 1]!]),
        ],
        true,
      ),
    hidden &&
      chainFrame(
        hidden.title,
        indexForm(hidden).filter((c) => c[0]!.forall.length === 1),
        true,
      ),
    summary &&
      chainFrame(
        summary.title,
        bp.map((s) => [s]),
        true,
      ),
    updates &&
      chainFrame(
        updates.title,
        indexForm(updates)
          .filter((c) => c[0]!.rule === "gradient-descent")
          .slice(0, 4),
        false,
      ),
    ...workedFrames(proof),
  ].filter((f): f is string => typeof f === "string");
  const cjk = proof.lang === "zh-Hant";
  return [
    "\\documentclass[10pt]{beamer}",
    "\\usepackage{iftex}",
    "\\ifPDFTeX",
    "\\usepackage[utf8]{inputenc}",
    ...(cjk ? ["\\usepackage{CJKutf8}", "\\else\\ifXeTeX", "\\usepackage{xeCJK}", "\\setCJKmainfont{Noto Serif CJK TC}", "\\fi"] : []),
    "\\fi",
    "\\usepackage{amsmath,amssymb}",
    "\\usepackage{tikz}",
    "\\setbeamertemplate{navigation symbols}{}",
    "% A display wider than the frame is shrunk to its width.",
    "\\newsavebox{\\fitbox}",
    "\\newcommand{\\fitpicture}[1]{\\sbox{\\fitbox}{#1}\\ifdim\\wd\\fitbox>\\linewidth\\sbox{\\fitbox}{\\resizebox{\\linewidth}{!}{\\usebox{\\fitbox}}}\\fi\\ifdim\\ht\\fitbox>0.55\\textheight\\resizebox{!}{0.55\\textheight}{\\usebox{\\fitbox}}\\else\\usebox{\\fitbox}\\fi}",
    "\\newcommand{\\fitdisplay}[1]{\\sbox{\\fitbox}{$\\displaystyle #1$}\\ifdim\\wd\\fitbox>\\linewidth\\resizebox{\\linewidth}{!}{\\usebox{\\fitbox}}\\else\\usebox{\\fitbox}\\fi}",
    `\\title{${esc(title)}}`,
    "\\date{}",
    "\\begin{document}",
    ...(cjk ? ["\\ifPDFTeX\\begin{CJK}{UTF8}{bsmi}\\fi"] : []),
    "\\begin{frame}\\titlepage\\end{frame}",
    ...frames,
    ...(cjk ? ["\\ifPDFTeX\\end{CJK}\\fi"] : []),
    "\\end{document}",
    "",
  ].join("\n");
}

export const slidesFile = (proof: Proof): OutputFile => ({ name: SLIDES_FILE, content: slidesTex(proof) });
