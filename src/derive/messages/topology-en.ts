// English messages for networks other than the seed's consecutive fully connected layers:
// skip connections, missing edges, outputs at several depths, outputs that feed others, tied
// weights. Spread into en.ts; zh-Hant has the same keys (topology-zh-Hant.ts).
export const topologyEn = {
  "fig-network-graph":
    "The network: nodes numbered as in the text, in columns by depth, inputs on the left; output nodes in green; an edge that skips columns curves around the nodes between; the constant input 1 below a column carries the biases of the next column's nodes.",
  "fig-network-tied": "Edges of one colour share one weight, named in the legend.",
  "fig-depth": "depth {d}",
  "sec-tied": "Shared weights: the total derivative over their uses",
  "p-network-graph":
    "Its nodes are numbered inputs first, so that every edge runs from a lower number to a higher one: the input nodes are {inputs}, and the output nodes, the ones the loss reads, are {outputs}. An input node's output is its input: {yi} = {xi}. Only the edges of the figure exist. The weight of the edge from node j to node k is {wkj}: the later node's number comes first. The bias of node k, where it has one, is {wbk}, written as one more weight on a constant input 1.",
  "p-network-layers":
    "The depth of a node is the number of edges on the longest path from an input to it; this network is {depth} deep. Its nodes form {count} layers, each of nodes of one depth with the same activation, the same role and the same bias, so that one formula in index form covers a whole layer:",
  "p-network-layers-softmax":
    "The depth of a node is the number of edges on the longest path from an input to it (the nodes of a softmax group count as one, since their outputs are computed together); this network is {depth} deep. Its nodes form {count} layers, each of nodes of one depth with the same activation, the same role and the same bias, so that one formula in index form covers a whole layer:",
  "p-network-layer": "layer {layer}: {nodes}, depth {depth}, {role}, activation {activation}",
  "p-network-layer-nobias": "layer {layer}: {nodes}, depth {depth}, {role}, activation {activation}, without biases",
  "role-output-feeds": "output nodes that also feed later nodes",
  "role-dead": "nodes on no path to an output, whose error terms are 0",
  "p-weight-vector-nobias": "Each non-input node k collects its weights, its bias last where it has one, in a vector {wk}.",
  "p-forward-layer-graph":
    "Layer {layer} ({role}, activation {activation}{written}) holds {nodes}, at depth {depth}{nobias}. For every node {self} of the layer, with {pred} running over the nodes that feed it, in whatever earlier layers they are,",
  "p-chain-layers-graph":
    "For each layer, in its own index letters (j for a hidden node and i for the nodes that feed it; k for an output node and j for the nodes that feed it):",
  "p-forward-matrix-nobias":
    "For the whole layer at once, with the weights of its nodes as the rows of {W} (without biases, so without a constant 1):",
  "p-forward-no-matrix":
    "Its nodes are not all fed by the same nodes, so no one weight matrix holds the layer: the formulas above, node by node, are its form.",
  "def-layer-input": "the outputs of the nodes that feed the layer",
  "p-output-group": "Output layer {layer}, {nodes}:",
  "nodes-one": "node {list}",
  "nodes-many": "nodes {list}",
  "layers-one": "layer {list}",
  "layers-many": "layers {list}",
  "p-output-feeds":
    "An output node k of this layer is read by the loss and also feeds later nodes. Its weighted input still affects E only through its own output {yk}, because {f} acts on each node separately, so the chain rule gives:",
  "p-output-feeds-total":
    "But E depends on {yk} in two ways: directly, as one of the outputs the loss reads, and through the weighted input {netm} of every node m that node k feeds. The total derivative adds both:",
  "p-output-feeds-result":
    "So both terms appear in the error term of such a node: the derivative of the loss itself, as for any output node, and the sum over the nodes it feeds, as for a hidden node:",
  "total-output-feeds": "total derivative: through the loss directly, and through each node that k feeds",
  "linearity-y-delta": "only one term of each weighted input depends on the output, and the rest is an error term",
  "p-hidden-graph":
    "The nodes of this layer feed {downstream}: the downstream set of a node is every node it feeds, whatever its layer, and the sum runs over exactly those.",
  "p-paths":
    "Node j may reach a later node along several paths: directly and through other nodes. The total derivative still counts each path once: its sum runs only over the nodes that j feeds directly, and every longer path from j lies inside the error term of the first node it passes through.",
  "p-backprop-graph":
    "The error term of a node needs those of every node it feeds, and those all lie in later layers. Computed layer by layer from the last back towards the inputs, each error term is known by the time it is needed: this is backpropagation.",
  "p-spec-output-feeds": "The error term of an output node that also feeds later nodes:",
  "p-matrix-graph":
    "The layers of this network do not each feed only the next one, fully, so its error terms have no single layer-by-layer matrix form: the formulas of the previous sections, node by node, are its complete form.",
  "p-bp-matrix-graph":
    "A layer-by-layer matrix form of these equations needs every layer to feed the next one fully and nothing else; the edges of this network do not, so the equations above, node by node, are its form. The forward pass of each layer whose nodes are fed by the same nodes is written as a matrix product in the derivation.",
  "p-matrix-blocks":
    "The layers of this network are joined by whole blocks of weights, one matrix for each pair of layers joined by edges; the matrix form of the error terms and gradients built from them is stated with the four equations at the start. Entry by entry, it is the node-by-node formulas of the previous sections.",
  "p-bp-matrix-blocks":
    "The same, layer by layer in matrix form: {delta} holds the error terms of layer l, and each pair of layers joined by edges is joined fully, so that the weights from layer l to a later layer m form one matrix, written with the numbers of both layers, later first ({example} holds the weights from layer {from} to layer {to}); the backward sum runs over the layers m that layer l feeds. {x} is the input of layer l, the outputs of the layers that feed it followed by a constant 1 for the biases, and the circle multiplies entry by entry. The last column of the gradient of {W} is the gradient of the biases. Entry by entry, these are the equations in index form above.",
  "alg-forward-graph":
    "Forward pass: in the order of the node numbers, so that every node comes after the nodes that feed it, every node k computes its weighted input {net} = {netdef} and its output {y} = {ydef}, where {f} stands for the activation of the node's layer; an input node i outputs its input, {yi} = {xi}.",
  "alg-forward-graph-bias":
    "Forward pass: in the order of the node numbers, so that every node comes after the nodes that feed it, every node k computes its weighted input {net} = {netdef} (the bias term only where node k has a bias) and its output {y} = {ydef}, where {f} stands for the activation of the node's layer; an input node i outputs its input, {yi} = {xi}.",
  "alg-output-graph": "Output nodes: for every output node k, the error term {d} = {bp1}, by {ref}.",
  "alg-output-mixed": "Output layers: for every output node k, the error term of its layer, by {ref} and the equations after it.",
  "alg-hidden-graph":
    "Hidden layers, from the last back to the first: for every hidden node j, the error term {d} = {bp2}, by {ref}, the sum running over the nodes that j feeds.",
  "alg-tied":
    "Shared weights: each group of tied weights has one value {theta}; its gradient is the sum of the gradients of its uses, and it is updated once, with that sum.",
  "p-tied-intro":
    "Some edges of this network share their weight: each group below has one value, such as {theta}, carried by every edge of the group. Treating the weight of each edge as a variable of its own, the chain rule above gives the gradient of that one use: the error term of the later node times the output of the earlier one. The shared value changes all its uses at once, so by the total derivative its gradient is the sum over its uses; gradient descent updates the shared value once, with that sum, and every edge of the group moves with it.",
  "p-tied-group": "{count} edges share the value {theta}:",
  "tied-share": "tied: every edge of the group carries the shared value",
  "total-tied": "total derivative over the uses of the shared value",
  "update-tied": "gradient descent step, applied once to the shared value",
  "p-updates-tied":
    "Some edges of this layer share their weight with others: for them the rule above is the change that one use asks for, and the shared value, such as {theta}, moves once by the sum over all its uses, as derived for the shared weights.",
  "p-tied-after": "Each use contributes the term it would contribute as a weight of its own: none is lost and none is counted twice.",
  // Softmax groups whose members differ in having a bias.
  "p-network-layers-softmax-mixed":
    "The depth of a node is the number of edges on the longest path from an input to it (the nodes of a softmax group count as one, since their outputs are computed together); this network is {depth} deep. Its nodes form {count} layers, each of nodes of one depth with the same activation and the same role, so that one formula in index form covers a whole layer; the nodes of a layer also agree in having a bias or not, except in a softmax group, which is one layer whatever its nodes' biases:",
  "p-network-layer-somebias": "layer {layer}: {nodes}, depth {depth}, {role}, activation {activation}, a bias only at {biased}",
  "bias-only-at": ", a bias only at {nodes}",
  "p-forward-matrix-somebias":
    "For the whole layer at once, with the weight vectors of its nodes as the rows of {W} and the layer's input extended by a constant 1 (in the rows of the nodes without a bias, {nodes}, the entry of that column is 0):",
  // Softmax output groups whose nodes also feed later nodes.
  "p-output-softmax-feeds-total":
    "The nodes of this layer are read by the loss and also feed later nodes, so E depends on each output {yi} in two ways: directly, as one of the outputs the loss reads, and through the weighted input {netm} of every node m that node i feeds (none, for a node that feeds no other). The total derivative adds both:",
  "p-output-softmax-feeds-result":
    "So the error term of a node of this layer sums, over every output of its layer, the derivative of the loss itself and what flows back from the nodes that output feeds:",
  "total-output-feeds-softmax": "total derivative: through the loss directly, and through each node that i feeds",
  "p-spec-output-softmax-feeds":
    "The error term of a node of this layer: the part through the loss directly, as for an output layer that feeds no node, and the part that flows back through the nodes its layer's outputs feed:",
} as const;
