// The simplification replayed rule by rule (trace), the absolute-value and sign rules, and the
// appendix's table of activations checked against each activation's own value function.
import { describe, expect, it } from "vitest";
import * as b from "../../src/expr/build.js";
import { diff } from "../../src/expr/diff.js";
import { evaluate } from "../../src/expr/evaluate.js";
import { BUILTINS } from "../../src/expr/functions.js";
import { toLatex } from "../../src/expr/latex.js";
import type { Expr } from "../../src/expr/types.js";
import { size } from "../../src/expr/walk.js";
import { derivativeInX, derivativeInY } from "../../src/derive/sections/table.js";
import { ACTIVATIONS } from "../../src/rules/registry.js";
import { customActivation } from "../../src/rules/activations/custom.js";
import { SIMPLIFY_RULES, TRACE_ORDER } from "../../src/simplify/registry.js";
import { simplify } from "../../src/simplify/simplify.js";
import { proved } from "../render/helpers.js";

const X = b.sym("x");
const at = (e: Expr, x: number): number => evaluate(e, { sym: () => x, set: () => [] });
const POINTS = [-2.5, -1, -0.3, 0.2, 0.7, 1.9];

describe("the absolute value and sign", () => {
  it("d|x|/dx is sign(x), and sign is a built-in with derivative 0 away from 0", () => {
    expect(toLatex(diff(b.call("abs", [X]), X))).toBe("\\operatorname{sign}\\left(x\\right)");
    expect(BUILTINS.sign.value(-3)).toBe(-1);
    expect(BUILTINS.sign.value(0)).toBe(0);
    expect(BUILTINS.sign.value(2)).toBe(1);
    expect((BUILTINS.sign.derivative as (u: Expr) => Expr)(X)).toEqual(b.ZERO);
  });

  it("x / (1 + |x|) has the derivative 1 / (1 + |x|)^2, defined at 0 where f'(0) = 1", () => {
    const f = customActivation("x / (1 + abs(x))", "activation");
    const d = f.derivative(X, X);
    expect(toLatex(d)).toBe("\\frac{1}{\\left(\\left|x\\right| + 1\\right)^{2}}");
    expect(at(d, 0)).toBe(1);
    for (const x of POINTS) {
      const h = 1e-6;
      expect(at(d, x)).toBeCloseTo((f.value(x + h) - f.value(x - h)) / (2 * h), 6);
    }
  });

  it("sign(u) u = |u| and u / |u| = sign(u)", () => {
    expect(simplify(b.mul(b.call("sign", [X]), X), { assumptions: [] }).result).toEqual(b.call("abs", [X]));
    expect(simplify(b.div(X, b.call("abs", [X])), { assumptions: [] }).result).toEqual(b.call("sign", [X]));
  });

  it("the custom activation's lemma names each rule and no line grows", () => {
    const lemma = customActivation("x / (1 + abs(x))", "activation").lemma(X, b.sym("y"));
    const simp = lemma.filter((e) => e.rule === "simplification");
    expect(simp.map((e) => e.label)).toEqual(["simp-abs-sign", "simp-common-power"]);
    for (let n = 1; n < lemma.length; n++)
      if (lemma[n]!.rule === "simplification") expect(size(lemma[n]!.rhs)).toBeLessThanOrEqual(size(lemma[n - 1]!.rhs));
  });
});

describe("trace", () => {
  it("replays every rule of the simplifier", () => {
    expect([...TRACE_ORDER].sort()).toEqual(SIMPLIFY_RULES.map((r) => r.id).sort());
  });

  it("ends where simplify ends, and no simplification step of any proof makes its expression larger", () => {
    for (const spec of [
      "seed",
      "sigmoid-bce",
      "sigmoid-mse",
      "tanh-mse",
      "deep-relu",
      { layers: [2, 3, 2], activations: [{ custom: "x / (1 + abs(x))" }, "softmax"], loss: "cross-entropy" },
    ]) {
      const proof = proved(spec);
      for (const s of proof.sections) {
        for (const blk of s.blocks) {
          if (blk.kind !== "steps") continue;
          [...blk.steps].forEach((st, n) => {
            if (st.rule !== "simplification" || !st.continues || s.id === "worked") return;
            expect(size(st.rhs), `${s.id} ${st.id} ${st.label}`).toBeLessThanOrEqual(size(blk.steps.at(n - 1)!.rhs));
          });
        }
      }
    }
  });

  it("shows y_k sum_i t_i - t_k before the assumption that the targets sum to 1", () => {
    const proof = proved("seed");
    const spec = proof.sections.find((s) => s.id === "specialise")!;
    const lines = spec.blocks.flatMap((blk) => (blk.kind === "steps" ? [...blk.steps] : [])).map((s) => `${toLatex(s.rhs)} | ${s.label}`);
    const before = lines.findIndex((l) => l.includes("y_k \\sum_{i \\in \\mathrm{layer}(k)} t_i - t_k"));
    const after = lines.findIndex((l) => l.startsWith("y_k - t_k | the targets sum to 1"));
    expect(before).toBeGreaterThan(0);
    expect(after).toBe(before + 1);
  });
});

describe("the appendix's table of activations", () => {
  it("gives f' in x and in y = f(x) that agree with central differences of each activation's value", () => {
    for (const make of Object.values(ACTIVATIONS)) {
      const a = make();
      if (!a.elementwise) continue;
      const inX = derivativeInX(a);
      const inY = derivativeInY(a);
      for (const x of POINTS) {
        const h = 1e-6;
        const fd = (a.value(x + h) - a.value(x - h)) / (2 * h);
        expect(evaluate(inX, { sym: () => x, set: () => [] }), `${a.id} at ${x}`).toBeCloseTo(fd, 5);
        if (inY !== undefined) expect(evaluate(inY, { sym: () => a.value(x), set: () => [] }), `${a.id} in y at ${x}`).toBeCloseTo(fd, 5);
      }
    }
  });
});

describe("sigmoid with binary cross-entropy", () => {
  it("shows (1 - t_k) y_k - t_k (1 - y_k) before y_k - t_k, each line named", () => {
    const proof = proved("sigmoid-bce");
    const spec = proof.sections.find((s) => s.id === "specialise")!;
    const lines = spec.blocks.flatMap((blk) => (blk.kind === "steps" ? [...blk.steps] : [])).map((s) => `${toLatex(s.rhs)} | ${s.label}`);
    const at = lines.indexOf("\\left(1 - t_k\\right) y_k - t_k \\left(1 - y_k\\right) | multiplied out");
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe("y_k - t_k | multiplied out, like terms collected");
  });
});
