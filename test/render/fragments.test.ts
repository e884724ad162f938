// Labels that fit and fragments that share a host: --labels (short in the notes, the rule's name
// in the proof's language; full in the proof; none), --appendix (a fragment leaves it out),
// --tags (a fragment's BP tags carry its prefix), --number-from (a second fragment continues the
// first, its Markdown numbers anchors with the prefix), the picture named after the prefix, and
// the command line's one-line refusal of a bad value.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { label } from "../../src/derive/messages/index.js";
import { contentText, type OutputFile, type RenderOptions } from "../../src/render/document.js";
import { FORMATS } from "../../src/render/formats.js";
import { files, run, tempDir } from "../cli/helpers.js";
import { checked } from "./helpers.js";

const text = (fs: OutputFile[], name: string): string => String(contentText(fs.find((f) => f.name === name)!.content));
const html = (options: RenderOptions, lang = "en"): string =>
  text(FORMATS.html(checked("seed", lang), options), options.fragment ? "derivation.fragment.html" : "derivation.html");
const labelsOf = (page: string): string[] =>
  [...page.matchAll(/<a class="bpd-label"[^>]*>(.*?)<\/a>/g)].map((m) =>
    m[1]!.replace(/<span class="katex">.*?<\/span><\/span><\/span>/g, "M"),
  );

describe("labels", () => {
  it("the notes name the rule in a few words; the proof gives the reason in full; none shows none", () => {
    const short = labelsOf(html({ style: "notes" }));
    expect(short).toContain("chain rule");
    expect(short).toContain("total derivative");
    expect(short.every((l) => l.length <= 30)).toBe(true);
    const full = labelsOf(html({ style: "proof" }));
    expect(full.some((l) => l.startsWith("chain rule: E depends"))).toBe(true);
    expect(full.some((l) => l.length > 40)).toBe(true);
    expect(labelsOf(html({ style: "notes", labels: "full" })).some((l) => l.length > 40)).toBe(true);
    // The proof keeps its tags (BP1-BP4) beside their formulas, and nothing else.
    expect(labelsOf(html({ style: "proof", labels: "none" }))).toEqual(["(BP1)", "(BP2)", "(BP3)", "(BP4)"]);
    expect(labelsOf(html({ style: "notes", labels: "none" }))).toEqual([]);
  });

  it("the short labels in Chinese are the rule's name in Chinese", () => {
    const short = labelsOf(html({ style: "notes" }, "zh-Hant"));
    expect(short).toContain(label("zh-Hant", "short-chain-rule"));
    expect(short).toContain(label("zh-Hant", "short-total-derivative"));
    expect(label("zh-Hant", "short-chain-rule")).toBe("連鎖律");
  });
});

describe("fragments in one host", () => {
  it("a fragment leaves the appendix out unless asked, a document keeps it", () => {
    const lemmas = label("en", "sec-lemmas");
    const appendix = label("en", "sec-appendix");
    expect(html({ fragment: true })).not.toContain(lemmas);
    expect(html({ fragment: true })).not.toContain(`>${appendix}<`);
    expect(html({ fragment: true, appendix: "include" })).toContain(lemmas);
    expect(html({})).toContain(lemmas);
    expect(html({ appendix: "omit" })).not.toContain(lemmas);
    // The check's result is still there, saying nothing of an appendix.
    const body = html({ fragment: true });
    expect(body).toContain(label("en", "sec-check"));
    expect(body).not.toMatch(/the appendix has the details/);
  });

  it("a fragment given a prefix tags BP1-BP4 with it, names its picture after it, and numbers on from --number-from", () => {
    const fs = FORMATS.md(checked("seed"), { fragment: true, labelPrefix: "netA", numberFrom: 30 });
    expect(fs.map((f) => f.name)).toEqual(["derivation.fragment.md", "netA-network.svg"]);
    const md = text(fs, "derivation.fragment.md");
    expect(md).toContain("](netA-network.svg)");
    expect(md).toContain("\\text{(netA-BP1)}");
    expect(md).toContain('<a id="netA-eq-30"></a>');
    expect(md).toContain("\\text{(30)}");
    expect(md).not.toContain("\\text{(29)}");
    expect(md).not.toMatch(/\\text\{\(1\)\}/);
    const tex = text(FORMATS.tex(checked("seed"), { fragment: true, labelPrefix: "netA", numberFrom: 30 }), "derivation.fragment.tex");
    expect(tex).toContain("\\tag{netA-BP1}");
    expect(tex).toContain("\\setcounter{equation}{29}");
    // Plain tags on request, and in a document of its own.
    expect(text(FORMATS.tex(checked("seed"), { fragment: true, labelPrefix: "netA", tags: "plain" }), "derivation.fragment.tex")).toContain(
      "\\tag{BP1}",
    );
    expect(text(FORMATS.tex(checked("seed"), { labelPrefix: "netA" }), "derivation.tex")).toContain("\\tag{BP1}");
  });

  it("the command line takes the options and refuses a bad value in one line, writing nothing", async () => {
    const out = tempDir();
    const r = await run(
      "derive",
      "seed",
      "--format",
      "md",
      "--fragment",
      "--label-prefix",
      "netB",
      "--number-from",
      "12",
      "--labels",
      "full",
      "--out",
      out,
      "--quiet",
    );
    expect(r.err).toEqual([]);
    expect(files(out)).toEqual(["derivation.fragment.md", "netB-network.svg"]);
    expect(readFileSync(join(out, "derivation.fragment.md"), "utf8")).toContain('<a id="netB-eq-12"></a>');
    for (const [flag, value] of [
      ["--labels", "long"],
      ["--appendix", "maybe"],
      ["--tags", "x"],
      ["--number-from", "0"],
    ] as const) {
      const dir = tempDir();
      const bad = await run("derive", "seed", flag, value, "--out", dir);
      expect(bad.code).toBe(2);
      expect(bad.err).toHaveLength(1);
      expect(bad.err[0]).toContain(flag);
      expect(files(dir)).toEqual([]);
    }
  });
});
