// The worked example over a mini-batch (src/check/worked-batch.ts, src/derive/sections/worked-batch.ts):
// its numbers are the oracle's, every step of it is verified at the given batch and a wrong
// number fails, and derive --params with examples writes it with the mini-batch section.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSteps } from "../../src/check/steps.js";
import { batchWorkedValues, withWorkedBatch } from "../../src/check/worked-batch.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof } from "../../src/derive/proof.js";
import * as b from "../../src/expr/build.js";
import type { Batch } from "../../src/network/batch.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { batchPass } from "../../src/oracle/batch.js";
import { run, tempDir, writeJson } from "../cli/helpers.js";

const SPEC = { layers: [2, 2, 2], activation: "sigmoid", loss: "mse" };
const WEIGHTS = {
  "3": { "1": 0.15, "2": 0.2, b: 0.35 },
  "4": { "1": 0.25, "2": 0.3, b: 0.35 },
  "5": { "3": 0.4, "4": 0.45, b: 0.6 },
  "6": { "3": 0.5, "4": 0.55, b: 0.6 },
};
const EXAMPLES = [
  { inputs: [0.05, 0.1], targets: [0.01, 0.99] },
  { inputs: [0.5, -0.3], targets: [0.7, 0.2] },
  { inputs: [-0.2, 0.9], targets: [0.4, 0.6] },
];
// Parameters in network order: w_3_1, w_3_2, w_b_3, w_4_1, ...
const VALUES = [0.15, 0.2, 0.35, 0.25, 0.3, 0.35, 0.4, 0.45, 0.6, 0.5, 0.55, 0.6];
const BATCH: Batch = { examples: EXAMPLES, eta: 0.5, values: VALUES };

const proofOf = (spec: object): Proof => derive(buildNetwork(parseSpec(spec)));

describe("the worked example over a batch", () => {
  it("holds the oracle's numbers: each example's loss, the batch loss before and after the update", () => {
    const proof = proofOf(SPEC);
    const v = batchWorkedValues(proof, { batch: BATCH });
    const pass = batchPass(proof.network, BATCH);
    expect(Math.abs(v.E - pass.E)).toBeLessThan(1e-14);
    EXAMPLES.forEach((_, d) => expect(Math.abs(v.loss(d + 1) - pass.examples[d]!.E)).toBeLessThan(1e-14));
    const after = batchPass(proof.network, { ...BATCH, values: VALUES.map((_, i) => v.update(i)) });
    expect(Math.abs(v.after - after.E)).toBeLessThan(1e-14);
    expect(v.after).toBeLessThan(v.E);
    expect(v.check.failed).toBe(0);
  });

  it.each(["mean", "sum"])("every step of it is verified at the batch (%s); a wrong number fails", (reduction) => {
    const proof = withWorkedBatch(proofOf({ ...SPEC, reduction }), { batch: BATCH });
    const worked = proof.sections.find((s) => s.id === "worked")!;
    const steps = worked.blocks.flatMap((blk) => (blk.kind === "steps" ? [...blk.steps] : []));
    const r = checkSteps(proof, {
      seed: 1,
      points: 1,
      worked: { params: { ...EXAMPLES[0]!, eta: 0.5, values: VALUES }, digits: 6, batch: BATCH },
    });
    expect(r.failed).toBe(0);
    const verified = steps.filter((st) => r.checks.get(st.id)!.status === "verified");
    // All but the given numbers (definitions).
    expect(verified.length).toBe(steps.filter((st) => st.relation !== "define").length);
    // The mini-batch section is now in the notes.
    expect(proof.sections.find((s) => s.id === "batch")!.show).toBeUndefined();
    // The batch loss's result, off in its third digit, fails.
    const result = steps.find((st) => st.lhs.kind === "sym" && st.lhs.name === "E" && st.lhs.idx.length === 0 && st.rhs.kind === "num")!;
    const wrong = {
      ...proof,
      sections: proof.sections.map((s) =>
        s !== worked
          ? s
          : {
              ...s,
              blocks: s.blocks.map((blk) =>
                blk.kind === "steps"
                  ? {
                      ...blk,
                      steps: [...blk.steps].map((st) =>
                        st.id === result.id ? { ...st, rhs: b.num((st.rhs as { value: number }).value * 1.01) } : st,
                      ),
                    }
                  : blk,
              ),
            },
      ),
    };
    const bad = checkSteps(wrong, {
      seed: 1,
      points: 1,
      only: new Set([result.id]),
      worked: { params: { ...EXAMPLES[0]!, eta: 0.5, values: VALUES }, digits: 6, batch: BATCH },
    });
    expect(bad.checks.get(result.id)!.status).toBe("failed");
  });

  it("derive --params with examples writes it, every step checked, in both languages", async () => {
    for (const lang of ["en", "zh-Hant"]) {
      const dir = tempDir();
      const out = join(dir, "out");
      const r = await run(
        "derive",
        writeJson(dir, "s.json", SPEC),
        "--params",
        writeJson(dir, "p.json", { examples: EXAMPLES, eta: 0.5, weights: WEIGHTS }),
        "--format",
        "md",
        "--lang",
        lang,
        "--out",
        out,
      );
      expect(r.code, r.err.join("\n")).toBe(0);
      expect(r.out.join("\n")).toMatch(/0 failed/);
      const md = readFileSync(join(out, "derivation.md"), "utf8");
      expect(md).toContain(lang === "en" ? "A worked example over a mini-batch" : "小批次的計算實例");
      expect(md).toContain(lang === "en" ? "Training on a mini-batch" : "以小批次訓練");
      // Each example a row of the given table; the batch loss as the mean of the three.
      expect(md).toContain("| $3$ | $-0.2$ | $0.9$ | $0.4$ | $0.6$ |");
      expect(md).toMatch(/E &= \\frac\{1\}\{n\} \\sum_\{d=1\}\^\{n\} E_d/);
    }
  });
});
