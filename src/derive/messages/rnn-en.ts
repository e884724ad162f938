// English messages of the section on backpropagation through time (src/derive/sections/recurrent.ts).
// Spread into en.ts; zh-Hant has the same keys (rnn-zh-Hant.ts).
export const rnnEn = {
  "sec-rnn": "Backpropagation through time",
  "p-rnn-intro":
    "This network is a recurrent network read over {T} time steps {t} = 1, …, {T}. At step {t} it reads an input {x} of {nx} numbers and its own hidden state of the step before, computes the new hidden state {h} of {nh} units and an output {y} of {ny} units. With the input weights U, the recurrent weights W, the output weights V and the biases b and c, the same at every step:",
  "p-rnn-loss-every": "Every step's output has a target, and the loss E is the sum over the {T} steps of the loss of each step's output.",
  "p-rnn-loss-last":
    "Only the output of the last step, step {T}, has a target: the loss E is the loss of that output, and the outputs of the other steps are not computed.",
  "p-rnn-unrolled":
    "Written out step by step, the network is unrolled into a feed-forward network in which every step is a copy of the same layers: the nodes of the sections above. The state before the first step, {h0}, is a constant input. The nodes of each step:",
  "p-rnn-h0": "before the first step: {h0} is nodes {nodes}",
  "p-rnn-step": "step {t}: {x} is nodes {xs}, {h} nodes {hs}",
  "p-rnn-step-y": "step {t}: {x} is nodes {xs}, {h} nodes {hs}, {y} nodes {ys}",
  "p-rnn-tied":
    "An entry of {U}, {W}, {V}, {b} or {c} is one value shared by the corresponding edge of every step: in the unrolled network the copies of an entry are tied weights, and its gradient is the total derivative over its uses, as the section on shared weights derives.",
  "p-rnn-delta-intro":
    "The error term of the hidden state at step {t} is {dh}, the derivative of E with respect to {a}; that of the output is {do}, with respect to {o}. The state {h} is read by two sets of nodes only: its own step's output {o}, and the next step's {anext}. By the total derivative over these two, in the matrix form of the layers above (the transposed Jacobian of each reader times the reader's error term):",
  "p-rnn-delta-ends":
    "After the last step no node reads the state, so {last} = {zero}: the recursion starts at step {T} with {dT} from the output alone and runs backwards through the steps, each {dt} needing the one after it.",
  "p-rnn-delta-ends-last":
    "After the last step no node reads the state, so {last} = {zero}; and before step {T} no output is computed, so the term of the output is absent there: {dT} comes from the output alone, every earlier {dt} from the next step alone.",
  "p-rnn-delta-entries":
    "Entry by entry, over the nodes of the unrolled network, these are the error terms of the hidden nodes derived above: each sums over the outputs of its step and the hidden nodes of the next.",
  "p-rnn-delta-step": "The entries of {dh}:",
  "p-rnn-gradients":
    "A shared entry such as {Wij} is used once per step, so its gradient is the sum over the steps of the gradient of each use (the total derivative over tied weights). Collected into matrices, every term an outer product of an error term and the input of that use:",
  "p-rnn-gradient-entries": "Entry by entry, in the numbering of the unrolled network (a shared entry named by its group's value):",
  "p-rnn-updates": "Gradient descent moves every shared matrix and bias vector once, with learning rate {eta}, each as U does:",
  "p-rnn-vanishing":
    "Unrolling the recursion shows how an error term reaches back: the error term of step {t} holds the error term of the output of each later step {s} through {gap} factors, each the multiplication by {WT} followed by the entrywise multiplication by {fp}, for each step {u} it passes back into on the way from step {s} to step {t}. Over many steps this product shrinks towards 0 when these factors are small (the gradient vanishes: the loss of a late step hardly moves the weights through the early steps) and grows without bound when they are large (the gradient explodes), which is why long sequences are hard to learn with this network.",
  "p-rnn-truncated":
    "Truncated backpropagation through time stops the backward recursion after a fixed number of steps, setting the error term that would come from further on to 0: the gradient is then an approximation, cheaper to compute and free of the longest products.",
  "total-rnn": "total derivative over the readers of the state: its output and the next step",
  "rnn-jacobians": "the Jacobians of the two readers are V and W",
  "chain-rnn": "chain rule through the entrywise activation",
  "describe-recurrent": "a recurrent hidden state unrolled over {steps} steps, a loss at every step",
  "describe-recurrent-last": "a recurrent hidden state unrolled over {steps} steps, the loss at the last step",
  "p-rnn-summary":
    "As a recurrent network over {T} steps: the error terms of the outputs, {dO} at each step with an output, are those above; the error terms of the hidden state follow from the last step back to the first, starting from {last} = {zero}, and each shared matrix's gradient is the sum over the steps:",
  "p-output-same": "Output layer {layer}, {nodes}: by the same argument, {dk} is {result}.",
} as const;
