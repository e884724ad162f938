// The oracle's scopes at one point (src/oracle/pass-scope.ts): every symbol read from the forward
// pass, real and complex alike; a perturbed parameter read at its value wherever it is used, a
// perturbed edge only there; an error term refused (it has no value inside a difference).
import { describe, expect, it } from "vitest";
import * as b from "../../src/expr/build.js";
import { cx } from "../../src/expr/complex.js";
import { evaluate, EvalError } from "../../src/expr/evaluate.js";
import { buildNetwork } from "../../src/network/graph.js";
import { paramAt } from "../../src/network/params.js";
import { parseSpec } from "../../src/network/spec.js";
import { complexForwardPass } from "../../src/oracle/complex-pass.js";
import { forwardPass } from "../../src/oracle/forward.js";
import { complexScope, passScope } from "../../src/oracle/pass-scope.js";
import { randomParams } from "../../src/oracle/random.js";
import { rng } from "../../src/oracle/rng.js";

const network = buildNetwork(parseSpec({ layers: [3, 2, 2], activation: "tanh", loss: "mse" }));
const p = randomParams(network, rng(3));
const pass = forwardPass(network, p);
const n = b.node;
const sym = (name: string, ...idx: number[]) => b.sym(name, ...idx.map(n));

describe("the oracle's scope of a pass", () => {
  it("reads every symbol from the pass and the params", () => {
    const s = passScope(network, p, pass);
    expect(evaluate(sym("w", 4, 1), s)).toBe(p.values[paramAt(network, 4, 1)!]);
    expect(evaluate(sym("x", 2), s)).toBe(p.inputs[1]);
    expect(evaluate(sym("y", 6), s)).toBe(pass.y[6]);
    expect(evaluate(sym("net", 5), s)).toBe(pass.net[5]);
    expect(evaluate(sym("t", 7), s)).toBe(p.targets[1]);
    expect(evaluate(b.sym("eta"), s)).toBe(p.eta);
    expect(evaluate(b.sym("E"), s)).toBe(pass.E);
    // tanh(net_4) is y_4: the layer's letter is its activation.
    expect(evaluate(b.call("f", [sym("net", 4)]), s)).toBeCloseTo(pass.y[4]!, 15);
    expect(() => evaluate(sym("delta", 4), s)).toThrow(EvalError);
    expect(() => evaluate(sym("x", 4), s)).toThrow("no value for x_4: not an input");
  });

  it("reads a perturbed parameter at its value, and a perturbed edge only where it is", () => {
    const i = paramAt(network, 6, 4)!;
    expect(evaluate(sym("w", 6, 4), passScope(network, p, pass, { kind: "param", index: i, value: 42 }))).toBe(42);
    expect(evaluate(sym("w", 6, 5), passScope(network, p, pass, { kind: "param", index: i, value: 42 }))).not.toBe(42);
    expect(evaluate(sym("w", 6, 4), passScope(network, p, pass, { kind: "edge", index: i, value: 7 }))).toBe(7);
  });

  it("reads the same symbols over complex numbers, the perturbed parameter at its complex value", () => {
    const i = paramAt(network, 4, 2)!;
    const z = cx(p.values[i]!, 1e-20);
    // Given the unperturbed pass, the complex pass leaves out what q does not move; the scope reads that from it.
    const cpass = complexForwardPass(network, p, { kind: "param", index: i }, z, pass);
    const s = complexScope(network, p, pass, cpass, { kind: "param", index: i }, z);
    expect(s.sym("w", [n(4), n(2)])).toEqual(z);
    expect(s.sym("t", [n(6)])).toEqual(cx(p.targets[0]!));
    expect(s.sym("net", [n(4)]).im).not.toBe(0);
    expect(s.sym("y", [n(6)]).re).toBeCloseTo(pass.y[6]!, 15);
    expect(s.sym("y", [n(1)])).toEqual(cx(pass.y[1]!));
    expect(() => s.sym("delta", [n(6)])).toThrow(EvalError);
  });
});
