// The compiler of expressions (src/expr/codegen.ts) against the interpreter (evaluate.ts): the
// same trees give the same numbers bit for bit, whether runs of like terms are rolled into loops
// or not, and the runs it finds are the ones that are there.
import { describe, expect, it } from "vitest";
import * as b from "../../src/expr/build.js";
import { compileAssignments, compileExpr, toIR, compileValue, treeRuns, type CodegenScope } from "../../src/expr/codegen.js";
import { evaluate, EvalError, type Scope } from "../../src/expr/evaluate.js";
import type { Expr } from "../../src/expr/types.js";
import { rng, uniform, type Rng } from "../../src/oracle/rng.js";

/** Symbols a_i (array 0) and c_i (array 1), i = 0 .. 99. */
const values = [
  Float64Array.from({ length: 100 }, (_, i) => Math.sin(i + 1) * 3),
  Float64Array.from({ length: 100 }, (_, i) => Math.cos(i) / 2),
];
const scope: CodegenScope = {
  slot: (name, idx) =>
    idx.length === 1 && idx[0]!.kind === "node" && (name === "a" || name === "c")
      ? { array: name === "a" ? 0 : 1, at: idx[0]!.n }
      : undefined,
  set: () => undefined,
};
const interp: Scope = {
  sym: (name, idx) => {
    const slot = scope.slot(name, idx);
    if (slot === undefined) throw new EvalError(`no value for ${name}`);
    return values[slot.array]![slot.at]!;
  },
  set: () => [],
};
const a = (i: number): Expr => b.sym("a", b.node(i));
const c = (i: number): Expr => b.sym("c", b.node(i));

function randomTree(r: Rng, depth = 0): Expr {
  const k = Math.floor(r() * (depth > 3 ? 2 : 7));
  const n = (): number => Math.floor(r() * 100);
  switch (k) {
    case 0:
      return a(n());
    case 1:
      return b.num(Math.round(uniform(r, -3, 3) * 4) / 4);
    case 2:
      return b.rawAdd(...Array.from({ length: 1 + Math.floor(r() * 12) }, () => randomTree(r, depth + 1)));
    case 3:
      return b.rawMul(randomTree(r, depth + 1), randomTree(r, depth + 1));
    case 4:
      return b.pow(randomTree(r, depth + 1), b.num(2));
    case 5:
      return b.call(["exp", "tanh", "sigma", "softplus", "sin"][Math.floor(r() * 5)]!, [randomTree(r, depth + 1)]);
    default:
      return b.iverson("gt", randomTree(r, depth + 1), b.ZERO);
  }
}

describe("compiled expressions", () => {
  it("give the interpreter's numbers bit for bit on 500 random trees", () => {
    const r = rng(5);
    for (let i = 0; i < 500; i++) {
      const e = randomTree(r);
      const want = evaluate(e, interp);
      expect(
        Object.is(compileExpr(e, scope).run(values), want) || (Number.isNaN(want) && Number.isNaN(compileExpr(e, scope).run(values))),
      ).toBe(true);
      expect(compileValue(toIR(e, scope))(values)).toBe(compileExpr(e, scope).run(values));
    }
  });

  it("roll a long sum of products into a loop and keep its value", () => {
    const sum = b.rawAdd(...Array.from({ length: 60 }, (_, j) => b.rawMul(a(j + 10), c(j))), a(3));
    const runs = treeRuns(sum.kind === "add" ? sum.terms : [], scope);
    expect(runs.map((x) => x.to - x.from)).toEqual([60, 1]);
    expect(runs[0]!.stride).toEqual([1, 1]);
    expect(compileExpr(sum, scope).run(values)).toBe(evaluate(sum, interp));
  });

  it("roll like assignments into loops, and break a run where the stride changes", () => {
    const trees = [
      ...Array.from({ length: 20 }, (_, j) => b.rawMul(a(7), c(j))),
      b.rawMul(a(7), c(50)),
      ...Array.from({ length: 5 }, (_, j) => b.rawMul(a(j * 2), c(1))),
    ];
    const runs = treeRuns(trees, scope, (i) => i);
    // Greedy: the odd one out starts a run of two with the next, which then breaks.
    expect(runs.map((x) => x.to - x.from)).toEqual([20, 2, 4]);
    const out = new Float64Array(trees.length);
    compileAssignments(trees, scope, 2)!.run([values[0]!, values[1]!, out]);
    expect([...out]).toEqual(trees.map((t) => evaluate(t, interp)));
  });

  it("leave a tree without meaning to raise its error when evaluated, and batches refuse it", () => {
    const bad = b.rawMul(a(1), b.sym("z"));
    expect(() => compileExpr(bad, scope).run(values)).toThrow(EvalError);
    expect(compileAssignments([a(1), bad], scope, 2)).toBeUndefined();
  });
});
