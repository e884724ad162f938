// The backward pass as a Python program, for NumPy or for PyTorch tensors (the same code model,
// two spellings of the functions): forward, loss, backward, update, then a runner that reads a
// params file and prints what `evaluate` prints.
import { formula, nodeList, statementLines, type Style } from "./emit.js";
import { HELPERS, type CodeSyntax } from "./expr.js";
import type { MatrixModel } from "./matrix.js";
import type { RecurrentModel } from "./recurrent.js";
import type { CodeModel, FunctionDef } from "./model.js";
import { pythonScalarHelpers } from "./stable.js";
import { comment } from "./wrap.js";

export interface Flavour {
  /** The file it is written to: backprop.py. */
  readonly file: string;
  /** The module that holds the functions: np or torch. */
  readonly module: string;
  readonly imports: readonly string[];
  readonly docstring: string;
  /** The numbers of a list, as the flavour computes with them: torch.tensor(v, …). */
  readonly vector: (v: string) => string;
  /** One number, as the flavour computes with it. */
  readonly scalar: (v: string) => string;
  /** A list of numbers computed as one vector: np.array([...]), torch.stack([...]). */
  readonly stack: (items: readonly string[]) => string;
  /** Lines after the runner (PyTorch: the comparison with autograd, commented out). */
  readonly appendix: (model: CodeModel | MatrixModel | RecurrentModel) => string[];
}

const FUNCTIONS = ["exp", "tanh", "abs", "sign", "sqrt", "sin", "cos"];

export const pythonSyntax = (module: string): CodeSyntax => ({
  functions: { ...Object.fromEntries(FUNCTIONS.map((f) => [f, `${module}.${f}`])), ln: `${module}.log` },
  pow: (base, exp) => `${base} ** ${exp}`,
  // A comparison is a boolean; NumPy multiplies it as float64, PyTorch as its default float32
  // (0.8 * (x > 0) would round 0.8), so PyTorch's is made float64 first.
  iverson: (rel, l, r) => `(${l} ${rel === "gt" ? ">" : "=="} ${r})${module === "torch" ? ".double()" : ""}`,
});

export const pythonStyle = (module: string): Style => ({
  syntax: pythonSyntax(module),
  comment: "#",
  end: "",
  open: "(",
  close: ")",
  name: (s) => `n.${s}`,
});

/** ln(1 + exp(±x)) without overflow: NumPy's logaddexp(0, ±x), PyTorch's over tensors. */
const log1pExp = (m: string, x: string): string => (m === "torch" ? `torch.logaddexp(torch.zeros_like(x), ${x})` : `np.logaddexp(0, ${x})`);

const helperBodies: Record<(typeof HELPERS)[number], (m: string) => string> = {
  sigma: (m) => `${m}.exp(-${log1pExp(m, "-x")})`,
  relu: () => "x * (x > 0)",
  softplus: (m) => log1pExp(m, "x"),
};

/** What the stable forms compute, for the comment beside them. */
const NOTES = {
  sigma: "1 / (1 + exp(-x)) as exp(-ln(1 + exp(-x))): the same value, which cannot overflow",
  softplus: "ln(1 + exp(x)) as logaddexp(0, x): the same value, which cannot overflow",
};

/** Activations written in a stable form: the same value, which cannot overflow (as sigma and softplus above). */
const STABLE_BODIES: Readonly<Record<string, (m: string) => string>> = { sigmoid: helperBodies.sigma, softplus: helperBodies.softplus };

