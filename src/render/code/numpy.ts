// backprop.py: the backward pass in NumPy, in the matrix form for a chain of dense layers and
// node by node otherwise.
import type { MatrixModel } from "./matrix.js";
import type { CodeModel } from "./model.js";
import { pythonMatrixParts } from "./python-matrix.js";
import { type Flavour, joinParts, type PythonParts, pythonParts } from "./python.js";
import { pythonRecurrentParts } from "./python-recurrent.js";
import type { RecurrentModel } from "./recurrent.js";

const NUMPY: Flavour = {
  file: "backprop.py",
  module: "np",
  imports: ["import json", "import sys", "from types import SimpleNamespace", "", "import numpy as np"],
  docstring: "Backpropagation by hand, in NumPy: the forward pass, the error terms and the update.",
  vector: (v) => `np.asarray(${v}, dtype=float)`,
  scalar: (v) => `float(${v})`,
  stack: (items) => `np.array([${items.join(", ")}])`,
  appendix: () => [],
};

export const numpyParts = (model: CodeModel | MatrixModel | RecurrentModel): PythonParts =>
  model.form === "matrix"
    ? pythonMatrixParts(model, NUMPY)
    : model.form === "recurrent"
      ? pythonRecurrentParts(model, NUMPY)
      : pythonParts(model, NUMPY);

export const numpyProgram = (model: CodeModel | MatrixModel | RecurrentModel): string => joinParts(numpyParts(model));
