// The LaTeX output compiles with pdflatex from Debian's texlive: the full document in English and
// in Chinese (CJKutf8 with the bsmi font), and a user's document that \input's the fragment.
// Under CI a missing pdflatex fails this file; elsewhere it is skipped with a message.
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FORMATS } from "../../src/render/formats.js";
import type { StepCheck } from "../../src/check/types.js";
import { checked, tempDir, tool } from "./helpers.js";
import { contentText } from "../../src/render/document.js";

const hasLatex = tool("pdflatex", ["--version"]);

interface Compiled {
  readonly code: number | null;
  readonly log: string;
  readonly pdf: boolean;
}

function pdflatex(dir: string, file: string): Promise<Compiled> {
  return new Promise((resolve) => {
    const child = spawn("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", file], { cwd: dir });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.on("close", (code) => resolve({ code, log, pdf: existsSync(join(dir, file.replace(/\.tex$/, ".pdf"))) }));
  });
}

/** The lines of the log that explain a failure. */
const errors = (log: string): string =>
  log
    .split("\n")
    .filter((l) => /^!|^l\.\d+/.test(l))
    .join("\n");

function write(lang: string, preset: string, fragment: boolean, marks = false): string {
  const { proof, report } = checked(preset, lang);
  const stepChecks = new Map<string, StepCheck>();
  if (marks) {
    let i = 0;
    for (const s of proof.sections)
      for (const b of s.blocks)
        if (b.kind === "steps")
          for (const st of b.steps) {
            stepChecks.set(st.id, {
              status: (["verified", "definition", "failed"] as const)[i++ % 3]!,
              points: 3,
              maxRelError: 1e-12,
              method: "evaluation",
            });
          }
  }
  const dir = tempDir();
  for (const f of FORMATS.tex({ proof, report, stepChecks }, { fragment })) writeFileSync(join(dir, f.name), contentText(f.content));
  return dir;
}

describe.skipIf(!hasLatex)("pdflatex", { timeout: 60_000 }, () => {
  // Three compilations in parallel: together they take about as long as the slowest.
  const english = () => {
    const dir = write("en", "seed", false, true);
    return pdflatex(dir, "derivation.tex");
  };
  const chinese = () => {
    const dir = write("zh-Hant", "seed", false);
    return pdflatex(dir, "derivation.tex");
  };
  const host = () => {
    const dir = write("en", "deep-relu", true);
    writeFileSync(
      join(dir, "notes.tex"),
      [
        "\\documentclass{article}",
        "\\usepackage{amsmath,amssymb,booktabs,tikz}",
        "\\begin{document}",
        "\\section*{Course notes}",
        "\\input{derivation.fragment}",
        "\\end{document}",
        "",
      ].join("\n"),
    );
    return pdflatex(dir, "notes.tex");
  };
  const runs = hasLatex ? Promise.all([english(), chinese(), host()]) : Promise.resolve([]);

  it("compiles the full English document, with verification marks", async () => {
    const [r] = await runs;
    expect(errors(r!.log), "pdflatex errors").toBe("");
    expect(r!.code).toBe(0);
    expect(r!.pdf).toBe(true);
  });

  it("compiles the full Chinese document", async () => {
    const [, r] = await runs;
    expect(errors(r!.log), "pdflatex errors").toBe("");
    expect(r!.code).toBe(0);
    expect(r!.pdf).toBe(true);
    expect(r!.log).not.toMatch(/Missing character/);
  });

  it("compiles a document that \\input's the fragment", async () => {
    const [, , r] = await runs;
    expect(errors(r!.log), "pdflatex errors").toBe("");
    expect(r!.code).toBe(0);
    expect(r!.pdf).toBe(true);
  });
});