/** The functions the formulas call: helpers for sigma, relu and softplus, and f, g (and d_f). */
export function functionLines(functions: readonly FunctionDef[], formulas: readonly string[], style: Style, module: string): string[] {
  const out: string[] = [];
  const local: Style = { ...style, name: (s) => s };
  const text = [...functions.map((f) => formula(f.body, local)), ...formulas].join("\n");
  for (const h of HELPERS) {
    if (!new RegExp(`\\b${h}\\(`).test(text)) continue;
    const note = h === "relu" ? [] : [`    # ${NOTES[h]}`];
    out.push("", "", `def ${h}(x):`, ...note, `    return ${helperBodies[h](module)}`);
  }
  for (const f of functions) {
    const what = f.order === 0 ? "The activation" : "The derivative of the activation";
    out.push("", "", `def ${f.name}(x):`, ...comment("    ", "#", `${what} of ${f.of ?? nodeList(f.nodes)} (${f.title})`));
    const stable = f.order === 0 && f.id !== undefined ? STABLE_BODIES[f.id] : undefined;
    if (stable !== undefined) out.push(`    # ${NOTES[f.id === "sigmoid" ? "sigma" : "softplus"]}`);
    out.push(`    return ${stable === undefined ? formula(f.body, local) : stable(module)}`);
  }
  return out;
}

const allFormulas = (model: CodeModel, style: Style): string[] =>
  [...model.forward, model.loss, ...model.backward, ...model.gradients].map((s) => formula(s.value, style));

/** `n.x_1, n.x_2 = x` (each on its own line when they are many). */
function unpack(names: readonly string[], from: string): string[] {
  if (names.length === 1) return [`    n.${names[0]} = ${from}[0]`];
  const one = `    ${names.map((s) => `n.${s}`).join(", ")} = ${from}`;
  if (one.length <= 100 && names.length <= 6) return [one];
  return names.map((s, i) => `    n.${s} = ${from}[${i}]`);
}

/** A Python program in its parts, for a file (joined) or a notebook (a cell each, beside the notes). */
export interface PythonParts {
  /** The docstring, the imports and the activation functions. */
  readonly head: readonly string[];
  /** forward and loss. */
  readonly forward: readonly string[];
  readonly backward: readonly string[];
  readonly update: readonly string[];
  /** The tables and functions that read params and compute evaluate's JSON (`evaluate(params)`). */
  readonly runner: readonly string[];
  /** `if __name__ == "__main__":`, which a notebook leaves out. */
  readonly entry: readonly string[];
  readonly appendix: readonly string[];
}

/** The parts as one file, two blank lines between top-level definitions. */
export const joinParts = (p: PythonParts): string =>
  `${[p.head, p.forward, p.backward, p.update, p.runner, p.entry, p.appendix]
    .filter((x) => x.length > 0)
    .map((x) => x.join("\n"))
    .join("\n\n\n")}\n`;

export function pythonParts(model: CodeModel, flavour: Flavour): PythonParts {
  const style = pythonStyle(flavour.module);
  const list = (xs: readonly (string | number)[]): string[] => wrapList(xs.map((x) => (typeof x === "number" ? String(x) : x)));
  return {
    head: [
      `"""${flavour.docstring}`,
      "",
      `Run: python3 ${flavour.file} params.json (params as in the notes' worked example).`,
      '"""',
      ...flavour.imports,
      ...functionLines(model.functions, allFormulas(model, style), style, flavour.module),
      ...pythonScalarHelpers(allFormulas(model, style).join("\n"), flavour.module),
    ],
    forward: [
      "def forward(n, x):",
      '    """The forward pass, node by node in number order."""',
      ...unpack(
        model.inputs.map((i) => `x_${i}`),
        flavour.vector("x"),
      ),
      ...(model.ties.length === 0 ? [] : ["    # Tied weights share one value."]),
      ...model.ties.map((t) => `    n.${t.name} = n.${t.of}`),
      ...statementLines(model.forward, style, "    "),
      "",
      "",
      "def loss(n, t):",
      '    """The error E of the network at the targets t."""',
      ...unpack(
        model.outputs.map((k) => `t_${k}`),
        flavour.vector("t"),
      ),
      ...statementLines([model.loss], style, "    "),
    ],
    backward: [
      "def backward(n):",
      '    """The error terms, from the outputs back, then the gradient of every weight and bias."""',
      ...statementLines(model.backward, style, "    "),
      ...statementLines(model.gradients, style, "    "),
    ],
    update: [
      "def update(n):",
      '    """One step of gradient descent on every weight and bias."""',
      ...statementLines(model.updates, style, "    "),
    ],
    runner: [
      ...listLines("NODES", list(model.nodes)),
      ...listLines("WEIGHTS", list(model.params.map((p) => `(${p.to}, "${p.from}")`))),
      `REDUCTION = "${model.reduction}"`,
      ...runner(flavour.scalar),
    ],
    entry: ENTRY,
    appendix: flavour.appendix(model),
  };
}

