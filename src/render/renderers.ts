// The renderers of LaTeX, Markdown and JSON, which need no KaTeX, and the loading of any one
// renderer by name: HTML's (html-page.ts) is imported only when HTML is rendered, so that a run
// writing no HTML never loads KaTeX.
import { proofJson } from "./json.js";
import { mdContext } from "./md.js";
import { DIAGRAM_FILE } from "./page.js";
import { builtinTemplate, renderTemplate } from "./template.js";
import { escapeTex, texContext } from "./tex.js";
import { checked, documentFile, LEVELS, prepare, type Format, type Renderer } from "./document.js";

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
  return [documentFile("md", { ...context, ...shared, legend, h, sub }, options), { name: DIAGRAM_FILE, content: svg }];
};

/** JSON through a template too, so that --template can reshape it; the document is the contract. */
export const json: Renderer = ({ proof, report, stepChecks, cas }, options) => {
  const user = options.template;
  const template = user ?? builtinTemplate("derivation.json.njk");
  const document = proofJson(proof, report, stepChecks, cas);
  return [{ name: "derivation.json", content: renderTemplate(template, { document }, user ? "--template" : undefined, ["document"]) }];
};

/** The renderer of a format, each validating its options; HTML's module is loaded on first use. */
export async function loadRenderer(format: Format): Promise<Renderer> {
  switch (format) {
    case "tex":
      return checked(tex);
    case "md":
      return checked(md);
    case "json":
      return checked(json);
    case "html":
      return checked((await import("./html-page.js")).html);
  }
}
