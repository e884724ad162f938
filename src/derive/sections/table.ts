// The appendix's table of every built-in activation: f, f' and f' in terms of the output
// y = f(x), the form backpropagation uses; then the output/loss pairs whose output error term is
// y_k - t_k. Text rows, not steps: the lemmas prove what the network uses, and the tests check
// every row numerically against the activation's own value function.
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import { ACTIVATIONS } from "../../rules/registry.js";
import type { ElementwiseActivation } from "../../rules/activations/activation.js";
import type { Builder } from "../builder.js";
import type { Block, Section } from "../proof.js";
import { t, y } from "../symbols.js";
import { v } from "./roles.js";

const X = b.sym("x");
const Y = b.sym("y");

/** f'(x) in terms of y = f(x); undefined where it is not a function of y alone. */
export function derivativeInY(a: ElementwiseActivation): Expr | undefined {
  if (a.derivativeInOutput) return a.derivative(X, Y);
  switch (a.id) {
    case "identity":
      return b.ONE;
    // Both keep the sign of x, so [x > 0] = [y > 0].
    case "relu":
    case "leaky-relu":
      return a.derivative(Y, Y);
    // softplus' = sigma(x) = 1 - e^{-y}, since y = ln(1 + e^x).
    case "softplus":
      return b.sub(b.ONE, b.call("exp", [b.neg(Y)]));
    default:
      return undefined;
  }
}

/** f'(x) in terms of x: the textbook form with y replaced by f(x). */
export const derivativeInX = (a: ElementwiseActivation): Expr => a.derivative(X, b.call(a.symbol, [X]));

export function tableSection(bd: Builder): Section {
  const k = v("k");
  const i = v("i");
  const blocks: Block[] = [bd.text("p-table")];
  blocks.push(bd.row([bd.title("col-activation"), bd.title("col-f"), bd.title("col-fprime"), bd.title("col-fprime-y")], "head"));
  for (const make of Object.values(ACTIVATIONS)) {
    const a = make();
    if (a.elementwise) {
      blocks.push(bd.row([a.title, a.definition(X), derivativeInX(a), derivativeInY(a) ?? "-"]));
    } else {
      // softmax: y_i = e^{x_i} / sum_l e^{x_l}, dy_i/dx_k = y_i ([i = k] - y_k).
      const xi = b.sym("x", i);
      const l = v("l");
      const def = b.div(b.call("exp", [xi]), b.sum("l", { kind: "layer", of: i }, b.call("exp", [b.sym("x", l)])));
      blocks.push(bd.row([a.title, def, b.deriv(b.sym("y", i), b.sym("x", k)), a.partial(i, k)]));
    }
  }
  blocks.push(bd.text("p-pairs", { d: b.sub(y(k), t(k)) }));
  for (const key of ["pair-softmax-ce", "pair-sigmoid-bce", "pair-identity-mse"] as const)
    blocks.push(bd.text(key, {}, { layout: "bullet" }));
  return { id: "table", title: bd.title("sec-table"), blocks, part: "appendix" };
}
