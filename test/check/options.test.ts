// The library checks its options: a bad one is an InputError naming it, never a hang or a
// silently accepted value (checkSteps with points: NaN never returned; tolerance: -1 was taken).
import { describe, expect, it } from "vitest";
import { gradientCheck } from "../../src/check/gradcheck.js";
import { checkSteps } from "../../src/check/steps.js";
import { derive } from "../../src/derive/derive.js";
import { InputError } from "../../src/errors.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";

const proof = derive(buildNetwork(parseSpec({ layers: [2, 2, 1], activation: "sigmoid", loss: "mse" })));

const refusal = (f: () => unknown): InputError => {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("accepted");
};

describe("options", () => {
  it.each([
    [{ points: Number.NaN }, "options.points"],
    [{ points: 0 }, "options.points"],
    [{ points: 2.5 }, "options.points"],
    [{ points: 1e9 }, "options.points"],
    [{ tolerance: -1 }, "options.tolerance"],
    [{ tolerance: Number.NaN }, "options.tolerance"],
    [{ tolerance: 1 }, "options.tolerance"],
    [{ seed: -3 }, "options.seed"],
    [{ seed: 1.5 }, "options.seed"],
    [{ method: "forward" }, "options.method"],
    [{ maxBindings: 0 }, "options.maxBindings"],
    [{ maxPerBlock: Number.NaN }, "options.maxPerBlock"],
    [{ pionts: 3 }, "options.pionts"],
  ])("checkSteps refuses %j, naming %s", (options, field) => {
    expect(refusal(() => checkSteps(proof, options as never)).field).toBe(field);
  });

  it.each([
    [{ tolerance: -1 }, "options.tolerance"],
    [{ tolerance: "1e-5" }, "options.tolerance"],
    [{ seed: Number.NaN }, "options.seed"],
    [{ full: "yes" }, "options.full"],
    [{ params: { values: "no" } }, "options.params"],
    [{ sead: 1 }, "options.sead"],
  ])("gradientCheck refuses %j, naming %s", (options, field) => {
    expect(refusal(() => gradientCheck(proof, options as never)).field).toBe(field);
  });

  it("accepts the documented ones", () => {
    expect(
      checkSteps(proof, { seed: 2, points: 2, tolerance: 1e-6, method: "complex-step", maxBindings: Infinity, maxPerBlock: Infinity })
        .failed,
    ).toBe(0);
    expect(gradientCheck(proof, { seed: 0, full: true, tolerance: 0 }).checked).toBe(9);
  });
});
