// The HTML renderer: the page with every formula rendered by KaTeX, self-contained (KaTeX's
// stylesheet, its fonts and the picture inside it) or with KaTeX's files beside it. This module
// is what loads KaTeX and its fonts; the other formats never import it.
import { documentRenderer } from "./document-context.js";
import type { Renderer } from "./document.js";
import { cachedMath, htmlDialect } from "./html.js";

/** One KaTeX cache per page. */
export const html: Renderer = documentRenderer(() => htmlDialect(cachedMath()));
