// Every formula a user may write prints as valid math in every format: 500 random formulas of the
// whitelist grammar (weighted towards e, exp(1) and powers, which once printed as e^{1}^{x}) as
// custom activations, each through HTML (KaTeX strict renders every formula, throwing on any
// error), Markdown (every $...$ and $$ block through KaTeX strict) and LaTeX (pdflatex compiles
// them, the fragments of many networks batched into a few documents).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive/derive.js";
import { FUNCTION_NAMES } from "../../src/rules/formula.js";
import { rng, type Rng } from "../../src/oracle/rng.js";
import { contentText, FORMATS } from "../../src/render/formats.js";
import { katexError, latexErrors, mdFormulas, networkOf, pdflatex, tempDir, tool } from "./helpers.js";

const FORMULAS = 500;
/** Formulas per network: one output node each, all fed by the one input. */
const PER_NETWORK = 25;
/** Networks per LaTeX document. */
const PER_DOCUMENT = 5;

/** A random formula of the grammar in x. */
function formula(r: Rng, depth = 0): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  if (depth >= 3 || r() < 0.2) return pick(["x", "x", "e", "pi", "exp(1)", "2", "0.5", "3"]);
  const sub = (): string => formula(r, depth + 1);
  switch (Math.floor(r() * 7)) {
    case 0:
      return `${sub()} ${pick(["+", "-", "*", "/"])} ${sub()}`;
    case 1:
      return `(${sub()})^${pick(["2", "x", "e", "(-1)", "0.5", `(${sub()})`])}`;
    case 2:
      return `${pick(["e", "exp(1)", "2", "pi"])}^${pick(["x", "(-x)", `(${sub()})`])}`;
    case 3:
      return `-${sub()}`;
    case 4:
      return `${pick(["e", "pi", "e^x", "exp(1)^2"])} * ${sub()}`;
    default:
      return `${pick(FUNCTION_NAMES)}(${sub()})`;
  }
}

const r = rng(26);
const formulas = Array.from({ length: FORMULAS }, () => formula(r));
const specs = Array.from({ length: FORMULAS / PER_NETWORK }, (_, n) => {
  const mine = formulas.slice(n * PER_NETWORK, (n + 1) * PER_NETWORK);
  return {
    inputs: 1,
    nodes: mine.map((custom) => ({ from: [1], activation: { custom } })),
    outputs: mine.map((_, i) => i + 2),
    loss: "mse",
  };
});
const proofs = specs.map((spec) => derive(networkOf(spec), { lang: "en" }));
const hasLatex = tool("pdflatex", ["--version"]);

describe(`${FORMULAS} random formulas as custom activations`, () => {
  it("render in HTML, KaTeX strict accepting every formula", () => {
    for (const [n, proof] of proofs.entries()) {
      const page = FORMATS.html({ proof }, { fragment: true }).find((f) => f.name.endsWith(".html"))!;
      // The page is rendered as it is read: reading it runs KaTeX on every formula.
      expect(String(contentText(page.content)), `network ${n}`).toContain('class="katex"');
    }
  });

  it("write Markdown whose every formula KaTeX strict accepts", () => {
    let checked = 0;
    for (const [n, proof] of proofs.entries()) {
      const md = FORMATS.md({ proof }, { fragment: true }).find((f) => f.name.endsWith(".md"))!;
      const { display, inline } = mdFormulas(String(contentText(md.content)));
      for (const f of [...display, ...inline]) {
        expect(katexError(f), `network ${n}: ${formulas.slice(n * PER_NETWORK, (n + 1) * PER_NETWORK).join(" ; ")}`).toBeUndefined();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(FORMULAS);
  });

  it.skipIf(!hasLatex)("write LaTeX that pdflatex compiles", { timeout: 300_000 }, async () => {
    const root = tempDir();
    const documents: string[] = [];
    for (let d = 0; d * PER_DOCUMENT < proofs.length; d++) {
      const inputs: string[] = [];
      for (const [i, proof] of proofs.slice(d * PER_DOCUMENT, (d + 1) * PER_DOCUMENT).entries()) {
        const dir = join(root, `n${d}-${i}`);
        mkdirSync(dir);
        for (const f of FORMATS.tex({ proof }, { fragment: true })) writeFileSync(join(dir, f.name), contentText(f.content));
        inputs.push(`\\input{n${d}-${i}/derivation.fragment}`, "\\clearpage");
      }
      const file = `batch${d}.tex`;
      const preamble = ["\\documentclass{article}", "\\usepackage{amsmath,amssymb,booktabs,tikz}", "\\begin{document}"];
      writeFileSync(join(root, file), [...preamble, ...inputs, "\\end{document}", ""].join("\n"));
      documents.push(file);
    }
    // Two at a time: the machine has two cores.
    for (let d = 0; d < documents.length; d += 2) {
      const runs = await Promise.all(documents.slice(d, d + 2).map((f) => pdflatex(root, f)));
      for (const [i, run] of runs.entries()) {
        expect(latexErrors(run.log), `pdflatex errors in ${documents[d + i]}`).toBe("");
        expect(run.code).toBe(0);
        expect(run.pdf).toBe(true);
      }
    }
  });
});
