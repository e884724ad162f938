// The seeded generator (src/oracle/rng.ts): the same seed, the same sequence; values in [0, 1);
// uniform(lo, hi) in its range; seeds apart give sequences apart, spread over the interval.
import { describe, expect, it } from "vitest";
import { rng, uniform } from "../../src/oracle/rng.js";

const draw = (seed: number, n: number): number[] => {
  const r = rng(seed);
  return Array.from({ length: n }, () => r());
};

describe("rng", () => {
  it("repeats its sequence for a seed, and another seed gives another", () => {
    expect(draw(7, 50)).toEqual(draw(7, 50));
    const a = draw(7, 50);
    const b = draw(8, 50);
    expect(a.filter((x, i) => x === b[i])).toEqual([]);
  });

  it("draws in [0, 1), spread evenly over ten bins", () => {
    const xs = draw(2024, 10_000);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const bins = Array.from({ length: 10 }, () => 0);
    for (const x of xs) bins[Math.floor(x * 10)]!++;
    // 1000 expected per bin; a standard deviation is 30.
    for (const b of bins) expect(Math.abs(b - 1000)).toBeLessThan(150);
  });

  it("uniform(lo, hi) stays in its range and reaches both ends' neighbourhoods", () => {
    const r = rng(3);
    const xs = Array.from({ length: 2000 }, () => uniform(r, -2, 5));
    expect(xs.every((x) => x >= -2 && x < 5)).toBe(true);
    expect(Math.min(...xs)).toBeLessThan(-1.9);
    expect(Math.max(...xs)).toBeGreaterThan(4.9);
  });
});
