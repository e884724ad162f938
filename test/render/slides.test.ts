// Lecture slides (derive --style slides): the Beamer deck compiles, no box overflows by more than
// 2 pt, the seed's deck has at most 14 frames, derivations unfold line by line, and the frames
// are the proof's sections in its own language.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, latexErrors, pdflatex, tempDir, tool } from "./helpers.js";

/** The widths of the overfull boxes a LaTeX log reports, in points. */
const overfull = (log: string): number[] => [...log.matchAll(/Overfull \\[hv]box \(([\d.]+)pt too/g)].map((m) => Number(m[1]));
const frames = (tex: string): number => (tex.match(/\\begin\{frame\}/g) ?? []).length;

describe("derive --style slides", () => {
  // The seed, the deepest preset, and topologies whose formulas are the widest.
  it.each(["seed", "deep-relu", "dense", "output-feeds", "tied-autoencoder"])(
    "the deck of %s compiles with pdflatex, nothing overfull by more than 2 pt",
    async (name) => {
      const dir = tempDir();
      const r = await cli(["derive", name, "--style", "slides", "--out", dir]);
      expect(r.code, r.stderr).toBe(0);
      const tex = readFileSync(join(dir, "derivation.slides.tex"), "utf8");
      expect(frames(tex)).toBeLessThanOrEqual(14);
      if (!tool("pdflatex", ["--version"])) return;
      const out = await pdflatex(dir, "derivation.slides.tex");
      expect(latexErrors(out.log)).toBe("");
      expect(out.pdf).toBe(true);
      const log = readFileSync(join(dir, "derivation.slides.log"), "utf8");
      expect(overfull(log).filter((w) => w > 2)).toEqual([]);
    },
    120_000,
  );

  it("the seed's deck: one idea per frame, at most 12 frames, overlays where a derivation unfolds", async () => {
    const dir = tempDir();
    expect((await cli(["derive", "seed", "--style", "slides", "--out", dir])).code).toBe(0);
    const tex = readFileSync(join(dir, "derivation.slides.tex"), "utf8");
    expect(frames(tex)).toBeLessThanOrEqual(12);
    const titles = [...tex.matchAll(/\\begin\{frame\}\{([^}]*)\}/g)].map((m) => m[1]);
    expect(titles.slice(0, 8)).toEqual([
      "The network",
      "Forward propagation",
      "Gradient descent and the error term",
      "The gradient of a weight: the chain rule",
      "The error term of the output layer",
      "The error terms of the hidden layers: the total derivative",
      "Summary: the algorithm and its four equations",
      "Updating the weights and biases",
    ]);
    expect(titles.filter((t) => t?.startsWith("A worked example")).length).toBeGreaterThanOrEqual(2);
    expect(tex).toContain("\\uncover<2->");
    for (const tag of ["BP1", "BP2", "BP3", "BP4"]) expect(tex).toContain(`(\\text{${tag}})`);
  });

  it("in Chinese the deck compiles with xelatex", async () => {
    const dir = tempDir();
    expect((await cli(["derive", "seed", "--style", "slides", "--lang", "zh-Hant", "--out", dir])).code).toBe(0);
    const tex = readFileSync(join(dir, "derivation.slides.tex"), "utf8");
    expect(tex).toContain("前向傳播");
    if (!tool("xelatex", ["--version"])) return;
    const r = spawnSync("xelatex", ["-interaction=nonstopmode", "-halt-on-error", "derivation.slides.tex"], { cwd: dir, encoding: "utf8" });
    expect(latexErrors(r.stdout)).toBe("");
    expect(r.status).toBe(0);
  }, 120_000);

  it("refuses formats other than tex and html, a template or a fragment, in one line", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "t.tex.njk"), "x");
    for (const [extra, field] of [
      [["--format", "md"], "--format"],
      [["--format", "tex,json"], "--format"],
      [["--fragment"], "--style"],
      [["--template", join(dir, "t.tex.njk")], "--style"],
    ] as const) {
      const r = await cli(["derive", "--style", "slides", "--out", join(dir, "o"), ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(field);
    }
  });
});