export const pythonProgram = (model: CodeModel, flavour: Flavour): string => joinParts(pythonParts(model, flavour));

/** Items joined by ", " into lines of at most 100 characters. */
function wrapList(items: readonly string[]): string[] {
  const out: string[] = [];
  let line = "";
  for (const it of items) {
    if (line !== "" && line.length + it.length + 6 > 100) {
      out.push(`${line},`);
      line = it;
    } else line = line === "" ? it : `${line}, ${it}`;
  }
  if (line !== "") out.push(line);
  return out;
}

function listLines(name: string, rows: readonly string[]): string[] {
  if (rows.length <= 1 && `${name} = [${rows[0] ?? ""}]`.length <= 100) return [`${name} = [${rows[0] ?? ""}]`];
  return [`${name} = [`, ...rows.map((r) => `    ${r}`), "]"];
}

/** The runner: params in, evaluate's JSON out (one example, or a mini-batch's `examples`). */
const runner = (scalar: (v: string) => string): string[] => [
  "",
  "",
  "def weight(k, j):",
  '    return f"w_b_{k}" if j == "b" else f"w_{k}_{j}"',
  "",
  "",
  "def load(params):",
  '    n = SimpleNamespace(eta=params["eta"])',
  "    for k, j in WEIGHTS:",
  `        setattr(n, weight(k, j), ${scalar('params["weights"][str(k)][j]')})`,
  "    return n",
  "",
  "",
  "def values(n):",
  "    return {",
  '        str(k): {q: float(getattr(n, f"{q}_{k}")) for q in ("net", "y", "delta")}',
  "        for k in NODES",
  "    }",
  "",
  "",
  "def per_weight(of):",
  "    table = {}",
  "    for k, j in WEIGHTS:",
  "        table.setdefault(str(k), {})[j] = float(of(weight(k, j)))",
  "    return table",
  "",
  "",
  "def evaluate(params):",
  "    n = load(params)",
  '    examples = params.get("examples", [params])',
  '    runs, total = [], {"dE_d" + weight(k, j): 0.0 for k, j in WEIGHTS}',
  "    for example in examples:",
  '        forward(n, example["inputs"])',
  '        loss(n, example["targets"])',
  "        backward(n)",
  '        runs.append({"E": float(n.E), "nodes": values(n)})',
  "        for g in total:",
  "            total[g] += float(getattr(n, g))",
  ...runnerTail('    gradients = per_weight(lambda w: getattr(n, "dE_d" + w))', "    updated = per_weight(lambda w: getattr(n, w))"),
];

/** The runner's end: the batch's gradient (mean or sum), the update, evaluate's JSON. */
export const runnerTail = (gradients: string, updated: string): string[] => [
  "    # A mini-batch: the gradient of the batch loss, the mean (or sum) of the examples' gradients.",
  '    scale = 1 / len(examples) if "examples" in params and REDUCTION == "mean" else 1',
  "    for g in total:",
  "        setattr(n, g, total[g] * scale)",
  gradients,
  "    update(n)",
  updated,
  '    if "examples" in params:',
  '        E = scale * sum(run["E"] for run in runs)',
  '        return {"E": E, "examples": runs, "gradients": gradients, "updated": updated}',
  '    return {**runs[0], "gradients": gradients, "updated": updated}',
  "",
  "",
  "def main(path):",
  "    with open(path) as file:",
  "        print(json.dumps(evaluate(json.load(file)), indent=2))",
];

export const ENTRY: readonly string[] = ['if __name__ == "__main__":', "    main(sys.argv[1])"];
