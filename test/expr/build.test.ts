// Smart constructors (src/expr/build.ts) and canonical keys (src/expr/key.ts).
import { describe, expect, it } from "vitest";
import * as b from "../../src/expr/build.js";
import { equal, key } from "../../src/expr/key.js";
import { toLatex } from "../../src/expr/latex.js";
import { toText } from "../../src/expr/text.js";
import type { Expr } from "../../src/expr/types.js";

/** The tree as plain JSON data: structural comparison, blind to any memo stored on a node. */
const plain = (e: unknown): unknown => JSON.parse(JSON.stringify(e));

const s = (name: string, ...nodes: number[]): Expr => b.sym(name, ...nodes.map(b.node));
const a = s("a");
const c = s("c");
const x = s("x");
const y = s("y", 6);
const t = s("t", 6);
const num = (v: number): Expr => ({ kind: "num", value: v });

describe("flattening", () => {
  it("a nested add becomes one n-ary add", () => {
    expect(plain(b.add(b.add(a, c), x))).toEqual(plain({ kind: "add", terms: [a, c, x] }));
    expect(plain(b.add(a, b.add(c, b.add(x, y))))).toEqual(plain({ kind: "add", terms: [a, c, x, y] }));
  });

  it("a nested mul becomes one n-ary mul", () => {
    expect(plain(b.mul(b.mul(a, c), x))).toEqual(plain({ kind: "mul", factors: [a, c, x] }));
    expect(plain(b.mul(a, b.mul(c, b.mul(x, y))))).toEqual(plain({ kind: "mul", factors: [a, c, x, y] }));
  });

  it("one term or factor is returned as itself; none gives the unit", () => {
    expect(b.add(a)).toBe(a);
    expect(b.mul(a)).toBe(a);
    expect(plain(b.add())).toEqual(plain(num(0)));
    expect(plain(b.mul())).toEqual(plain(num(1)));
  });
});

describe("constant folding", () => {
  it("adds and multiplies numbers", () => {
    expect(plain(b.add(b.num(2), b.num(3)))).toEqual(plain(num(5)));
    expect(plain(b.mul(b.num(2), b.num(3)))).toEqual(plain(num(6)));
    expect(plain(b.add(b.num(2), a, b.num(3)))).toEqual(plain({ kind: "add", terms: [a, num(5)] }));
    expect(plain(b.mul(b.num(2), a, b.num(3)))).toEqual(plain({ kind: "mul", factors: [num(6), a] }));
  });

  it("drops zero terms and unit factors, and zero annihilates a product", () => {
    expect(b.add(a, b.ZERO)).toBe(a);
    expect(b.mul(b.ONE, a)).toBe(a);
    expect(plain(b.mul(a, b.ZERO, c))).toEqual(plain(num(0)));
    expect(plain(b.add(b.num(1), b.num(-1)))).toEqual(plain(num(0)));
  });

  it("normalises -0 to 0", () => {
    expect(Object.is((b.num(-0) as { value: number }).value, 0)).toBe(true);
    expect(Object.is((b.mul(b.num(-1), b.ZERO) as { value: number }).value, 0)).toBe(true);
    expect(plain(b.mul(b.num(-1), b.ZERO))).toEqual(plain(num(0)));
  });

  it("folds powers of numbers when the result is exact", () => {
    expect(plain(b.pow(b.num(2), b.num(3)))).toEqual(plain(num(8)));
    expect(plain(b.pow(b.num(2), b.num(-1)))).toEqual(plain(num(0.5)));
    expect(plain(b.pow(b.num(4), b.num(0.5)))).toEqual(plain(num(2)));
    // 2^0.5 is irrational: kept symbolic.
    expect(plain(b.pow(b.num(2), b.num(0.5)))).toEqual(plain({ kind: "pow", base: num(2), exp: num(0.5) }));
  });

  it("x^0 = 1, x^1 = x, 1^x = 1", () => {
    expect(plain(b.pow(a, b.ZERO))).toEqual(plain(num(1)));
    expect(b.pow(a, b.ONE)).toBe(a);
    expect(plain(b.pow(b.ONE, a))).toEqual(plain(num(1)));
  });

  it("(x^m)^n = x^(mn) for integer n, (a b)^n = a^n b^n", () => {
    expect(plain(b.pow(b.pow(a, b.num(2)), b.num(3)))).toEqual(plain({ kind: "pow", base: a, exp: num(6) }));
    expect(plain(b.pow(b.mul(a, c), b.num(2)))).toEqual(
      plain({
        kind: "mul",
        factors: [
          { kind: "pow", base: a, exp: num(2) },
          { kind: "pow", base: c, exp: num(2) },
        ],
      }),
    );
  });

  it("(x^2)^(1/2) is not folded to x (it is |x|)", () => {
    const e = b.pow(b.pow(a, b.num(2)), b.num(0.5));
    expect(plain(e)).toEqual(plain({ kind: "pow", base: { kind: "pow", base: a, exp: num(2) }, exp: num(0.5) }));
  });

  it("Iverson brackets with known sides fold to 0 or 1", () => {
    expect(plain(b.iverson("eq", b.indexValue(b.node(3)), b.indexValue(b.node(3))))).toEqual(plain(num(1)));
    expect(plain(b.iverson("eq", b.indexValue(b.node(3)), b.indexValue(b.node(4))))).toEqual(plain(num(0)));
    expect(plain(b.iverson("gt", b.num(2), b.num(1)))).toEqual(plain(num(1)));
    expect(plain(b.iverson("gt", b.num(1), b.num(2)))).toEqual(plain(num(0)));
    expect(plain(b.iverson("eq", b.indexValue(b.ivar("i")), b.indexValue(b.ivar("i"))))).toEqual(plain(num(1)));
    expect(b.iverson("eq", b.indexValue(b.ivar("i")), b.indexValue(b.ivar("k"))).kind).toBe("iverson");
    expect(b.iverson("gt", s("net", 4), b.ZERO).kind).toBe("iverson");
  });
});

