// How prose names an activation and a loss, in the proof's language.
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import type { Activation } from "../../rules/activations/activation.js";
import type { Builder } from "../builder.js";
import type { MessageKey } from "../messages/index.js";

/** How prose names an activation: its name, or a custom one's formula. */
export const activationName = (a: Activation): Expr | string => (a.userFormula && a.elementwise ? a.definition(b.sym("x")) : a.title);

/** The loss's name in the proof's language. */
export function lossName(bd: Builder): string {
  const id = bd.network.loss.id;
  const key: MessageKey =
    id === "mse"
      ? "loss-mse"
      : id === "sse"
        ? "loss-sse"
        : id === "cross-entropy"
          ? "loss-cross-entropy"
          : id === "binary-cross-entropy"
            ? "loss-binary-cross-entropy"
            : "loss-custom";
  return bd.title(key);
}
