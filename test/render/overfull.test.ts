// Nothing runs into the margin: pdflatex sets every preset's document in both styles, the notes
// with a worked example, and an 11pt a4 article that inputs two fragments loading exactly the
// packages of their "% needs:" line, and its logs report no overfull line wider than 2 pt. The
// documents are compiled two at a time, in English and for two of them in Chinese. Under CI a missing pdflatex fails this file; elsewhere it
// is skipped with a message.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { randomParams } from "../../src/oracle/random.js";
import { rng } from "../../src/oracle/rng.js";
import { withWorkedExample } from "../../src/check/worked.js";
import { contentText, type RenderInput, type RenderOptions } from "../../src/render/document.js";
import { FORMATS } from "../../src/render/formats.js";
import { checked, PRESETS, tempDir, tool, TOPOLOGY_PRESETS } from "./helpers.js";

const hasLatex = tool("pdflatex", ["--version"]);

function pdflatex(dir: string, file: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", file], { cwd: dir });
    child.stdout.on("data", () => undefined);
    child.on("close", () => {
      const log = join(dir, file.replace(/\.tex$/, ".log"));
      resolve(existsSync(log) ? readFileSync(log, "latin1") : "no log");
    });
  });
}

/** Each overfull box over 2 pt, with the log's next line (what it holds), and any error. */
function problems(log: string): string[] {
  const lines = log.split("\n");
  return lines.flatMap((l, i) => {
    const m = /^Overfull \\[hv]box \(([\d.]+)pt too (wide|high)/.exec(l);
    if (m && Number(m[1]) > 2) return [`${l} ${lines[i + 1] ?? ""}`.slice(0, 200)];
    return /^! /.test(l) ? [l] : [];
  });
}

/** Runs the jobs two at a time. */
async function inPairs<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < jobs.length; i += 2) out.push(...(await Promise.all(jobs.slice(i, i + 2).map((j) => j()))));
  return out;
}

function written(input: RenderInput, options: RenderOptions): string {
  const dir = tempDir();
  for (const f of FORMATS.tex(input, options)) writeFileSync(join(dir, f.name), contentText(f.content));
  return dir;
}

const withExample = (spec: string): RenderInput => {
  const { proof, report } = checked(spec);
  return { proof: withWorkedExample(proof, { params: randomParams(proof.network, rng(7)), digits: 6 }), report };
};

describe.skipIf(!hasLatex)("no overfull lines in pdflatex", { timeout: 600_000 }, () => {
  it("every preset, both styles, and the notes with a worked example", async () => {
    const cases: { name: string; input: RenderInput; options: RenderOptions }[] = [];
    for (const spec of [...PRESETS, ...TOPOLOGY_PRESETS])
      for (const style of ["notes", "proof"] as const) cases.push({ name: `${spec} ${style}`, input: checked(spec), options: { style } });
    for (const spec of ["seed", "output-feeds"])
      for (const style of ["notes", "proof"] as const)
        cases.push({ name: `${spec} ${style} zh-Hant`, input: checked(spec, "zh-Hant"), options: { style } });
    cases.push({ name: "seed worked example", input: withExample("seed"), options: {} });
    cases.push({ name: "seed full labels", input: checked("seed"), options: { labels: "full" } });
    const logs = await inPairs(cases.map((c) => () => pdflatex(written(c.input, c.options), "derivation.tex")));
    const found = cases.flatMap((c, i) => problems(logs[i]!).map((p) => `${c.name}: ${p}`));
    expect(found).toEqual([]);
  });

  it("an 11pt a4 article that inputs two fragments, with exactly their packages", async () => {
    const dir = tempDir();
    const needs = new Set<string>();
    const parts = [
      { spec: "output-feeds", options: { labelPrefix: "netA" } },
      { spec: "seed", options: { labelPrefix: "netB", numberFrom: 30, style: "proof" as const } },
    ];
    for (const [i, p] of parts.entries()) {
      for (const f of FORMATS.tex(checked(p.spec), { ...p.options, fragment: true })) {
        const text = contentText(f.content) as string;
        const line = /^% needs: \\usepackage\{([^}]*)\}/.exec(text);
        for (const pkg of line?.[1]?.split(",") ?? []) needs.add(pkg);
        writeFileSync(join(dir, `part${i}.tex`), text);
      }
    }
    expect(needs.size).toBeGreaterThan(0);
    writeFileSync(
      join(dir, "host.tex"),
      [
        "\\documentclass[11pt,a4paper]{article}",
        `\\usepackage{${[...needs].join(",")}}`,
        "\\begin{document}",
        "\\section{First network}",
        "\\input{part0}",
        "\\section{Second network}",
        "\\input{part1}",
        "\\end{document}",
        "",
      ].join("\n"),
    );
    await pdflatex(dir, "host.tex");
    const log = await pdflatex(dir, "host.tex");
    expect(problems(log)).toEqual([]);
    // The two fragments' tags differ, and no label is defined twice.
    expect(log).not.toMatch(/multiply defined/);
  });
});
