// The output formats: each turns a proof (and its checks) into named files, through the
// templates in templates/ (see templates/README.md for every variable they receive). What they
// are given and return is in document.ts, the one context of the document formats in
// document-context.ts; this table holds all four, HTML (and with it KaTeX)
// included: the command line loads renderers one by one instead (load.ts, loadRenderer).
import type { Renderer } from "./document.js";
import { html } from "./html-page.js";
import { checked, json, md, tex } from "./renderers.js";

export {
  contentText,
  defaultPrefix,
  type Content,
  type Format,
  type TextChunks,
  type OutputFile,
  type RenderInput,
  type RenderOptions,
  type Renderer,
} from "./document.js";
export type { TemplateSource } from "./template.js";

export const FORMATS: Record<"tex" | "html" | "md" | "json", Renderer> = {
  tex: checked(tex),
  html: checked(html),
  md: checked(md),
  json: checked(json),
};
