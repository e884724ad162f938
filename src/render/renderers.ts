// The renderers of LaTeX, Markdown and JSON, which need no KaTeX (HTML's, html-page.ts, is
// imported only when HTML is rendered, so that a run writing no HTML never loads KaTeX), and
// the check of what any renderer is given.
import { proofJson, proofJsonChunks } from "./json.js";
import { InputError } from "../errors.js";
import { checkRenderInput, checkRenderOptions } from "../network/options.js";
import { documentRenderer } from "./document-context.js";
import type { Renderer } from "./document.js";
import { mdDialect } from "./md.js";
import { renderTemplate } from "./template.js";
import { texDialect } from "./tex.js";

export const tex: Renderer = documentRenderer(() => texDialect);

export const md: Renderer = documentRenderer(() => mdDialect);

/** A renderer that first validates what it was given: one InputError naming a bad option. */
export const checked =
  (r: Renderer): Renderer =>
  (input, options) => (checkRenderInput(input), checkRenderOptions(options), r(input, options));

/** Beyond this many weights and biases a JSON template is refused: it receives the document whole. */
export const MAX_TEMPLATE_JSON_PARAMETERS = 250_000;

/**
 * The JSON document (the contract), in pieces: what the built-in template derivation.json.njk,
 * `<< document | dump >>`, prints, written without holding it whole. A --template can reshape it,
 * but receives it whole, so only for networks of up to MAX_TEMPLATE_JSON_PARAMETERS.
 */
export const json: Renderer = ({ proof, report, stepChecks, cas }, options) => {
  const user = options.template;
  if (user === undefined)
    return [{ name: "derivation.json", content: { chunks: () => proofJsonChunks(proof, report, stepChecks, cas, options.progress) } }];
  const size = proof.network.params.length;
  if (size > MAX_TEMPLATE_JSON_PARAMETERS) {
    throw new InputError(
      "--template",
      `a JSON template receives the whole document at once, which for ${size} weights and biases is too large; at most ${MAX_TEMPLATE_JSON_PARAMETERS} (the built-in JSON writes any size)`,
    );
  }
  const document = proofJson(proof, report, stepChecks, cas);
  return [{ name: "derivation.json", content: renderTemplate(user, { document }, "--template", ["document"]) }];
};
