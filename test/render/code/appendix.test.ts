// --code numpy|pytorch|js: the documents end with an appendix listing the program, cut before
// each stage (forward, loss, backward, update) and before what runs them, each stage after a
// sentence naming the equations its comments cite, by the numbers the document itself prints.
// The listings hold the whole program, line for line; LaTeX with it compiles (pdflatex and
// xelatex, English and Chinese, no overfull line over 2 pt); the Markdown's formulas pass KaTeX's
// strict mode; the command line refuses --code where no document gets it, and for a form the
// programs are not written for.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listings } from "../../../src/render/code/appendix.js";
import { CODE_LANGS, type CodeLang, toCode } from "../../../src/render/code/code.js";
import { contentText, type RenderOptions } from "../../../src/render/document.js";
import { FORMATS } from "../../../src/render/formats.js";
import { buildView } from "../../../src/render/view.js";
import { files, run, tempDir } from "../../cli/helpers.js";
import { checked, katexError, mdFormulas, tool } from "../helpers.js";

const document = (spec: string, format: "tex" | "html" | "md", options: RenderOptions, lang = "en"): string => {
  const out = FORMATS[format](checked(spec, lang), options);
  return contentText(out[0]!.content) as string;
};

describe("listings", () => {
  const program = [
    '"""Doc.',
    "",
    'More."""',
    "import json",
    "",
    "",
    "def f(x):",
    "    return x",
    "",
    "",
    "def forward(n, x):",
    "    # (1) net = x",
    "    n.net = x",
    "    # (BP2), (2) y = f(net)",
    "    n.y = f(n.net)",
    "",
    "",
    "def update(n):",
    "    # (sigmoid) not a number",
    "    n.w = n.w",
    "",
    "",
    "WEIGHTS = [1]",
    "",
    "",
    "def load(p):",
    "    return p",
    "",
  ].join("\n");
  const cut = listings(program, new Set(["1", "2", "BP2", "3"]));

  it("cuts before each stage and before the runner, keeping the blank lines within a piece", () => {
    expect(cut.map((l) => [l.name ?? (l.runner ? "runner" : "head"), l.refs])).toEqual([
      ["head", []],
      ["forward", ["1", "BP2", "2"]],
      ["update", []],
      ["runner", []],
    ]);
    expect(cut[0]!.lines).toEqual(['"""Doc.', "", 'More."""', "import json", "", "", "def f(x):", "    return x"]);
    expect(cut[3]!.lines).toEqual(["WEIGHTS = [1]", "", "", "def load(p):", "    return p"]);
  });

  it("loses no line of the program", () => {
    const nonBlank = (s: string[]) => s.filter((l) => l.trim() !== "");
    expect(nonBlank(cut.flatMap((l) => [...l.lines]))).toEqual(nonBlank(program.split("\n")));
  });
});

/** The listings of a Markdown document's appendix: the fenced blocks after its title. */
const fenced = (md: string, title: string): string[] =>
  [...md.slice(md.indexOf(`## ${title}`)).matchAll(/^```\w+\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!);

describe("the appendix in each document", () => {
  const cases: [string, CodeLang][] = [
    ["seed", "numpy"],
    ["residual", "js"],
    ["tied-autoencoder", "pytorch"],
    ["sigmoid-bce", "js"],
  ];

  it.each(cases)("%s with %s: the whole program, each stage after the equations it computes, by the document's numbers", (spec, code) => {
    const { proof } = checked(spec);
    for (const numberFrom of [1, 20]) {
      const md = document(spec, "md", { code, numberFrom });
      const title = {
        numpy: "The backward pass in NumPy",
        pytorch: "The backward pass in PyTorch, by hand",
        js: "The backward pass in JavaScript",
      }[code];
      expect(md).toContain(`## ${title}`);
      const program = toCode(proof, code, buildView(proof, 6, "notes", undefined, { numberFrom, labels: "short" })).text;
      expect(
        fenced(md, title)
          .join("\n\n\n")
          .replace(/\n{2,}/g, "\n\n"),
      ).toBe(program.trimEnd().replace(/\n{2,}/g, "\n\n"));
      // Every stage cites equations, each one a number the document displays.
      for (const stage of ["forward", "loss", "backward", "update"]) {
        const m = new RegExp(`^\`${stage}\` computes equations? (.*):$`, "m").exec(md);
        expect(m, stage).not.toBeNull();
        for (const n of m![1]!.split(", ")) {
          expect(n).toMatch(/^\(\w+\)$/);
          if (/^\(\d+\)$/.test(n)) expect(Number(n.slice(1, -1))).toBeGreaterThanOrEqual(numberFrom);
          expect(md.replace(/```[\s\S]*?```/g, "")).toContain(`\\text{${n}}`);
        }
      }
      expect(md).toContain("Reading the weights and the examples, running one step and printing the results:");
    }
  });

  it("the Markdown's formulas pass KaTeX strict mode, code blocks left out; HTML escapes the code", () => {
    const md = document("residual", "md", { code: "js" }).replace(/^```\w+\n[\s\S]*?\n```$/gm, "");
    const { display, inline } = mdFormulas(md);
    expect([...display, ...inline].map(katexError).filter((e) => e !== undefined)).toEqual([]);
    const html = document("residual", "html", { code: "js" });
    expect(html).toMatch(/<h2>The backward pass in JavaScript<\/h2>/);
    expect(html).toContain('<pre class="bpd-code"><code class="language-javascript">');
    expect(html).toContain("(j === &quot;b&quot; ?");
  });

  it("a recurrent network: its stages after the equations of backpropagation through time", () => {
    const md = document("rnn", "md", { code: "js" });
    expect(md).toMatch(/^`forward` computes equations \(\d+\), \(\d+\), \(\d+\), \(\d+\):$/m);
    // The recursion's equations, and the gradients as sums over the steps (the summary's BPTT3, BPTT4 among them).
    expect(md).toMatch(/^`backward` computes equations \(\d+\), .*\(BPTT3\).*\(BPTT4\).*:$/m);
    expect(md).toMatch(/^`update` computes equation \(\d+\):$/m);
  });

  it("zh-Hant: the appendix's sentences in Chinese", () => {
    const md = document("seed", "md", { code: "numpy" }, "zh-Hant");
    expect(md).toContain("## 以 NumPy 寫出的反向傳播");
    expect(md).toMatch(/^`backward` 計算式 \(BP1\)、/m);
  });

  it("without --code no appendix listing", () => {
    expect(document("seed", "md", {})).not.toContain("```");
  });
});

