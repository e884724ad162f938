// The CAS cross-check (src/check/cas.ts): nerdamer-prime's derivatives of E, written from the
// network graph, agree with the engine's gradients on the presets and on seeded random networks
// with every activation and loss; a corrupted gradient is caught; large networks are refused.
import { describe, expect, it } from "vitest";
import { CAS_MAX_PARAMS, CasTooLarge, CasUnsupported, casCrossCheck, casLoss, casText } from "../../src/check/cas.js";
import type { CasReport } from "../../src/check/cas-report.js";
import { compileCas } from "../../src/check/cas-eval.js";
import { forwardPass } from "../../src/oracle/forward.js";
import { randomParams } from "../../src/oracle/random.js";
import { rng, type Rng } from "../../src/oracle/rng.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof } from "../../src/derive/proof.js";
import * as b from "../../src/expr/build.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";

const proofOf = (spec: unknown): Proof => derive(buildNetwork(parseSpec(spec)));

const failures = (r: CasReport): string =>
  `${r.reason ?? ""} ${r.rows
    .filter((x) => !x.ok)
    .slice(0, 4)
    .map((x) => `${x.name}: cas ${x.cas}, derived ${x.derived}, suspect ${x.suspect}`)
    .join("; ")}`;

async function expectAgrees(spec: unknown, seed = 1): Promise<CasReport> {
  const report = await casCrossCheck(proofOf(spec), { seed });
  const what = `${JSON.stringify(spec)}: ${failures(report)}`;
  expect(report.checked, what).toBe(true);
  expect(report.failed, what).toBe(0);
  expect(report.points).toBe(3);
  expect(report.rows).toHaveLength(report.params * 3);
  expect(report.agreed).toBe(report.rows.length);
  expect(report.disagreed).toEqual([]);
  expect(report.derivatives).toBeLessThanOrEqual(report.budget);
  for (const row of report.rows) {
    expect(row.ok, `${what} ${row.name}`).toBe(true);
    expect(Number.isFinite(row.cas) && Number.isFinite(row.derived)).toBe(true);
  }
  return report;
}

/** A copy of the proof whose gradient of parameter i is scaled: the data is plain. */
function corrupt(proof: Proof, i: number, factor: number): Proof {
  const params = [...proof.results.params].map((r, n) => (n === i ? { ...r, gradient: b.mul(b.num(factor), r.gradient) } : r));
  return { ...proof, results: { ...proof.results, params } };
}

