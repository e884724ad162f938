// The checker's reproductions (test/fixtures/checker, README there in the shared cases: what
// `check` did and should do), each run as a user would, with its exit code and every row's
// outcome; and a mutation per regime that only an unexercised branch or saturated end exposes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gradientCheck, type GradientReport } from "../../src/check/gradcheck.js";
import { parseParams } from "../../src/check/params.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof } from "../../src/derive/proof.js";
import * as b from "../../src/expr/build.js";
import type { Expr } from "../../src/expr/types.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { run, tempDir } from "../cli/helpers.js";

const DIR = join(import.meta.dirname, "..", "fixtures", "checker");
const file = (name: string): string => join(DIR, name);
const json = (name: string): unknown => JSON.parse(readFileSync(file(name), "utf8"));

interface Row {
  readonly parameter: string;
  readonly outcome: "compared" | "failed" | "not-compared";
  readonly reason?: string;
  readonly derived: number | null;
  readonly numeric: number | null;
  readonly relError: number | null;
  readonly ratio: number | null;
}

async function check(name: string): Promise<{ code: number; text: string; rows: Row[]; report: Record<string, unknown> }> {
  const args = ["check", file(`${name}.spec.json`), "--params", file(`${name}.params.json`)];
  const text = await run(...args);
  const j = await run(...args, "--json");
  expect(j.code).toBe(text.code);
  const report = JSON.parse(j.out.join("\n")) as Record<string, unknown>;
  const rows = (report.gradients as { rows: Row[] }).rows;
  return { code: text.code, text: text.out.join("\n"), rows, report };
}

const outcomes = (rows: readonly Row[]): Record<string, string> =>
  Object.fromEntries(rows.map((r) => [r.parameter, r.reason === undefined ? r.outcome : `${r.outcome}: ${r.reason}`]));