const hasLatex = tool("pdflatex", ["--version"]) && tool("xelatex", ["--version"]);

function latex(engine: string, dir: string, file: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(engine, ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", file], { cwd: dir });
    child.stdout.on("data", () => undefined);
    child.on("close", () => {
      const log = join(dir, file.replace(/\.tex$/, ".log"));
      resolve(existsSync(log) ? readFileSync(log, "latin1") : "no log");
    });
  });
}

/** Errors, and overfull boxes over 2 pt. */
const problems = (log: string): string[] =>
  log.split("\n").filter((l) => /^! /.test(l) || Number(/^Overfull \\hbox \(([\d.]+)pt too wide/.exec(l)?.[1] ?? 0) > 2);

describe.skipIf(!hasLatex)("LaTeX with the appendix compiles", { timeout: 300_000 }, () => {
  it.each([
    ["seed", "numpy", "en"],
    ["residual", "js", "zh-Hant"],
    ["tied-autoencoder", "pytorch", "en"],
    ["rnn", "numpy", "zh-Hant"],
  ] as const)("%s with %s (%s): pdflatex and xelatex, no overfull line", async (spec, code, lang) => {
    for (const engine of ["pdflatex", "xelatex"]) {
      const dir = join(tempDir(), engine);
      mkdirSync(dir);
      writeFileSync(join(dir, "derivation.tex"), document(spec, "tex", { code }, lang));
      const log = await latex(engine, dir, "derivation.tex");
      expect(existsSync(join(dir, "derivation.pdf")), `${engine}: ${problems(log).join("\n")}`).toBe(true);
      expect(problems(log), engine).toEqual([]);
    }
  });
});

describe("derive --code", () => {
  it("adds the appendix to tex, html and md, and writes no program file", async () => {
    const dir = tempDir();
    const r = await run("derive", "seed", "--code", "pytorch", "--format", "tex,md,html", "--out", join(dir, "o"), "--no-check", "-q");
    expect(r.code).toBe(0);
    expect(files(join(dir, "o"))).toEqual(["derivation.html", "derivation.md", "derivation.tex", "network.svg"]);
    expect(readFileSync(join(dir, "o", "derivation.tex"), "utf8")).toContain("\\section{The backward pass in PyTorch, by hand}");
    expect(readFileSync(join(dir, "o", "derivation.md"), "utf8")).toContain("```python\n");
  });

  it.each([
    [["--code", "rust"], '--code: is "rust"; allowed: numpy, pytorch, js'],
    [["--code", "js", "--format", "json"], "--code: adds the program to the documents tex, html and md"],
    [["--code", "js", "--style", "slides"], "--code: adds the program to the documents"],
  ])("refuses %j in one line, exit 2, writing nothing", async (args, message) => {
    const dir = tempDir();
    const r = await run("derive", "seed", ...args, "--out", join(dir, "o"));
    expect(r.code).toBe(2);
    expect(r.err.join("\n")).toContain(message);
    expect(r.err).toHaveLength(1);
    expect(files(dir)).toEqual([]);
  });

  it("refuses a convolutional network, whose programs are not written yet", async () => {
    const dir = tempDir();
    const r = await run("derive", "conv1d", "--code", "numpy", "--out", join(dir, "o"));
    expect(r.code).toBe(2);
    expect(r.err.join("\n")).toMatch(/^backprop-derive: --code: /);
  });
});

it("every language has a title", () => {
  for (const code of CODE_LANGS) expect(document("seed", "md", { code })).toMatch(/^## The backward pass in /m);
});
