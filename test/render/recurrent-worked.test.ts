// A recurrent network's worked example and documents at seeded random networks (every hidden
// activation, six output/loss pairs, T = 1 to 6, both lossAt, with and without h0): the numbers the
// example prints equal the independent evaluation (recurrent-oracle.ts) to 1e-9 beyond the
// rounding to 9 digits; every step, the example's vector equations entry by entry, checked with 0
// failed; every formula of the notes and the proof in both languages passes KaTeX strict, and the
// documents compile (pdflatex, xelatex for zh-Hant); the notes of the preset rnn with their default
// example stay within 8 pages.
// Under CI a missing pdflatex, xelatex or pdfinfo fails this file; elsewhere the compilations are skipped.
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exampleParams } from "../../src/check/example.js";
import { gradientCheck } from "../../src/check/gradcheck.js";
import { parseBatch } from "../../src/check/params.js";
import { checkSteps } from "../../src/check/steps.js";
import { withWorkedExample } from "../../src/check/worked.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof } from "../../src/derive/proof.js";
import type { Expr } from "../../src/expr/types.js";
import { buildNetwork } from "../../src/network/graph.js";
import type { Params } from "../../src/network/params.js";
import { parseSpec } from "../../src/network/spec.js";
import { contentText, FORMATS, type OutputFile } from "../../src/render/formats.js";
import { presets } from "../../src/render/presets.js";
import { type Case, randomCase } from "../network/recurrent-cases.js";
import { bptt, forward } from "../network/recurrent-oracle.js";
import { katexError, mdFormulas, tempDir, texFormulas, tool } from "./helpers.js";

const CASES = Array.from({ length: 6 }, (_, i) => randomCase(i));
const LANGS = ["en", "zh-Hant"] as const;
const STYLES = ["notes", "proof"] as const;

const text = (files: OutputFile[], name: string): string => String(contentText(files.find((x) => x.name === name)!.content));

function worked(c: Case, lang: string, digits: number): { proof: Proof; params: Params } {
  const network = buildNetwork(parseSpec(c.spec));
  const batch = parseBatch(network, c.params);
  const params: Params = { ...batch.examples[0]!, eta: batch.eta, values: batch.values };
  return { proof: withWorkedExample(derive(network, { lang }), { params, digits }), params };
}

type Tensor = Extract<Expr, { kind: "tensor" }>;

/** The oracle's value of a result line's left side: a vector at a step, a gradient or an updated matrix, or E. */
function expected(c: Case, lhs: Expr, update: boolean): number[][] | undefined {
  const f = forward(c.sequence);
  const bw = bptt(c.sequence);
  const col = (v: number[] | undefined): number[][] | undefined => v?.map((x) => [x]);
  const shared = (name: string, of: typeof bw.grads): number[][] => {
    const w = of[name as keyof typeof of];
    return Array.isArray(w[0]) ? (w as number[][]) : col(w as number[])!;
  };
  if (lhs.kind === "sym" && lhs.name === "E") return [[f.E]];
  if (lhs.kind === "deriv" && lhs.wrt.kind === "tensor") return shared(lhs.wrt.name, bw.grads);
  if (lhs.kind !== "tensor") return undefined;
  const t = lhs as Tensor;
  if (update) {
    const eta = c.params.eta as number;
    const w = shared(t.name, c.sequence.weights);
    const g = shared(t.name, bw.grads);
    return w.map((row, i) => row.map((x, j) => x - eta * g[i]![j]!));
  }
  const step = t.layer as number;
  const sub = t.idx[0]?.kind === "var" ? t.idx[0].name : "";
  switch (`${t.name}:${sub}`) {
    case "a:":
      return col(f.a[step]);
    case "h:":
      return col(f.h[step]);
    case "o:":
      return col(f.o[step]);
    case "yhat:":
      return col(f.yhat[step]);
    case "delta:h":
      return col(bw.deltaH[step]);
    case "delta:o":
      return col(bw.deltaO[step]);
    default:
      return undefined;
  }
}

const numbersOf = (e: Expr): number[][] =>
  e.kind === "num" ? [[e.value]] : e.kind === "matrix" ? e.rows.map((r) => r.map((x) => (x.kind === "num" ? x.value : Number.NaN))) : [];

