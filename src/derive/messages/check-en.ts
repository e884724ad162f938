// English messages of the worked example (src/check/worked.ts), the per-step check (src/check/steps.ts) and what a check left uncompared (src/check/types.ts).
// Spread into en.ts; zh-Hant has the same keys (check-zh-Hant.ts).
export const checkEn = {
  "p-worked-intro":
    "One step of gradient descent at the numbers below. Each quantity is shown as its formula, then with the numbers substituted, then as the result, rounded to {digits} significant digits.",
  "p-worked-given": "The given inputs, targets, learning rate, weights and biases:",
  "p-worked-forward": "Forward pass, layer {layer}:",
  "p-worked-loss": "The loss:",
  "p-worked-delta": "The error terms of layer {layer}:",
  "p-worked-gradients": "The gradients of the weights and biases of layer {layer}:",
  "p-worked-updates": "The updated weights and biases of layer {layer}:",
  "p-worked-after-down": "With the updated weights and biases, the loss falls from {before} to {after}.",
  "p-worked-after-up":
    "With the updated weights and biases, the loss rises from {before} to {after}: the learning rate is too large for this point.",
  "p-worked-check":
    "Every step above was compared with an independent evaluation of the network at the same numbers, and every error term and gradient with central differences of it, allowing only for the rounding to {digits} digits: {checked} of {total} gradients checked, {failed} failed{notCompared}, largest relative error {worst} (tolerance {tolerance}).",
  "worked-given": "given",
  "worked-formula": "the derived formula",
  "worked-substitute": "the values substituted",
  "worked-evaluate": "evaluated",
  "col-quantity": "quantity",
  "col-value": "value",
  "col-gradient": "gradient",
  "col-updated": "updated value",
  "p-worked-node": "Node {n}: the gradients of its weights and bias, and their updates:",
  "p-worked-rest": "The other weights and biases, computed in the same way:",
  "p-verification-steps":
    "Every step of the proof was checked numerically at {points} random points drawn reproducibly (generator {seed}) by {method}: {verified} verified, {definitions} definitions or notation with nothing to check, {failed} failed{notCompared}; largest relative error {worst} (tolerance {tolerance}).",
  "method-central": "central differences (Richardson-extrapolated, with a step size chosen per quantity)",
  "method-complex-step": "complex steps where the network is analytic, central differences elsewhere",
  "p-verification-cas":
    "Independently, the computer algebra system nerdamer-prime differentiated E, written out from the network graph, with respect to each of the {params} weights and biases, and its derivatives were compared with the derived gradients {mode}: {agreed} agreed and {disagreed} disagreed{outside}; largest relative error {worst}.",
  "cas-outside": ", and {n} could not be compared, a function being evaluated outside its domain",
  "cas-disagreed-at": " ({which})",
  "p-not-checked": "The formulas of this derivation were not checked numerically.",
  "p-verification-cas-skipped": "The cross-check by the computer algebra system nerdamer-prime was not made: {reason}.",
  "p-verification-cas-stopped":
    "The cross-check by the computer algebra system nerdamer-prime stopped after {compared} comparisons ({agreed} agreed, {disagreed} disagreed{which}): {reason}.",
  "cas-mode-symbolic": "symbolically: each difference expands to 0",
  "cas-mode-numeric": "numerically at {points} random points drawn reproducibly",
  "cas-mode-mixed": "symbolically where the difference expands to 0, numerically at random points elsewhere",
  "p-verification-unchecked": "{unchecked} steps of long enumerations were left out of the reproducible random sample.",
  "not-compared": ", {n} not compared ({reasons})",
  "reason-overflow": "{n} not a finite number in double precision",
  "reason-unrepresentable": "{n} not computable to any accuracy in double precision",
  "reason-sampled-out": "{n} left out of the sample",
  "reason-kink": "{n} at a kink of an activation",
  "reason-vacuous": "{n} with an allowed error not smaller than the value, so that 0 would pass",
} as const;
