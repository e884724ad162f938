// English messages of the convolution section (src/derive/sections/convolution*.ts).
// Spread into en.ts; zh-Hant has the same keys (conv-zh-Hant.ts).
export const convEn = {
  "sec-conv": "Convolution: kernels and feature maps",
  "p-conv-intro":
    "This network reads its input as a feature map of {shape} (channels × rows × columns), and each layer makes a new map from the one before it. A position is named by its channel (or filter) and its row and column, both counted from 0; channels and filters are counted from 1. The map of layer l is {y}, the input is {y0}. Every position of every map is a node of the network, the nodes of a map numbered in (channel, row, column) order:",
  "p-conv-intro-1d":
    "This network reads its input as a sequence of {shape} (channels × positions), and each layer makes a new sequence from the one before it. A position is named by its channel (or filter) and its place along the sequence, counted from 0; channels and filters are counted from 1. The map of layer l is {y}, the input is {y0}. Every position of every map is a node of the network, the nodes of a map numbered in (channel, position) order:",
  "conv-shape-vector": "a vector of {n}",
  "conv-stride-1d": "stride {s}",
  "conv-stride-2d-same": "stride {s} along the rows and the columns",
  "conv-stride-2d": "stride {sh} down the rows and {sw} along the columns",
  "conv-pad-none": "no padding",
  "conv-pad-1d": "zero padding of width {p} at each end",
  "conv-pad-2d": "zero padding {ph} deep above and below and {pw} wide left and right",
  "p-conv-map-input": "the input {y0}: {shape}, nodes {first} to {last}",
  "p-conv-map-conv":
    "layer {l}: a convolution whose kernel is {kernel} (filters × channels × rows × columns), {stride}, {padding}; its map {y} is {shape}, activation {act} (written {fn}), nodes {first} to {last}",
  "p-conv-map-conv-1d":
    "layer {l}: a convolution whose kernel is {kernel} (filters × channels × positions), {stride}, {padding}; its map {y} is {shape}, activation {act} (written {fn}), nodes {first} to {last}",
  "p-conv-map-dense":
    "layer {l}: a dense layer of {n} units reading the map before it flattened into one vector in (channel, row, column) order, activation {act} (written {fn}), nodes {first} to {last}",
  "p-conv-map-dense-1d":
    "layer {l}: a dense layer of {n} units reading the map before it flattened into one vector in (channel, position) order, activation {act} (written {fn}), nodes {first} to {last}",
  "p-conv-forward":
    "Layer {l}: for every filter k and every position of its map, the weighted sum of the kernel's window over the map before it, plus the filter's bias, and then the activation. As in deep-learning libraries this is cross-correlation (the kernel is not flipped); an index that falls outside the map before it lies in the zero padding and reads 0:",
  "p-conv-forward-nopad":
    "Layer {l}: for every filter k and every position of its map, the weighted sum of the kernel's window over the map before it, plus the filter's bias, and then the activation. As in deep-learning libraries this is cross-correlation (the kernel is not flipped); every window lies inside the map before it:",
  "p-conv-dense":
    "Layer {l} is a dense layer, as in the sections above: {v} is the map before it flattened, {entry} its entry {n}, and its weight matrix W holds the weight vectors of its units:",
  "p-conv-dense-1d":
    "Layer {l} is a dense layer, as in the sections above: {v} is the map before it flattened, {entry} its entry {n}, and its weight matrix W holds the weight vectors of its units:",
  "p-conv-dense-vector":
    "Layer {l} is a dense layer, as in the sections above, its weight matrix W holding the weight vectors of its units:",
  "p-conv-back":
    "Layer {l}, backwards. Its error terms {d} = {dd} come from the layer after it: by the sections above for a dense layer, by its own formulas above for a convolution or a pooling layer. A position {pos} of the map {y} before it is read by the windows that cover it and by nothing else: for every filter k and kernel offset {uv}, by the output position {ij} whose window places that offset on it, where that is a position of the output map. These are its downstream nodes, and by the total derivative over them:",
  "p-conv-back-strided":
    "Layer {l}, backwards. Its error terms {d} = {dd} come from the layer after it: by the sections above for a dense layer, by its own formulas above for a convolution or a pooling layer. A position {pos} of the map {y} before it is read by the windows that cover it and by nothing else: for every filter k and kernel offset {uv}, by the output position {ij} whose window places that offset on it, where that is a whole number and a position of the output map (a term without one is absent, 0). These are its downstream nodes, and by the total derivative over them:",
  "p-conv-flip":
    "Here {Kt} = {K} is the kernel flipped along its rows and its columns, and an error term with an index outside the output map counts as 0. The last line is the correlation of the error terms, with a border of zeros {ah} deep above and below and {aw} wide left and right, with the flipped kernel: the full convolution of the error terms with the kernel, summed over the filters.",
  "p-conv-flip-1d":
    "Here {Kt} = {K} is the kernel reversed, and an error term with an index outside the output map counts as 0. The last line is the correlation of the error terms, with a border of zeros of width {aw} at each end, with the reversed kernel: the full convolution of the error terms with the kernel, summed over the filters.",
  "p-conv-dilated":
    "With a stride above 1, {db} is the map of error terms dilated: {at} = {d}, with zeros between neighbouring entries ({sh} between rows, {sw} between columns), so that a window's place and the stride are one index again.",
  "p-conv-dilated-1d":
    "With a stride above 1, {db} is the map of error terms dilated: {at} = {d}, with zeros between neighbouring entries ({sw} between each two), so that a window's place and the stride are one index again.",
  "p-conv-delta-before":
    "The map before layer {l} is a convolution layer's, whose activation acts position by position: its error terms follow by the chain rule, and its own backward pass goes on from there.",
  "p-conv-input-grad":
    "Before layer 1 is the input, which has no weights before it: this derivative, the gradient of E with respect to the input, is not needed for training; it is what a layer before it would receive.",
  "p-conv-entries":
    "Entry by entry, over the numbered nodes: the derivative of E by each position of the map that layer {l} reads, the sum over the nodes whose windows cover it of the weight of that edge (a kernel entry) times the node's error term.",
  "p-conv-kernel":
    "The kernel of layer {l}: an entry of it is one weight shared by every window of its filter (tied weights), so its gradient is the sum over the output positions of the gradient of each use, by the total derivative; a bias likewise:",
  "p-conv-kernel-after":
    "A window position in the zero padding reads 0 and adds nothing. The gradient is the correlation of the map before the layer with the error terms of filter k: it has the kernel's shape, one entry per channel c and offset.",
  "p-conv-kernel-after-strided":
    "A window position in the zero padding reads 0 and adds nothing. With stride {s} the window moves {s} positions at a time, so the gradient is the correlation of the map before the layer with the error terms of filter k dilated by the stride: it has the kernel's shape, one entry per channel c and offset.",
  "p-conv-kernel-entries":
    "Entry by entry, with each shared kernel entry and bias named by its group's value θ (an entry that one window alone uses by its edge's weight w): the sum over the edges that use it.",
  "p-conv-updates": "Gradient descent moves each kernel entry and each bias once, with learning rate {eta}:",
  "p-conv-summary":
    "In the language of kernels and feature maps, for each convolution or pooling layer l, from the last back to the first: its forward pass, the derivative of E by the map it reads, and, for a convolution, the gradients of its kernel and biases (an error term outside a map counts as 0):",
  "p-conv-worked":
    "The same numbers as feature maps and kernels, one matrix per channel (a colon stands for every row or every column): the proof computes every entry node by node.",
  "p-conv-worked-1d":
    "The same numbers as feature maps and kernels, one line of numbers per channel (a colon stands for every position): the proof computes every entry node by node.",
  "p-conv-worked-given":
    "The given targets and learning rate; the input and the kernels are shown as feature maps below, and the proof lists every given weight and bias:",
  "p-conv-worked-pool": "Layer {l}, pooling: each channel's map and its error terms:",
  "p-conv-worked-input": "The input:",
  "p-conv-worked-kernel": "The kernel and biases of layer {l}:",
  "p-conv-worked-forward": "Layer {l}, forward: the weighted inputs and outputs of each filter's map:",
  "p-conv-worked-delta": "Layer {l}, backward: the error terms of each filter's map:",
  "p-conv-worked-gradient":
    "The gradient of each kernel slice, the correlation of the map before the layer with the error terms, and its update with learning rate {eta}; each bias's gradient, the sum of its filter's error terms, and its update:",
  "fig-conv-forward": "Forward: the kernel's window at the first output position, and that position",
  "fig-conv-backward": "Backward: a position, and the output positions whose windows cover it",
  "fig-conv-map-in": "y({l}), channel 1",
  "fig-conv-map-out": "y({l}), filter 1",
  "fig-conv":
    "The first convolution layer: channel 1 of the map it reads (left) and filter 1 of the map it writes (right), one cell per position. Above, a window of the kernel and the output position it reaches; below, a position of the map read and the output positions it feeds, the terms of its total derivative.",
  "fig-conv-padded":
    "The first convolution layer: channel 1 of the map it reads (left, the zero padding dashed) and filter 1 of the map it writes (right), one cell per position. Above, a window of the kernel and the output position it reaches; below, a position of the map read and the output positions it feeds, the terms of its total derivative.",
  "p-conv-map-max":
    "layer {l}: max pooling over windows of {size} positions, {stride}, each channel on its own; its map {y} is {shape}, nodes {first} to {last}",
  "p-conv-map-average":
    "layer {l}: average pooling over windows of {size} positions, {stride}, each channel on its own; its map {y} is {shape}, nodes {first} to {last}",
  "p-pool-forward-max":
    "Layer {l}: each position of its map is the largest entry of its window over the same channel of the map before it, with no weights, no bias and no activation:",
  "p-pool-forward-average":
    "Layer {l}: each position of its map is the mean of the entries of its window over the same channel of the map before it, with no weights, no bias and no activation:",
  "p-pool-back-max":
    "Layer {l}, backwards: max pooling. It has no weights and its output is its weighted input, so its error terms are {d} = {dy}. A position {pos} of the map {y} before it is read by the windows that cover it: for every offset {uv}, the window {ij}, where that is a whole number and a position of the output map (a term without one is absent, 0). By the total derivative over them:",
  "p-pool-back-average":
    "Layer {l}, backwards: average pooling. It has no weights and its output is its weighted input, so its error terms are {d} = {dy}. A position {pos} of the map {y} before it is read by the windows that cover it: for every offset {uv}, the window {ij}, where that is a whole number and a position of the output map (a term without one is absent, 0). By the total derivative over them:",
  "p-pool-max-after":
    "A window's maximum moves with its largest entry alone: its derivative is 1 by the position that attains it and 0 by the others, so each window's error term goes to its arg max and nowhere else. Where several entries are equal and largest, the maximum has no derivative; the first of them, in the order of the positions, is taken as the arg max, here and throughout.",
  "p-pool-average-after":
    "Every entry of a window enters its mean with the weight 1/{n}: each window's error term is spread evenly over its {n} positions.",
  "p-pool-disjoint":
    "With the stride equal to the window's size the windows do not overlap: each position lies in one window at most, and the sum has one term at most.",
  "p-pool-delta-before":
    "The map before layer {l} is a pooling layer's, whose output is its weighted input: its error terms {d} are these derivatives {dy} themselves.",
  "pool-max-route": "definition of the error term; the max's derivative is 1 by its arg max, 0 by the others",
  "pool-average-spread": "definition of the error term; every entry of a mean has weight 1/n",
  "total-conv": "total derivative over the windows that cover the position",
  "conv-local": "definition of the error term; the window places the kernel entry on the position",
  "conv-flip": "the flipped kernel: each offset counted from the kernel's other end",
  "conv-dilate": "the flipped kernel and the error terms dilated by the stride",
  "conv-input": "definition of the error term; the kernel entry multiplies the input position under it",
  "chain-conv": "chain rule through the activation, position by position",
} as const;
