// The renderers of LaTeX, Markdown and JSON, which need no KaTeX, and the loading of any one
// renderer by name: HTML's (html-page.ts) is imported only when HTML is rendered, so that a run
// writing no HTML never loads KaTeX.
import { proofJson, proofJsonChunks } from "./json.js";
import { InputError } from "../errors.js";
import { escapeMd, mdContext } from "./md.js";
import { DIAGRAM_FILE } from "./page.js";
import { renderTemplate } from "./template.js";
import { escapeTex, texContext } from "./tex.js";
import { documentFile, LEVELS, prepare, type Renderer } from "./document.js";

export const tex: Renderer = (input, options) => {
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

export const md: Renderer = (input, options) => {
  const { expand, doc, ctx, view, legend, shared } = prepare(input, options);
  const [h, sub] = LEVELS[doc.level].md;
  const { context, svg } = mdContext(input, ctx, view, expand, doc);
  return [
    documentFile("md", { ...context, ...shared, author: escapeMd(ctx.common.author), legend, h, sub }, options),
    { name: DIAGRAM_FILE, content: svg },
  ];
};

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
