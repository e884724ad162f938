// Softmax groups are derived and checked like every other graph: a group whose members differ in
// having a bias, and a softmax output group whose nodes also feed later nodes (its error term
// then sums the loss's own derivative and what flows back, over the whole group). Seeded random
// graphs (softmax-groups.ts): every derived gradient agrees with the independent oracle, by
// Richardson-extrapolated central differences (gradientCheck) and by complex-step
// differentiation of the oracle's forward pass; every step of the proof is compared and holds;
// the documents render with KaTeX in strict mode (LaTeX, Markdown, HTML, both languages), and
// the LaTeX of a few compiles with pdflatex.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { derivedValues } from "../../src/check/derived.js";
import { gradientCheck } from "../../src/check/gradcheck.js";
import { checkSteps } from "../../src/check/steps.js";
import { derive } from "../../src/derive/derive.js";
import { cx } from "../../src/expr/complex.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { complexForwardPass } from "../../src/oracle/complex-pass.js";
import { randomParams } from "../../src/oracle/random.js";
import { rng } from "../../src/oracle/rng.js";
import { contentText } from "../../src/render/document.js";
import { FORMATS } from "../../src/render/formats.js";
import { katexError, latexErrors, mdFormulas, pdflatex, tempDir, texFormulas, tool } from "../render/helpers.js";
import { softmaxGroupDag } from "./softmax-groups.js";

const CASES = 24;
const SEED = 25_2026;
const H = 1e-20;

const r = rng(SEED);
const cases = Array.from({ length: CASES }, (_, i) => ({ i, ...softmaxGroupDag(r) }));

describe(`${CASES} random graphs with softmax groups`, () => {
  it("cover mixed biases in a group and softmax outputs that feed later nodes", () => {
    const nets = cases.map((c) => buildNetwork(parseSpec(c.spec)));
    const mixedLayer = nets.filter((n) =>
      n.layers.some((l) => l.activation?.elementwise === false && l.nodes.some((k) => n.nodes[k]!.bias) && !l.bias),
    );
    const mixedOutput = nets.filter((n) =>
      n.layers.some((l) => l.role === "output" && l.activation?.elementwise === false && l.nodes.some((k) => n.nodes[k]!.bias) && !l.bias),
    );
    const feeding = nets.filter((n) => n.layers.some((l) => l.feeds && l.activation?.elementwise === false));
    expect(mixedLayer.length).toBeGreaterThanOrEqual(15);
    expect(mixedOutput.length).toBeGreaterThanOrEqual(10);
    expect(feeding.length).toBeGreaterThanOrEqual(15);
    expect(
      nets.filter((n) => n.layers.some((l) => l.role === "hidden" && l.activation?.elementwise === false)).length,
    ).toBeGreaterThanOrEqual(5);
  });

  it.each(cases)("case $i: gradients agree with central differences and the complex step; every step holds", ({ i, spec }) => {
    const network = buildNetwork(parseSpec(spec));
    const proof = derive(network);
    const g = gradientCheck(proof, { seed: SEED + i });
    expect(g.failed, JSON.stringify(spec)).toBe(0);
    expect(g.checked, JSON.stringify(spec)).toBe(network.params.length);
    // Complex step of the oracle's own forward pass, against the printed formulas' values.
    for (const seed of [SEED + i, SEED + 100 + i]) {
      const p = randomParams(network, rng(seed));
      const d = derivedValues(proof, p);
      network.params.forEach((_, index) => {
        const exact = complexForwardPass(network, p, { kind: "param", index }, cx(p.values[index]!, H)).E.im / H;
        const derived = d.gradient(index);
        expect(Math.abs(derived - exact), `${JSON.stringify(spec)}: parameter ${index}`).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(exact)),
        );
      });
    }
    const s = checkSteps(proof, { seed: SEED + i, points: 2 });
    expect(s.failures, JSON.stringify(spec)).toEqual([]);
    expect(s.notCompared, JSON.stringify(spec)).toEqual({});
    expect(s.verified + s.definitions, JSON.stringify(spec)).toBe(s.total);
    expect(s.verified).toBeGreaterThan(0);
  });

  it.each(cases)("case $i: the documents render with KaTeX in strict mode", ({ i, spec }) => {
    const network = buildNetwork(parseSpec(spec));
    for (const lang of i % 4 === 0 ? ["en", "zh-Hant"] : ["en"]) {
      const proof = derive(network, { lang });
      const input = { proof, report: gradientCheck(proof, { seed: SEED + i }) };
      const tex = String(contentText(FORMATS.tex(input, { style: i % 2 === 0 ? "notes" : "proof" })[0]!.content));
      const md = mdFormulas(String(contentText(FORMATS.md(input, { style: i % 2 === 0 ? "proof" : "notes" })[0]!.content)));
      const formulas = [...texFormulas(tex), ...md.display, ...md.inline];
      expect(formulas.length).toBeGreaterThan(50);
      expect(formulas.map(katexError).filter((e) => e !== undefined)).toEqual([]);
      // The HTML renderer runs KaTeX strictly itself and throws on any error.
      expect(String(contentText(FORMATS.html(input, {})[0]!.content))).toContain('class="katex"');
    }
  });
});

const hasLatex = tool("pdflatex", ["--version"]);

describe.skipIf(!hasLatex)("pdflatex", { timeout: 120_000 }, () => {
  it("compiles the LaTeX of three graphs with a mixed-bias or feeding softmax group", async () => {
    const chosen = cases.filter((c) => c.feeds && c.mixed).slice(0, 3);
    expect(chosen).toHaveLength(3);
    const runs = chosen.map(({ i, spec }) => {
      const proof = derive(buildNetwork(parseSpec(spec)));
      const dir = tempDir();
      for (const f of FORMATS.tex({ proof, report: gradientCheck(proof, { seed: SEED + i }) }, { style: "proof" }))
        writeFileSync(join(dir, f.name), contentText(f.content));
      return pdflatex(dir, "derivation.tex");
    });
    for (const run of await Promise.all(runs)) {
      expect(latexErrors(run.log)).toBe("");
      expect(run.code).toBe(0);
      expect(run.pdf).toBe(true);
    }
  });
});
