// Every step of a proof checked numerically (src/check/steps.ts): every preset and seeded random
// networks of every activation and loss pass with both methods, definitions are reported as
// such, kinks make the checker redraw (or say clearly that it cannot), and bad input to the
// check flags exits 2 naming the field.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KinkError } from "../../src/check/gradcheck.js";
import { incrementalPass } from "../../src/oracle/incremental.js";
import { forwardPass, type Override } from "../../src/oracle/forward.js";
import { paramIndex, randomParams, type Params } from "../../src/check/params.js";
import { rng, type Rng } from "../../src/oracle/rng.js";
import { checkSteps } from "../../src/check/steps.js";
import type { StepReport } from "../../src/check/step-report.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof, Step } from "../../src/derive/proof.js";
import { buildNetwork, type Network } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import * as b from "../../src/expr/build.js";
import { PRESET_DIR } from "../../src/cli/spec-input.js";
import { files, run, tempDir, writeJson } from "../cli/helpers.js";
import { LOSS_NAMES } from "../rules/names.js";

const PRESETS = ["seed", "sigmoid-mse", "tanh-mse", "deep-relu", "sigmoid-bce"];
const ACTIVATIONS: unknown[] = [
  "identity",
  "sigmoid",
  "tanh",
  "relu",
  "leaky-relu",
  "softplus",
  "softmax",
  { custom: "x^3/3 + x" },
  { custom: "x / (1 + x^2)" },
];
const LOSSES: unknown[] = [...LOSS_NAMES, { custom: "(y - t)^4" }];
const METHODS = ["central", "complex-step"] as const;

const proofOf = (spec: unknown): Proof => derive(buildNetwork(parseSpec(spec)));
const steps = (p: Proof): Step[] => p.sections.flatMap((s) => s.blocks.flatMap((blk) => (blk.kind === "steps" ? [...blk.steps] : [])));
const failuresOf = (r: StepReport): string =>
  r.failures
    .slice(0, 3)
    .map((f) => `${f.step} ${f.where} point ${f.point}: ${f.lhs} vs ${f.rhs} (${f.reason ?? f.error})`)
    .join("; ");

/** A softmax layer of one node outputs 1 whatever its input: every gradient through it is 0. */
const constantSoftmax = (proof: Proof): boolean => proof.network.layers.some((l) => l.activation?.id === "softmax" && l.nodes.length === 1);

function expectAllPass(proof: Proof, r: StepReport, what: string): void {
  expect(r.failed, `${what}: ${failuresOf(r)}`).toBe(0);
  expect(r.total).toBe(steps(proof).length);
  // Steps that are 0 = 0 at every point compare nothing, and say so; only where the loss cannot
  // depend on what they differentiate.
  const vacuous = r.notCompared.vacuous ?? 0;
  if (!constantSoftmax(proof)) expect(vacuous, what).toBe(0);
  expect(r.verified + r.definitions + vacuous).toBe(r.total);
  expect(r.verified).toBeGreaterThan(0);
  for (const c of r.checks.values()) {
    if (c.status === "verified") {
      expect(c.points).toBeGreaterThanOrEqual(3);
      expect(c.maxRelError).toBeLessThanOrEqual(r.tolerance);
    } else expect(c.points).toBe(0);
  }
}

/** Depth 2 to 4 layers, widths 1 to 4; targets that fit the loss need a fitting output. */
function randomSpec(r: Rng, n: number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const layers = Array.from({ length: 2 + Math.floor(r() * 3) }, () => 1 + Math.floor(r() * 4));
  // Every activation and loss in turn, so that each one appears; the rest at random.
  const activations = layers.slice(1).map((_, l) => (l === 0 ? ACTIVATIONS[n % ACTIVATIONS.length] : pick(ACTIVATIONS)));
  const loss = LOSSES[n % LOSSES.length];
  if (loss === "binary-cross-entropy") activations[activations.length - 1] = "sigmoid";
  if (loss === "cross-entropy" && activations.at(-1) !== "softmax") activations[activations.length - 1] = pick(["softmax", "sigmoid"]);
  return { layers, activations, loss };
}

