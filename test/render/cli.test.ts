// The derive command (in this process, through main): the files each format writes, custom
// templates, fragments, languages, and every bad input of issue 5 (exit 2, one line naming the
// option, nothing written).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../cli/helpers.js";
import { listFiles, tempDir } from "./helpers.js";

const templates = tempDir();
const write = (name: string, text: string): string => {
  writeFileSync(join(templates, name), text);
  return join(templates, name);
};
const unknownVar = write("unknown.html.njk", "<html><< title >> << nosuch >></html>\n");
const unknownInLoop = write("loop.tex.njk", "<% for s in sectionz %><< s.title >><% endfor %>\n");
const unknownMember = write("member.md.njk", "<% for s in sections %><< s.titel >><% endfor %>\n");
const custom = write(
  "notes.md.njk",
  "# Notes: << name >>\n<% for s in sections %>\n## << s.title >> (<< s.blocks | length >> blocks)\n<% endfor %>\n",
);
const customFragment = write("fragment.html.njk", '<div class="mine"><< body >></div>\n');
const directory = join(templates, "dir.html.njk");
mkdirSync(directory);

interface Started {
  readonly out: string;
  readonly run: Promise<{ code: number; stdout: string; stderr: string }>;
}

/** A derive into a fresh directory, started when a test awaits it. */
const start = (...args: string[]): Started => {
  const out = tempDir();
  let started: Started["run"] | undefined;
  return {
    out,
    get run() {
      started ??= run("derive", ...args, "--out", out).then((r) => ({
        code: r.code,
        stdout: r.out.map((l) => `${l}\n`).join(""),
        stderr: r.err.map((l) => `${l}\n`).join(""),
      }));
      return started;
    },
  };
};

const BAD: readonly { readonly name: string; readonly args: string[]; readonly names: RegExp }[] = [
  {
    name: "a missing --template",
    args: ["--template", join(templates, "nope.html.njk")],
    names: /--template: cannot read template .*nope\.html\.njk \(no such file\)/,
  },
  {
    name: "an unreadable --template (a directory)",
    args: ["--template", directory, "--format", "html"],
    names: /--template: cannot read template .*dir\.html\.njk \(EISDIR\)/,
  },
  {
    name: "a template that refers to an unknown variable",
    args: ["--template", unknownVar],
    names: /--template: .* refers to an unknown variable "nosuch"/,
  },
  {
    name: "an unknown variable in a loop",
    args: ["--template", unknownInLoop],
    names: /--template: .* refers to an unknown variable "sectionz"/,
  },
  {
    name: "an unknown member",
    args: ["--template", unknownMember],
    names: /--template: .* refers to an unknown variable "sections\.0\.titel"/,
  },
  {
    name: "a template of no recognisable format",
    args: ["--template", write("x.txt", "hi")],
    names: /--template: cannot tell which format/,
  },
  { name: "an unknown --lang", args: ["--lang", "fr"], names: /--lang: unknown language "fr"; allowed: en, zh-Hant/ },
  { name: "an unknown --format", args: ["--format", "tex,pdf"], names: /--format: unknown format "pdf"; allowed: tex, html, md, json/ },
  { name: "a bad --expand", args: ["--expand", "0"], names: /--expand/ },
];

const bad = BAD.map((c) => ({ ...c, started: start(...c.args) }));
const all = start("--assets", "external");
const fragments = start("--fragment", "--format", "tex,html,md");
const customMd = start("seed", "--template", custom, "--style", "proof");
const customFragmentRun = start("--template", customFragment, "--fragment", "--format", "html");
const chinese = start("--lang", "zh-Hant", "--format", "md,html");
const narrow = start("deep-relu", "--expand", "2", "--format", "md", "--style", "proof");

describe("bad input", { timeout: 60_000 }, () => {
  it.each(bad)("$name: exit 2, one line naming it, nothing written", async ({ started, names }) => {
    const r = await started.run;
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(names);
    expect(r.code).toBe(2);
    expect(listFiles(started.out)).toEqual([]);
  });
});

describe("derive writes", { timeout: 60_000 }, () => {
  it("all four formats by default, with the diagram and KaTeX's stylesheet and fonts", async () => {
    const r = await all.run;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const files = listFiles(all.out);
    for (const f of [
      "derivation.tex",
      "derivation.html",
      "derivation.md",
      "derivation.json",
      "network.svg",
      "katex/katex.min.css",
      "katex/fonts/KaTeX_Main-Regular.woff2",
    ]) {
      expect(files).toContain(f);
    }
    // KaTeX's 20 fonts as woff2 alone, which is all its stylesheet names.
    const fonts = files.filter((f) => f.startsWith("katex/fonts/"));
    expect(fonts).toHaveLength(20);
    for (const f of fonts) expect(f).toMatch(/\.woff2$/);
    const css = readFileSync(join(all.out, "katex/katex.min.css"), "utf8");
    expect(css.match(/url\(fonts\/[^)]+\.woff2\)/g)).toHaveLength(20);
    expect(css).not.toMatch(/\.(woff|ttf)\)/);
    expect(r.stdout).toMatch(/wrote .*katex\/ \(21 files\)/);
  });

  it("fragments: bodies only, no KaTeX copy", async () => {
    const r = await fragments.run;
    expect(r.code).toBe(0);
    expect(listFiles(fragments.out)).toEqual([
      "derivation.fragment.html",
      "derivation.fragment.md",
      "derivation.fragment.tex",
      "network.svg",
    ]);
  });

  it("a custom template for the format its name gives, the others built in", async () => {
    const r = await customMd.run;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const md = readFileSync(join(customMd.out, "derivation.md"), "utf8");
    expect(md.startsWith("# Notes: ReLU 3-2-2 with softmax and cross-entropy\n## Summary: the algorithm and its four equations (")).toBe(
      true,
    );
    expect(md).toContain("## The matrix form (");
    expect(readFileSync(join(customMd.out, "derivation.html"), "utf8")).toContain("<!DOCTYPE html>");
  });

  it("a custom fragment template around the built-in body", async () => {
    const r = await customFragmentRun.run;
    expect(r.code).toBe(0);
    const html = readFileSync(join(customFragmentRun.out, "derivation.fragment.html"), "utf8");
    expect(html.startsWith('<div class="mine"><!-- needs: KaTeX')).toBe(true);
    expect(html).toContain('<article class="bpd bpd-notes"');
  });

  it("Chinese with --lang zh-Hant", async () => {
    const r = await chinese.run;
    expect(r.code).toBe(0);
    const md = readFileSync(join(chinese.out, "derivation.md"), "utf8");
    expect(md).toMatch(/^# 神經網絡 .* 的前向傳播和後向傳播推導$/m);
    expect(md).toContain("## 隱藏層的誤差項：全導數");
    expect(readFileSync(join(chinese.out, "derivation.html"), "utf8")).toContain('<html lang="zh-Hant">');
  });

  it("--expand N elides layers wider than N", async () => {
    const r = await narrow.run;
    expect(r.code).toBe(0);
    const md = readFileSync(join(narrow.out, "derivation.md"), "utf8");
    expect(md).toContain("& \\vdots && \\text{");
    expect(md).toMatch(/more lines of the same form: layers wider than 2 nodes/);
  });
});
