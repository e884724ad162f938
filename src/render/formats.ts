// The output formats: each turns a proof (and its check) into named files.
import type { Proof } from "../derive/proof.js";
import type { GradientReport } from "../check/gradcheck.js";
import type { StepChecks } from "../check/types.js";
import { label } from "../derive/messages/index.js";
import { renderContext } from "./context.js";
import { proofJson } from "./json.js";
import { builtinTemplate, renderTemplate } from "./template.js";
import { texContext } from "./tex.js";

/** What a renderer prints: the proof, and the results of checking it. */
export interface RenderInput {
  readonly proof: Proof;
  readonly report?: GradientReport;
  /** Per-step check results by step id, when every step was checked. */
  readonly stepChecks?: StepChecks;
}

export interface RenderOptions {
  /** A user template replacing the built-in one of the format. */
  readonly template?: string;
  /** Only the body, for pasting into an existing document. */
  readonly fragment?: boolean;
  /** Layers wider than this are elided in per-node enumerations (the JSON keeps every node). */
  readonly expand?: number;
}

export interface OutputFile {
  readonly name: string;
  readonly content: string;
}

export type Renderer = (input: RenderInput, options: RenderOptions) => OutputFile[];

const tex: Renderer = ({ proof, report }, options) => {
  const context = { ...texContext(proof, renderContext(proof, report)), verification_title: label(proof.lang, "sec-verification") };
  const body = renderTemplate(builtinTemplate("derivation.body.tex.njk"), context, "--template");
  if (options.fragment) {
    const content = options.template ? renderTemplate(options.template, { ...context, body }, "--template") : body;
    return [{ name: "derivation.fragment.tex", content }];
  }
  const content = renderTemplate(options.template ?? builtinTemplate("derivation.tex.njk"), { ...context, body }, "--template");
  return [{ name: "derivation.tex", content }];
};

const json: Renderer = ({ proof, report }) => [{ name: "derivation.json", content: `${JSON.stringify(proofJson(proof, report), null, 1)}\n` }];

export const FORMATS = { tex, json } satisfies Record<string, Renderer>;
export type Format = keyof typeof FORMATS;
