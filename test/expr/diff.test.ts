// Symbolic differentiation (src/expr/diff.ts) against central finite differences at seeded random
// points, for seeded random expressions, plus the individual rules on small cases.
import { describe, expect, it } from "vitest";
import { rng, uniform, type Rng } from "../../src/oracle/rng.js";
import * as b from "../../src/expr/build.js";
import { diff, NotDifferentiable } from "../../src/expr/diff.js";
import { evaluate } from "../../src/expr/evaluate.js";
import { toText } from "../../src/expr/text.js";
import type { Expr } from "../../src/expr/types.js";

/** The tree as plain JSON data: structural comparison, blind to any memo stored on a node. */
const plain = (e: unknown): unknown => JSON.parse(JSON.stringify(e));

const X = b.sym("x");
const Z = b.sym("z");

/** Evaluates an expression of x and z. */
const at = (e: Expr, x: number, z: number): number =>
  evaluate(e, {
    sym: (name) => {
      if (name === "x") return x;
      if (name === "z") return z;
      throw new Error(`unexpected symbol ${name}`);
    },
    set: () => [],
  });

/** Central difference with one Richardson step: error O(h^4). */
function centralDifference(f: (v: number) => number, v: number): number {
  const h = 1e-3 * Math.max(1, Math.abs(v));
  const d = (s: number): number => (f(v + s) - f(v - s)) / (2 * s);
  return (4 * d(h / 2) - d(h)) / 3;
}

/** Relative tolerance on |derived - numeric|, scaled by max(1, |derived|, |numeric|). */
const TOLERANCE = 1e-6;

// ---- A seeded generator of random expressions of x and z, depth <= 4 ----

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const CONSTANTS = [-2, -1, -0.5, 0.5, 1.5, 2, 3];

function leaf(r: Rng): Expr {
  const u = r();
  if (u < 0.55) return X;
  if (u < 0.8) return Z;
  return b.num(pick(r, CONSTANTS));
}

/** A strictly positive expression built around u (for ln, sqrt, division and real powers). */
const positive = (r: Rng, u: Expr): Expr => (r() < 0.5 ? b.add(b.num(0.5), b.sq(u)) : b.add(b.ONE, b.call("exp", [u])));

const OPS = ["add", "sub", "mul", "div", "pow-int", "pow-real", "exp", "ln", "tanh", "sigma", "sqrt", "softplus"] as const;

function gen(r: Rng, depth: number): Expr {
  if (depth === 0 || r() < 0.15) return leaf(r);
  const sub = (): Expr => gen(r, depth - 1);
  switch (pick(r, OPS)) {
    case "add":
      return b.add(sub(), sub());
    case "sub":
      return b.sub(sub(), sub());
    case "mul":
      return b.mul(sub(), sub());
    case "div":
      return b.div(sub(), positive(r, sub()));
    case "pow-int": {
      const n = pick(r, [2, 3, -1, -2]);
      return n > 0 ? b.pow(sub(), b.num(n)) : b.pow(positive(r, sub()), b.num(n));
    }
    case "pow-real":
      return b.pow(positive(r, sub()), sub());
    case "exp":
      return b.call("exp", [sub()]);
    case "ln":
      return b.call("ln", [positive(r, sub())]);
    case "tanh":
      return b.call("tanh", [sub()]);
    case "sigma":
      return b.call("sigma", [sub()]);
    case "sqrt":
      return b.call("sqrt", [positive(r, sub())]);
    case "softplus":
      return b.call("softplus", [sub()]);
  }
}

const mentions = (e: Expr, name: string): boolean => JSON.stringify(e).includes(`"name":"${name}"`);

