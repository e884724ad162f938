// What every output format is given and returns: the proof and its checks (RenderInput), the
// options, the files it writes (OutputFile, its Content) and the Renderer that maps one to the
// other; the names of the formats and of the label prefix. Types and small pure helpers only:
// every module of render/ may import this one, and it imports none of them but types.
import type { Proof, Style } from "../derive/proof.js";
import type { GradientReport } from "../check/gradcheck.js";
import type { StepChecks } from "../check/types.js";
import type { StepReport } from "../check/step-report.js";
import type { CasReport } from "../check/cas-report.js";
import type { Progress } from "../progress.js";
import type { TemplateSource } from "./template.js";
import type { LabelMode } from "./view.js";
import type { CodeLang } from "./code/code.js";

/** What a renderer prints: the proof, and the results of checking it. */
export interface RenderInput {
  readonly proof: Proof;
  readonly report?: GradientReport;
  /** Per-step check results by step id, when every step was checked. */
  readonly stepChecks?: StepChecks;
  /** The whole step check, for the verification section's summary. */
  readonly steps?: StepReport;
  /** The independent CAS cross-check, for networks small enough. */
  readonly cas?: CasReport;
  /** Nothing was checked (derive --no-check): the documents say so in one sentence. */
  readonly unchecked?: boolean;
}

export type SectionLevel = "chapter" | "section" | "subsection";

export interface RenderOptions {
  /** A user template replacing the built-in one of the format (its text, and a name for errors). */
  readonly template?: TemplateSource;
  /** Only the body, for pasting into an existing document. */
  readonly fragment?: boolean;
  /** Layers wider than this are elided in per-node enumerations (the JSON keeps every node). */
  readonly expand?: number;
  /** The textbook chapter (default) or the exhaustive proof. */
  readonly style?: Style;
  /** The prefix of every label and anchor; by default derived from the network's name. */
  readonly labelPrefix?: string;
  /** The level of the document's top headings. */
  readonly sectionLevel?: SectionLevel;
  /** The author line of a complete document; none by default. */
  readonly author?: string;
  /** How much of each step's justification to show: notes default to short, the proof to full. */
  readonly labels?: LabelMode;
  /** The appendix (lemmas, the table of activations, the details of the check): fragments omit it by default. */
  readonly appendix?: "include" | "omit";
  /** The fixed tags (BP1-BP4) plain, or with the label prefix before them: fragments with a --label-prefix prefix them by default. */
  readonly tags?: "plain" | "prefixed";
  /** The number of the first numbered equation, so that a second fragment in one host continues the first. */
  readonly numberFrom?: number;
  /** The backward pass as a program in this language, in an appendix listing after the notes. */
  readonly code?: CodeLang;
  /** HTML: one self-contained file ("inline", the default), or KaTeX's files beside it. */
  readonly assets?: "inline" | "external";
  /**
   * Told of the writing of each document, section by section ("writing html", its sections): a
   * built-in document is rendered as it is read (TextChunks), so the stage runs while it is written.
   */
  readonly progress?: Progress;
}

/**
 * A text written in pieces: one too long to be held as one string (V8's strings end at 2^29
 * characters; the JSON of 10^6 weights is about 200 MB). Each call of chunks() writes it anew,
 * piece by piece, as it is read.
 */
export interface TextChunks {
  readonly chunks: () => Iterable<string>;
}

export type Content = string | Uint8Array | TextChunks;

export interface OutputFile {
  /** A path relative to the output directory, e.g. "katex/fonts/KaTeX_Main-Regular.woff2". */
  readonly name: string;
  /** The documents are strings, KaTeX's fonts bytes, the JSON pieces (TextChunks). */
  readonly content: Content;
}

/**
 * The content as one string (text: a string or TextChunks, joined) or its bytes, for contents
 * known to be small: a test, a page in memory.
 */
export function contentText(c: string | TextChunks): string;
export function contentText(c: Uint8Array): Uint8Array;
export function contentText(c: Content): string | Uint8Array;
export function contentText(c: Content): string | Uint8Array {
  return typeof c === "string" || c instanceof Uint8Array ? c : [...c.chunks()].join("");
}

export type Renderer = (input: RenderInput, options: RenderOptions) => OutputFile[];

/** The output formats, in the order the command line writes them. */
export const FORMAT_NAMES = ["tex", "html", "md", "json"] as const;
export type Format = (typeof FORMAT_NAMES)[number];

/** A label prefix from the network's name: its letters and digits, "net" when it has none. */
export function defaultPrefix(name: string): string {
  const slug = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 24)
    .replace(/-+$/, "");
  return /^[a-z]/.test(slug) ? slug : `net${slug ? `-${slug}` : ""}`;
}

export const PREFIX_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,59}$/;

/** What every document renderer is told besides the proof. */
export interface DocOptions {
  /** Prefix of every label and anchor, so that two documents live in one. */
  readonly prefix: string;
  /** Whether the document sets CJK text (LaTeX only). */
  readonly cjk: boolean;
  /** Only the body, for a host document (whose column may be narrower). */
  readonly fragment?: boolean;
  /** The name of the picture's file beside the document: network.svg, or named after the prefix. */
  readonly diagramFile?: string;
}

/** The format a template file is for, from its name: x.html.njk, x.tex, notes.md.njk, ... */
export function templateFormat(path: string): Format | undefined {
  const m = /\.(tex|html|htm|md|markdown|json)(\.njk)?$/i.exec(path);
  if (m === null) return undefined;
  const ext = m[1]!.toLowerCase();
  return ext === "htm" ? "html" : ext === "markdown" ? "md" : (ext as Format);
}
