// An equation with its justification: the unit of every proof, lemma and rule statement.
import type { Expr } from "../expr/types.js";

/** Stable ids of the reasons a step may give; renderers and checkers dispatch on them. */
export const RULE_IDS = [
  "definition",
  "notation",
  "gradient-descent",
  "chain-rule",
  "total-derivative",
  "linearity",
  "activation-derivative",
  "loss-derivative",
  "differentiation",
  "substitution",
  "factor",
  "simplification",
  "assumption",
  "lemma",
  "max-derivative",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/**
 * Which justifications each rule may give, as message keys: a step's label is one of its rule's
 * list, so that a rule id and its label cannot disagree. The compiler checks it wherever a step
 * is made, in derive/ (Builder.step, chain, perNode) and in the rule modules' lemmas alike
 * (Equation is { rule: R; label: LabelOf<R> }); derive/labels.ts checks that each is a message.
 */
export const RULE_LABELS = {
  definition: [
    "def-net",
    "def-y",
    "def-loss",
    "def-delta",
    "use-delta",
    "def-loss-written",
    "mx-stack",
    "worked-given",
    "tied-share",
    "def-batch-loss",
    "def-sigmoid",
    "def-tanh",
    "def-relu",
    "def-leaky-relu",
    "def-softplus",
    "def-softmax",
    "def-custom",
  ],
  notation: [
    "def-weight-vector",
    "def-weight-vector-nobias",
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
    "mx-batch-gradient",
    "mx-batch-delta",
  ],
  "gradient-descent": ["gradient-descent", "update-rule", "update-tied"],
  "chain-rule": ["chain-net", "chain-output", "chain-inner", "mx-outer", "mx-entry-chain", "chain-rnn", "chain-conv"],
  "total-derivative": [
    "total-output",
    "total-hidden",
    "total-hidden-softmax",
    "total-output-feeds",
    "total-tied",
    "total-output-feeds-softmax",
    "total-rnn",
    "total-conv",
  ],
  linearity: [
    "linearity-w",
    "linearity-b",
    "linearity-y",
    "mx-block-product",
    "mx-matvec",
    "mx-matvec-w",
    "linearity-y-delta",
    "rnn-one-term",
    "batch-linearity",
    "linearity-average",
  ],
  "activation-derivative": ["activation-derivative", "by-lemma", "by-lemma-n"],
  "loss-derivative": ["loss-term"],
  differentiation: [
    "differentiate",
    "lemma-sigmoid-chain",
    "lemma-quotient-rule",
    "lemma-identity",
    "lemma-relu",
    "lemma-leaky-relu",
    "lemma-softplus-chain",
    "lemma-custom-diff",
  ],
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
    "batch-example-gradient",
    "rnn-jacobians",
    "rnn-output-specialised",
    "rnn-hidden-specialised",
    "conv-local",
    "pool-max-route",
    "pool-average-spread",
    "conv-flip",
    "conv-dilate",
    "conv-input",
    "lemma-output-sigmoid",
    "lemma-output-tanh",
    "lemma-tanh-back",
    "lemma-softmax-back",
  ],
  factor: ["factor-out", "lemma-factor-out"],
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
    "lemma-sigmoid-one-minus",
    "lemma-split-fraction",
    "lemma-softplus-sigma",
    "lemma-simplify",
  ],
  assumption: ["assume-distribution"],
  lemma: ["by-lemma"],
  "max-derivative": ["max-arg"],
} as const satisfies Record<RuleId, readonly string[]>;

/** The labels a rule may carry. */
export type LabelOf<R extends RuleId> = (typeof RULE_LABELS)[R][number];

/** How the two sides relate: an equality, a definition (:=), or an update (\leftarrow). */
export type Relation = "eq" | "define" | "update";

/** An equation and its justification: a label its rule may give (the compiler checks it). */
export type Equation = {
  readonly [R in RuleId]: {
    readonly lhs: Expr;
    readonly rhs: Expr;
    readonly rule: R;
    /** Message id of the human justification (see derive/messages). */
    readonly label: LabelOf<R>;
    readonly relation?: Relation;
  };
}[RuleId];

export const eq = <R extends RuleId>(lhs: Expr, rhs: Expr, rule: R, label: LabelOf<R>, relation: Relation = "eq"): Equation =>
  ({ lhs, rhs, rule, label, relation }) as Equation;
