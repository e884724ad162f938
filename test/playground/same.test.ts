// The comparison that the browser tests rely on can fail: it finds a changed word, a changed
// number, a missing key and a changed step, and forgives only the last bits of a check's figures.
import { describe, expect, it } from "vitest";
import { buildNetwork, checkSteps, contentText, derive, FORMATS, gradientCheck, parseSpec } from "../../src/index.js";
import { derivationDifference, jsonDifference, maskRelativeErrors } from "./same.js";

describe("comparing documents made by two engines", () => {
  it("finds every kind of difference but the figures of a check", () => {
    expect(jsonDifference({ a: [1, "x"], b: true }, { b: true, a: [1, "x"] })).toBeUndefined();
    expect(jsonDifference({ a: 1 }, { a: 1 + 1e-9 })).toBeUndefined();
    expect(jsonDifference({ a: 1 }, { a: 1.001 })).toBe("$.a: 1 and 1.001");
    expect(jsonDifference({ a: "y_k - t_k" }, { a: "y_k + t_k" })).toMatch(/^\$\.a: /);
    expect(jsonDifference({ a: 1, b: 2 }, { a: 1 })).toMatch(/keys/);
    expect(jsonDifference([1, 2], { 0: 1, 1: 2 })).toMatch(/array/);
    expect(jsonDifference({ a: null }, { a: 0 })).toMatch(/^\$\.a/);
    expect(jsonDifference("largest relative error 5.64e-10", "largest relative error 5.96e-10")).toBeUndefined();
    expect(jsonDifference("largest relative error 5.64e-10", "largest relative error 5.96e-10 (failed)")).toBeDefined();
    expect(maskRelativeErrors("2.48e-10 and 1e+5 but not w_1e or 0.5")).toBe("# and # but not w_1e or 0.5");
  });

  it("reads derivation.json back step by step: a changed step is found, a differently shared check is not", () => {
    const proof = derive(buildNetwork(parseSpec({ layers: [2, 2, 1] })));
    const steps = checkSteps(proof, { seed: 1 });
    const report = gradientCheck(proof, { seed: 1 });
    const text = String(contentText(FORMATS.json({ proof, report, steps, stepChecks: steps.checks }, {})[0]!.content));
    expect(derivationDifference(text, text)).toBeUndefined();
    const doc = JSON.parse(text);
    const block = doc.sections
      .flatMap((s: { blocks: Record<string, unknown>[] }) => s.blocks)
      .find(
        (b: Record<string, unknown>) =>
          b.kind === "steps" && b.check !== undefined && Array.isArray(b.steps) && (b.steps as unknown[]).length > 1,
      );
    expect(block).toBeDefined();
    // The block's shared check written out on each of its steps instead: the same document.
    const spread = structuredClone(doc);
    const same = spread.sections
      .flatMap((s: { blocks: Record<string, unknown>[] }) => s.blocks)
      .find((b: Record<string, unknown>) => b.kind === "steps" && JSON.stringify(b) === JSON.stringify(block));
    for (const s of same.steps) s.check ??= same.check;
    expect(derivationDifference(JSON.stringify(spread), text)).toBeUndefined();
    // One right-hand side changed: found.
    const changed = structuredClone(doc);
    const step = changed.sections
      .flatMap((s: { blocks: Record<string, unknown>[] }) => s.blocks)
      .find((b: Record<string, unknown>) => b.kind === "steps" && Array.isArray(b.steps))
      .steps.find((s: Record<string, unknown>) => s.rhs !== undefined);
    step.rhs = { ...step.rhs, latex: `${step.rhs.latex} + 1` };
    expect(derivationDifference(JSON.stringify(changed), text)).toMatch(/rhs\.latex/);
  });
});
