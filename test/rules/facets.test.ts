// The facets an activation or loss declares, which the checkers read instead of comparing ids:
// checked here against the functions' own values, for every activation and loss of the registry.
import { describe, expect, it } from "vitest";
import { ACTIVATIONS, LOSSES, resolveActivation } from "../../src/rules/registry.js";

const XS = [0.3, 0.7, 1.9, 4.2];

describe("facets", () => {
  const activations = Object.values(ACTIVATIONS).map((make) => make());

  it("covers every activation of the registry", () => expect(activations.length).toBe(Object.keys(ACTIVATIONS).length));

  it.each(activations.map((a) => [a.id, a] as const))(
    "%s is piecewise linear exactly when it has one kink, at 0, and is linear on each side",
    (_, a) => {
      if (!a.elementwise) {
        expect([a.piecewiseLinear, a.polynomial]).toEqual([false, false]);
        return;
      }
      const linearEachSide = XS.every((x) =>
        [x, -x].every((s) => Math.abs(a.value(2 * s) - 2 * a.value(s)) < 1e-12 && Math.abs(a.value(0)) < 1e-12),
      );
      expect(a.piecewiseLinear).toBe(linearEachSide && a.kinks.length === 1 && a.kinks[0] === 0);
      // A piecewise linear activation is a polynomial on each side of its kink.
      if (a.piecewiseLinear) expect(a.polynomial).toBe(true);
    },
  );

  it.each(activations.map((a) => [a.id, a] as const))("%s is the identity exactly when it gives back every argument", (_, a) => {
    const givesBack = a.elementwise && [...XS, ...XS.map((x) => -x)].every((x) => a.value(x) === x);
    expect(a.identity).toBe(givesBack);
    // No built-in activation is a formula the spec wrote.
    expect(a.userFormula).toBe(false);
  });

  it("a custom activation is a formula the spec wrote, the identity only if the user says so in other words", () => {
    const f = resolveActivation({ custom: "x / (1 + abs(x))" }, "activation");
    expect([f.userFormula, f.identity]).toEqual([true, false]);
    // Even x itself, written as a formula, is shown as its formula: it has no name of its own.
    expect(resolveActivation({ custom: "x" }, "activation").userFormula).toBe(true);
  });

  it.each(Object.values(LOSSES).map((l) => [l.id, l] as const))("%s takes the logarithms of the outputs it says it does", (_, loss) => {
    // At an output near 0 (and near 1), a loss with ln y (ln(1 - y)) grows without bound.
    const near = (y: number, t: number): number => loss.value([y], [t]);
    const logY = near(1e-300, 1) > 100;
    const logOneMinus = near(1 - 1e-16, 0) > 30;
    expect(loss.logOutputs).toBe(logY ? (logOneMinus ? "y-and-one-minus-y" : "y") : "none");
  });
});