describe.each(CASES.map((c) => [c.name, c] as const))("%s", (_, c) => {
  it("the example's numbers equal the independent evaluation; every step checked, 0 failed", () => {
    const { proof, params } = worked(c, "en", 9);
    const section = proof.sections.find((s) => s.id === "worked")!;
    let compared = 0;
    for (const block of section.blocks) {
      if (block.kind !== "steps") continue;
      for (const step of block.steps) {
        if (step.rule !== "simplification") continue;
        const want = expected(c, step.lhs, step.relation === "update");
        expect(want, `a result line of ${step.id} without an oracle value`).toBeDefined();
        const got = numbersOf(step.rhs);
        expect(got.length, step.id).toBe(want!.length);
        want!.forEach((row, i) =>
          row.forEach((w, j) => {
            const v = got[i]![j]!;
            // Half a unit in the 9th significant digit, and 1e-9 relative beyond it.
            const half = Math.abs(w) === 0 ? 0 : 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(w))) - 8);
            if (!(Math.abs(v - w) <= half + 1e-9 * Math.max(1, Math.abs(w)))) expect.fail(`${step.id} (${i + 1},${j + 1}): ${v} vs ${w}`);
            compared++;
          }),
        );
      }
    }
    const l = proof.network.spec.recurrent!;
    // a and h at every step, o and yhat at the loss steps, the deltas, E, five gradients and five updates.
    expect(compared).toBeGreaterThanOrEqual(l.steps * 2 * l.sizes.h + 1);
    const report = checkSteps(proof, { worked: { params, digits: 9 } });
    expect(report.failed).toBe(0);
    expect(report.verified).toBeGreaterThan(0);
  });

  it.each(LANGS)("%s: every formula of the notes and the proof passes KaTeX strict", (lang) => {
    const { proof } = worked(c, lang, 6);
    const input = { proof, report: gradientCheck(proof, { seed: 1, full: false }) };
    for (const style of STYLES) {
      const tex = texFormulas(text(FORMATS.tex(input, { style }), "derivation.tex"));
      const { display, inline } = mdFormulas(text(FORMATS.md(input, { style }), "derivation.md"));
      expect([...tex, ...display, ...inline].map(katexError).filter(Boolean)).toEqual([]);
      expect(text(FORMATS.html(input, { style, assets: "external" }), "derivation.html")).not.toContain("katex-error");
    }
  });
});

const hasTools = tool("pdflatex", ["--version"]) && tool("xelatex", ["--version"]) && tool("pdfinfo", ["-v"]);

function latex(program: string, dir: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(program, ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "derivation.tex"], { cwd: dir });
    child.stdout.on("data", () => undefined);
    child.on("close", resolve);
  });
}

function write(proof: Proof, style: "notes" | "proof"): string {
  const dir = tempDir();
  const input = { proof, report: gradientCheck(proof, { seed: 1, full: false }) };
  for (const f of FORMATS.tex(input, { style })) writeFileSync(join(dir, f.name), contentText(f.content));
  return dir;
}

describe.skipIf(!hasTools)("the recurrent documents with their worked example in LaTeX", { timeout: 600_000 }, () => {
  it("the notes and the proof of the six random networks compile, in English (pdflatex) and zh-Hant (xelatex)", async () => {
    const jobs = CASES.flatMap((c) => LANGS.flatMap((lang) => STYLES.map((style) => ({ c, lang, style }))));
    const codes: (number | null)[] = [];
    // Two at a time: the machine's two cores.
    for (let i = 0; i < jobs.length; i += 2) {
      codes.push(
        ...(await Promise.all(
          jobs
            .slice(i, i + 2)
            .map(({ c, lang, style }) => latex(lang === "en" ? "pdflatex" : "xelatex", write(worked(c, lang, 6).proof, style))),
        )),
      );
    }
    expect(codes).toEqual(jobs.map(() => 0));
  });

  it("the notes of rnn for T = 3 with their default worked example take at most 8 pages, in English and zh-Hant", async () => {
    const pages: number[] = [];
    for (const lang of LANGS) {
      const network = buildNetwork(parseSpec(presets().rnn));
      const proof = withWorkedExample(derive(network, { lang }), { params: exampleParams(network) });
      const dir = write(proof, "notes");
      const program = lang === "en" ? "pdflatex" : "xelatex";
      await latex(program, dir);
      expect(await latex(program, dir)).toBe(0);
      pages.push(Number(/Pages:\s+(\d+)/.exec(spawnSync("pdfinfo", [join(dir, "derivation.pdf")], { encoding: "utf8" }).stdout)?.[1]));
    }
    expect(pages.map((p) => p >= 1 && p <= 8)).toEqual([true, true]);
  });
});

describe("the entry-by-entry check of the example's vector equations can fail", () => {
  it("W in place of its transpose in the hidden state's error term is caught", () => {
    const c = CASES.find((x) => (x.sequence.inputs.length ?? 0) >= 3 && x.sequence.weights.W.length >= 2)!;
    const { proof, params } = worked(c, "en", 9);
    const swap = (e: Expr): Expr => {
      if (e.kind === "transpose" && e.arg.kind === "tensor" && e.arg.name === "W") return e.arg;
      if (e.kind === "matmul" || e.kind === "hadamard") return { ...e, factors: e.factors.map(swap) };
      if (e.kind === "add") return { ...e, terms: e.terms.map(swap) };
      return e;
    };
    const mutant: Proof = {
      ...proof,
      sections: proof.sections.map((s) =>
        s.id !== "worked"
          ? s
          : {
              ...s,
              blocks: s.blocks.map((blk) =>
                blk.kind === "steps" ? { ...blk, steps: [...blk.steps].map((st) => ({ ...st, rhs: swap(st.rhs) })) } : blk,
              ),
            },
      ),
    };
    expect(checkSteps(proof, { worked: { params, digits: 9 } }).failed).toBe(0);
    expect(checkSteps(mutant, { worked: { params, digits: 9 } }).failed).toBeGreaterThan(0);
  });
});
