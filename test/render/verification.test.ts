// What the documents say about their checks: the notes' box typesets the central difference and
// the relative error as formulas, and the CAS sentence counts agreements, disagreements and
// comparisons it could not make, or says after how many comparisons it stopped and why.
import { describe, expect, it } from "vitest";
import { casCrossCheck } from "../../src/check/cas.js";
import { gradientCheck } from "../../src/check/gradcheck.js";
import { checkBox, casSentence } from "../../src/render/context.js";
import { contentText, FORMATS } from "../../src/render/formats.js";
import { toLatex } from "../../src/expr/latex.js";
import { proved } from "./helpers.js";

describe("the gradient-check box", () => {
  it("typesets the central difference and the relative error", () => {
    const maths = checkBox("en").flatMap((c) => ("math" in c ? [toLatex(c.math)] : []));
    expect(maths).toContain("\\frac{E\\left(w + h\\right) - E\\left(w - h\\right)}{2 h}");
    expect(maths.some((m) => m.startsWith("\\frac{\\left|\\frac{\\partial E}{\\partial w} - d\\right|}{"))).toBe(true);
    const proof = proved("seed");
    const report = gradientCheck(proof, { seed: 1 });
    const md = String(contentText(FORMATS.md({ proof, report }, {})[0]!.content));
    expect(md).toContain("$\\frac{E\\left(w + h\\right) - E\\left(w - h\\right)}{2 h}$");
    // No formula is left as plain text.
    expect(md).not.toContain("(E(w + h) - E(w - h))");
  });

  it("is in Traditional Chinese with the same formulas", () => {
    const zh = checkBox("zh-Hant");
    expect(zh.filter((c) => "math" in c).length).toBe(checkBox("en").filter((c) => "math" in c).length);
    expect(zh.some((c) => "text" in c && c.text.includes("中心差分"))).toBe(true);
  });
});

describe("the CAS sentence", () => {
  it("counts agreements and disagreements", async () => {
    const proof = proved("sigmoid-mse");
    const r = await casCrossCheck(proof, { seed: 1 });
    expect(r.checked).toBe(true);
    const sentence = casSentence("en", r);
    expect(sentence).toContain(`${r.agreed} agreed and 0 disagreed`);
    expect(r.agreed).toBe(3 * proof.network.params.length);
    expect(sentence).not.toContain("could not be compared");
  });

  it("says after how many comparisons it stopped, and why", async () => {
    const proof = proved("sigmoid-mse");
    const r = await casCrossCheck(proof, { seed: 1, maxDerivatives: 5 });
    expect(r.checked).toBe(false);
    const sentence = casSentence("en", r);
    expect(r.agreed).toBeGreaterThan(0);
    expect(sentence).toMatch(new RegExp(`stopped after ${r.agreed} comparisons \\(${r.agreed} agreed, 0 disagreed\\): .+\\.$`));
  });
});
