// What every output format shares: its input and options, the files it returns, and the
// mechanics of the template-based documents (tex, html, md): a body template (also written alone
// by --fragment) inside a document template; --template replaces the document template, or with
// --fragment the body. No renderer here needs KaTeX (only HTML does: html-page.ts).
import type { Proof, Style } from "../derive/proof.js";
import type { GradientReport } from "../check/gradcheck.js";
import type { StepChecks } from "../check/types.js";
import type { StepReport } from "../check/steps.js";
import type { CasReport } from "../check/cas.js";
import { label } from "../derive/messages/index.js";
import { InputError } from "../errors.js";
import { renderContext, type RenderContext } from "./context.js";
import { checkRenderInput, checkRenderOptions } from "../network/options.js";
import { DEFAULT_EXPAND } from "./elide.js";
import type { DocOptions } from "./shared.js";
import { builtinTemplate, renderTemplate, type TemplateSource } from "./template.js";
import { buildView, type View } from "./view.js";
import { NO_PROGRESS, type Progress } from "../progress.js";
import { Budget, OverBudget } from "./elide.js";

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

/** The headings of each level: the top one and the one below it, in LaTeX, HTML and Markdown. */
export const LEVELS: Record<SectionLevel, { tex: [string, string]; html: [number, number]; md: [string, string] }> = {
  chapter: { tex: ["chapter", "section"], html: [1, 2], md: ["#", "##"] },
  section: { tex: ["section", "subsection"], html: [2, 3], md: ["##", "###"] },
  subsection: { tex: ["subsection", "subsubsection"], html: [3, 4], md: ["###", "####"] },
};

function docOptions(input: RenderInput, options: RenderOptions): DocOptions & { level: SectionLevel; style: Style } {
  const prefix = options.labelPrefix ?? defaultPrefix(input.proof.network.spec.name);
  if (!PREFIX_PATTERN.test(prefix))
    throw new InputError(
      "--label-prefix",
      `is ${JSON.stringify(prefix.slice(0, 60))}; must be a letter followed by letters, digits or hyphens (at most 60)`,
    );
  return { prefix, cjk: false, level: options.sectionLevel ?? "section", style: options.style ?? "notes" };
}

/** The document (or, with --fragment, its body) of one of the template-based formats. */
export function documentFile(ext: "tex" | "html" | "md", context: object, options: RenderOptions): OutputFile {
  const ctx = { ...context, fragment: options.fragment === true, expand: options.expand ?? DEFAULT_EXPAND } as Record<string, unknown>;
  const user = options.template;
  const name = options.fragment ? `derivation.fragment.${ext}` : `derivation.${ext}`;
  const progress = options.progress ?? NO_PROGRESS;
  if (user === undefined) return { name, content: streamed(ext, ctx, options.fragment === true, progress) };
  // A template receives the body whole: rendered here, in one step.
  progress.stage(`writing ${ext}`, 1);
  const body = renderTemplate(builtinTemplate(`derivation.body.${ext}.njk`), ctx);
  const content = renderTemplate(user, { ...ctx, body }, "--template");
  progress.advance(1);
  return { name, content };
}

/** Stand-ins that the built-in templates print where a section's body, or the whole body, goes. */
const SECTION_MARK = /\u0000bpd-section-(\d+)\u0000/;
const sectionMark = (i: number): string => `\u0000bpd-section-${i}\u0000`;
const BODY_MARK = "\u0000bpd-body\u0000";

/**
 * A built-in document in pieces: the templates are rendered once with stand-ins for the body and
 * for each section's body (they print each exactly once, unchanged), and each section is rendered
 * only when its piece is written. A deep network's page (10^8 characters of KaTeX markup) is
 * then never one string, nor held whole while it is written.
 */
function streamed(ext: "tex" | "html" | "md", ctx: Record<string, unknown>, fragment: boolean, progress: Progress): TextChunks {
  const sections = (ctx.sections ?? []) as readonly { readonly body: string }[];
  const marked = sections.map((s, i) => Object.create(s, { body: { get: () => sectionMark(i) } }) as object);
  const body = renderTemplate(builtinTemplate(`derivation.body.${ext}.njk`), { ...ctx, sections: marked }).split(SECTION_MARK);
  const outer = fragment
    ? ["", ""]
    : renderTemplate(builtinTemplate(`derivation.${ext}.njk`), { ...ctx, body: BODY_MARK }).split(BODY_MARK);
  // Each stand-in printed once, in order: anything else would be a bug of a built-in template.
  const order = body.filter((_, i) => i % 2 === 1).map(Number);
  if (outer.length !== 2 || order.length !== sections.length || order.some((n, i) => n !== i))
    throw new Error(`built-in template of ${ext}: the body or a section is not printed exactly once`);
  return {
    *chunks() {
      progress.stage(`writing ${ext}`, sections.length);
      yield outer[0]!;
      for (const [i, piece] of body.entries()) {
        if (i % 2 === 0) yield piece;
        else {
          yield sections[Number(piece)]!.body;
          progress.advance(Number(piece) + 1);
        }
      }
      yield outer[1]!;
    },
  };
}

