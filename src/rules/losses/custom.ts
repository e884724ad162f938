// A user's loss: a formula in y and t, summed over the output nodes.
import { bindFree, parseFormula } from "../formula.js";
import type { Loss } from "./loss.js";

export function customLoss(formula: string, field: string): Loss {
  const parsed = parseFormula(formula, ["y", "t"], field);
  return {
    id: "custom",
    title: "custom loss",
    scale: 1,
    term: (y, t) => bindFree(parsed.expr, { y, t }),
    value: (y, t) => y.reduce((s, v, i) => s + parsed.evaluate({ y: v, t: t[i]! }), 0),
    targets: "real",
    polynomial: false,
    logOutputs: "none",
  };
}