describe("diff against central differences on random expressions", () => {
  it("agrees at seeded random points (300 expressions, 3 points each, d/dx and d/dz)", () => {
    const r = rng(20240607);
    let compared = 0;
    let skipped = 0;
    const failures: string[] = [];
    for (let n = 0; n < 300; n++) {
      const e = gen(r, 4);
      for (const wrt of [X, Z]) {
        const d = diff(e, wrt);
        for (let p = 0; p < 3; p++) {
          const x = uniform(r, -1.5, 1.5);
          const z = uniform(r, -1.5, 1.5);
          const value = at(e, x, z);
          // Far out of range values make finite differences meaningless: skip them.
          if (!Number.isFinite(value) || Math.abs(value) > 1e4) {
            skipped++;
            continue;
          }
          const derived = at(d, x, z);
          const numeric = wrt === X ? centralDifference((v) => at(e, v, z), x) : centralDifference((v) => at(e, x, v), z);
          compared++;
          const scale = Math.max(1, Math.abs(derived), Math.abs(numeric));
          if (!(Math.abs(derived - numeric) <= TOLERANCE * scale)) {
            failures.push(`d/d${wrt === X ? "x" : "z"} ${toText(e)} at x=${x}, z=${z}: derived ${derived}, numeric ${numeric}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // The sample must be large enough to mean something.
    expect(compared).toBeGreaterThan(1500);
    expect(skipped).toBeLessThan(compared / 5);
  });

  it("the generator produces every operation and deep trees", () => {
    const r = rng(7);
    const seen = new Set<string>();
    let deep = 0;
    const depth = (e: Expr): number => {
      const cs: Expr[] =
        e.kind === "add"
          ? [...e.terms]
          : e.kind === "mul"
            ? [...e.factors]
            : e.kind === "pow"
              ? [e.base, e.exp]
              : e.kind === "call"
                ? [...e.args]
                : [];
      return 1 + Math.max(0, ...cs.map(depth));
    };
    for (let n = 0; n < 300; n++) {
      const e = gen(r, 4);
      const s = JSON.stringify(e);
      for (const fn of ["exp", "ln", "tanh", "sigma", "sqrt", "softplus"]) if (s.includes(`"fn":"${fn}"`)) seen.add(fn);
      for (const k of ["add", "mul", "pow"]) if (s.includes(`"kind":"${k}"`)) seen.add(k);
      if (depth(e) >= 5) deep++;
    }
    expect([...seen].sort()).toEqual(["add", "exp", "ln", "mul", "pow", "sigma", "softplus", "sqrt", "tanh"]);
    expect(deep).toBeGreaterThan(30);
  });

  it("d/dz of an expression without z is exactly 0", () => {
    const r = rng(99);
    let checked = 0;
    for (let n = 0; n < 200; n++) {
      const e = gen(r, 4);
      if (mentions(e, "z")) continue;
      checked++;
      expect(plain(diff(e, Z))).toEqual(plain(b.ZERO));
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe("diff rules", () => {
  const expectSame = (d: Expr, expected: (x: number) => number): void => {
    for (const x of [-1.3, -0.4, 0.2, 0.9, 1.7]) {
      const v = at(d, x, 0.3);
      expect(Math.abs(v - expected(x))).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v)));
    }
  };

  it("d/dx x = 1, d/dx c = 0, d/dx z = 0", () => {
    expect(plain(diff(X, X))).toEqual(plain(b.ONE));
    expect(plain(diff(b.num(3), X))).toEqual(plain(b.ZERO));
    expect(plain(diff(Z, X))).toEqual(plain(b.ZERO));
  });

  it("differentiates with respect to an indexed symbol", () => {
    const y6 = b.sym("y", b.node(6));
    const t6 = b.sym("t", b.node(6));
    const y7 = b.sym("y", b.node(7));
    // d/dy_6 1/2 (t_6 - y_6)^2 = y_6 - t_6, and y_7 is another variable.
    const d = diff(b.mul(b.num(0.5), b.sq(b.sub(t6, y6))), y6);
    const scope = (y: number, t: number) => ({
      sym: (name: string) => (name === "y" ? y : name === "t" ? t : NaN),
      set: () => [],
    });
    for (const [y, t] of [
      [0.3, 0.9],
      [0.7, 0.1],
    ] as const)
      expect(evaluate(d, scope(y, t))).toBeCloseTo(y - t, 14);
    expect(plain(diff(b.sq(y7), y6))).toEqual(plain(b.ZERO));
  });

  it("power rule: d/dx x^3 = 3x^2, d/dx x^-1 = -x^-2", () => {
    expectSame(diff(b.pow(X, b.num(3)), X), (x) => 3 * x * x);
    expectSame(diff(b.pow(X, b.MINUS_ONE), X), (x) => -1 / (x * x));
  });

  it("general power: d/dx 2^x = 2^x ln 2, d/dx (x^2 + 1)^x", () => {
    expectSame(diff(b.pow(b.num(2), X), X), (x) => 2 ** x * Math.log(2));
    const base = (x: number): number => x * x + 1;
    expectSame(diff(b.pow(b.add(b.sq(X), b.ONE), X), X), (x) => base(x) ** x * (Math.log(base(x)) + (x * 2 * x) / base(x)));
  });

  it("product and quotient rules", () => {
    expectSame(diff(b.mul(X, b.call("exp", [X])), X), (x) => Math.exp(x) * (1 + x));
    expectSame(diff(b.div(X, b.add(b.ONE, b.sq(X))), X), (x) => (1 - x * x) / (1 + x * x) ** 2);
  });

  it("chain rule through every built-in function", () => {
    const sig = (v: number): number => 1 / (1 + Math.exp(-v));
    const u = b.mul(b.num(2), X);
    expectSame(diff(b.call("exp", [u]), X), (x) => 2 * Math.exp(2 * x));
    expectSame(diff(b.call("ln", [b.add(b.num(3), X)]), X), (x) => 1 / (3 + x));
    expectSame(diff(b.call("tanh", [u]), X), (x) => 2 * (1 - Math.tanh(2 * x) ** 2));
    expectSame(diff(b.call("sigma", [u]), X), (x) => 2 * sig(2 * x) * (1 - sig(2 * x)));
    expectSame(diff(b.call("sqrt", [b.add(b.num(3), X)]), X), (x) => 1 / (2 * Math.sqrt(3 + x)));
    expectSame(diff(b.call("softplus", [u]), X), (x) => 2 * sig(2 * x));
    expectSame(diff(b.call("sin", [u]), X), (x) => 2 * Math.cos(2 * x));
    expectSame(diff(b.call("cos", [u]), X), (x) => -2 * Math.sin(2 * x));
    expectSame(diff(b.call("abs", [u]), X), (x) => 2 * Math.sign(x));
    expectSame(diff(b.call("relu", [u]), X), (x) => (x > 0 ? 2 : 0));
  });

  it("the derivative of an Iverson bracket is 0 away from its jump", () => {
    expect(plain(diff(b.mul(X, b.iverson("gt", X, b.ZERO)), X))).toEqual(plain(b.iverson("gt", X, b.ZERO)));
  });

  it("refuses what it cannot differentiate", () => {
    expect(() => diff(b.call("f", [X]), X)).toThrow(NotDifferentiable);
    expect(() => diff(b.call("exp", [X], 1), X)).toThrow(NotDifferentiable);
    expect(() => diff(b.deriv(b.sym("E"), X), X)).toThrow(NotDifferentiable);
    expect(() => diff(b.sum("k", { kind: "outputs" }, X), X)).toThrow(NotDifferentiable);
    expect(() => diff(b.transpose(X), X)).toThrow(NotDifferentiable);
    // ...but a function of something else is constant.
    expect(plain(diff(b.call("exp", [Z]), X))).toEqual(plain(b.ZERO));
  });
});
