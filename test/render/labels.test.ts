// A justification's variable letters ("for x > 0", "with i = k", "node j") are set as
// mathematics, like the prose's: no letter stands alone in the text of a label, in the proof's
// LaTeX, the notes' Markdown or the HTML page; a function's argument ("sign(x)") stays as written.
import { describe, expect, it } from "vitest";
import { contentText } from "../../src/render/document.js";
import { FORMATS } from "../../src/render/formats.js";
import { checked } from "./helpers.js";

const NETWORKS: readonly (string | object)[] = [
  "seed",
  "deep-relu",
  "residual",
  { layers: [2, 3, 2], activations: [{ custom: "x/(1 + abs(x))" }, "sigmoid"], loss: "binary-cross-entropy" },
];

/** A lone variable letter in running text: between spaces, parentheses, commas or the ends. */
const LONE = /(?:^|[\s,])[ijklmxy](?=$|[\s,.:;)])/;
const file = (files: { name: string; content: unknown }[], name: string): string =>
  String(contentText(files.find((f) => f.name === name)!.content as string));

describe("the letters of a justification are mathematics", () => {
  for (const spec of NETWORKS) {
    it(`in LaTeX, Markdown and HTML, both styles: ${JSON.stringify(spec)}`, () => {
      let labelled = 0;
      const input = checked(spec);
      // The labels in full: the notes' short ones ("chain rule") name no letter.
      for (const style of ["notes", "proof"] as const) {
        const tex = file(FORMATS.tex(input, { style, labels: "full" }), "derivation.tex");
        const texLabels = [...tex.matchAll(/(?:\\tag\*\{|\\text\{|\\raggedleft)\\footnotesize ((?:[^{}]|\{[^{}]*\})*)\}/g)].map((m) =>
          m[1]!.replace(/\$[^$]*\$/g, " M "),
        );
        const md = file(FORMATS.md(input, { style, labels: "full" }), "derivation.md");
        const mdLabels = [...md.matchAll(/\\text\{([^{}]*)\}/g)].map((m) => m[1]!);
        const html = file(FORMATS.html(input, { style, labels: "full" }), "derivation.html");
        // A label's text: its markup (KaTeX's spans for the letters) taken out.
        const htmlLabels = [...html.matchAll(/<a class="bpd-label"[^>]*>(.*?)<\/a>(?:<\/span>| <span class="bpd-mark)/g)].map((m) =>
          m[1]!.replace(/<span class="katex">.*?<\/annotation>.*?<\/span><\/span><\/span>/g, " M ").replace(/<[^>]+>/g, ""),
        );
        for (const l of [...texLabels, ...mdLabels, ...htmlLabels]) expect(l, l).not.toMatch(LONE);
        labelled += texLabels.length + htmlLabels.length;
        // Some label of each network does name a letter, which is then set as mathematics.
        expect(
          texLabels.some((l) => l.includes(" M ")),
          `${JSON.stringify(spec)} ${style}`,
        ).toBe(true);
      }
      expect(labelled).toBeGreaterThan(20);
    });
  }
});
