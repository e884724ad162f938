// English messages of the matrix form (src/derive/sections/matrix.ts).
// Spread into en.ts; zh-Hant has the same keys (matrix-zh-Hant.ts).
export const matrixEn = {
  "sec-matrix": "The matrix form",
  "p-matrix-intro":
    "Stacking the quantities of a layer into vectors turns the node-by-node formulas into a few matrix identities, the form in which backpropagation is usually implemented. For layer l the vectors {net}, {y} and {delta} hold the weighted inputs, the outputs and the error terms of its nodes; {y0} holds the network's inputs. The layer's augmented input {x} is the output vector of the layer before it followed by a constant 1, and the augmented weight matrix {W} has one row per node of the layer, in the order of the nodes: the node's weights, its bias last.",
  "p-matrix-split":
    "The last column of each weight matrix holds the biases; the matrix without it is written with a bar. Multiplying block by block, the bias column meets the constant 1 of the augmented input:",
  "p-matrix-output": "The error terms of the output layer, stacked into a vector and rewritten entry by entry:",
  "p-matrix-output-softmax":
    "With softmax every entry is a sum over the outputs of the layer: a matrix times a vector, the matrix being the transpose of the Jacobian of the softmax.",
  "p-matrix-hidden":
    "Hidden layer {layer}: its error terms come from those of layer {next} through the weights of layer {next}. The bias column of {W} is dropped: it multiplies the constant 1, not an output of layer {layer}, so no error flows back through it.",
  "p-matrix-components": "Entry by entry, each line is the node-by-node formula above:",
  "p-matrix-gradient":
    "Layer {layer}: the gradients of its weights, arranged like {W}, form an outer product of the error terms and the augmented input. Entry ({entry}) is {dkyj}; the bias column, whose input is the constant 1, is the error vector itself.",
  "p-matrix-gradient-entries": "Entry by entry, as derived with the chain rule:",
  "p-matrix-update": "Gradient descent updates the whole matrix at once:",
  "mx-split": "the last column holds the biases",
  "mx-net": "row k of W times the augmented input is the weighted input of node k",
  "mx-block-product": "block by block: the bias column meets the constant 1",
  "mx-stack": "the error terms of the layer, stacked",
  "mx-from-index": "each entry by the node-by-node formula",
  "mx-hadamard": "entrywise product: entry k is the product of the entries k",
  "mx-vectorise": "the gradient of E and the derivative of the activation, entry by entry",
  "mx-matvec": "a sum of products is a row of a matrix times a vector",
  "mx-jacobian": "the transposed Jacobian of the softmax",
  "mx-matvec-w": "the sum over the next layer is row j of a matrix of weights times its error terms",
  "mx-transpose": "that matrix is the transpose of W without its bias column",
  "mx-outer": "entry (k, j) of an outer product is the product of entry k and entry j",
  "mx-block-gradient": "the last entry of the augmented input is 1",
  "mx-entry": "the entries of the matrix identity",
  "mx-update": "gradient descent on every entry at once",
} as const;
