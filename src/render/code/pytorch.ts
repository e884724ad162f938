// backprop_torch.py: the backward pass written by hand over PyTorch tensors (no autograd), with
// a last section, commented out, that asks autograd for the same gradients to compare.
import type { MatrixModel } from "./matrix.js";
import type { CodeModel } from "./model.js";
import { pythonMatrixProgram } from "./python-matrix.js";
import { type Flavour, joinParts, pythonProgram } from "./python.js";
import { pythonRecurrentParts } from "./python-recurrent.js";
import type { RecurrentModel } from "./recurrent.js";

/** The names of the parameters, by form: the weights and biases, or each layer's W and b. */
const PARAMETERS = {
  index: ["#     names = [weight(k, j) for k, j in WEIGHTS]"],
  matrix: ['#     names = [p + str(l) for l in range(1, len(LAYERS)) for p in ("W", "b")]'],
  recurrent: ["#     names = SHARED"],
};

/** The comparison with autograd: every hand-written gradient against the one autograd finds. */
const compare = (model: CodeModel | MatrixModel | RecurrentModel): string[] => [
  "# Autograd finds the same gradients. To compare, remove the leading '# ' of the lines below",
  "# and run: python3 backprop_torch.py params.json --compare-autograd",
  "#",
  "# def compare(path):",
  "#     with open(path) as file:",
  "#         params = json.load(file)",
  "#     n, m = load(params), load(params)",
  ...PARAMETERS[model.form],
  "#     for name in names:",
  "#         getattr(m, name).requires_grad_()",
  "#     for s in (n, m):",
  '#         forward(s, params["inputs"])',
  '#         loss(s, params["targets"])',
  "#     backward(n)",
  "#     m.E.backward()",
  "#     for name in names:",
  '#         print(name, getattr(n, "dE_d" + name), getattr(m, name).grad)',
  "#",
  "#",
  '# if "--compare-autograd" in sys.argv:',
  "#     compare(sys.argv[1])",
];

const TORCH: Flavour = {
  file: "backprop_torch.py",
  module: "torch",
  imports: ["import json", "import sys", "from types import SimpleNamespace", "", "import torch"],
  docstring: "Backpropagation by hand, over PyTorch tensors: the forward pass, the error terms and the update.",
  vector: (v) => `torch.tensor(${v}, dtype=torch.float64)`,
  scalar: (v) => `torch.tensor(${v}, dtype=torch.float64)`,
  stack: (items) => `torch.stack([${items.join(", ")}])`,
  appendix: compare,
};

export const pytorchProgram = (model: CodeModel | MatrixModel | RecurrentModel): string =>
  model.form === "matrix"
    ? pythonMatrixProgram(model, TORCH)
    : model.form === "recurrent"
      ? joinParts(pythonRecurrentParts(model, TORCH))
      : pythonProgram(model, TORCH);
