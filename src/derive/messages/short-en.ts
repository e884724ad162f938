// The short labels of the notes (--labels short): a few words naming the rule of a step, set
// beside a display where the full reason would not fit; the prose around it gives the reason.
import type { RuleId } from "../../rules/equation.js";

export const shortEn = {
  "short-definition": "definition",
  "short-notation": "notation",
  "short-gradient-descent": "gradient descent",
  "short-chain-rule": "chain rule",
  "short-total-derivative": "total derivative",
  "short-linearity": "linearity",
  "short-activation-derivative": "derivative of the activation",
  "short-loss-derivative": "derivative of the loss",
  "short-differentiation": "differentiation",
  "short-substitution": "substitution",
  "short-factor": "common factor",
  "short-simplification": "simplification",
  "short-assumption": "assumption",
  "short-lemma": "by the lemma",
  "short-max-derivative": "derivative of a max",
} as const satisfies Record<`short-${RuleId}`, string>;
