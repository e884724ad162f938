// The derivation of the seed network (3-2-2) contains the seed's equations in the seed's notation;
// every step has a stable rule id and a label; every formula passes KaTeX in strict mode; the proof
// grows linearly with the number of parameters.
import katex from "katex";
import { describe, expect, it } from "vitest";
import { rng, type Rng } from "../../src/oracle/rng.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof, Step } from "../../src/derive/proof.js";
import { latexDialect, toLatex } from "../../src/expr/latex.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { RULE_IDS } from "../../src/rules/equation.js";
import { ACTIVATION_NAMES } from "../rules/names.js";

const proofOf = (spec: unknown): Proof => derive(buildNetwork(parseSpec(spec)));

const RELATION = { eq: "=", define: ":=", update: "\\leftarrow" } as const;

interface Printed {
  readonly step: Step;
  readonly section: string;
  readonly lhs: string;
  readonly rhs: string;
  readonly formula: string;
}

function printed(proof: Proof): Printed[] {
  const out: Printed[] = [];
  for (const section of proof.sections) {
    for (const block of section.blocks) {
      if (block.kind !== "steps") continue;
      for (const step of block.steps) {
        const lhs = toLatex(step.lhs);
        const rhs = toLatex(step.rhs);
        out.push({ step, section: section.id, lhs, rhs, formula: `${lhs} ${RELATION[step.relation]} ${rhs}` });
      }
    }
  }
  return out;
}

function inlineMath(proof: Proof): string[] {
  const out: string[] = [];
  for (const section of proof.sections) {
    for (const block of section.blocks) {
      if (block.kind !== "text") continue;
      for (const part of block.content) if ("math" in part) out.push(toLatex(part.math));
    }
  }
  return out;
}

