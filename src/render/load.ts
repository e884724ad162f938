// The command line's way to a renderer: one format at a time, HTML's module (and with it KaTeX)
// loaded on first use. In a module of its own: a dynamic import makes a bundler that does not
// split chunks initialise everything it reaches lazily, which the library's own bundles (a web
// page's, the playground) are better without.
import type { Format, Renderer } from "./document.js";
import { checked, json, md, tex } from "./renderers.js";

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
