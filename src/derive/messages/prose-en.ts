// English messages of the prose of the sections.
// Spread into en.ts; zh-Hant has the same keys (prose-zh-Hant.ts).
export const proseEn = {
  "p-network":
    "The network has {layers} layers of sizes {sizes}. Its nodes are numbered continuously across the layers, inputs first: the input nodes are {inputs} and the output nodes are {outputs}. An input node's output is its input: {yi} = {xi}. The weight of the edge from node j to node k is {wkj}: the later node's number comes first. The bias of node k is {wbk}, written as one more weight on a constant input 1.",
  "p-weight-vector":
    "Each non-input node k collects its weights, bias last, in a vector {wk}; the input of its layer is extended by a constant 1.",
  "p-forward-layer":
    "Layer {layer} ({role}, activation {activation}{written}): for every node {self} of the layer, with {pred} running over the nodes that feed it,",
  "written-as": ", written {fn}",
  "without-biases": ", without biases",
  "p-forward-nodes": "Written out node by node:",
  "p-forward-matrix":
    "For the whole layer at once, with the weight vectors of its nodes as the rows of {W} and the layer's input extended by a constant 1:",
  "p-softmax-forward":
    "Softmax is not elementwise: every output {y} of the layer depends on the weighted input of every node of the layer.",
  "p-loss": "The loss E compares the outputs with the targets {t} of one training example:",
  "p-loss-mse": "This is half the sum of squared errors: the factor 1/2 cancels the 2 that differentiating the square brings down.",
  "p-loss-sse": "This is the sum of squared errors.",
  "p-loss-ce":
    "This is the cross-entropy. With softmax outputs and targets that sum to 1 it equals the log-sum-exp form {lse}, which is how it is best computed: no exponential in it overflows once the largest weighted input is subtracted from every one.",
  "p-loss-ce-plain": "This is the cross-entropy.",
  "p-loss-bce": "This is the binary cross-entropy, for targets between 0 and 1.",
  "p-loss-custom": "This is the given loss, summed over the output nodes.",
  "p-descent": "Gradient descent moves every weight against its gradient, with learning rate {eta}:",
  "p-delta": "Define the error term of node k as the derivative of the loss with respect to its weighted input:",
  "p-sign":
    "With this sign, the error term is the rate at which E grows with the weighted input, and an update subtracts it; texts that define the error term with the opposite sign add it instead.",
  "p-chain":
    "E depends on {wkj} only through {netk}, and {netk} through {wkj} only in the j-th term of its sum. By the chain rule, for every non-input node k and every node j that feeds it:",
  "p-chain-bias": "The bias is the weight of the constant input 1:",
  "p-chain-bias-notes": "The bias is the weight of the constant input 1, so the same argument gives {lhs} = {rhs}.",
  "p-chain-layers":
    "For each layer, in its own index letters (i for the nodes feeding a hidden layer, j for a hidden node, k for the layer after it):",
  "p-gradient-known": "Since {y} is known from the forward pass, the gradient of every weight follows once the error terms are known.",
  "p-output-elementwise":
    "An output node k influences E only through its own output {yk}, because {f} acts on each node separately. By the chain rule:",
  "p-output-softmax":
    "With softmax, {yk} is not the only output that depends on {netk}: every output {yi} of the layer does. So node k does not affect E only through {yk}, and the total derivative runs over the whole layer:",
  "p-output-nodes": "For each output node:",
  "p-hidden-layer":
    "Hidden layer {layer}: the output {yj} of node j feeds every node k of its downstream set, so E depends on {netj} through each {netk}. By the total derivative:",
  "p-hidden-inner": "Each {netk} depends on {netj} through {yj}:",
  "p-hidden-softmax":
    "This layer uses softmax, so {netj} changes every output of the layer. First the derivative of E with respect to each output, through its downstream nodes, then the total derivative over the layer:",
  "p-hidden-nodes": "For each node of the layer:",
  "p-hidden-example": "Written out for node {n}:",
  "p-hidden-same": "Hidden layer {layer}: the same argument, over the downstream nodes of each of its nodes {nodes}, gives",
  "p-backprop":
    "The error terms of a layer need those of the layer after it: this is backpropagation, computed from the output layer back towards the inputs.",
  "p-updates-layer": "Layer {layer}:",
  "p-updates-nodes": "Every weight and bias of the layer:",
  "p-spec-activation": "Layer {layer} uses {activation}; its derivative, by Lemma {lemma}:",
  "p-spec-loss": "The loss is {loss}. Of its sum over the output nodes, only the term of node {q} itself depends on {yk}:",
  "p-spec-same": "Layer {layer} uses {activation} as well, so its error terms have the same form: {result}.",
  "p-spec-example": "For node {n}:",
  "p-spec-output": "The error term of an output node:",
  "p-spec-hidden": "The error term of a node of hidden layer {layer}:",
  "p-spec-nodes": "Node by node:",
  "p-assumption": "This step assumes that the targets of the layer sum to one, as they do for a probability distribution:",
  "p-lemma": "Lemma {n} ({activation}).",
  "p-lemma-y": "Lemma {n} ({activation}), with its output written {y} = {fx}.",
  "p-lemma-sign":
    "Here $sign(x)$ is −1, 0 or 1 as $x$ is negative, zero or positive. The absolute value has no derivative at 0; there the formulas take the sign of 0 to be 0.",
  "p-iverson": "Here [P] stands for the Iverson bracket: 1 when the statement P is true and 0 when it is false.",
  "p-summary-intro":
    "E is the loss of one training example: it compares the outputs {yk} of the output nodes with their targets {tk}. Training moves every weight and bias against the gradient of E, and backpropagation computes all of these gradients in one pass backwards through the network. For this network, one step of training goes as follows; the sections after this one derive every formula of the index form, node by node.",
  "alg-forward":
    "Forward pass: layer by layer, every node k computes its weighted input {net} = {netdef} and its output {y} = {ydef}, where {f} stands for the activation of the node's layer; an input node i outputs its input, {yi} = {xi}.",
  "alg-output": "Output layer: for every output node k, the error term {d} = {bp1}, by {ref}.",
  "alg-hidden": "Hidden layers, from the last back to the first: for every hidden node j, the error term {d} = {bp2}, by {ref}.",
  "alg-hidden-mixed": "Hidden layers, from the last back to the first: for every hidden node j, the error term of its layer, by {ref}.",
  "alg-update":
    "Update: every weight and bias moves against its gradient, with the learning rate {eta}, by {ref3} and {ref4}: {w} becomes {wupd}, and {wb} becomes {wbupd}.",
  "p-bp-index":
    "The four equations of backpropagation for this network: the error terms of the output layer and of the hidden layers, and the gradient of every weight and bias. In the last two, k is any non-input node and j a node that feeds it, with {yj} = {xj} when j is an input node.",
  "p-bp-matrix":
    "The same, layer by layer in matrix form: {delta} holds the error terms of layer l, {Wbar} is its weight matrix without the bias column, {x} its input extended by a constant 1 (the outputs of the layer before it, or the network's inputs for the first layer), and the circle multiplies entry by entry. The last column of the gradient of {W} is the gradient of the biases.",
  "p-bp-matrix-why":
    "These follow from the index form entry by entry. Entry j of {back} is {sum}, the sum in (BP2), so entry j of each error vector is the error term of node j; entry ({entry}) of {outer} is {dkyj}, which is (BP3), and its last column, where the input is the constant 1, is {dk}, which is (BP4).",
  "p-table":
    "The built-in activations and their derivatives; the last column writes the derivative in terms of the output $y = f(x)$, the form that backpropagation uses, since $y$ is known from the forward pass.",
  "col-activation": "activation",
  "col-f": "f(x)",
  "col-fprime": "f'(x)",
  "col-fprime-y": "in terms of y",
  "p-pairs": "For these pairs of output activation and loss, the error term of an output node is simply {d}:",
  "pair-softmax-ce": "softmax with cross-entropy",
  "pair-sigmoid-bce": "sigmoid with binary cross-entropy",
  "pair-identity-mse": "identity with half the sum of squared errors",
  "p-legend":
    "Every line names, on its right, the rule that justifies it, followed by a mark: ✓ verified numerically, ≡ a definition, notation or stated assumption with nothing to verify, ✗ failed the numeric check, ○ not compared: left out of a sampled check, not a finite number in double precision at the points drawn, or agreeing only as 0 would have (the mark's tooltip or the verification section says which).",
  "p-check-box":
    "The derived gradient {g} of each weight {w} was compared with the central difference {d} = {difference}, where E is evaluated independently of the derivation and {h} is small; their relative error is {rel}.",
  "p-check-result":
    "Result: {checked} of {total} gradients checked, {failed} failed{notCompared}, largest relative error {worst} (tolerance {tolerance}). Every step of the derivation was checked the same way; the appendix has the details.",
  "p-check-result-plain":
    "Result: {checked} of {total} gradients checked, {failed} failed{notCompared}, largest relative error {worst} (tolerance {tolerance}).",
  "p-verification":
    "Every gradient formula above was evaluated, from the same expressions that are printed, at a random point drawn reproducibly (generator {seed}) and compared with {method}: {checked} of {total} weights and biases checked, {failed} failed{notCompared}, worst relative error {worst} (tolerance {tolerance}).",
  "p-verification-rows": "The {shown} checks with the largest relative error:",
  "col-parameter": "parameter",
  "col-derived": "derived",
  "col-numeric": "finite difference",
  "col-error": "relative error",
  "col-ok": "ok",
} as const;