describe("the presets", () => {
  it.each([
    { layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" },
    { layers: [3, 2, 2], activation: "sigmoid", loss: "mse" },
    { layers: [3, 2, 2], activation: "tanh", loss: "mse" },
    { layers: [3, 2, 2], activation: "sigmoid", loss: "binary-cross-entropy" },
    { layers: [2, 3, 3, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" },
  ])("agree with the CAS: %j", async (spec) => {
    const report = await expectAgrees(spec);
    expect(report.mode).toBe("numeric");
    expect(report.worst).toBeLessThan(1e-8);
  });

  it("say how relu kinks were handled", async () => {
    const report = await expectAgrees({ layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" });
    expect(report.notes.join(" ")).toMatch(/branch/);
  });
});

describe("the symbolic mode", () => {
  it.each([
    { layers: [2, 2, 1], activation: "identity", loss: "mse" },
    { layers: [3, 2, 2], activation: "relu", outputActivation: "identity", loss: "mse" },
    { layers: [2, 2, 2], activation: { name: "leaky-relu", alpha: 0.2 }, outputActivation: "relu", loss: "sse" },
  ])("proves every gradient of a polynomial network: %j", async (spec) => {
    const report = await expectAgrees(spec);
    expect(report.mode).toBe("symbolic");
    expect(report.rows.every((r) => r.symbolic === true)).toBe(true);
  });
});

const HIDDEN: unknown[] = [
  "identity",
  "sigmoid",
  "tanh",
  "relu",
  { name: "leaky-relu", alpha: 0.1 },
  "softplus",
  { custom: "x^3/3 + sin(x)" },
  { custom: "x/(1 + abs(x))" },
  { custom: "x*sigmoid(x) + relu(x)/4" },
];
/** Output activation and loss, chosen so that E is defined (logs of outputs in (0, 1)). */
const HEADS: [unknown, unknown][] = [
  ["identity", "mse"],
  ["tanh", "sse"],
  ["sigmoid", "binary-cross-entropy"],
  ["softmax", "cross-entropy"],
  ["softplus", { custom: "sqrt(1 + (y - t)^2) - 1" }],
  ["relu", "mse"],
  [{ name: "leaky-relu", alpha: 0.3 }, "sse"],
  [{ custom: "exp(-x^2) + ln(2 + x^2)" }, { custom: "(y - t)^4 + log(1 + (y - t)^2)" }],
  ["sigmoid", "cross-entropy"],
  ["softmax", "mse"],
];

/** Depth 2 to 4, widths 1 to 3; every head once and every hidden activation at least once. */
function randomSpecs(r: Rng): unknown[] {
  const specs: unknown[] = [];
  let hiddenUsed = 0;
  for (let n = 0; n < HEADS.length || hiddenUsed < HIDDEN.length; n++) {
    const depth = 2 + Math.floor(r() * 3);
    const [head, loss] = HEADS[n % HEADS.length]!;
    const layers = Array.from({ length: depth }, () => 1 + Math.floor(r() * 3));
    if (head === "softmax") layers[depth - 1] = Math.max(2, layers[depth - 1]!);
    const hidden = Array.from({ length: depth - 2 }, () => HIDDEN[hiddenUsed++ % HIDDEN.length]);
    specs.push({ layers, activations: [...hidden, head], loss });
  }
  return specs;
}

describe("seeded random networks", () => {
  const specs = randomSpecs(rng(2024));
  it("cover every activation and loss", () => {
    const used = JSON.stringify(specs);
    for (const a of [...HIDDEN, ...HEADS.flat()]) expect(used).toContain(JSON.stringify(a));
  });
  it.each(specs.map((s, n) => [n, s] as const))("network %i agrees with the CAS: %j", async (n, spec) => {
    await expectAgrees(spec, 100 + n);
  });
});

describe("nerdamer-prime's own bugs", () => {
  it("are worked around: sqrt squared downstream, softmax quotients", async () => {
    // nerdamer differentiates sqrt(u)^2 into a fourth root, and e^a/(e^a+e^b) into (e^a+e^b)^(-1+a).
    await expectAgrees({
      layers: [1, 1, 3, 1],
      activations: [{ custom: "sqrt(1 + x^2)" }, "leaky-relu", { custom: "x^2" }],
      loss: { custom: "abs(y - t)^3" },
      alpha: 0.05,
    });
    await expectAgrees({ layers: [2, 3, 4], activation: "tanh", outputActivation: "softmax", loss: "cross-entropy" });
  });
});

describe("a wrong gradient", () => {
  it("is caught, and the engine is named as the suspect", async () => {
    const proof = proofOf({ layers: [3, 2, 2], activation: "sigmoid", loss: "mse" });
    const report = await casCrossCheck(corrupt(proof, 0, 2), { seed: 1 });
    expect(report.checked).toBe(true);
    expect(report.failed).toBe(3);
    expect(report.disagreed).toEqual(["w_4_1 @1", "w_4_1 @2", "w_4_1 @3"]);
    expect(report.agreed).toBe(report.rows.length - 3);
    const bad = report.rows.filter((x) => !x.ok);
    expect(bad.map((x) => x.name)).toEqual(["w_4_1 @1", "w_4_1 @2", "w_4_1 @3"]);
    for (const row of bad) {
      expect(row.suspect).toBe("engine");
      expect(row.derived).toBeCloseTo(2 * row.cas, 10);
    }
  });

  it("is not proved by the symbolic mode either", async () => {
    const proof = proofOf({ layers: [2, 2, 1], activation: "identity", loss: "mse" });
    const report = await casCrossCheck(corrupt(proof, 6, 1 + 1e-6), { seed: 3 });
    expect(report.mode).toBe("mixed");
    expect(report.rows.filter((x) => !x.ok).map((x) => x.name)).toEqual(["w_5_3 @1", "w_5_3 @2", "w_5_3 @3"]);
    expect(report.rows.filter((x) => x.symbolic)).toHaveLength(3 * 8);
  });
});

describe("limits", () => {
  it(`refuses networks of more than ${CAS_MAX_PARAMS} parameters`, async () => {
    expect(CAS_MAX_PARAMS).toBeGreaterThanOrEqual(40);
    const proof = proofOf({ layers: [1, 10, 2], activation: "tanh", loss: "mse" });
    expect(proof.network.params.length).toBeGreaterThan(CAS_MAX_PARAMS);
    await expect(casCrossCheck(proof)).rejects.toThrow(CasTooLarge);
  });

  it("counts its budget in derivatives: past it, not made (too large), never a disagreement", async () => {
    const report = await casCrossCheck(proofOf({ layers: [2, 2, 2], activation: "tanh", loss: "mse" }), { maxDerivatives: 3 });
    expect(report.checked).toBe(false);
    expect(report.notMade).toBe("too large");
    expect(report.reason).toMatch(/budget of 3 derivatives/);
    expect(report.derivatives).toBe(3);
    expect(report.disagreed).toEqual([]);
    expect(report.failed).toBe(0);
  });

  it("reports its wall-clock stop as not made (timed out), never as a disagreement", async () => {
    const report = await casCrossCheck(proofOf({ layers: [2, 2, 2], activation: "tanh", loss: "mse" }), { timeoutMillis: -1 });
    expect(report.notMade).toBe("timed out");
    expect(report.failed).toBe(0);
  });

  it("gives the same verdict, row for row, whatever the budget in time", async () => {
    const proof = proofOf({ layers: [2, 2, 2], activation: "sigmoid", loss: "mse" });
    const a = await casCrossCheck(proof, { seed: 5 });
    const b = await casCrossCheck(proof, { seed: 5, timeoutMillis: 10 * 60_000 });
    expect(b.rows.map((r) => [r.name, r.status, r.cas])).toEqual(a.rows.map((r) => [r.name, r.status, r.cas]));
  });
});

describe("the formulas", () => {
  it("write E from the graph, with nerdamer-safe names, and mean the oracle's E", () => {
    for (const spec of [
      { layers: [1, 1, 1], activation: "identity", loss: "mse" },
      { layers: [2, 2, 2], activation: "tanh", outputActivation: "softmax", loss: "cross-entropy" },
      { layers: [2, 3, 1], activation: { custom: "relu(x) - e^x / 4" }, outputActivation: "sigmoid", loss: "binary-cross-entropy" },
    ]) {
      const network = buildNetwork(parseSpec(spec));
      const text = casLoss(network, new Map());
      expect(text).toMatch(/w\d+_\d+/);
      const p = randomParams(network, rng(3));
      const scope: Record<string, number> = { ee: Math.E };
      network.params.forEach((q, i) => (scope[q.from === "b" ? `wb_${q.to}` : `w${q.to}_${q.from}`] = p.values[i]!));
      network.inputs.forEach((n, i) => (scope[`x_${n}`] = p.inputs[i]!));
      network.outputs.forEach((n, i) => (scope[`t_${n}`] = p.targets[i]!));
      expect(compileCas(text)(scope)).toBeCloseTo(forwardPass(network, p).E, 12);
    }
  });

  it("translate our functions by their CAS form and refuse others", () => {
    expect(casText(b.sub(b.call("relu", [b.sym("x")]), b.call("exp", [b.sym("x")])), (n) => (n === "x" ? "u" : undefined))).toBe(
      "(((((u))+abs((u)))/2)+((-1)*(ee^((u)))))",
    );
    expect(() => casText(b.call("cosh", [b.sym("x")]), () => "u")).toThrow(CasUnsupported);
  });
});
