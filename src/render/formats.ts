// The output formats: each turns a proof (and its checks) into named files, through the
// templates in templates/ (see templates/README.md for every variable they receive).
// tex, html and md share one shape: a body template (also written alone by --fragment) inside a
// document template; --template replaces the document template, or with --fragment the body.
import type { Proof, Style } from "../derive/proof.js";
import type { GradientReport } from "../check/gradcheck.js";
import type { StepChecks } from "../check/types.js";
import type { StepReport } from "../check/steps.js";
import type { CasReport } from "../check/cas.js";
import { label } from "../derive/messages/index.js";
import { InputError } from "../errors.js";
import { katexAssets, katexCss, katexFonts, pageCss } from "./assets.js";
import { renderContext, type RenderContext } from "./context.js";
import { checkRenderInput, checkRenderOptions } from "../network/options.js";
import { DEFAULT_EXPAND } from "./elide.js";
import { DIAGRAM_FILE, escapeHtml, htmlContext } from "./html.js";
import { proofJson } from "./json.js";
import { mdContext } from "./md.js";
import type { DocOptions } from "./shared.js";
import { builtinTemplate, renderTemplate, type TemplateSource } from "./template.js";
import { escapeTex, texContext } from "./tex.js";
import { buildView } from "./view.js";

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
}

export interface OutputFile {
  /** A path relative to the output directory, e.g. "katex/fonts/KaTeX_Main-Regular.woff2". */
  readonly name: string;
  readonly content: string | Uint8Array;
}

export type Renderer = (input: RenderInput, options: RenderOptions) => OutputFile[];

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
const LEVELS: Record<SectionLevel, { tex: [string, string]; html: [number, number]; md: [string, string] }> = {
  chapter: { tex: ["chapter", "section"], html: [1, 2], md: ["#", "##"] },
  section: { tex: ["section", "subsection"], html: [2, 3], md: ["##", "###"] },
  subsection: { tex: ["subsection", "subsubsection"], html: [3, 4], md: ["###", "####"] },
};

function docOptions(input: RenderInput, options: RenderOptions): DocOptions & { level: SectionLevel; style: Style } {
  const prefix = options.labelPrefix ?? defaultPrefix(input.proof.network.spec.name);
  if (!PREFIX_PATTERN.test(prefix)) throw new InputError("--label-prefix", `is ${JSON.stringify(prefix.slice(0, 60))}; must be a letter followed by letters, digits or hyphens (at most 60)`);
  return { prefix, cjk: false, level: options.sectionLevel ?? "section", style: options.style ?? "notes" };
}

/** The document (or, with --fragment, its body) of one of the template-based formats. */
function documentFile(ext: "tex" | "html" | "md", context: object, options: RenderOptions): OutputFile {
  const ctx = { ...context, fragment: options.fragment === true, expand: options.expand ?? DEFAULT_EXPAND } as Record<string, unknown>;
  const body = renderTemplate(builtinTemplate(`derivation.body.${ext}.njk`), ctx);
  const withBody = { ...ctx, body };
  const user = options.template;
  if (options.fragment) {
    return { name: `derivation.fragment.${ext}`, content: user ? renderTemplate(user, withBody, "--template") : body };
  }
  return { name: `derivation.${ext}`, content: renderTemplate(user ?? builtinTemplate(`derivation.${ext}.njk`), withBody, user ? "--template" : undefined) };
}

const prepare = (input: RenderInput, options: RenderOptions) => {
  const expand = options.expand ?? DEFAULT_EXPAND;
  const doc = docOptions(input, options);
  const checked = renderContext(input.proof, input.report, input.steps, input.cas);
  const ctx = input.unchecked && checked.verification === undefined ? notChecked(checked, input.proof.lang) : checked;
  const common = { ...ctx.common, author: options.author ?? "" };
  const view = buildView(input.proof, expand, doc.style);
  const legend = label(input.proof.lang, "p-legend");
  const shared = { style: doc.style, prefix: doc.prefix, legend_title: label(input.proof.lang, "sec-legend"), check_title: label(input.proof.lang, "sec-check"), appendix_title: label(input.proof.lang, "sec-appendix") };
  return { expand, doc, ctx: { ...ctx, common }, view, legend, shared };
};

/** The verification context of a document whose formulas were not checked: that one sentence. */
function notChecked(ctx: RenderContext, lang: string): RenderContext {
  const sentence = label(lang, "p-not-checked");
  const none = { method: "", seed: 0, tolerance: "", checked: 0, total: 0, failed: 0, worst: "", passed: false, shown: 0, rows: [], caption: "", columns: [], steps: "", cas: "" };
  return { ...ctx, verification: { ...none, summary: sentence, box: [{ text: sentence }], result: "", made: false } };
}