describe("like terms are merged", () => {
  it("x + x = 2x", () => {
    expect(plain(b.add(x, x))).toEqual(plain({ kind: "mul", factors: [num(2), x] }));
  });

  it("2x + 3x = 5x and 2x - 2x = 0", () => {
    expect(plain(b.add(b.mul(b.num(2), x), b.mul(b.num(3), x)))).toEqual(plain({ kind: "mul", factors: [num(5), x] }));
    expect(plain(b.sub(b.mul(b.num(2), x), b.mul(b.num(2), x)))).toEqual(plain(num(0)));
  });

  it("a x + x a = 2 a x: like terms are recognised up to the order of factors", () => {
    expect(plain(b.add(b.mul(a, x), b.mul(x, a)))).toEqual(plain({ kind: "mul", factors: [num(2), a, x] }));
  });

  it("y - t + t = y", () => {
    expect(b.add(b.sub(y, t), t)).toBe(y);
  });

  it("like terms whose body is a sum match up to the order of its terms: 2(1 - y) - 2(-y + 1) = 0", () => {
    expect(plain(b.add(b.mul(b.num(2), b.sub(b.ONE, y)), b.mul(b.num(-2), b.add(b.neg(y), b.ONE))))).toEqual(plain(num(0)));
  });

  it("a negated sum is not distributed (cheap canonicalisation only)", () => {
    const e = b.sub(x, b.sub(y, t));
    expect(plain(e)).toEqual(
      plain({
        kind: "add",
        terms: [x, { kind: "mul", factors: [num(-1), { kind: "add", terms: [y, { kind: "mul", factors: [num(-1), t] }] }] }],
      }),
    );
  });
});

describe("like bases are merged", () => {
  it("y y = y^2 and y^2 y^-1 = y", () => {
    expect(plain(b.mul(y, y))).toEqual(plain({ kind: "pow", base: y, exp: num(2) }));
    expect(b.mul(b.sq(y), b.pow(y, b.MINUS_ONE))).toBe(y);
  });

  it("y y^-1 = 1", () => {
    expect(plain(b.mul(y, b.pow(y, b.MINUS_ONE)))).toEqual(plain(num(1)));
    expect(plain(b.div(y, y))).toEqual(plain(num(1)));
  });

  it("(1 - y)^-1 (1 - y) = 1, also when the sum is written in another order", () => {
    const oneMinusY = b.sub(b.ONE, y);
    expect(plain(b.mul(b.pow(oneMinusY, b.MINUS_ONE), oneMinusY))).toEqual(plain(num(1)));
    expect(plain(b.mul(b.pow(b.add(b.neg(y), b.ONE), b.MINUS_ONE), oneMinusY))).toEqual(plain(num(1)));
  });

  it("t / y * y = t and 2 * (1/2) = 1", () => {
    expect(b.mul(b.div(t, y), y)).toBe(t);
    expect(plain(b.mul(b.num(2), b.pow(b.num(2), b.MINUS_ONE)))).toEqual(plain(num(1)));
  });

  it("x^a x^c = x^(a + c) with symbolic exponents", () => {
    expect(plain(b.mul(b.pow(x, a), b.pow(x, c)))).toEqual(plain({ kind: "pow", base: x, exp: { kind: "add", terms: [a, c] } }));
  });

  it("a merged base keeps the position of its first occurrence", () => {
    expect(plain(b.mul(a, x, c, x))).toEqual(plain({ kind: "mul", factors: [a, { kind: "pow", base: x, exp: num(2) }, c] }));
  });
});

