// English messages of pooling nodes (max and average: rules/combinations/). Spread into en.ts;
// zh-Hant has the same keys (pool-zh-Hant.ts).
export const poolEn = {
  "max-arg": "the max moves with its largest input only (on a tie, the first of the equal ones): 1 for it, 0 for the others",
  "linearity-average": "every input enters the mean with the same constant weight",
  "p-forward-max":
    "Layer {layer}, {nodes}, pools by the maximum: each node's net input is the largest output among the nodes it reads, with no weights and no bias, and its output is that value itself. Where several inputs are equal and largest, the first of them (in the order of the nodes) is taken as the one that attains the maximum.",
  "p-forward-average":
    "Layer {layer}, {nodes}, pools by the average: each node's net input is the mean of the outputs of the nodes it reads, every one weighted by the same constant (not a weight that is learnt), with no bias, and its output is that value itself.",
  "p-hidden-pool":
    "The nodes that read {yj} here pool their inputs: {netk} depends on {yj} through the pooling alone, with the derivative below in place of a weight.",
  "p-hidden-mixed-pool":
    "Some of the nodes that read {yj} pool their inputs: for those, the derivative of {netk} with respect to {yj} is that of their pooling (1 for the input that attains a maximum, 0 for the others; the constant weight of a mean), for the others the weight {wkj}.",
  "alg-pool-max":
    "Max pooling: a node that pools by the maximum has no weights and no bias; its {net} = {max} (on a tie, the first of the equal inputs) and its output is that value. (BP3) and (BP4) are about the other nodes.",
  "alg-pool-average":
    "Average pooling: a node that pools by the average has no weights and no bias; its {net} is {mean} divided by the number of its inputs (their mean), and its output is that value. (BP3) and (BP4) are about the other nodes.",
  "alg-pool-both":
    "Pooling: a node that pools has no weights and no bias, and its output is its {net}: {max} for a max node (on a tie, the first of the equal inputs), {mean} divided by the number of its inputs (their mean) for an average node. (BP3) and (BP4) are about the other nodes.",
} as const;