describe("the seed network [3, 2, 2]: the seed's equations in the seed's notation", () => {
  const proof = proofOf({ layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" });
  const steps = printed(proof);
  const find = (lhs: string, rhs: string): Printed | undefined => steps.find((s) => s.lhs === lhs && s.rhs === rhs);
  const expectStep = (lhs: string, rhs: string, relation?: Step["relation"]): Printed => {
    const s = find(lhs, rhs);
    expect(
      s,
      `no step ${lhs} ... ${rhs}; steps with that lhs: ${steps
        .filter((x) => x.lhs === lhs)
        .map((x) => x.rhs)
        .join(" | ")}`,
    ).toBeDefined();
    if (relation !== undefined) expect(s!.step.relation).toBe(relation);
    return s!;
  };

  it("forward: net_4 written out, with the bias as an extra weight", () => {
    expectStep("net_4", "w_{41} x_1 + w_{42} x_2 + w_{43} x_3 + w_{b_4}");
    expectStep("net_5", "w_{51} x_1 + w_{52} x_2 + w_{53} x_3 + w_{b_5}");
    expectStep("net_6", "w_{64} y_4 + w_{65} y_5 + w_{b_6}");
    expectStep("net_7", "w_{74} y_4 + w_{75} y_5 + w_{b_7}");
  });

  it("forward: y_4 = f(net_4)", () => {
    expectStep("y_4", "f\\left(net_4\\right)");
    expectStep("y_5", "f\\left(net_5\\right)");
  });

  it("forward: the weight vector, the matrix W and the augmented vector x", () => {
    expectStep("\\vec{w_4}", "\\begin{bmatrix} w_{41} & w_{42} & w_{43} & w_{b_4} \\end{bmatrix}^{T}");
    expect(
      steps.some(
        (s) => s.rhs === "\\begin{bmatrix} w_{41} & w_{42} & w_{43} & w_{b_4} \\\\ w_{51} & w_{52} & w_{53} & w_{b_5} \\end{bmatrix}",
      ),
    ).toBe(true);
    expect(steps.some((s) => s.rhs === "\\begin{bmatrix} w_{64} & w_{65} & w_{b_6} \\\\ w_{74} & w_{75} & w_{b_7} \\end{bmatrix}")).toBe(
      true,
    );
    expectStep("\\vec{x}", "\\begin{bmatrix} x_1 \\\\ x_2 \\\\ x_3 \\\\ 1 \\end{bmatrix}");
    expect(steps.some((s) => s.rhs === "\\begin{bmatrix} y_4 \\\\ y_5 \\\\ 1 \\end{bmatrix}")).toBe(true);
  });

  it("gradient descent: w_{kj} <- w_{kj} - eta dE/dw_{kj}", () => {
    const s = expectStep("w_{kj}", "w_{kj} - \\eta \\frac{\\partial E}{\\partial w_{kj}}", "update");
    expect(s.formula).toBe("w_{kj} \\leftarrow w_{kj} - \\eta \\frac{\\partial E}{\\partial w_{kj}}");
  });

  it("the error term: delta_k = dE/dnet_k", () => {
    expectStep("\\delta_k", "\\frac{\\partial E}{\\partial net_k}");
  });

  it("the chain rule, ending in delta_k y_j", () => {
    const lhs = "\\frac{\\partial E}{\\partial w_{kj}}";
    const start = steps.findIndex((s) => s.lhs === lhs && s.step.rule === "chain-rule");
    expect(start).toBeGreaterThanOrEqual(0);
    expect(steps[start]!.rhs).toBe("\\frac{\\partial E}{\\partial net_k} \\frac{\\partial net_k}{\\partial w_{kj}}");
    const chain = [steps[start]!];
    for (let i = start + 1; i < steps.length && steps[i]!.step.continues && steps[i]!.lhs === lhs; i++) chain.push(steps[i]!);
    expect(chain.length).toBeGreaterThanOrEqual(3);
    expect(chain.map((s) => s.rhs)).toContain("\\frac{\\partial E}{\\partial net_k} y_j");
    expect(chain[chain.length - 1]!.rhs).toBe("\\delta_k y_j");
    // The seed's per-layer letters: dE/dw_ji = delta_j x_i.
    expectStep("\\frac{\\partial E}{\\partial w_{ji}}", "\\delta_j x_i");
  });

  it("the output layer: the total derivative over the softmax layer (the seed's remark does not hold)", () => {
    expect(
      steps.some(
        (s) => s.lhs === "\\delta_k" && s.step.rule === "total-derivative" && s.rhs.startsWith("\\sum_{i \\in \\mathrm{layer}(k)}"),
      ),
    ).toBe(true);
  });

  it("the hidden delta by the total derivative over the downstream set", () => {
    expectStep(
      "\\delta_j",
      "\\sum_{k \\in \\mathrm{downstream}(j)} \\frac{\\partial E}{\\partial net_k} \\frac{\\partial net_k}{\\partial net_j}",
    );
    expectStep("\\frac{\\partial net_k}{\\partial net_j}", "w_{kj} f'\\left(net_j\\right)");
    expectStep("\\delta_j", "\\sum_{k \\in \\mathrm{downstream}(j)} \\delta_k w_{kj} f'\\left(net_j\\right)");
    expectStep("\\delta_4", "\\left(\\delta_6 w_{64} + \\delta_7 w_{74}\\right) f'\\left(net_4\\right)");
    expectStep("\\delta_5", "\\left(\\delta_6 w_{65} + \\delta_7 w_{75}\\right) f'\\left(net_5\\right)");
  });

  it("the updates, per weight and bias", () => {
    expectStep("w_{kj}", "w_{kj} - \\eta \\delta_k y_j", "update");
    expectStep("w_{ji}", "w_{ji} - \\eta \\delta_j x_i", "update");
    expectStep("w_{64}", "w_{64} - \\eta \\delta_6 y_4", "update");
    expectStep("w_{75}", "w_{75} - \\eta \\delta_7 y_5", "update");
    expectStep("w_{41}", "w_{41} - \\eta \\delta_4 x_1", "update");
    expectStep("w_{53}", "w_{53} - \\eta \\delta_5 x_3", "update");
    expectStep("w_{b_4}", "w_{b_4} - \\eta \\delta_4", "update");
    expectStep("w_{b_7}", "w_{b_7} - \\eta \\delta_7", "update");
    // Every one of the 14 parameters has its update step.
    const concrete = /^w_\{(b_)?\d/;
    const updated = new Set(steps.filter((s) => s.step.relation === "update" && concrete.test(s.lhs)).map((s) => s.lhs));
    expect(updated.size).toBe(14);
  });

  it("the specialised output delta is y_k - t_k for softmax with cross-entropy", () => {
    expectStep("\\delta_6", "y_6 - t_6");
    expectStep("\\delta_7", "y_7 - t_7");
  });

  it("the results hold every delta and every parameter", () => {
    expect([...proof.results.delta.keys()].sort()).toEqual([4, 5, 6, 7]);
    expect([...proof.results.params].map((p) => toLatex(p.update))).toContain("w_{41} - \\eta \\delta_4 x_1");
    expect(proof.results.params.length).toBe(14);
  });

  it("every step has a rule id from RULE_IDS, a non-empty label and a unique id", () => {
    expect(steps.length).toBeGreaterThan(50);
    for (const s of steps) {
      expect(RULE_IDS as readonly string[]).toContain(s.step.rule);
      expect(s.step.label.trim().length, s.formula).toBeGreaterThan(0);
    }
    const ids = steps.map((s) => s.step.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("with f and E abstract (the default sigmoid/mse net) the generic steps are the same", () => {
    const generic = printed(proofOf({ layers: [3, 2, 2] }));
    for (const [lhs, rhs] of [
      ["net_4", "w_{41} x_1 + w_{42} x_2 + w_{43} x_3 + w_{b_4}"],
      ["\\delta_k", "\\frac{\\partial E}{\\partial y_k} f'\\left(net_k\\right)"],
      ["\\delta_4", "\\left(\\delta_6 w_{64} + \\delta_7 w_{74}\\right) f'\\left(net_4\\right)"],
      ["\\delta_6", "\\left(y_6 - t_6\\right) y_6 \\left(1 - y_6\\right)"],
    ] as const) {
      expect(
        generic.some((s) => s.lhs === lhs && s.rhs === rhs),
        `${lhs} = ${rhs}`,
      ).toBe(true);
    }
  });
});

// ---- KaTeX, strict, on every formula ----

function katexErrors(proof: Proof): string[] {
  const errors: string[] = [];
  const check = (s: string): void => {
    try {
      katex.renderToString(s, { throwOnError: true, strict: "error" });
    } catch (e) {
      errors.push(`${s}: ${(e as Error).message}`);
    }
  };
  for (const p of printed(proof)) {
    check(p.formula);
    for (const f of p.step.forall) check(`${f.index} \\in ${latexDialect.set(f.set)}`);
  }
  for (const m of inlineMath(proof)) check(m);
  return errors;
}

describe("every formula passes katex.renderToString in strict mode", () => {
  const presets: [string, unknown][] = [
    ["seed: relu, softmax, cross-entropy", { layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" }],
    ["sigmoid/mse", { layers: [3, 2, 2], activation: "sigmoid", loss: "mse" }],
    ["tanh/mse", { layers: [4, 3, 2], activation: "tanh", outputActivation: "identity", loss: "mse" }],
    ["deep relu", { layers: [4, 5, 5, 5, 3], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" }],
    ["sigmoid/binary cross-entropy", { layers: [3, 3, 1], activation: "sigmoid", loss: "binary-cross-entropy" }],
    [
      "leaky relu, softplus, sse",
      { layers: [2, 3, 3, 2], activations: [{ name: "leaky-relu", alpha: 0.1 }, "softplus", "identity"], loss: "sse" },
    ],
    [
      "custom activation and loss",
      { layers: [2, 2, 2], activation: { custom: "x / (1 + abs(x))" }, outputActivation: "tanh", loss: { custom: "(y - t)^4" } },
    ],
    ["hidden softmax", { layers: [2, 3, 2], activations: ["softmax", "softmax"], loss: "cross-entropy" }],
    ["two-digit node numbers", { layers: [6, 5, 4], activation: "sigmoid", loss: "mse" }],
  ];

  it.each(presets)("%s", (_name, spec) => {
    const proof = proofOf(spec);
    expect(printed(proof).length).toBeGreaterThan(20);
    expect(katexErrors(proof)).toEqual([]);
  });

  it("seeded random networks", () => {
    const r: Rng = rng(4242);
    const acts = ACTIVATION_NAMES;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    for (let n = 0; n < 8; n++) {
      const layers = Array.from({ length: 2 + (n % 4) }, () => 1 + Math.floor(r() * 5));
      const spec = { layers, activations: layers.slice(1).map(() => pick(acts)), loss: pick(["mse", "sse", "cross-entropy"]) };
      expect(katexErrors(proofOf(spec)), JSON.stringify(spec)).toEqual([]);
    }
  });

  it("the check itself rejects bad LaTeX (a control)", () => {
    expect(() => katex.renderToString("w_{41", { throwOnError: true, strict: "error" })).toThrow();
    expect(() => katex.renderToString("\\undefinedmacro{x}", { throwOnError: true, strict: "error" })).toThrow();
  });
});

// ---- Linear growth in the number of parameters ----

describe("the proof grows linearly with the number of parameters", () => {
  it("steps and printed size per parameter stay roughly flat from [8,8,8] to [24,24,24]", () => {
    const measure = (layers: number[]) => {
      const proof = proofOf({ layers, activation: "sigmoid", loss: "mse" });
      const all = printed(proof);
      const chars = all.reduce((s, p) => s + p.formula.length, 0);
      return { params: proof.network.params.length, steps: all.length, chars };
    };
    const small = measure([8, 8, 8]);
    const large = measure([24, 24, 24]);
    expect(small.params).toBe(144);
    expect(large.params).toBe(1200);
    const stepRatio = large.steps / large.params / (small.steps / small.params);
    const charRatio = large.chars / large.params / (small.chars / small.params);
    // Quadratic growth would make these ratios about 8; linear keeps them near 1 (indices get a
    // digit longer, so characters per parameter may grow a little).
    expect(stepRatio).toBeGreaterThan(0.5);
    expect(stepRatio).toBeLessThan(1.5);
    expect(charRatio).toBeGreaterThan(0.5);
    expect(charRatio).toBeLessThan(2);
  });

  it("an error term is referred to by symbol, never re-expanded per weight", () => {
    const proof = proofOf({ layers: [3, 4, 4, 2], activation: "sigmoid", loss: "mse" });
    for (const p of proof.results.params) {
      const s = toLatex(p.gradient);
      const d = p.to < 10 ? `\\delta_${p.to}` : `\\delta_{${p.to}}`;
      expect(s === d || s.startsWith(`${d} `), s).toBe(true);
      expect(s.length).toBeLessThan(24);
    }
  });
});
