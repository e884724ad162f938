// backprop_torch.py: the backward pass written by hand over PyTorch tensors (no autograd), with
// a last section, commented out, that asks autograd for the same gradients to compare.
import type { CodeModel } from "./model.js";
import { pythonProgram } from "./python.js";

/** The comparison with autograd: every hand-written gradient against the one autograd finds. */
const compare = (): string[] => [
  "",
  "",
  "# Autograd finds the same gradients. To compare, remove the leading '# ' of the lines below",
  "# and run: python3 backprop_torch.py params.json --compare-autograd",
  "#",
  "# def compare(path):",
  "#     with open(path) as file:",
  "#         params = json.load(file)",
  "#     n, m = load(params), load(params)",
  "#     for k, j in WEIGHTS:",
  "#         getattr(m, weight(k, j)).requires_grad_()",
  "#     for s in (n, m):",
  '#         forward(s, params["inputs"])',
  '#         loss(s, params["targets"])',
  "#     backward(n)",
  "#     m.E.backward()",
  "#     for k, j in WEIGHTS:",
  "#         w = weight(k, j)",
  '#         print(w, float(getattr(n, "dE_d" + w)), float(getattr(m, w).grad))',
  "#",
  "#",
  '# if "--compare-autograd" in sys.argv:',
  "#     compare(sys.argv[1])",
];

export const pytorchProgram = (model: CodeModel): string =>
  pythonProgram(model, {
    module: "torch",
    imports: ["import json", "import sys", "from types import SimpleNamespace", "", "import torch"],
    docstring: "Backpropagation by hand, over PyTorch tensors: the forward pass, the error terms and the update.",
    vector: (v) => `torch.tensor(${v}, dtype=torch.float64)`,
    scalar: (v) => `torch.tensor(${v}, dtype=torch.float64)`,
    appendix: compare,
  });
