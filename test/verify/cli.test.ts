// backprop-derive verify on the command line: exit codes, the table, --json in the documented
// shape, a claims file, the graded reports, and hostile claims refused in one bounded line with
// nothing run.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { MAX_ERROR_LINE } from "../../src/cli/main.js";
import { files, run, runWith, tempDir } from "../cli/helpers.js";

const SIGMOID = ["--layers", "3,2,2", "--activation", "sigmoid", "--loss", "mse"];

describe("verify: verdicts and exit codes", () => {
  it("exits 0 when every claim holds, and prints one row per claim", async () => {
    const r = await run("verify", ...SIGMOID, "--claim", "\\delta_k = (y_k - t_k) y_k (1 - y_k)", "--claim", "dE/dw_kj = delta_k * y_j");
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^ {2}1 {2}holds/);
    expect(r.out.some((l) => /^ {2}2 {2}holds/.test(l))).toBe(true);
    expect(r.out.at(-1)).toBe("2 of 2 formulas hold, 0 fail, 0 could not be read.");
  });

  it("exits 1 when a claim fails, with its counterexample, note and correct formula", async () => {
    const r = await run("verify", ...SIGMOID, "--claim", "\\delta_j = y_j(1-y_j)\\sum_k \\delta_k w_{jk}");
    expect(r.code).toBe(1);
    expect(r.out[0]).toMatch(/fails .*swapped-indices$/);
    expect(r.out).toContain("       Your formula would hold with w_{kj} in place of w_{jk}.");
    expect(r.out.some((l) => l.includes("correct formula: \\delta_j = y_j \\left(1 - y_j\\right)"))).toBe(true);
  });

  it("prints --json in the documented shape, in the order of the claims", async () => {
    const r = await run(
      "verify",
      ...SIGMOID,
      "--json",
      "--claim",
      "E = 1/2 * sum((t_k - y_k)^2, k, outputs)",
      "--claim",
      "delta_k = (t_k - y_k) * y_k * (1 - y_k)",
    );
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out.join("\n")) as { claims: Record<string, unknown>[] };
    const [a, b] = json.claims;
    expect(Object.keys(a!)).toEqual(["claim", "verdict", "range", "worst"]);
    expect(a!.verdict).toBe("holds");
    expect(Object.keys(b!)).toEqual(["claim", "verdict", "range", "assumed", "worst", "counterexample", "diagnosis", "note", "correct"]);
    expect(b!.diagnosis).toBe("sign");
    expect(Object.keys(b!.counterexample as object)).toEqual(["binding", "point", "claimed", "actual"]);
    expect(b!.correct).toEqual({
      latex: "\\delta_k = -\\left(t_k - y_k\\right) y_k \\left(1 - y_k\\right)",
      text: "delta_k = -(t_k - y_k) * y_k * (1 - y_k)",
    });
  });

  it("reads a claims file: one per line, # comments and blank lines skipped", async () => {
    const dir = tempDir();
    const path = join(dir, "claims.txt");
    writeFileSync(path, "# chapter 3\n\n\\delta_k = (y_k - t_k) y_k (1 - y_k)\n  # hidden\nδ_j = y_j (1 − y_j) Σ_k δ_k w_kj\n");
    const r = await run("verify", ...SIGMOID, "--claims", path, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out.join("\n")) as { claims: { claim: string }[] };
    expect(json.claims.map((c) => c.claim)).toEqual(["\\delta_k = (y_k - t_k) y_k (1 - y_k)", "δ_j = y_j (1 − y_j) Σ_k δ_k w_kj"]);
  });

  it("exits 2 on an unreadable claim, naming the claim and the position", async () => {
    const r = await run("verify", ...SIGMOID, "--claim", "delta_k = (y_k - t_k", "--claim", "delta_k = y_k");
    expect(r.code).toBe(2);
    expect(r.err).toEqual(['backprop-derive: --claim 1: position 21: the formula ends; a ")" should close the "(" at position 11']);
  });

  it("refuses bad flags and a missing claim with exit 2", async () => {
    expect((await run("verify", ...SIGMOID)).err[0]).toMatch(/^backprop-derive: --claim: give at least one claim/);
    expect((await run("verify", "--claim", "E = 0", "--format", "pdf")).err[0]).toMatch(/--format: is "pdf"; allowed: html, md, tex/);
    expect((await run("verify", "--claim", "E = 0", "--lang", "fr")).code).toBe(2);
    expect((await run("verify", "--claims", "/nonexistent/claims.txt")).err[0]).toMatch(/--claims: cannot read/);
  });
});

