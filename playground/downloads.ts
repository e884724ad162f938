// The files a user takes away, made in the page by the library's renderers (FORMATS) with the
// options the command line uses for the same flags: `derive SPEC --style S --lang L [--params P
// | --example none] [--fragment] [--no-check]` writes the same bytes (the page adds a worked
// example only when asked; test/playground/downloads.test.ts).
import { CODE_DOWNLOADS } from "./code.js";
import { contentText, FORMATS, type OutputFile, type RenderInput, type RenderOptions } from "../src/index.js";

export interface Download {
  readonly file: string;
  readonly label: string;
  readonly type: string;
  make(input: RenderInput, look: RenderOptions): OutputFile;
}

const pick = (files: readonly OutputFile[], name: string): OutputFile => {
  const f = files.find((x) => x.name === name);
  if (f === undefined) throw new Error(`the renderer wrote no ${name}`);
  return f;
};

export const DOWNLOADS: readonly Download[] = [
  { file: "derivation.tex", label: "LaTeX document", type: "application/x-tex", make: (i, o) => pick(FORMATS.tex(i, o), "derivation.tex") },
  {
    file: "derivation.fragment.tex",
    label: "LaTeX fragment",
    type: "application/x-tex",
    make: (i, o) => pick(FORMATS.tex(i, { ...o, fragment: true }), "derivation.fragment.tex"),
  },
  {
    file: "derivation.html",
    label: "HTML page (one file)",
    type: "text/html",
    make: (i, o) => pick(FORMATS.html(i, o), "derivation.html"),
  },
  {
    file: "derivation.fragment.html",
    label: "HTML fragment",
    type: "text/html",
    make: (i, o) => pick(FORMATS.html(i, { ...o, fragment: true }), "derivation.fragment.html"),
  },
  { file: "derivation.md", label: "Markdown", type: "text/markdown", make: (i, o) => pick(FORMATS.md(i, o), "derivation.md") },
  {
    file: "derivation.fragment.md",
    label: "Markdown fragment",
    type: "text/markdown",
    make: (i, o) => pick(FORMATS.md(i, { ...o, fragment: true }), "derivation.fragment.md"),
  },
  { file: "derivation.json", label: "JSON", type: "application/json", make: (i, o) => pick(FORMATS.json(i, o), "derivation.json") },
  // The picture the command line writes beside the Markdown and the HTML.
  { file: "network.svg", label: "the network (SVG)", type: "image/svg+xml", make: (i, o) => pick(FORMATS.md(i, o), "network.svg") },
  ...CODE_DOWNLOADS,
];

/** Hands a file to the browser as a download. */
export function save(doc: Document, file: OutputFile, type: string): void {
  const blob = new Blob([contentText(file.content) as BlobPart], { type });
  const a = doc.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = file.name;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}
