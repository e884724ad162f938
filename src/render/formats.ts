// The output formats: each turns a proof (and its checks) into named files, through the
// templates in templates/ (see templates/README.md for every variable they receive).
// tex, html and md share one shape: a body template (also written alone by --fragment) inside a
// document template; --template replaces the document template, or with --fragment the body.
import type { Proof } from "../derive/proof.js";
import type { GradientReport } from "../check/gradcheck.js";
import type { StepChecks } from "../check/types.js";
import type { StepReport } from "../check/steps.js";
import type { CasReport } from "../check/cas.js";
import { katexAssets, pageCss } from "./assets.js";
import { renderContext, type RenderContext } from "./context.js";
import { label } from "../derive/messages/index.js";
import { checkRenderInput, checkRenderOptions } from "../network/options.js";
import { DEFAULT_EXPAND, viewSections } from "./elide.js";
import { DIAGRAM_FILE, htmlContext } from "./html.js";
import { proofJson } from "./json.js";
import { mdContext } from "./md.js";
import { builtinTemplate, renderTemplate, type TemplateSource } from "./template.js";
import { texContext } from "./tex.js";

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

export interface RenderOptions {
  /** A user template replacing the built-in one of the format (its text, and a name for errors). */
  readonly template?: TemplateSource;
  /** Only the body, for pasting into an existing document. */
  readonly fragment?: boolean;
  /** Layers wider than this are elided in per-node enumerations (the JSON keeps every node). */
  readonly expand?: number;
}

export interface OutputFile {
  /** A path relative to the output directory, e.g. "katex/fonts/KaTeX_Main-Regular.woff2". */
  readonly name: string;
  readonly content: string | Uint8Array;
}

export type Renderer = (input: RenderInput, options: RenderOptions) => OutputFile[];

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
  const ctx = renderContext(input.proof, input.report, input.steps, input.cas);
  return { expand, ctx: input.unchecked && ctx.verification === undefined ? notChecked(ctx, input.proof.lang) : ctx, view: viewSections(input.proof, expand) };
};

/** The verification context of a document whose formulas were not checked: that one sentence. */
function notChecked(ctx: RenderContext, lang: string): RenderContext {
  const none = { method: "", seed: 0, tolerance: "", checked: 0, total: 0, failed: 0, worst: "", passed: false, shown: 0, rows: [], caption: "", columns: [], steps: "", cas: "" };
  return { ...ctx, verification: { ...none, summary: label(lang, "p-not-checked") } };
}

const tex: Renderer = (input, options) => {
  const { expand, ctx, view } = prepare(input, options);
  return [documentFile("tex", texContext(input, ctx, view, expand), options)];
};

const html: Renderer = (input, options) => {
  const { expand, ctx, view } = prepare(input, options);
  const { context, svg } = htmlContext(input, ctx, view, expand, pageCss());
  // A fragment goes into a page that already loads KaTeX's stylesheet: no copy of it.
  return [documentFile("html", context, options), { name: DIAGRAM_FILE, content: svg }, ...(options.fragment ? [] : katexAssets())];
};

const md: Renderer = (input, options) => {
  const { expand, ctx, view } = prepare(input, options);
  const { context, svg } = mdContext(input, ctx, view, expand);
  return [documentFile("md", context, options), { name: DIAGRAM_FILE, content: svg }];
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
