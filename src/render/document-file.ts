// The document of a template-based format (tex, html, md) as a file: a body template (also
// written alone by --fragment) inside a document template; --template replaces the document
// template, or with --fragment the body. A built-in document is written in pieces, section by
// section, as it is read.
import { NO_PROGRESS, type Progress } from "../progress.js";
import type { OutputFile, RenderOptions, TextChunks } from "./document.js";
import { DEFAULT_EXPAND } from "./elide.js";
import { builtinTemplate, renderTemplate } from "./template.js";

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