describe("the checker's reproductions", () => {
  it("nan_gradient_passes: a derived NaN where the true gradient is 0 fails (exit 1)", async () => {
    const r = await check("nan_gradient_passes");
    expect(r.code).toBe(1);
    expect(outcomes(r.rows)).toEqual({
      w_2_1: "failed",
      w_b_2: "failed",
      w_3_2: "not-compared: vacuous",
      w_b_3: "compared",
    });
    expect(r.text).toMatch(/^w_2_1 +NaN .* NO$/m);
    expect(r.text).not.toMatch(/NaN.*yes$/m);
    // The steps whose formula is 0/0 there fail too, never "not compared: overflow".
    const steps = r.report.steps as { failed: number; notCompared: Record<string, number>; failures: { detail: string }[] };
    expect(steps.failed).toBe(4);
    expect(steps.failures.every((f) => / the right side is NaN$/.test(f.detail))).toBe(true);
    expect(steps.notCompared).toEqual({ vacuous: 24 });
  });

  it("overflow_rows: not compared for overflow, no 'yes', no word of a sample (exit 0)", async () => {
    const r = await check("overflow_rows");
    expect(r.code).toBe(0);
    expect(outcomes(r.rows)).toEqual({ w_2_1: "not-compared: overflow", w_b_2: "not-compared: overflow" });
    expect(r.text).not.toMatch(/yes$/m);
    expect(r.text).not.toMatch(/sample/);
    expect(r.text.split("\n").at(-1)).toMatch(/^0 of 2 parameters checked, 0 failed, 2 not compared \(2 overflow\)/);
  });

  it("bce_sat_summary: the step summary counts every outcome; the worked example has no ln(1 - 1)", async () => {
    const r = await check("bce_sat_summary");
    expect(r.code).toBe(0);
    expect(outcomes(r.rows)).toEqual({ w_2_1: "compared", w_b_2: "compared" });
    const s = r.report.steps as {
      total: number;
      verified: number;
      definitions: number;
      failed: number;
      notCompared: Record<string, number>;
    };
    const skipped = Object.values(s.notCompared).reduce((t, n) => t + n, 0);
    expect(skipped).toBeGreaterThan(0);
    expect(s.verified + s.definitions + s.failed + skipped).toBe(s.total);
    expect(r.text).toMatch(new RegExp(`steps: ${s.total} in all: .*, ${skipped} not compared \\(`));
    const out = tempDir();
    const d = await run(
      "derive",
      file("bce_sat_summary.spec.json"),
      "--params",
      file("bce_sat_summary.params.json"),
      "--format",
      "md",
      "--out",
      out,
      "-q",
    );
    expect(d.code).toBe(0);
    const md = readFileSync(join(out, "derivation.md"), "utf8");
    const loss = md.split("\n").filter((l) => l.includes("\\ln\\left(1 -"));
    expect(loss.length).toBeGreaterThan(1);
    for (const l of loss) expect(l).not.toMatch(/\\ln\\left\(1 - 1\\right\)/);
    expect(md).toMatch(/\\ln\\left\(1 - \\frac\{1\}\{e\^\{-40\.5\} \+ 1\}\\right\)/);
  });

  it("vacuous_rows: every row compared with an allowance below its value, or not compared: vacuous", async () => {
    const r = await check("vacuous_rows");
    expect(r.code).toBe(0);
    const counts = { compared: 0, vacuous: 0 };
    for (const row of r.rows) {
      if (row.outcome === "compared") {
        counts.compared++;
        expect(row.ratio).toBeLessThan(1);
      } else {
        expect(row.reason).toBe("vacuous");
        counts.vacuous++;
        expect(row.ratio === null || row.ratio >= 1).toBe(true);
      }
    }
    expect(counts).toEqual({ compared: 90, vacuous: 8 });
    // The rows accepted at relative errors above 1 before: none is compared now.
    expect(r.rows.filter((x) => x.outcome === "compared" && (x.relError ?? Infinity) > 0.1)).toEqual([]);
  });

  it("sat_rows_notchecked: the 38 saturated rows whose derived value rounded to 0 are now compared; the rest not, with the reason; no 'a seeded sample'", async () => {
    const r = await check("sat_rows_notchecked");
    expect(r.code).toBe(0);
    // The sigmoid output's y - t (y within 1e-105 of t = 1) is evaluated as (1 - t) - (1 - y),
    // 1 - y from the net: the gradients of about 1e-105 keep their digits and are compared.
    const o = Object.values(outcomes(r.rows));
    expect(o.filter((x) => x === "compared")).toHaveLength(38);
    expect(o.filter((x) => x === "not-compared: vacuous")).toHaveLength(32);
    expect(r.rows.filter((x) => x.outcome === "compared").every((x) => x.derived !== 0 && x.ratio !== null && x.ratio < 1)).toBe(true);
    expect(r.text).not.toMatch(/a seeded sample/);
    expect(r.text.split("\n").at(-1)).toMatch(/^38 of 70 parameters checked, 0 failed, 32 not compared \(32 vacuous\)/);
    // The seeded points compare what the given one could not.
    const extra = (r.report.gradients as { extra: { checked: number; failed: number } }).extra;
    expect(extra.checked).toBeGreaterThan(200);
    expect(extra.failed).toBe(0);
  });

  it.each(["far_kink", "close_kinks"])("%s: the kinks are found and the correct derivation passes", async (name) => {
    const r = await check(name);
    expect(r.code).toBe(0);
    expect(outcomes(r.rows)).toEqual({ w_2_1: "compared", w_b_2: "compared" });
  });

  it("c1_kink_refused: x |x| at 0 is C^1, f'(0) = 0, and is checked, not refused", async () => {
    const r = await check("c1_kink_refused");
    expect(r.code).toBe(0);
    // At net 0 both gradients are 0: nothing compared there, and said so; the seeded points compare.
    expect(outcomes(r.rows)).toEqual({ w_2_1: "not-compared: vacuous", w_b_2: "not-compared: vacuous" });
    expect(r.rows.every((x) => x.derived === 0)).toBe(true);
    expect((r.report.gradients as { extra: { checked: number } }).extra.checked).toBeGreaterThan(0);
  });

  it("tanh_cancellation: the saturated tanh's gradients within 1e-12 of the 60-digit reference", async () => {
    const r = await run("evaluate", file("tanh_cancellation.spec.json"), "--params", file("tanh_cancellation.params.json"));
    expect(r.code).toBe(0);
    const got = JSON.parse(r.out.join("\n")) as { gradients: Record<string, Record<string, number>> };
    const mp = json("tanh_cancellation.mp.json") as { gradients: Record<string, Record<string, number>> };
    let worst = 0;
    for (const [k, row] of Object.entries(mp.gradients))
      for (const [j, v] of Object.entries(row)) worst = Math.max(worst, Math.abs(got.gradients[k]![j]! - v) / Math.abs(v));
    expect(worst).toBeLessThan(1e-12);
    const c = await check("tanh_cancellation");
    expect(c.code).toBe(0);
    expect(c.rows.every((x) => x.outcome === "compared")).toBe(true);
  });

  it("softmax_group_mixed_bias: derived and checked, every row compared and every step holding (exit 0)", async () => {
    const r = await check("softmax_group_mixed_bias");
    expect(r.code).toBe(0);
    expect(r.rows).toHaveLength(16);
    expect(r.rows.filter((x) => x.outcome !== "compared")).toEqual([]);
    // Node 6 has a bias and node 7 none: the bias rows are node 6's only.
    expect(r.rows.filter((x) => x.parameter.startsWith("w_b_")).map((x) => x.parameter)).toEqual(["w_b_3", "w_b_4", "w_b_5", "w_b_6"]);
    const steps = r.report.steps as { failed: number; verified: number };
    expect(steps.failed).toBe(0);
    expect(steps.verified).toBeGreaterThan(100);
  });
});

