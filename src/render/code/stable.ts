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

/**
 * The loss term with ln(y) as `logY` (by default the symbol log_y) and, of a sigmoid, ln(1 - y) as
 * `log1mY` (log_1_y): what the printers write as the stable logs from the net.
 */
export function stableLoss(
  term: Expr,
  y: Expr,
  output: StableOutput | undefined,
  logY: Expr = b.sym("log_y"),
  log1mY: Expr = b.sym("log_1_y"),
): Expr {
  if (output === undefined) return term;
  const oneMinus = b.sub(b.ONE, y);
  const walk = (e: Expr): Expr => {
    if (e.kind === "call" && e.fn === "ln" && e.order === 0 && e.args.length === 1) {
      if (equal(e.args[0]!, y)) return logY;
      if (output === "sigmoid" && equal(e.args[0]!, oneMinus)) return log1mY;
    }
    return mapChildren(e, walk);
  };
  return walk(term);
}

/** The index form's stable logs of node k from its net: a sigmoid's log_sigma(net_k), a softmax's net_k - logsumexp(nets). */
export function nodeLogs(output: StableOutput, net: Expr, group: readonly Expr[]): { logY: Expr; log1mY: Expr } {
  return output === "sigmoid"
    ? { logY: b.call("log_sigma", [net]), log1mY: b.call("log_sigma", [b.neg(net)]) }
    : // Only a sigmoid's ln(1 - y) is replaced (stableLoss): a softmax's stays as the notes write it.
      { logY: b.sub(net, b.call("logsumexp", [...group])), log1mY: b.ONE };
}

/** A softmax node's y_k from the nets of its group, as exp(net_k - logsumexp(nets)): no overflow. */
export const stableSoftmax = (net: Expr, group: readonly Expr[]): Expr => b.call("exp", [b.sub(net, b.call("logsumexp", [...group]))]);

/** The index form's helpers, where its formulas call them: log_sigma and logsumexp of numbers (Python). */
export function pythonScalarHelpers(text: string, module: string): string[] {
  const out: string[] = [];
  if (/\blog_sigma\(/.test(text)) out.push(...pythonLogHelpers("sigmoid", module));
  if (/\blogsumexp\(/.test(text))
    out.push(
      "",
      "",
      "def logsumexp(*v):",
      "    # ln(sum(exp(v))), as max v + ln(sum(exp(v - max v))): the same value, which cannot overflow",
      "    top = max(v)",
      `    return top + ${module}.log(sum(${module}.exp(a - top) for a in v))`,
    );
  return out;
}

/** The same in JavaScript. */
export function jsScalarHelpers(text: string): string[] {
  const out: string[] = [];
  if (/\blog_sigma\(/.test(text)) out.push(...jsLogHelpers("sigmoid"));
  if (/\blogsumexp\(/.test(text))
    out.push(
      "",
      "// ln(sum(exp(v))), as max v + ln(sum(exp(v - max v))): the same value, which cannot overflow.",
      "const logsumexp = (...v) => {",
      "  const top = Math.max(...v);",
      "  return top + Math.log(v.reduce((s, a) => s + Math.exp(a - top), 0));",
      "};",
    );
  return out;
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