describe("the author's order is preserved", () => {
  it("terms and factors stay in the order written", () => {
    expect(plain(b.add(y, x, a))).toEqual(plain({ kind: "add", terms: [y, x, a] }));
    expect(plain(b.add(a, x, y))).toEqual(plain({ kind: "add", terms: [a, x, y] }));
    expect(plain(b.mul(y, x, a))).toEqual(plain({ kind: "mul", factors: [y, x, a] }));
    expect(plain(b.mul(a, x, y))).toEqual(plain({ kind: "mul", factors: [a, x, y] }));
  });

  it("prints in the order written", () => {
    expect(toLatex(b.mul(s("delta", 6), s("w", 6, 4)))).toBe("\\delta_6 w_{64}");
    expect(toLatex(b.mul(s("w", 6, 4), s("delta", 6)))).toBe("w_{64} \\delta_6");
    expect(toLatex(b.add(s("w", 4, 1), s("w", 4, 2)))).toBe("w_{41} + w_{42}");
    expect(toLatex(b.add(s("w", 4, 2), s("w", 4, 1)))).toBe("w_{42} + w_{41}");
  });

  it("the numeric coefficient goes first, the constant term last", () => {
    expect(plain(b.mul(x, b.num(3)))).toEqual(plain({ kind: "mul", factors: [num(3), x] }));
    expect(plain(b.add(b.num(3), x))).toEqual(plain({ kind: "add", terms: [x, num(3)] }));
  });
});

describe("constructors never mutate their inputs", () => {
  const snapshot = (e: unknown): string => JSON.stringify(e);
  const inputs = (): Expr[] => {
    const sumYT = b.sub(y, t);
    const prod = b.mul(b.num(2), a, b.pow(x, b.num(3)));
    const sumOfSums = b.add(sumYT, prod);
    const bound = b.sum("k", { kind: "downstream", of: b.ivar("j") }, b.mul(s("delta", 6), s("w", 6, 4)));
    return [sumYT, prod, sumOfSums, bound, b.pow(sumYT, b.MINUS_ONE), b.iverson("gt", s("net", 4), b.ZERO), b.matrix([[a, c]])];
  };

  it("deep-equal snapshots of the arguments before and after every constructor", () => {
    const args = inputs();
    const before = args.map(snapshot);
    const results: Expr[] = [];
    for (const p of args) {
      for (const q of args) {
        results.push(b.add(p, q), b.mul(p, q), b.sub(p, q), b.div(p, q), b.pow(p, q), b.pow(p, b.num(2)), b.pow(p, b.num(-2)));
        results.push(b.neg(p), b.sq(p), b.call("f", [p, q], 1), b.deriv(p, q), b.iverson("eq", p, q), b.transpose(p), b.matmul(p, q));
        results.push(b.add(p, p, q, q), b.mul(p, p, q, q), b.mul(b.num(3), p, b.num(-1), q));
      }
    }
    expect(args.map(snapshot)).toEqual(before);
    // Printing and keying do not mutate either.
    for (const r of results) {
      const s0 = snapshot(r);
      toLatex(r);
      toText(r);
      key(r);
      expect(snapshot(r)).toBe(s0);
    }
    expect(args.map(snapshot)).toEqual(before);
  });

  it("a product scaled by a coefficient in a sum leaves the original product alone", () => {
    const prod = b.mul(a, x);
    const before = snapshot(prod);
    b.add(prod, prod, prod);
    b.add(b.mul(b.num(5), prod), prod);
    expect(snapshot(prod)).toBe(before);
  });
});

describe("key(): canonical up to order of terms and factors", () => {
  it("is equal for commuted sums and products", () => {
    expect(key(b.add(a, c, x))).toBe(key(b.add(x, a, c)));
    expect(key(b.mul(a, c, x))).toBe(key(b.mul(c, x, a)));
    expect(key(b.add(b.mul(a, c), x))).toBe(key(b.add(x, b.mul(c, a))));
    expect(equal(b.sub(y, t), b.add(b.neg(t), y))).toBe(true);
  });

  it("distinguishes what order matters for", () => {
    expect(key(b.pow(a, c))).not.toBe(key(b.pow(c, a)));
    expect(key(s("w", 4, 1))).not.toBe(key(s("w", 1, 4)));
    expect(key(s("w", 4, 1))).not.toBe(key(s("w", 41)));
    expect(key(b.matmul(a, c))).not.toBe(key(b.matmul(c, a)));
    expect(key(b.call("f", [a, c]))).not.toBe(key(b.call("f", [c, a])));
    expect(key(b.deriv(a, c))).not.toBe(key(b.deriv(c, a)));
    expect(key(b.iverson("gt", a, c))).not.toBe(key(b.iverson("gt", c, a)));
  });

  it("distinguishes different expressions", () => {
    const distinct: Expr[] = [
      a,
      c,
      b.add(a, c),
      b.mul(a, c),
      b.pow(a, c),
      b.num(1),
      b.num(2),
      b.call("f", [a]),
      b.call("f", [a], 1),
      b.call("g", [a]),
      b.sym("w", b.bias(b.node(4))),
      s("w", 4),
      b.indexValue(b.node(4)),
      b.num(4),
      b.sum("k", { kind: "downstream", of: b.ivar("j") }, a),
      b.sum("k", { kind: "preds", of: b.ivar("j") }, a),
      b.sum("k", { kind: "nodes", nodes: [6, 7] }, a),
      b.vecSym("w", [b.node(4)]),
      b.vecSym("w", [b.node(4)], 1),
      b.matSym("W", 1),
      b.transpose(a),
    ];
    expect(new Set(distinct.map(key)).size).toBe(distinct.length);
  });

  it("is stable when called again (memoised)", () => {
    const e = b.add(b.mul(a, c), x);
    expect(key(e)).toBe(key(e));
  });
});
