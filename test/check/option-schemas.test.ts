// The check's entry points (checkSteps, gradientCheck, casCrossCheck) validate their options with
// one zod schema each, whose keys the compiler holds to the options' type (Shape): a key left out,
// or one the type does not have, does not compile. Each refusal is one InputError naming the
// option and saying what it must be, in the words the spec's and the renderers' refusals use.
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { casCrossCheck } from "../../src/check/cas.js";
import { gradientCheck } from "../../src/check/gradcheck.js";
import type { Shape } from "../../src/check/options.js";
import { checkSteps } from "../../src/check/steps.js";
import { derive } from "../../src/derive/derive.js";
import { InputError } from "../../src/errors.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";

interface Options {
  readonly seed?: number;
  readonly points?: number;
}

const proof = derive(buildNetwork(parseSpec({ layers: [2, 2, 1], activation: "sigmoid", loss: "mse" })));

/** The one line of the refusal. */
const refusal = async (f: () => unknown): Promise<string> => {
  try {
    await f();
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  throw new Error("accepted");
};

describe("the check's option schemas", () => {
  it("name exactly the options' keys (the compiler's check)", () => {
    const n = z.number().optional();
    expect(Object.keys({ seed: n, points: n } satisfies Shape<Options>)).toEqual(["seed", "points"]);
    // @ts-expect-error: "points" is left out.
    void ({ seed: n } satisfies Shape<Options>);
    // @ts-expect-error: "digits" is not an option.
    void ({ seed: n, points: n, digits: n } satisfies Shape<Options>);
  });

  it.each([
    [{ points: 0 }, "options.points: is 0; must be a whole number from 1 to 1000"],
    [{ points: "3" }, 'options.points: is "3"; must be a whole number from 1 to 1000'],
    [{ tolerance: 1 }, "options.tolerance: is 1; must be a number from 0 up to (not including) 1"],
    [{ method: "forward" }, 'options.method: is "forward"; must be central or complex-step'],
    [{ maxPerBlock: -1 }, "options.maxPerBlock: is -1; must be a whole number from 1 to Infinity"],
    [{ worked: { digits: 18 } }, "options.worked.digits: is 18; must be a whole number from 1 to 17"],
    [{ only: ["s1"] }, "options.only: must be a Set of step ids"],
    [{ draw: 3 }, "options.draw: must be a function"],
    [{ progress: {} }, "options.progress: must be a Progress: an object with stage(name, total?) and advance(done)"],
    [
      { pionts: 3 },
      "options.pionts: unknown option; allowed: seed, points, method, tolerance, maxBindings, maxPerBlock, params, batch, worked, only, draw, progress",
    ],
  ])("checkSteps refuses %j in one line", async (options, message) => {
    expect(await refusal(() => checkSteps(proof, options as never))).toBe(message);
  });

  it.each([
    [{ seed: -1 }, "options.seed: is -1; must be a whole number from 0 to 4294967295"],
    [{ full: "yes" }, 'options.full: is "yes"; must be true or false'],
    [{ params: { values: "no" } }, "options.params: must be params as parseParams returns them"],
    [{ points: 101 }, "options.points: is 101; must be a whole number from 0 to 100"],
    [{ sead: 1 }, "options.sead: unknown option; allowed: seed, full, tolerance, params, points, progress"],
  ])("gradientCheck refuses %j in one line", async (options, message) => {
    expect(await refusal(() => gradientCheck(proof, options as never))).toBe(message);
  });

  it.each([
    [{ seed: 1.5 }, "options.seed: is 1.5; must be a whole number from 0 to 4294967295"],
    [{ points: 0 }, "options.points: is 0; must be a whole number from 1 to 100"],
    [{ maxDerivatives: 0 }, "options.maxDerivatives: is 0; must be a whole number from 1 to Infinity"],
    [{ timeoutMillis: Number.NaN }, "options.timeoutMillis: is NaN; must be a number of milliseconds"],
    [{ nope: 1 }, "options.nope: unknown option; allowed: seed, points, maxDerivatives, timeoutMillis, progress"],
  ])("casCrossCheck refuses %j in one line", async (options, message) => {
    expect(await refusal(() => casCrossCheck(proof, options as never))).toBe(message);
  });

  it("accept what they document, Infinity where a bound may be lifted", async () => {
    expect(checkSteps(proof, { seed: 0, points: 1, maxBindings: Infinity, maxPerBlock: Infinity, only: new Set(["s1"]) }).failed).toBe(0);
    expect(gradientCheck(proof, { seed: 4294967295, full: true, points: 0 }).failed).toBe(0);
    expect((await casCrossCheck(proof, { seed: 2, points: 1, maxDerivatives: Infinity })).failed).toBe(0);
  });
});