describe("every step is verified or a definition", () => {
  for (const preset of PRESETS) {
    for (const method of METHODS) {
      it(`preset ${preset}, ${method}`, () => {
        const proof = proofOf(presetSpec(preset));
        expectAllPass(proof, checkSteps(proof, { method, seed: 3 }), preset);
      });
    }
  }

  it("seeded random networks of every activation and loss, with both methods", () => {
    const r = rng(42);
    const seen = new Set<string>();
    for (let n = 0; n < 18; n++) {
      const spec = randomSpec(r, n);
      const proof = proofOf(spec);
      for (const l of proof.network.layers.slice(1)) seen.add(l.activation!.id === "custom" ? l.activation!.title : l.activation!.id);
      seen.add(proof.network.loss.id);
      for (const method of METHODS) expectAllPass(proof, checkSteps(proof, { method, seed: n + 1 }), `${JSON.stringify(spec)} ${method}`);
    }
    for (const a of [
      "identity",
      "sigmoid",
      "tanh",
      "relu",
      "leaky-relu",
      "softplus",
      "softmax",
      "custom: x^3/3 + x",
      "custom: x / (1 + x^2)",
    ])
      expect(seen).toContain(a);
    for (const l of [...LOSS_NAMES, "custom"]) expect(seen).toContain(l);
  });
});

/** The presets as shipped in templates/networks. */
const presetSpec = (name: string): unknown => JSON.parse(readFileSync(join(PRESET_DIR, `${name}.json`), "utf8"));

describe("what each check reports", () => {
  const proof = proofOf(presetSpec("seed"));
  const r = checkSteps(proof, { seed: 1 });
  const byId = new Map(steps(proof).map((s) => [s.id, s]));

  it("definitions and notation say so, and are never claimed as checks", () => {
    for (const [id, c] of r.checks) {
      const s = byId.get(id)!;
      if (s.relation === "define") expect(c).toMatchObject({ status: "definition", method: "definition", points: 0 });
      if (s.rule === "notation") expect(c.status).toBe("definition");
      if (s.lhs.kind === "tensor") expect(c.status).toBe("definition");
    }
  });

  it("delta_k = dE/dnet_k is checked for every node, by finite differences", () => {
    const defs = steps(proof).filter(
      (s) => s.relation === "eq" && s.lhs.kind === "sym" && s.lhs.name === "delta" && s.rhs.kind === "deriv",
    );
    expect(defs.length).toBeGreaterThan(0);
    for (const s of defs) expect(r.checks.get(s.id)).toMatchObject({ status: "verified", method: "central-difference" });
    const nodes = defs.flatMap((s) => (s.forall[0]?.set.kind === "nodes" ? s.forall[0].set.nodes : []));
    for (const n of [4, 5, 6, 7]) expect(nodes).toContain(n);
  });

  it("index-form steps count every binding at every point", () => {
    const s = steps(proof).find((x) => x.forall.length === 2 && x.relation === "eq")!;
    expect(r.checks.get(s.id)!.points % r.points).toBe(0);
    expect(r.checks.get(s.id)!.points).toBeGreaterThan(r.points);
  });

  it("complex steps are exact where the network is analytic, and central differences take over through relu", () => {
    const smooth = proofOf({ layers: [3, 3, 2], activation: "tanh", outputActivation: "softmax", loss: "cross-entropy" });
    const c = checkSteps(smooth, { method: "complex-step" });
    const derivs = [...c.checks.values()].filter((x) => x.method !== "evaluation" && x.status === "verified");
    expect(derivs.length).toBeGreaterThan(0);
    for (const x of derivs) {
      expect(x.method).toBe("complex-step");
      expect(x.maxRelError).toBeLessThan(1e-12);
    }
    const mixed = checkSteps(proof, { method: "complex-step" });
    const methods = new Set([...mixed.checks.values()].map((x) => x.method));
    expect(methods).toContain("complex-step");
    expect([...methods].some((m) => m.includes("central-difference"))).toBe(true);
  });

  it("a wrong step fails, with the binding and both sides", () => {
    const s = steps(proof).find((x) => x.rule === "linearity" && x.forall.length === 2)!;
    const wrong: Proof = {
      ...proof,
      sections: proof.sections.map((sec) => ({
        ...sec,
        blocks: sec.blocks.map((blk) =>
          blk.kind === "steps" ? { ...blk, steps: [...blk.steps].map((x) => (x.id === s.id ? { ...x, rhs: b.neg(x.rhs) } : x)) } : blk,
        ),
      })),
    };
    const bad = checkSteps(wrong, { only: new Set([s.id]) });
    expect(bad.failed).toBe(1);
    expect(bad.checks.get(s.id)!.status).toBe("failed");
    expect(bad.checks.get(s.id)!.detail).toMatch(/^k=\d+, j=\d+, point \d+: the left side is .* but the right side is/);
  });
});

