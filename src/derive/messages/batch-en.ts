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
} as const;
