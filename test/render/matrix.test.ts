// The matrix form (src/derive/sections/matrix.ts, tested here with the documents it feeds): its
// place in the proof, its identities as printed, and its per-node instances, which must agree
// numerically with the error terms of the index form.
import { describe, expect, it } from "vitest";
import { derivedValues } from "../../src/check/derived.js";
import { randomParams } from "../../src/check/params.js";
import { rng } from "../../src/oracle/rng.js";
import { evaluate } from "../../src/expr/evaluate.js";
import { toLatex } from "../../src/expr/latex.js";
import type { Section, Step } from "../../src/derive/proof.js";
import { proved } from "./helpers.js";

const steps = (s: Section): Step[] => s.blocks.flatMap((b) => (b.kind === "steps" ? [...b.steps] : []));
const matrixOf = (preset: string | object): Section => proved(preset).sections.find((s) => s.id === "matrix")!;

describe("the matrix form", () => {
  it("comes right after the hidden layers' error terms", () => {
    const ids = proved("seed").sections.map((s) => s.id);
    expect(ids.indexOf("matrix")).toBe(ids.indexOf("hidden") + 1);
  });

  it("states the layer-level identities, each justified", () => {
    const lines = steps(matrixOf("sigmoid-mse")).map(
      (s) => `${s.continues ? "" : toLatex(s.lhs)} ${s.relation} ${toLatex(s.rhs)} [${s.rule}]`,
    );
    expect(lines).toContain("W^{(2)} eq \\begin{bmatrix} \\bar{W}^{(2)} & \\vec{w_b}^{(2)} \\end{bmatrix} [notation]");
    expect(lines).toContain(" eq \\nabla_{\\vec{y}^{(2)}} E \\odot f'\\left(\\vec{net}^{(2)}\\right) [notation]");
    // The matrix product inside the entrywise one is bracketed.
    expect(lines).toContain(
      " eq \\left(\\bar{W}^{(2)T} \\cdot \\vec{\\delta}^{(2)}\\right) \\odot f'\\left(\\vec{net}^{(1)}\\right) [notation]",
    );
    expect(lines).toContain("\\nabla_{W^{(1)}} E eq \\vec{\\delta}^{(1)} \\cdot \\vec{x}^{T} [chain-rule]");
    expect(lines).toContain("W^{(2)} update W^{(2)} - \\eta \\nabla_{W^{(2)}} E [gradient-descent]");
    for (const s of steps(matrixOf("sigmoid-mse"))) expect(s.label.length).toBeGreaterThan(5);
  });

  it("uses the transposed Jacobian for a softmax output layer", () => {
    const lines = steps(matrixOf("seed")).map((s) => toLatex(s.rhs));
    expect(lines).toContain(
      "\\left(\\frac{\\partial \\vec{y}^{(2)}}{\\partial \\vec{net}^{(2)}}\\right)^{T} \\cdot \\nabla_{\\vec{y}^{(2)}} E",
    );
  });

  it.each(["sigmoid-mse", "tanh-mse", "deep-relu", "sigmoid-bce"])(
    "%s: every hidden entry equals the error term of the index form",
    (preset) => {
      const proof = proved(preset);
      const hidden = new Set(proof.network.layers.slice(1, -1).flatMap((l) => l.nodes));
      const entries = matrixOf(preset)
        .blocks.flatMap((b) => (b.kind === "steps" && b.enumeration ? [...b.steps] : []))
        .filter((s) => s.lhs.kind === "sym" && s.lhs.idx[0]?.kind === "node" && hidden.has(s.lhs.idx[0].n));
      expect(entries.length).toBe(hidden.size);
      for (const seed of [1, 2, 3]) {
        const d = derivedValues(proof, randomParams(proof.network, rng(seed)));
        for (const s of entries) {
          const i = s.lhs.kind === "sym" ? s.lhs.idx[0] : undefined;
          const n = i?.kind === "node" ? i.n : Number.NaN;
          const value = evaluate(s.rhs, d.scope);
          expect(Math.abs(value - d.delta(n)), `${toLatex(s.lhs)} = ${toLatex(s.rhs)}`).toBeLessThanOrEqual(
            1e-12 * Math.max(1, Math.abs(value)),
          );
        }
      }
    },
  );

  it("gives the gradients and updates entry by entry in index form, whatever the size", () => {
    const forall = steps(matrixOf({ layers: [784, 128, 10], activation: "relu", loss: "mse" })).filter((s) => s.forall.length > 0);
    expect(forall.map((s) => `${toLatex(s.lhs)} ${s.relation} ${toLatex(s.rhs)}`).sort()).toEqual(
      [
        "\\frac{\\partial E}{\\partial w_{ji}} eq \\delta_j x_i",
        "\\frac{\\partial E}{\\partial w_{b_j}} eq \\delta_j",
        "w_{ji} update w_{ji} - \\eta \\delta_j x_i",
        "w_{b_j} update w_{b_j} - \\eta \\delta_j",
        "\\frac{\\partial E}{\\partial w_{kj}} eq \\delta_k y_j",
        "\\frac{\\partial E}{\\partial w_{b_k}} eq \\delta_k",
        "w_{kj} update w_{kj} - \\eta \\delta_k y_j",
        "w_{b_k} update w_{b_k} - \\eta \\delta_k",
      ].sort(),
    );
  });
});