/** Params with node 4's weights and bias all 0: its net is exactly at relu's kink. */
function atKink(network: Network, r: Rng): Params {
  const p = randomParams(network, r);
  const index = paramIndex(network);
  const values = [...p.values];
  for (const [k, i] of index) if (k.startsWith("4:")) values[i] = 0;
  return { ...p, values };
}

describe("kinks", () => {
  const proof = proofOf(presetSpec("seed"));

  it("a point whose difference steps cross a relu kink is redrawn", () => {
    const r = checkSteps(proof, { draw: (g, attempt) => (attempt === 0 ? atKink(proof.network, g) : randomParams(proof.network, g)) });
    expect(r.redraws).toBeGreaterThanOrEqual(1);
    expect(r.failed).toBe(0);
  });

  it("a network with no usable point says so instead of looping", () => {
    expect(() => checkSteps(proof, { draw: (g) => atKink(proof.network, g) })).toThrow(KinkError);
    expect(() => checkSteps(proof, { draw: (g) => atKink(proof.network, g) })).toThrow(
      /no point at which every step can be checked was found in 50 draws: .*net_4 = 0\.000 across the kink of ReLU at 0/,
    );
  });

  it("params at a kink cannot be checked, and the CLI says why (exit 1)", async () => {
    const params = atKink(proof.network, rng(5));
    expect(() => checkSteps(proof, { params })).toThrow(/at the given params/);
    const dir = tempDir();
    const weights: Record<string, Record<string, number>> = {};
    proof.network.params.forEach((q, i) => ((weights[q.to] ??= {})[String(q.from)] = params.values[i]!));
    const file = writeJson(dir, "p.json", { inputs: params.inputs, targets: params.targets, eta: params.eta, weights });
    const out = await run("check", "seed", "--params", file);
    expect(out.code).toBe(1);
    expect(out.err).toHaveLength(1);
    expect(out.err[0]).toMatch(/kink of ReLU at 0.*give params away from it/);
  });

  it("relu nodes are seen on both sides of their kinks", () => {
    const r = checkSteps(proofOf(presetSpec("deep-relu")), { seed: 2 });
    expect(r.uncovered).toEqual([]);
    expect(r.points).toBeGreaterThanOrEqual(3);
  });
});

describe("the incremental oracle", () => {
  it("recomputes only downstream, and agrees with a full forward pass", () => {
    const specs: unknown[] = [
      { layers: [3, 4, 3, 2], activations: ["relu", "softmax", "sigmoid"], loss: "mse" },
      { layers: [2, 3, 3], activation: "tanh", outputActivation: "softmax", loss: "cross-entropy" },
      { layers: [3, 3, 3, 2], activations: ["relu", "leaky-relu", "softmax"], loss: "cross-entropy" },
    ];
    for (const spec of specs) {
      const network = proofOf(spec).network;
      const p = randomParams(network, rng(3));
      const base = forwardPass(network, p);
      const overrides: Override[] = [
        ...network.params.map((_, i) => ({ param: { index: i, value: p.values[i]! + 0.3 } })),
        ...network.inputs.map((n) => ({ input: { node: n, value: 0.3 } })),
        ...network.nodes
          .slice(1)
          .filter((n) => n.layer > 0)
          .flatMap((n) => [{ net: { node: n.id, value: -0.2 } }, { y: { node: n.id, value: 0.4 } }]),
      ];
      for (const o of overrides) {
        const full = forwardPass(network, p, o);
        const inc = incrementalPass(network, p, o, base);
        expect(Math.abs(inc.E - full.E), JSON.stringify(o)).toBeLessThan(1e-13 * Math.max(1, Math.abs(full.E)));
        for (let k = 1; k < network.nodes.length; k++) {
          expect(Math.abs(inc.net[k]! - full.net[k]!)).toBeLessThan(1e-13);
          expect(Math.abs(inc.y[k]! - full.y[k]!)).toBeLessThan(1e-13);
        }
        expect(inc.kinkSignature).toBe(full.kinkSignature);
      }
    }
  });
});

