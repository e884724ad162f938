// Every user string lands in a document as text of that document's format: the author line and
// the network's name, with markup of every kind in them, become neither raw HTML nor a link in
// Markdown (read by markdown-it with raw HTML and linkify on, as the most permissive reader),
// stay text in HTML, and are escaped in LaTeX.
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { contentText, FORMATS, type RenderOptions } from "../../src/render/formats.js";
import { checked } from "./helpers.js";

const PAYLOAD = "<script>alert(1)</script> [l](javascript:alert(1)) <javascript:alert(2)> ![i](x.png) *b* `c` $x$ & # | _";
const spec = { layers: [2, 1], activation: "sigmoid", loss: "mse", name: PAYLOAD };

const render = (format: "md" | "html" | "tex", options: RenderOptions = {}): string =>
  String(contentText(FORMATS[format](checked(spec), { author: PAYLOAD, ...options })[0]!.content));

describe("user text in Markdown", () => {
  const md = render("md");
  const html = new MarkdownIt({ html: true, linkify: true }).render(md);

  it("is no raw HTML: no script element, and only the document's own anchors", () => {
    expect(html).not.toMatch(/<script/i);
    const tags = [...html.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map((m) => m[1]!.toLowerCase());
    expect(new Set(tags)).not.toContain("script");
    // The one image is the network's diagram.
    expect([...html.matchAll(/<img [^>]*src="([^"]*)"/g)].map((m) => m[1])).toEqual(["network.svg"]);
  });

  it("is no link: no javascript: URL anywhere", () => {
    expect(html).not.toMatch(/href="\s*javascript:/i);
    expect(html).not.toMatch(/src="x\.png"/);
    // Every link the reader found is one of the document's own: an anchor in the page or the diagram.
    for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^#/);
  });

  it("reads as the text that was given, in the author line and in the title", () => {
    const text = html
      .replace(/<[^>]*>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
    expect(text.split(PAYLOAD).length - 1).toBeGreaterThanOrEqual(2);
  });
});

describe("user text in HTML and LaTeX", () => {
  it("is text in HTML", () => {
    const page = render("html", { fragment: false });
    expect(page).not.toContain("<script>alert");
    expect(page).not.toMatch(/href="\s*javascript:/i);
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("is escaped in LaTeX: no special character of TeX left bare", () => {
    const tex = render("tex");
    const author = /\\author\{(.*)\}/.exec(tex)?.[1];
    expect(author).toBeDefined();
    // Outside escapes (\&, \#, \_, \$, \textasciigrave, ...), no & # _ $ % ^ ~ remains.
    expect(author!.replace(/\\[&#_$%{}]/g, "").replace(/\\[a-zA-Z]+(\{\})?/g, "")).not.toMatch(/[&#_$%^~]/);
  });
});
