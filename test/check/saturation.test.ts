// Saturated and underflowing outputs, for every loss: E is finite and exact to 1e-12 relative,
// against a 60-digit computation of the same E (test/fixtures/saturation.make.ts made the
// fixtures with decimal.js), from both the oracle and the derived formulas; evaluate prints
// only finite numbers; the gradient and step checks report no failure at these params.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluation } from "../../src/check/evaluation.js";
import { gradientCheck } from "../../src/check/gradcheck.js";
import { parseParams } from "../../src/check/params.js";
import { checkSteps } from "../../src/check/steps.js";
import { derive } from "../../src/derive/derive.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { forwardPass } from "../../src/oracle/forward.js";

interface Fixture {
  readonly name: string;
  readonly spec: unknown;
  readonly params: unknown;
  readonly E: string;
}

const FIXTURES = JSON.parse(readFileSync(new URL("../fixtures/saturation.json", import.meta.url), "utf8")) as Fixture[];
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe("saturation and underflow", () => {
  it("has a fixture for every loss", () => {
    const losses = new Set(FIXTURES.map((f) => JSON.stringify((f.spec as { loss: unknown }).loss)));
    expect(losses).toEqual(new Set(['"binary-cross-entropy"', '"cross-entropy"', '"mse"', '"sse"', '{"custom":"(y - t)^2"}']));
  });

  describe.each(FIXTURES)("$name", (f) => {
    const network = buildNetwork(parseSpec(f.spec));
    const p = parseParams(network, f.params);
    const proof = derive(network);
    const exact = Number(f.E);

    it("the oracle's E is exact to 1e-12", () => {
      expect(rel(forwardPass(network, p).E, exact)).toBeLessThanOrEqual(1e-12);
    });

    it("the derived E is exact to 1e-12, and every printed quantity is finite", () => {
      const ev = evaluation(proof, p);
      expect(rel(ev.E, exact)).toBeLessThanOrEqual(1e-12);
      const numbers = JSON.stringify(ev).match(/-?\d[\d.e+-]*|null/g) ?? [];
      expect(numbers).not.toContain("null");
    });

    it("the gradient and step checks report no failure", () => {
      expect(gradientCheck(proof, { params: p }).failed).toBe(0);
      const steps = checkSteps(proof, { params: p });
      expect(steps.failures).toEqual([]);
    });
  });
});
