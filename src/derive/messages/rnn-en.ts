// English messages of the section on backpropagation through time (src/derive/sections/recurrent.ts).
// Spread into en.ts; zh-Hant has the same keys (rnn-zh-Hant.ts).
export const rnnEn = {
  "sec-rnn": "Backpropagation through time",
  "p-rnn-loss-every":
    "At every step the output {yhat} has a target {y}, and the loss of step {t}, {Et}, compares the two; the loss E is the sum of the losses of the {T} steps:",
  "p-rnn-loss-last":
    "Only the output of the last step, step {T}, has a target {y}: the loss E is the loss of that output, and the outputs of the other steps are not computed:",
  "p-rnn-unrolled":
    "Written out step by step, the network is unrolled into a feed-forward network in which every step is a copy of the cell; the sections after this derivation derive the same node by node over it, and the step check checks every scalar step there. The state before the first step, {h0}, is a constant input. The nodes of each step, unit 1 first:",
  "p-rnn-h0": "before the first step: {h0} is nodes {nodes}",
  "p-rnn-step": "step {t}: {x} is nodes {xs}, {h} nodes {hs}",
  "p-rnn-step-y": "step {t}: {x} is nodes {xs}, {h} nodes {hs}, {y} nodes {ys}",
  "p-rnn-tied":
    "An entry of {U}, {W}, {V}, {b} or {c} is one value shared by the corresponding edge of every step: in the unrolled network the copies of an entry are tied weights, and its gradient is the total derivative over its uses, as the section on shared weights derives.",
  "p-rnn-delta-intro":
    "The error term of the hidden state at step {t} is {dh}, the derivative of E with respect to {a}; that of the output is {do}, with respect to {o}. The state {h} is read by two sets of nodes only: its own step's output {o}, and the next step's {anext}. By the total derivative over these two, the transposed Jacobian of each reader times the reader's error term:",
  "p-rnn-delta-ends":
    "After the last step no node reads the state, so {last} = {zero}: the recursion starts at step {T} with {dT} from the output alone and runs backwards through the steps, each {dt} needing the one after it.",
  "p-rnn-delta-ends-last":
    "After the last step no node reads the state, so {last} = {zero}; and before step {T} no output is computed, so the term of the output is absent there: {dT} comes from the output alone, every earlier {dt} from the next step alone.",
  "p-rnn-delta-entries":
    "Entry by entry, over the nodes of the unrolled network, these are the error terms of the hidden nodes derived above: each sums over the outputs of its step and the hidden nodes of the next.",
  "p-rnn-delta-step": "Step {t}: the entries of {dh} are the error terms of nodes {nodes}, unit by unit:",
  "p-rnn-gradients":
    "A shared entry such as {Wij} is used once per step, so its gradient is the sum over the steps of the gradient of each use (the total derivative over tied weights), each use's the error term of the unit it feeds times its input there. Unit by unit:",
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
    "The equations of backpropagation through time for this network, unit by unit and as vectors, with {last} = {zero} after the last step and {dO} = {zero} at a step without a loss; the gradients are sums over the steps:",
  "p-output-same": "Output layer {layer}, {nodes}: by the same argument, {dk} is {result}.",
  "sec-rnn-network": "The recurrent network",
  "sec-rnn-output": "The error term of the output at a step",
  "sec-rnn-summary": "Summary: backpropagation through time",
  "p-rnn-cell":
    "The network reads a sequence of T = {T} inputs, one per time step {t} = 1, …, T, each {x} of {nX} = {nx} numbers. At step {t} its cell reads the input {x} and the hidden state of the step before, {hprev}, and computes the new hidden state {h} of {nH} = {nh} units and the output {yhat} of {nY} = {ny} units; the state before the first step, {h0}, is given. The same parameters serve every step: the input weights {U} ({nH} rows, {nX} columns), the recurrent weights {W} ({nH} rows and columns), the output weights {V} ({nY} rows, {nH} columns) and the biases {b} ({nH} entries) and {c} ({nY} entries), a row of a matrix for each unit it feeds.",
  "p-rnn-index": "Unit by unit, at every step, for each hidden unit j and each output unit k, where {f} is {fa} and {g} is {ga}:",
  "p-rnn-matrix": "In matrix form, starting from the given state {h0}:",
  "p-rnn-output":
    "Of the loss E, only the loss of step {t}, {Et}, reads the output {yhat}, and {o} reaches E only through {yhat}. The error term of the output, {dO}, is therefore that of the output layer of a feed-forward network under the loss {Et} alone; unit by unit, at every step:",
  "p-rnn-output-last":
    "Only step {T} has an output; the loss E is the loss of that step, the output {yhat} is read by the loss alone, and {o} reaches E only through {yhat}. The error term of the output, {dO} at {t} = {T}, is therefore that of the output layer of a feed-forward network under this loss; unit by unit:",
  "p-rnn-output-nodes":
    "Node by node, these are the error terms of the output nodes of the unrolled network, derived and specialised in the sections on the output layer and on specialising.",
  "p-rnn-unit-before": "Unit by unit, at every step {t} before the last, both readers contribute:",
  "p-rnn-unit-before-last":
    "Unit by unit, at every step {t} before the last, only the next step reads the state (no output is computed there):",
  "p-rnn-unit-last": "At the last step, {t} = {T}, only the output reads the state:",
  "p-rnn-gradients-matrix": "Collected into matrices, every term an outer product of an error term and the input of that use:",
  "p-rnn-summary-every":
    "E is the sum over the {T} steps of the loss of each step's output against its target. Training moves the shared parameters U, W, V, b and c against the gradient of E, and backpropagation through time computes all of these gradients in one pass forward through the steps and one pass backward. One step of training:",
  "p-rnn-summary-last":
    "E is the loss of the output of the last step, step {T}, against its target. Training moves the shared parameters U, W, V, b and c against the gradient of E, and backpropagation through time computes all of these gradients in one pass forward through the steps and one pass backward. One step of training:",
  "p-rnn-algo-forward":
    "Forward pass, from step 1 to step {T}, starting from the given state {h0}: at each step {a}, then {h}, and where the step has a loss {o} and {yhat}, by the equations of the cell.",
  "p-rnn-algo-output": "Outputs: at every step {t} with a loss, the error term of output unit k is {dO} = {form}.",
  "p-rnn-algo-hidden":
    "Backwards through time, from step {T} down to step 1: {dH} = {form}, starting from {last} = {zero}, the term of V only at a step with a loss.",
  "p-rnn-algo-gradients":
    "Gradients: each entry of U, W, V, b and c collects the sum over the steps of its uses, the error term of the unit it feeds times its input at that step.",
  "p-rnn-algo-update":
    "Update: every shared matrix and bias vector moves once against its gradient, with the learning rate {eta}: {U} becomes {update}, and so do W, V, b and c.",
  "rnn-one-term": "only the loss of step t reads it",
  "rnn-output-specialised": "the output layer's error term, specialised",
  "rnn-hidden-specialised": "the derivative of the activation substituted",
  "p-rnn-worked-intro":
    "One step of gradient descent at the numbers below, step by step through the sequence. Each vector and matrix is shown as its formula, then with the numbers substituted, then as the result, rounded to {digits} significant digits.",
  "p-rnn-worked-forward": "Forward pass, step {t}:",
  "p-rnn-worked-backward": "Backwards through time, step {t}:",
  "p-rnn-worked-gradients": "The gradients, each a sum over the steps:",
  "p-rnn-worked-updates": "The updated parameters, with learning rate {eta}:",
  "p-rnn-worked-later": "The later steps in the same way:",
  "p-rnn-worked-earlier": "The earlier steps in the same way:",
  "col-step": "step",
  "p-rnn-worked-others": "The other parameters in the same way, their gradients and updated values:",
  "fig-rnn":
    "The network: on the left its cell, whose hidden state h reads the input x through U and its own value at the step before through W (the loop), and gives the output through V; on the right the cell unrolled over the {T} steps, starting from the given state h(0), each output drawn at a step with a loss. Edges of one colour share one matrix.",
  "fig-rnn-elided": "Steps 3 to {last} are left out.",
} as const;
