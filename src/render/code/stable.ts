// The stable forms the programs compute, as `evaluate` does (src/check/stable-log.ts): the loss
// reads ln y and ln(1 - y) of a softmax or sigmoid output from its net, never from the rounded y,
// so that a saturated output (a net of ±800, whose y rounds to 0 or 1) gives a finite loss. The
// printers write `log_y` as log_softmax(net) or log_sigma(net), `log_1_y` as log_sigma(-net).
import * as b from "../../expr/build.js";
import { equal } from "../../expr/key.js";
import type { Expr } from "../../expr/types.js";
import { mapChildren } from "../../expr/walk.js";

/** The output activations whose logarithm the programs compute from the net. */
export type StableOutput = "softmax" | "sigmoid";

export const stableOutput = (id: string | undefined): StableOutput | undefined => (id === "softmax" || id === "sigmoid" ? id : undefined);

/** The loss term with ln(y) as the symbol log_y and (a sigmoid's) ln(1 - y) as log_1_y. */
export function stableLoss(term: Expr, y: Expr, output: StableOutput | undefined): Expr {
  if (output === undefined) return term;
  const oneMinus = b.sub(b.ONE, y);
  const walk = (e: Expr): Expr => {
    if (e.kind === "call" && e.fn === "ln" && e.order === 0 && e.args.length === 1) {
      if (equal(e.args[0]!, y)) return b.sym("log_y");
      if (output === "sigmoid" && equal(e.args[0]!, oneMinus)) return b.sym("log_1_y");
    }
    return mapChildren(e, walk);
  };
  return walk(term);
}

/** The helpers a Python program defines for the stable logs it reads (`module`: np or torch). */
export function pythonLogHelpers(output: StableOutput | undefined, module: string): string[] {
  if (output === "softmax")
    return [
      "",
      "",
      "def log_softmax(x):",
      "    # ln of the softmax, as x - max x - ln(sum(exp(x - max x))): the same value, finite where",
      "    # the softmax rounds to 0",
      `    top = ${module}.max(x)`,
      `    return x - top - ${module}.log(${module}.sum(${module}.exp(x - top)))`,
    ];
  if (output === "sigmoid")
    return [
      "",
      "",
      "def log_sigma(x):",
      "    # ln sigma(x), as -(max(-x, 0) + ln(1 + exp(-|x|))): the same value, finite where sigma(x)",
      "    # rounds to 0 or 1",
      `    return -(${module === "torch" ? "torch.clamp(-x, min=0)" : "np.maximum(-x, 0)"} + ${module}.log1p(${module}.exp(-${module}.abs(x))))`,
    ];
  return [];
}

/** The same helpers in JavaScript: log_softmax of an array, log_sigma of a number. */
export function jsLogHelpers(output: StableOutput | undefined): string[] {
  if (output === "softmax")
    return [
      "",
      "// ln of the softmax, as x - max x - ln(sum(exp(x - max x))): the same value, finite where the",
      "// softmax rounds to 0.",
      "const log_softmax = (v) => {",
      "  const top = Math.max(...v);",
      "  const sum = v.reduce((s, a) => s + Math.exp(a - top), 0);",
      "  return v.map((a) => a - top - Math.log(sum));",
      "};",
    ];
  if (output === "sigmoid")
    return [
      "",
      "// ln sigma(x), as -(max(-x, 0) + ln(1 + exp(-|x|))): the same value, finite where sigma(x)",
      "// rounds to 0 or 1.",
      "const log_sigma = (x) => -(Math.max(-x, 0) + Math.log1p(Math.exp(-Math.abs(x))));",
    ];
  return [];
}
