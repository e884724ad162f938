// Which justifications each rule may give. A step's label is looked up from its rule's list, so
// a rule id and its label cannot disagree: `step(..., "substitution", "chain-net")` does not
// compile. (Lemma steps come from the rule modules with string labels; the builder checks them.)
import type { RuleId } from "../rules/equation.js";
import type { MessageKey } from "./messages/en.js";

export const RULE_LABELS = {
  definition: ["def-net", "def-y", "def-loss", "def-delta", "use-delta", "def-loss-written", "mx-stack", "worked-given", "tied-share"],
  notation: [
    "def-weight-vector",
    "def-augmented",
    "def-layer-input",
    "def-y",
    "matrix-form",
    "mx-split",
    "mx-net",
    "mx-block-gradient",
    "mx-hadamard",
    "mx-jacobian",
    "mx-transpose",
    "mx-vectorise",
  ],
  "gradient-descent": ["gradient-descent", "update-rule", "update-tied"],
  "chain-rule": ["chain-net", "chain-output", "chain-inner", "mx-outer", "mx-entry-chain"],
  "total-derivative": ["total-output", "total-hidden", "total-hidden-softmax", "total-output-feeds", "total-tied"],
  linearity: ["linearity-w", "linearity-b", "linearity-y", "mx-block-product", "mx-matvec", "mx-matvec-w", "linearity-y-delta"],
  "activation-derivative": ["activation-derivative", "by-lemma", "by-lemma-n"],
  "loss-derivative": ["loss-term"],
  differentiation: ["differentiate"],
  substitution: [
    "substitute",
    "substitute-net",
    "substitute-delta",
    "generic-delta",
    "substitute-derivatives",
    "enumerate",
    "instantiate",
    "mx-from-index",
    "mx-entry",
    "mx-update",
    "worked-formula",
    "worked-substitute",
    "bp1",
    "bp2",
    "bp3",
    "bp4",
    "bp-matrix",
  ],
  factor: ["factor-out"],
  simplification: [
    "simplify",
    "worked-evaluate",
    "simp-assumption",
    "simp-sum-sift",
    "simp-sum-factor",
    "simp-sum-split",
    "simp-distribute",
    "simp-expand",
    "simp-common-factor",
    "simp-common-power",
    "simp-negate-sum",
    "simp-abs-sign",
    "simp-sign-abs",
    "simp-cancel",
  ],
  assumption: ["assume-distribution"],
  lemma: ["by-lemma"],
} as const satisfies Record<RuleId, readonly MessageKey[]>;

/** The labels a rule may carry. */
export type LabelOf<R extends RuleId> = (typeof RULE_LABELS)[R][number];
