// English messages of the rendered documents (src/render): contents, figures, check marks, elided lines.
// Spread into en.ts; zh-Hant has the same keys (document-zh-Hant.ts).
export const documentEn = {
  contents: "Contents",
  "check-method": "central differences of an independent forward evaluation",
  "fig-network":
    "The network: nodes numbered as in the text, inputs on the left, outputs on the right; the constant input 1 of each layer carries the biases.",
  "fig-backward": "Backward pass: the error terms",
  "fig-backward-caption":
    "On the right, the backward pass: the error terms δ flow from right to left along the edges, each multiplied by the edge's weight, and at each node by the derivative of its activation (marked {marks}).",
  "fig-backward-caption-plain":
    "On the right, the backward pass: the error terms δ flow from right to left along the edges, each multiplied by the edge's weight, and at each node by the derivative of its activation.",
  "fig-elided": "Layers wider than {n} nodes show their first nodes, an ellipsis and their last node.",
  "figure-name": "Figure",
  "fig-nodes": "{n} nodes",
  "fig-nodes-one": "1 node",
  "mark-verified": "verified numerically: {method}, {points} points, largest relative error {error}",
  "mark-definition": "a definition or notation: nothing to verify",
  "mark-failed": "FAILED the numeric check: {method}, {points} points, largest relative error {error}",
  "mark-unchecked": "{method}",
  gap: "{count} more lines of the same form: layers wider than {n} nodes are shown in part",
  "gap-weights": "{count} more lines of the same form: nodes with more than {n} inputs are shown in part",
} as const;
