// Custom formulas cannot escape: only the whitelist grammar is accepted (src/rules/parse.ts),
// every known payload is refused with its position, and what is accepted means what mathjs,
// the independent oracle here (a dev dependency, used in tests only), says the same text means.
import { describe, expect, it } from "vitest";
import { create, all } from "mathjs";
import { InputError } from "../../src/errors.js";
import { FUNCTION_NAMES, MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH, parseFormula } from "../../src/rules/formula.js";
import { rng, uniform, type Rng } from "../../src/oracle/rng.js";

// predictable: a real function outside its domain is NaN, as in ours, not a complex number.
const math = create(all!, { predictable: true });
const sigma = (x: number): number => 1 / (1 + Math.exp(-x));
/** mathjs's meaning of our functions that it does not have under that name. */
const EXTRA = {
  ln: Math.log,
  sigma,
  sigmoid: sigma,
  relu: (x: number) => Math.max(0, x),
  softplus: (x: number) => Math.max(x, 0) + Math.log(1 + Math.exp(-Math.abs(x))),
};

const refusal = (formula: string, vars = ["x"]): InputError => {
  try {
    parseFormula(formula, vars, "activation.custom");
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error(`accepted: ${formula}`);
};

describe("the whitelist", () => {
  const payloads: [string, number][] = [
    ["{cos: cos, z: ones(40000,40000)}.cos(x)", 1],
    ["{cos: f(t)=t^2}.cos(x)", 1],
    ["ones(2000,2000)", 10],
    ['createUnit("foo")', 12],
    ["import({}, {override: true})", 8],
    ['evaluate("1")', 10],
    ["cos.constructor", 4],
    ["x[1]", 2],
    ["x ? 1 : 2", 3],
    ["f(x) = x^2", 6],
    ["2x", 2],
    ["x(1 + x)", 1],
    ["x'", 2],
    ["x!", 2],
    ["x; 1", 2],
    ["x == 1", 3],
    ["0x10", 2],
    ["1e999", 1],
    ["max(x, 1)", 6],
    ["exp(x, 2)", 6],
  ];
  it.each(payloads)("refuses %s, naming the position", (formula, at) => {
    const e = refusal(formula);
    expect(e.field).toBe("activation.custom");
    expect(e.message).toMatch(new RegExp(`at position ${at}:`));
    expect(e.message.length).toBeLessThan(300);
    expect(e.message).not.toContain("\n");
  });

  it(`caps the length at ${MAX_FORMULA_LENGTH} characters and the nesting at ${MAX_FORMULA_DEPTH} levels`, () => {
    expect(() => parseFormula(`x${" + x".repeat((MAX_FORMULA_LENGTH - 1) / 4)}`, ["x"], "f")).not.toThrow();
    expect(refusal(`x${" + x".repeat(MAX_FORMULA_LENGTH / 4)}`).message).toMatch(/at most 1000 are allowed/);
    const nested = (n: number): string => `${"(".repeat(n)}x${")".repeat(n)}`;
    expect(() => parseFormula(nested(MAX_FORMULA_DEPTH), ["x"], "f")).not.toThrow();
    expect(refusal(nested(MAX_FORMULA_DEPTH + 1)).message).toMatch(/nests deeper than 50 levels/);
    expect(refusal(`${"-".repeat(MAX_FORMULA_DEPTH + 1)}x`).message).toMatch(/nests deeper/);
    expect(refusal("x".repeat(5000)).message.length).toBeLessThan(300);
  });
});

/** A random formula of the grammar, with random spacing and redundant parentheses. */
function randomFormula(r: Rng, vars: readonly string[], depth = 0): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const sp = (): string => (r() < 0.3 ? " " : "");
  if (depth > 4 || r() < 0.25) {
    const c = r();
    if (c < 0.5) return pick(vars);
    if (c < 0.6) return pick(["e", "pi"]);
    return pick(["2", "0.5", "3", "1.5e-1", ".25", "10"]);
  }
  const sub = (): string => randomFormula(r, vars, depth + 1);
  switch (Math.floor(r() * 6)) {
    case 0:
      return `${sub()}${sp()}${pick(["+", "-", "*", "/"])}${sp()}${sub()}`;
    case 1:
      return `(${sub()})${sp()}^${sp()}${pick(["2", "3", "-1", "0.5", "(-2)"])}`;
    case 2:
      return `-${sub()}`;
    case 3:
      return `(${sp()}${sub()}${sp()})`;
    default: {
      // Functions of bounded arguments, so that the comparison is of finite numbers mostly.
      const fn = pick(FUNCTION_NAMES);
      return `${fn}(${sub()})`;
    }
  }
}

describe("the meaning of an accepted formula", () => {
  it("agrees with mathjs's evaluation of the same text on 2000 random formulas", () => {
    const r = rng(31);
    let compared = 0;
    for (let n = 0; n < 2000; n++) {
      const vars = n % 2 === 0 ? ["x"] : ["y", "t"];
      const text = randomFormula(r, vars);
      const scope = Object.fromEntries(vars.map((v) => [v, uniform(r, -2, 2)]));
      const ours = parseFormula(text, vars, "f").evaluate(scope);
      const theirs = math.evaluate(text, { ...EXTRA, ...scope }) as unknown;
      // mathjs answers complex numbers where a real function is undefined (sqrt(-1), ln(-1)).
      if (typeof theirs !== "number") {
        expect(Number.isNaN(ours), `${text} at ${JSON.stringify(scope)}: ${String(theirs)} vs ${ours}`).toBe(true);
        continue;
      }
      if (!Number.isFinite(theirs) || !Number.isFinite(ours)) {
        expect(ours, `${text} at ${JSON.stringify(scope)}`).toBe(theirs);
        continue;
      }
      compared++;
      const rel = Math.abs(ours - theirs) / Math.max(Math.abs(theirs), 1e-300);
      expect(rel <= 1e-12 || Math.abs(ours - theirs) <= 1e-12, `${text} at ${JSON.stringify(scope)}: ${ours} vs ${theirs}`).toBe(true);
    }
    expect(compared).toBeGreaterThan(1500);
  });

  it("reads precedence as mathjs does", () => {
    const cases: [string, number][] = [
      ["-x^2", -4],
      ["2^3^2", 512],
      ["2^-x", 0.25],
      ["-2^-x", -0.25],
      ["x/2*3", 3],
      ["x - 1 - 1", 0],
      ["+x", 2],
      ["e", Math.E],
      ["pi", Math.PI],
    ];
    for (const [text, want] of cases) {
      expect(parseFormula(text, ["x"], "f").evaluate({ x: 2 }), text).toBeCloseTo(want, 14);
      expect(math.evaluate(text, { x: 2 }) as number, text).toBeCloseTo(want, 14);
    }
  });
});
