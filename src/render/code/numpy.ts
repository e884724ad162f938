// backprop.py: the backward pass in NumPy.
import type { CodeModel } from "./model.js";
import { pythonProgram } from "./python.js";

export const numpyProgram = (model: CodeModel): string =>
  pythonProgram(model, {
    module: "np",
    imports: ["import json", "import sys", "from types import SimpleNamespace", "", "import numpy as np"],
    docstring: "Backpropagation by hand, in NumPy: the forward pass, the error terms and the update.",
    vector: (v) => `np.asarray(${v}, dtype=float)`,
    scalar: (v) => `float(${v})`,
    appendix: () => [],
  });
