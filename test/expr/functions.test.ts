// The registry of built-in functions (src/expr/functions.ts): every facet of a function agrees
// with the others, and the tables elsewhere are the registry's.
import { describe, expect, it } from "vitest";
import { COMPLEX_BUILTINS, cx } from "../../src/expr/complex.js";
import { BUILTINS, builtin, logOneMinusSigma, logSigma, sigma, softplus } from "../../src/expr/functions.js";
import { toLatex } from "../../src/expr/latex.js";
import { toText } from "../../src/expr/text.js";
import { ACTIVATIONS } from "../../src/rules/registry.js";
import * as b from "../../src/expr/build.js";
import { compileCas } from "../../src/check/cas-eval.js";
import { FUNCTION_NAMES } from "../../src/rules/formula.js";

const points = [-3.5, -0.7, 0.2, 1.3, 4.1];

describe("the built-in functions", () => {
  it("agree with their complex form on the real line, and an analytic one has one", () => {
    for (const [name, f] of Object.entries(BUILTINS)) {
      expect("complex" in f, name).toBe(f.analytic);
      for (const x of points) {
        if (!Number.isFinite(f.value(x))) continue;
        if (f.analytic) expect(COMPLEX_BUILTINS[name]!(cx(x)).re, `${name}(${x})`).toBeCloseTo(f.value(x), 13);
        else expect(() => COMPLEX_BUILTINS[name]!(cx(x, 1e-20))).toThrow();
      }
    }
  });

  it("agree with their CAS form", () => {
    for (const [name, f] of Object.entries(BUILTINS)) {
      const g = compileCas(f.cas("u"));
      for (const x of points) {
        const want = f.value(x);
        if (!Number.isFinite(want)) continue;
        expect(g({ u: x, ee: Math.E }), `${name}(${x})`).toBeCloseTo(want, 12);
      }
    }
  });

  it("are printed by the names the registry gives them", () => {
    // exp, abs and sqrt are drawn (e^{x}, |x|, a root sign), the others named.
    const drawn: Record<string, string> = { exp: "e^{x}", abs: "\\left|x\\right|", sqrt: "\\sqrt{x}" };
    for (const [name, f] of Object.entries(BUILTINS)) {
      const x = b.call(name, [b.sym("x")]);
      expect(toLatex(x), name).toBe(drawn[name] ?? `${f.latex}\\left(x\\right)`);
      expect(toText(x), name).toBe(`${"text" in f ? f.text : name}(x)`);
    }
    expect(toLatex(b.call("sigma", [b.sym("x")]))).toBe("\\sigma\\left(x\\right)");
    expect(toText(b.call("ln", [b.sym("x")]))).toBe("log(x)");
  });

  it("print every activation of the registry by its own name", () => {
    for (const a of Object.values(ACTIVATIONS).map((make) => make())) {
      const f = builtin(a.symbol);
      const upright = `\\operatorname{${a.symbol.replace(/[^A-Za-z]/g, "")}}`;
      expect(toLatex(b.call(a.symbol, [b.sym("x")])), a.id).toBe(`${f?.latex ?? upright}\\left(x\\right)`);
    }
    expect(toLatex(b.call("softmax", [b.sym("x")]))).toBe("\\operatorname{softmax}\\left(x\\right)");
  });

  it("are the functions a formula may call", () => {
    for (const name of Object.keys(BUILTINS)) expect(FUNCTION_NAMES).toContain(name);
  });

  it("softplus and the log-sigmoids keep their digits at both ends", () => {
    expect(softplus(800)).toBe(800);
    expect(softplus(-800)).toBe(0);
    expect(softplus(1e-3)).toBeCloseTo(Math.log(1 + Math.exp(1e-3)), 15);
    expect(logSigma(-800)).toBe(-800);
    expect(logOneMinusSigma(800)).toBe(-800);
    expect(logSigma(40)).toBeCloseTo(-Math.exp(-40), 30);
    expect(sigma(-800)).toBe(0);
    expect(sigma(800)).toBe(1);
  });
});