const tex: Renderer = (input, options) => {
  const { expand, doc, ctx, view, legend, shared } = prepare(input, options);
  const [top, sub] = LEVELS[doc.level].tex;
  const context = texContext(input, ctx, view, expand, doc) as Record<string, unknown>;
  const cjk = context.cjk === true;
  const esc = (s: string): string => escapeTex(s, cjk);
  return [
    documentFile(
      "tex",
      {
        ...context,
        ...shared,
        author: esc(ctx.common.author),
        legend: esc(legend),
        legend_title: esc(shared.legend_title),
        check_title: esc(shared.check_title),
        appendix_title: esc(shared.appendix_title),
        top,
        sub,
        document_class: doc.level === "chapter" ? "report" : "article",
      },
      options,
    ),
  ];
};

/** Base64 without Node's Buffer: the renderers run in a browser too. */
function base64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** KaTeX's stylesheet with its fonts inside, as data: URLs, for a page that travels alone. */
function inlineKatexCss(): string {
  const fonts = new Map(katexFonts().map((f) => [f.name, base64(f.content)]));
  // Each @font-face lists woff2, woff and ttf; keep the woff2, embedded.
  return katexCss().replace(/src:url\(fonts\/([^)]+)\.woff2\) format\("woff2"\)[^;}]*/g, (_m, name: string) => {
    const data = fonts.get(`${name}.woff2`);
    return data === undefined ? _m : `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
}

const html: Renderer = (input, options) => {
  const { expand, doc, ctx, view, legend, shared } = prepare(input, options);
  const inline = (options.assets ?? "inline") === "inline" && !options.fragment;
  const [h, sub] = LEVELS[doc.level].html;
  // The SVG is rendered first to embed it; htmlContext gives it back for the external file.
  const probe = htmlContext(input, ctx, view, expand, pageCss(), doc);
  const svgSrc = inline ? `data:image/svg+xml;base64,${base64(new TextEncoder().encode(probe.svg))}` : undefined;
  const { context, svg } = inline ? htmlContext(input, ctx, view, expand, pageCss(), doc, svgSrc) : probe;
  const page = {
    ...context,
    ...shared,
    author: escapeHtml(ctx.common.author),
    legend: escapeHtml(legend),
    legend_title: escapeHtml(shared.legend_title),
    check_title: escapeHtml(shared.check_title),
    appendix_title: escapeHtml(shared.appendix_title),
    h,
    sub,
    inline_assets: inline,
    katex_inline_css: inline ? inlineKatexCss() : "",
  };
  const file = documentFile("html", page, options);
  if (inline) return [file];
  // A fragment goes into a page that already loads KaTeX's stylesheet: no copy of it.
  return [file, { name: DIAGRAM_FILE, content: svg }, ...(options.fragment ? [] : katexAssets())];
};

const md: Renderer = (input, options) => {
  const { expand, doc, ctx, view, legend, shared } = prepare(input, options);
  const [h, sub] = LEVELS[doc.level].md;
  const { context, svg } = mdContext(input, ctx, view, expand, doc);
  return [documentFile("md", { ...context, ...shared, legend, h, sub }, options), { name: DIAGRAM_FILE, content: svg }];
};

/** JSON through a template too, so that --template can reshape it; the document is the contract. */
const json: Renderer = ({ proof, report, stepChecks, cas }, options) => {
  const user = options.template;
  const template = user ?? builtinTemplate("derivation.json.njk");
  const document = proofJson(proof, report, stepChecks, cas);
  return [{ name: "derivation.json", content: renderTemplate(template, { document }, user ? "--template" : undefined, ["document"]) }];
};

export const FORMATS = checkedOptions({ tex, html, md, json } satisfies Record<string, Renderer>);
export type Format = keyof typeof FORMATS;
export type { TemplateSource } from "./template.js";

/** Every renderer first validates what it was given: one InputError naming a bad option. */
function checkedOptions<T extends Record<string, Renderer>>(renderers: T): T {
  const wrap = (r: Renderer): Renderer => (input, options) => (checkRenderInput(input), checkRenderOptions(options), r(input, options));
  return Object.fromEntries(Object.entries(renderers).map(([k, r]) => [k, wrap(r)])) as T;
}

/** The format a template file is for, from its name: x.html.njk, x.tex, notes.md.njk, ... */
export function templateFormat(path: string): Format | undefined {
  const m = /\.(tex|html|htm|md|markdown|json)(\.njk)?$/i.exec(path);
  if (m === null) return undefined;
  const ext = m[1]!.toLowerCase();
  return ext === "htm" ? "html" : ext === "markdown" ? "md" : (ext as Format);
}
