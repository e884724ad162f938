// References in the documents: "by (3)", "by Lemma 1" are links to something the same document
// defines, in every format, style and language; the JSON says what each reference names; and an
// index-form line's qualifier ("k = 6, 7") is about an index its left side is written in.
import { describe, expect, it } from "vitest";
import { toLatex } from "../../src/expr/latex.js";
import { contentText } from "../../src/render/document.js";
import { FORMATS } from "../../src/render/formats.js";
import { buildView } from "../../src/render/view.js";
import { checked, proved } from "./helpers.js";

const NETWORKS: readonly (string | object)[] = [
  "seed",
  "deep-relu",
  "tied-autoencoder",
  { layers: [2, 3, 3, 2], activations: [{ custom: "x/(1 + abs(x))" }, "tanh", "softmax"], loss: "cross-entropy" },
];

const text = (files: ReturnType<(typeof FORMATS)["tex"]>, name: string): string =>
  String(contentText(files.find((f) => f.name === name)!.content));
const all = (re: RegExp, s: string): string[] => [...s.matchAll(re)].map((m) => m[1]!);

describe("every reference names something its document defines", () => {
  for (const spec of NETWORKS) {
    for (const lang of ["en", "zh-Hant"]) {
      for (const style of ["notes", "proof"] as const) {
        it(`${JSON.stringify(spec)}, ${lang}, ${style}`, () => {
          const input = checked(spec, lang);
          const tex = text(FORMATS.tex(input, { style, labelPrefix: "p" }), "derivation.tex");
          const labels = new Set(all(/\\label\{([^}]+)\}/g, tex));
          const texRefs = all(/\\(?:eq)?ref\{([^}]+)\}/g, tex);
          // Every network here has a lemma the text cites.
          expect(texRefs.filter((r) => r.startsWith("p:lemma-")).length).toBeGreaterThan(0);
          for (const r of texRefs) expect(labels.has(r), `\\ref{${r}}`).toBe(true);

          const html = text(FORMATS.html(input, { style, labelPrefix: "p" }), "derivation.html");
          const ids = new Set(all(/\bid="([^"]+)"/g, html));
          const links = all(/href="#([^"]+)"/g, html);
          expect(links.filter((l) => l.startsWith("p-lemma-")).length).toBeGreaterThan(0);
          for (const l of links) expect(ids.has(l), `#${l}`).toBe(true);
          // A lemma's link reads its number.
          for (const m of html.matchAll(/href="#p-lemma-(\d+)">([^<]*)</g)) expect(m[2]).toBe(m[1]);

          const md = text(FORMATS.md(input, { style, labelPrefix: "p" }), "derivation.md");
          const mdIds = new Set(all(/<a id="([^"]+)"><\/a>/g, md));
          const mdLinks = all(/\]\(#([^)]+)\)/g, md);
          expect(mdLinks.filter((l) => l.startsWith("p-lemma-")).length).toBeGreaterThan(0);
          for (const l of mdLinks) expect(mdIds.has(l), `#${l}`).toBe(true);
        });
      }
    }
  }
});

describe("derivation.json says what a reference names", () => {
  it("each ref of the prose is a step's anchor or a paragraph's target, and sections, blocks and layers carry what the documents use", () => {
    for (const spec of NETWORKS) {
      const doc = JSON.parse(String(contentText(FORMATS.json(checked(spec), {})[0]!.content))) as {
        network: { layers: { index: number; depth: number; role: string }[] };
        sections: {
          id: string;
          part?: string;
          blocks: {
            kind: string;
            content?: { text?: string; ref?: string }[];
            target?: { name: string; text: string };
            steps?: { anchor?: string; tag?: string }[];
          }[];
        }[];
      };
      const anchors = new Set(
        doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.steps ?? []).flatMap((st) => (st.anchor === undefined ? [] : [st.anchor])))),
      );
      const targets = new Set(doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.target === undefined ? [] : [b.target.name]))));
      const refs = doc.sections.flatMap((s) =>
        s.blocks.flatMap((b) => (b.content ?? []).flatMap((c) => (c.ref === undefined ? [] : [c.ref]))),
      );
      expect(refs.length).toBeGreaterThan(0);
      expect([...targets].length).toBeGreaterThan(0);
      for (const r of refs) expect(anchors.has(r) || targets.has(r), r).toBe(true);
      // The four equations of backpropagation carry their tags.
      const tags = doc.sections.flatMap((s) =>
        s.blocks.flatMap((b) => (b.steps ?? []).flatMap((st) => (st.tag === undefined ? [] : [st.tag]))),
      );
      expect(tags.some((t) => t.startsWith("BP1"))).toBe(true);
      expect(doc.sections.filter((s) => s.part === "appendix").map((s) => s.id)).toContain("lemmas");
      // Layers say their depth and role: the inputs at depth 0, an output last.
      expect(doc.network.layers[0]).toMatchObject({ index: 0, depth: 0, role: "input" });
      expect(doc.network.layers.some((l) => l.role === "output")).toBe(true);
      for (const l of doc.network.layers.slice(1)) expect(l.depth).toBeGreaterThan(0);
    }
  });
});

describe("the qualifier of an index-form line", () => {
  it("names an index its left side is written in", () => {
    for (const spec of NETWORKS) {
      for (const style of ["notes", "proof"] as const) {
        const view = buildView(proved(spec), 6, style);
        let seen = 0;
        for (const s of view.sections) {
          for (const b of s.blocks) {
            if (b.kind !== "steps") continue;
            for (const r of b.rows) {
              if (r.kind !== "step") continue;
              const q = view.display.get(r.step.id)?.qualifier;
              if (q === undefined) continue;
              seen++;
              const letter = /^([a-z])\b/.exec(q)?.[1];
              expect(letter, q).toBeDefined();
              // The index letters the left side is written in: its subscripts (w_{kj}, y_k) and the
              // arguments of its sets (layer(k)).
              const lhs = toLatex(r.step.lhs);
              const letters = new Set([
                ...all(/_\{([a-z]+)\}/g, lhs).flatMap((g) => [...g]),
                ...all(/_([a-z])/g, lhs),
                ...all(/\(([a-z])\)/g, lhs),
              ]);
              expect([...letters], `${q}: ${lhs}`).toContain(letter);
            }
          }
        }
        expect(seen).toBeGreaterThan(0);
      }
    }
  });
});

describe("a step that applies a lemma names it", () => {
  it("its justification reads 'by Lemma n' for a lemma n of the same proof", () => {
    for (const spec of NETWORKS) {
      for (const lang of ["en", "zh-Hant"]) {
        const proof = proved(spec, lang);
        const targets = new Set(
          proof.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "text" && b.target ? [b.target.name] : []))),
        );
        const cited = proof.sections.flatMap((s) =>
          s.blocks.flatMap((b) =>
            b.kind === "steps" ? [...b.steps].flatMap((st) => /^(?:by Lemma|根據引理) (\d+)$/.exec(st.label)?.[1] ?? []) : [],
          ),
        );
        expect(cited.length, `${JSON.stringify(spec)} ${lang}`).toBeGreaterThan(0);
        for (const n of cited) expect(targets.has(`lemma-${n}`), `Lemma ${n}`).toBe(true);
      }
    }
  });
});