describe("verify: graded reports", () => {
  const CLAIMS = [
    "--claim",
    "\\delta_j = y_j(1-y_j)\\sum_k \\delta_k w_{jk}",
    "--claim",
    "delta_k = (y_k - t_k) * y_k * (1 - y_k)",
    "--claim",
    "E = 1/2 * sum((t_k - y_k)^2, k, outputs)",
  ];

  it("writes an HTML report with every formula typeset by KaTeX", async () => {
    const out = tempDir();
    const r = await run("verify", ...SIGMOID, ...CLAIMS, "--format", "html", "--out", out);
    expect(r.code).toBe(1);
    expect(files(out)).toEqual(["verify.html"]);
    const html = readFileSync(join(out, "verify.html"), "utf8");
    expect(html.match(/<section class="claim">/g)).toHaveLength(3);
    expect(html).toContain("Your formula would hold with");
    expect(html).toContain('class="katex-display"');
  });

  it("writes Markdown and LaTeX reports whose formulas KaTeX accepts", async () => {
    const out = tempDir();
    expect((await run("verify", ...SIGMOID, ...CLAIMS, "--format", "md", "--out", out)).code).toBe(1);
    expect((await run("verify", ...SIGMOID, ...CLAIMS, "--format", "tex", "--out", out, "--lang", "zh-Hant")).code).toBe(1);
    const md = readFileSync(join(out, "verify.md"), "utf8");
    const tex = readFileSync(join(out, "verify.tex"), "utf8");
    const display = [...md.matchAll(/\$\$\n([^$]+)\n\$\$/g)].map((m) => m[1]!);
    expect(display).toHaveLength(3);
    for (const f of display) expect(() => katex.renderToString(f, { throwOnError: true, strict: "error" })).not.toThrow();
    expect(tex).toContain("\\usepackage{xeCJK}");
    expect(tex).toContain("不成立");
    expect(tex.match(/\\section\*/g)).toHaveLength(4);
  });
});

describe("verify: hostile claims", () => {
  const HOSTILE: [string, string][] = [
    ["deep nesting", `E = ${"(".repeat(500)}1${")".repeat(500)}`],
    ["10 KB", `E = ${"y_6 + ".repeat(1700)}1`],
    ["\\def", "\\def\\x{E}\\x = 1"],
    ["\\input", "E = \\input{/etc/passwd}"],
    ["\\newcommand", "\\newcommand{\\x}{1} E = \\x"],
    ["an unknown macro", "E = \\foo{x}"],
    ["unbalanced braces", "E = \\frac{1}{2"],
    ["a closing brace alone", "E = y_6}"],
    ["code", "E = globalThis.pwned = 1"],
    ["a constructor's name", "E = constructor(1)"],
    ["a prototype's name", "__proto__ = 1"],
    ["control characters", "E = 1\u0000\n\u001b[31m"],
    ["sums inside sums", `E = ${"\\sum_{a \\in \\{1,2,3,4,5,6,7,8,9,10\\}} ".repeat(6)}1`],
  ];
  it.each(HOSTILE)("refuses %s: exit 2, one bounded line, nothing run", async (_name, claim) => {
    const r = await runWith(["verify", "--claim", claim]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]!.length).toBeLessThanOrEqual(MAX_ERROR_LINE);
    expect(r.err[0]).toMatch(/^backprop-derive: --claim 1: position \d+: /);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it("refuses a hostile claims file line by line, in one bounded line", async () => {
    const dir = tempDir();
    const path = join(dir, "claims.txt");
    writeFileSync(path, "\\delta_k = (y_k - t_k) y_k (1 - y_k)\n\\def\\a{\\a}\\a\n");
    const r = await run("verify", ...SIGMOID, "--claims", path);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/--claims .*claims\.txt line 2: position 1: \\def is not allowed/);
  });
});
