// English messages of the section on training with a mini-batch (src/derive/sections/batch.ts).
// Spread into en.ts; zh-Hant has the same keys (batch-zh-Hant.ts).
export const batchEn = {
  "sec-batch": "Training on a mini-batch",
  "p-batch-intro":
    "A mini-batch holds {n} training examples, numbered {d} = 1, …, {n}. Every quantity of the derivation above belongs to one example: fed example {d}, node k has the error term {deltakd}, node j the output {yjd}, and the loss of that example alone is {Ed}.",
  "p-batch-mean": "The loss of the batch is the mean of the examples' losses:",
  "p-batch-sum": "The loss of the batch is the sum of the examples' losses:",
  "p-batch-gradient":
    "The derivative of a sum is the sum of the derivatives, and the loss of example {d} depends on a weight exactly as the loss of one example does in the sections above. So each term is the one-example gradient: {deltakd} is the error term derived above, evaluated at example {d}, and {yjd} the output from its forward pass. For every non-input node k and every node j that feeds it:",
  "p-batch-update-mean": "Gradient descent moves every weight once per batch, by the averaged gradient, with learning rate {eta}:",
  "p-batch-update-sum": "Gradient descent moves every weight once per batch, by the summed gradient, with learning rate {eta}:",
  "p-batch-matrix":
    "In matrix form the examples stand side by side as columns (shown for the first layer; every layer alike): column {d} of {Delta} is the error vector {deltavec} at example {d}, column {d} of {X} is the input {x} of example {d} with a constant 1 appended (for a later layer: the output of the layer before it, with a 1 appended), and column {d} of {NET} holds the layer's weighted inputs at example {d}. The entry in row k and column j of the error matrix times the transposed input matrix is the sum over the examples of {product}, so for each layer:",
  "p-batch-matrix-delta":
    "Column by column, the error matrix of a hidden layer is the error vector of the matrix form above, one example at a time, with the derivative of the layer's activation applied to every entry:",
  "p-batch-matrix-update": "One step of gradient descent per batch, with learning rate {eta}:",
  "p-batch-sizes":
    "With {n} equal to 1, each update follows the gradient of a single example: stochastic gradient descent. With every training example in the batch, it follows the gradient of the whole training set: full-batch gradient descent. In between, it is mini-batch gradient descent. Under the mean, the gradient of the batch is an average of per-example gradients, so its size does not grow with {n}: a larger batch estimates the same gradient with less noise, and the learning rate {eta} that suits one batch size suits another.",
  "p-batch-sizes-sum":
    "Under the sum, the gradient grows in proportion to {n}: the learning rate {eta} has to shrink as {n} grows to keep the steps the same size.",
  "def-batch-loss": "the loss of the batch",
  "batch-linearity": "the derivative of a sum is the sum of the derivatives",
  "batch-example-gradient": "the gradient of each example, by the chain rule above",
  "mx-batch-gradient": "each entry is the sum over the examples of the one-example entries",
  "mx-batch-delta": "column by column, the error vector of each example",
  "sec-worked-batch": "A worked example over a mini-batch",
  "p-worked-batch-intro":
    "One step of gradient descent on a batch of {n} examples. Each quantity is shown as its formula, then with the numbers substituted where that fits on a line, then as the result, rounded to {digits} significant digits.",
  "p-worked-batch-given": "The given examples, one per row: the inputs and the targets.",
  "p-worked-batch-first": "The first {shown} of the {n} examples:",
  "p-worked-batch-weights": "The learning rate and the weights and biases, the same for every example:",
  "p-worked-batch-forward": "The forward pass of each example, one per row, with its loss {Ed}:",
  "p-worked-batch-deltas": "The error terms of each example, one per row:",
  "p-worked-batch-first-in-full": "The first example written out in full:",
  "p-worked-batch-loss-mean": "The loss of the batch, the mean of the examples' losses:",
  "p-worked-batch-loss-sum": "The loss of the batch, the sum of the examples' losses:",
  "p-worked-batch-gradients": "The gradients of the batch loss with respect to the weights and biases of layer {layer}:",
  "p-worked-batch-updates": "The updated weights and biases of layer {layer}:",
  "p-worked-batch-after-down": "With the updated weights and biases, the loss of the batch falls from {before} to {after}.",
  "p-worked-batch-after-up":
    "With the updated weights and biases, the loss of the batch rises from {before} to {after}: the learning rate is too large for this batch.",
  "p-worked-batch-check":
    "Every step above was compared with an independent evaluation of the network at the same numbers, and every gradient of the batch loss with central differences of it, allowing only for the rounding to {digits} digits: {checked} of {total} gradients checked, {failed} failed{notCompared}, largest relative error {worst} (tolerance {tolerance}).",
} as const;