/** The proof with every hidden delta's activation-derivative factor(s) replaced. */
function mutated(proof: Proof, wrong: (k: number, factors: readonly Expr[]) => Expr[]): Proof {
  const delta = new Map(proof.results.delta);
  for (const k of proof.network.layers[1]!.nodes) {
    const d = delta.get(k)!;
    if (d.kind !== "mul") throw new Error(`delta_${k} is not a product`);
    delta.set(k, { kind: "mul", factors: wrong(k, d.factors) });
  }
  return { ...proof, results: { ...proof.results, delta } };
}

const y = (k: number): Expr => b.sym("y", b.node(k));
const net = (k: number): Expr => b.sym("net", b.node(k));

/** A 6-6-1 network (49 parameters, above the CAS's limit) with every weight, bias and input set to these. */
function adversarial(activation: unknown, weight: number): { proof: Proof; params: ReturnType<typeof parseParams> } {
  const network = buildNetwork(parseSpec({ layers: [6, 6, 1], activations: [activation, "identity"], loss: "mse" }));
  const weights: Record<string, Record<string, number>> = {};
  for (const k of [7, 8, 9, 10, 11, 12]) weights[k] = { 1: weight, 2: weight, 3: weight, 4: weight, 5: weight, 6: weight, b: weight };
  weights[13] = { 7: 0.3, 8: -0.2, 9: 0.1, 10: 0.4, 11: -0.5, 12: 0.2, b: 0.1 };
  const params = parseParams(network, { inputs: [1, 1, 1, 1, 1, 1], targets: [0.5], eta: 0.1, weights });
  expect(network.params.length).toBe(49);
  return { proof: derive(network), params };
}

const failuresAnywhere = (r: GradientReport): number => r.failed + (r.extra?.failed ?? 0);

describe("a wrong derivative planted in one regime is caught at the seeded points, or the regime is named", () => {
  it("tanh' = 1 - y at a saturated point (all nets 35, y = 1 in double): not compared there, failed at the seeded points", () => {
    const { proof, params } = adversarial("tanh", 5);
    const wrong = mutated(proof, (k, [, ...rest]) => [b.sub(b.ONE, y(k)), ...rest]);
    const given = gradientCheck(wrong, { params });
    expect(given.failed).toBe(0);
    expect(given.rows.filter((x) => x.outcome === "compared").map((x) => x.name)).not.toContain("w_7_1");
    const r = gradientCheck(wrong, { params, points: 3 });
    expect(failuresAnywhere(r)).toBeGreaterThan(0);
    expect(r.extra!.unexercised).toContain("net_7 in the middle of tanh (|net| < 4)");
    // The correct proof passes the same check.
    expect(failuresAnywhere(gradientCheck(proof, { params, points: 3 }))).toBe(0);
  });

  it("leaky-ReLU' = [x > 0] where every net is positive: passes there, fails at the seeded points", () => {
    const { proof, params } = adversarial({ name: "leaky-relu", alpha: 0.1 }, 0.5);
    const wrong = mutated(proof, (k, [, ...rest]) => [b.iverson("gt", net(k), b.ZERO), ...rest]);
    expect(gradientCheck(wrong, { params }).failed).toBe(0);
    const r = gradientCheck(wrong, { params, points: 3 });
    expect(r.extra!.unexercised).toContain("net_7 below the kink of leaky ReLU (alpha = 0.1) at 0");
    expect(r.extra!.unreached).toEqual([]);
    expect(failuresAnywhere(r)).toBeGreaterThan(0);
    expect(failuresAnywhere(gradientCheck(proof, { params, points: 3 }))).toBe(0);
  });

  it("sigmoid' = e^-net / (1 + e^-net)^2, NaN where net < -709: a failure at the given point, not an overflow", () => {
    const { proof, params } = adversarial("sigmoid", -120);
    const e = (k: number): Expr => b.call("exp", [b.neg(net(k))]);
    const wrong = mutated(proof, (k, [, , ...rest]) => [e(k), b.pow(b.add(b.ONE, e(k)), b.num(-2)), ...rest]);
    const r = gradientCheck(wrong, { params });
    const hidden = r.rows.filter((x) => /^w_(7|8|9|10|11|12)_|^w_b_(7|8|9|10|11|12)$/.test(x.name));
    expect(hidden.length).toBe(42);
    for (const row of hidden) {
      expect(Number.isNaN(row.derived)).toBe(true);
      expect(row.outcome).toBe("failed");
    }
    // The correct formula gives 0 there (y (1 - y) underflows), and is not failed.
    expect(gradientCheck(proof, { params }).failed).toBe(0);
  });
});
