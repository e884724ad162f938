// A step whose side is not a number: it fails where every value the formulas read is finite and
// representable (2x^3 / sqrt(x^4) at net 0 is 0/0, though the derivative there is 0); it is not
// compared where the oracle or the formula overflowed by size, or where the formula read a value
// that double precision rounded to an end of its activation's range (a saturated sigmoid's
// y = 1 in 1 / (1 - y)). At saturation the loss written out is compared, not skipped: its
// ln(1 - y) is read from the net (log-sigmoid), and 0 ln(...) is 0.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseParams } from "../../src/check/params.js";
import { checkSteps } from "../../src/check/steps.js";
import { derive } from "../../src/derive/derive.js";
import type { Step } from "../../src/derive/proof.js";
import { children } from "../../src/expr/walk.js";
import type { Expr } from "../../src/expr/types.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";

const DIR = join(import.meta.dirname, "..", "fixtures", "checker");
const load = (name: string) => {
  const network = buildNetwork(parseSpec(JSON.parse(readFileSync(join(DIR, `${name}.spec.json`), "utf8"))));
  const params = parseParams(network, JSON.parse(readFileSync(join(DIR, `${name}.params.json`), "utf8")));
  const proof = derive(network);
  return { proof, params, report: checkSteps(proof, { params }) };
};

const steps = (proof: ReturnType<typeof derive>): Step[] =>
  proof.sections.flatMap((s) => s.blocks.flatMap((bl) => (bl.kind === "steps" ? [...bl.steps] : [])));
const has = (e: Expr, p: (x: Expr) => boolean): boolean => p(e) || children(e).some((c) => has(c, p));
const isLn = (x: Expr): boolean => x.kind === "call" && x.fn === "ln";

describe("a step whose side is not a number", () => {
  it("fails where the values it reads are finite: 0/0 of (sqrt(x^4))' at net 0", () => {
    const { report } = load("nan_gradient_passes");
    expect(report.failed).toBe(4);
    expect(report.failures.map((f) => [f.lhs, f.rhs])).toEqual([
      [0, Number.NaN],
      [0, Number.NaN],
      [0, Number.NaN],
      [0, Number.NaN],
    ]);
    expect(report.notCompared.overflow).toBeUndefined();
    expect(report.notCompared.unrepresentable).toBeUndefined();
  });

  it("at saturation (sigmoid with binary cross-entropy, net 40.5, t = 0): no failure; the loss written out compared", () => {
    const { proof, report } = load("bce_sat_summary");
    expect(report.failures).toEqual([]);
    // E = -(t_2 ln y_2 + (1 - t_2) ln(1 - y_2)): y_2 is 1 in double precision, ln(1 - y_2) is not.
    const loss = steps(proof).filter(
      (s) =>
        s.lhs.kind === "sym" &&
        s.lhs.name === "E" &&
        has(s.rhs, isLn) &&
        s.forall.length === 0 &&
        report.checks.get(s.id)?.status !== "definition",
    );
    expect(loss.length).toBeGreaterThan(0);
    for (const s of loss) expect(report.checks.get(s.id)?.status, s.id).toBe("verified");
    // 1 / (1 - y_2) with y_2 rounded to 1: not compared, for that reason, never failed.
    expect(report.notCompared.unrepresentable).toBeGreaterThan(0);
    const reasons = [...report.checks.values()].filter((c) => c.status === "unchecked").map((c) => c.reason);
    expect(reasons).toContain("unrepresentable");
  });

  it("a formula that overflows by size while the oracle is finite is not compared (softmax's lemma at nets of 1000)", () => {
    const network = buildNetwork(parseSpec({ layers: [1, 3], activations: ["softmax"], loss: "cross-entropy" }));
    const params = parseParams(network, {
      inputs: [1],
      targets: [0, 1, 0],
      eta: 0.1,
      weights: { 2: { 1: 1000, b: 0 }, 3: { 1: 0, b: 0 }, 4: { 1: -1000, b: 0 } },
    });
    const report = checkSteps(derive(network), { params });
    expect(report.failures).toEqual([]);
    expect(report.notCompared.overflow).toBeGreaterThan(0);
  });
});