describe("the check command", () => {
  it("prints a summary of the steps and exits 0 when everything holds", async () => {
    const r = await run("check", "sigmoid-bce", "--points", "4", "--method", "complex-step");
    expect(r.code).toBe(0);
    expect(r.out.join("\n")).toMatch(/steps: \d+ in all: \d+ verified, \d+ definitions or notation \(nothing to check\), 0 failed/);
    expect(r.out.join("\n")).toMatch(/worst relative error \S+ in "[^"]+", \S.* = \S/);
    expect(r.out.join("\n")).toMatch(/complex steps .* at 4 seeded random points/);
    expect(r.out.at(-1)).toMatch(/parameters checked, 0 failed/);
  });

  // Exit 1 on a failed step: test/check/exit-code.test.ts, with a faulty proof injected.

  const dir = tempDir();
  const good = {
    inputs: [0.05, 0.1],
    targets: [0.01, 0.99],
    eta: 0.5,
    weights: {
      "3": { "1": 0.15, "2": 0.2, b: 0.35 },
      "4": { "1": 0.25, "2": 0.3, b: 0.35 },
      "5": { "3": 0.4, "4": 0.45, b: 0.6 },
      "6": { "3": 0.5, "4": 0.55, b: 0.6 },
    },
  };
  const params = (patch: (p: typeof good) => unknown): string =>
    writeJson(dir, `p${Math.random()}.json`, patch(JSON.parse(JSON.stringify(good)) as typeof good));
  const cases: [string, string[], string][] = [
    ["--points 0", ["sigmoid-mse", "--points", "0"], "--points"],
    ["--points 101", ["sigmoid-mse", "--points", "101"], "--points"],
    ["--points x", ["sigmoid-mse", "--points", "x"], "--points"],
    ["--tolerance 0", ["sigmoid-mse", "--tolerance", "0"], "--tolerance"],
    ["--tolerance 1", ["sigmoid-mse", "--tolerance", "1"], "--tolerance"],
    ["--tolerance -1e-5", ["sigmoid-mse", "--tolerance", "-1e-5"], "--tolerance"],
    ["--tolerance abc", ["sigmoid-mse", "--tolerance", "abc"], "--tolerance"],
    ["--method forward", ["sigmoid-mse", "--method", "forward"], "--method"],
    [
      "a weight given as a string",
      ["sigmoid-mse", "--params", params((p) => ({ ...p, weights: { ...p.weights, "4": { ...p.weights["4"], "1": "0.25" } } }))],
      "params.weights.4.1",
    ],
    [
      "a null weight",
      ["sigmoid-mse", "--params", params((p) => ({ ...p, weights: { ...p.weights, "5": { ...p.weights["5"], b: null } } }))],
      "params.weights.5.b",
    ],
    ["a null input", ["sigmoid-mse", "--params", params((p) => ({ ...p, inputs: [0.05, null] }))], "params.inputs[1]"],
    ["an input given as a string", ["sigmoid-mse", "--params", params((p) => ({ ...p, inputs: ["NaN", 0.1] }))], "params.inputs[0]"],
    [
      "an infinite weight",
      ["sigmoid-mse", "--params", writeJson(dir, "inf.json", JSON.stringify(good).replace("0.15", "1e999"))],
      "params.weights.3.1",
    ],
    [
      "a binary cross-entropy target above 1",
      ["sigmoid-bce", "--layers", "2,2,2", "--params", params((p) => ({ ...p, targets: [0.5, 1.5] }))],
      "params.targets[1]",
    ],
    [
      "a negative cross-entropy target",
      ["seed", "--layers", "2,2,2", "--params", params((p) => ({ ...p, targets: [-0.5, 1.5] }))],
      "params.targets[0]",
    ],
    [
      "softmax targets that do not sum to 1",
      ["seed", "--layers", "2,2,2", "--params", params((p) => ({ ...p, targets: [0.5, 0.6] }))],
      "params.targets",
    ],
  ];
  for (const [name, args, field] of cases) {
    it(`rejects ${name}: exit 2, one line naming ${field}`, async () => {
      const r = await run("check", ...args);
      expect(r.code).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toContain(field);
    });
  }

  it("derive rejects bad check flags and --digits before writing anything", async () => {
    for (const args of [
      ["--points", "0"],
      ["--digits", "0"],
      ["--digits", "10"],
      ["--method", "x"],
      ["--params", params((p) => ({ ...p, eta: "fast" }))],
    ]) {
      const out = tempDir();
      const r = await run("derive", "sigmoid-mse", "--out", out, ...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(files(out)).toEqual([]);
    }
  });
});