/** What every document format starts from: its options, the checks as text, the view of the proof. */
export const prepare = (input: RenderInput, options: RenderOptions) => {
  const expand = options.expand ?? DEFAULT_EXPAND;
  const doc = docOptions(input, options);
  const checked = renderContext(input.proof, input.report, input.steps, input.cas);
  const ctx = input.unchecked && checked.verification === undefined ? notChecked(checked, input.proof.lang) : checked;
  const common = { ...ctx.common, author: options.author ?? "" };
  const view = boundedView(input.proof, expand, doc.style);
  const legend = label(input.proof.lang, "p-legend");
  const shared = {
    style: doc.style,
    prefix: doc.prefix,
    legend_title: label(input.proof.lang, "sec-legend"),
    check_title: label(input.proof.lang, "sec-check"),
    appendix_title: label(input.proof.lang, "sec-appendix"),
  };
  return { expand, doc, ctx: { ...ctx, common }, view, legend, shared };
};

/**
 * The most a document shows, in nodes of displayed formulas: the proof of 200 layers of six softmax
 * nodes at the default --expand (about 9 x 10^5; its HTML page is 5 x 10^8 characters, rendered in
 * about two minutes and 3 GB). A larger view is refused rather than left to run out of memory.
 */
export const MAX_VIEW = 1_000_000;

/** Values of --expand tried, smallest first, to say which one fits when the one asked for does not. */
export const EXPAND_LADDER = [1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 1000, 2000, 5000];

/** The view, or an InputError naming the largest --expand (of a ladder) whose view fits MAX_VIEW. */
export function boundedView(proof: Proof, expand: number, style: Style, max = MAX_VIEW): View {
  const fits = (e: number): View | undefined => {
    try {
      return buildView(proof, e, style, new Budget(max));
    } catch (err) {
      if (err instanceof OverBudget) return undefined;
      throw err;
    }
  };
  const view = fits(expand);
  if (view !== undefined) return view;
  let best: number | undefined;
  for (const e of EXPAND_LADDER) {
    if (e >= expand || fits(e) === undefined) break;
    best = e;
  }
  const what = `the ${style === "proof" ? "proof" : "notes"} of this network would show more than ${max.toLocaleString("en")} terms of formulas at --expand ${expand}, more than a document holds`;
  if (best !== undefined) throw new InputError("--expand", `${what}; --expand ${best} or less fits`);
  const other = style === "proof" ? "; --style notes is shorter" : "";
  throw new InputError("--expand", `${what}${expand > 1 ? ", even at --expand 1" : ""}${other}; --format json writes it whole`);
}

/** The verification context of a document whose formulas were not checked: that one sentence. */
function notChecked(ctx: RenderContext, lang: string): RenderContext {
  const sentence = label(lang, "p-not-checked");
  const none = {
    method: "",
    seed: 0,
    tolerance: "",
    checked: 0,
    total: 0,
    failed: 0,
    worst: "",
    passed: false,
    shown: 0,
    rows: [],
    caption: "",
    columns: [],
    steps: "",
    cas: "",
  };
  return { ...ctx, verification: { ...none, summary: sentence, box: [{ text: sentence }], result: "", made: false } };
}

/** A renderer that first validates what it was given: one InputError naming a bad option. */
export const checked =
  (r: Renderer): Renderer =>
  (input, options) => (checkRenderInput(input), checkRenderOptions(options), r(input, options));

/** The format a template file is for, from its name: x.html.njk, x.tex, notes.md.njk, ... */
export function templateFormat(path: string): Format | undefined {
  const m = /\.(tex|html|htm|md|markdown|json)(\.njk)?$/i.exec(path);
  if (m === null) return undefined;
  const ext = m[1]!.toLowerCase();
  return ext === "htm" ? "html" : ext === "markdown" ? "md" : (ext as Format);
}
