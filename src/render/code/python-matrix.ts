// The matrix form in Python (NumPy or PyTorch): one statement per layer, W1, b1, net1, y1,
// delta1, as BP1-BP4 state them, and a runner that reads the params into matrices.
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import { formula, type Style } from "./emit.js";
import { type MatrixLayer, type MatrixModel, vectorName } from "./matrix.js";
import { ENTRY, type Flavour, functionLines, joinParts, type PythonParts, pythonStyle, runnerTail } from "./python.js";
import { pythonLogHelpers } from "./stable.js";
import { assignment, comment } from "./wrap.js";

/** A placeholder for code that is not a formula: (W2.T @ delta2) in δ^(1) = f'(net1) * (W2.T @ delta2). */
const SLOT = "__code__";

/** An assignment, under the comment citing its equation when that changes. */
function assign(
  out: string[],
  cited: { ref?: string },
  style: Style,
  target: string,
  rhs: string,
  ref?: { number: string; text: string },
): void {
  const r = ref === undefined ? undefined : `${ref.number} ${ref.text}`;
  if (r !== undefined && r !== cited.ref) out.push(...comment("    ", "#", r));
  if (r !== undefined) cited.ref = r;
  out.push(...assignment("    ", style.name(target), rhs, "", "(", ")"));
}

/** A formula with `code` standing for the placeholder factor. */
const withCode = (e: Expr, style: Style, code: string): string =>
  formula(e, { ...style, name: (s) => (s === SLOT ? code : style.name(s)) });

function forwardLines(m: MatrixModel, style: Style, flavour: Flavour): string[] {
  const out = [`    n.x = ${flavour.vector("x")}`];
  const cited = {};
  for (const layer of m.layers) {
    const prev = vectorName("y", layer.l - 1);
    assign(out, cited, style, `net${layer.l}`, `n.W${layer.l} @ n.${prev} + n.b${layer.l}`, layer.refs.net);
    const net = `n.net${layer.l}`;
    const y = layer.softmax ? `softmax(${net})` : `${layer.fn}(${net})`;
    assign(out, cited, style, `y${layer.l}`, y, layer.refs.y);
  }
  return out;
}

function backwardLines(m: MatrixModel, style: Style, flavour: Flavour): string[] {
  const out: string[] = [];
  const cited = {};
  const last = m.layers.at(-1)!;
  const L = last.l;
  const delta = m.outputDelta;
  // The output δ entry by entry, where one formula does not cover the layer: y_6 is n.y2[0].
  const entry = new Map(
    last.nodes.flatMap((k, i) => ["net", "y", "delta", "t"].map((q): [string, string] => [`${q}_${k}`, `n.${vectorName(q, L)}[${i}]`])),
  );
  const entries = (e: Expr): string => formula(e, { ...style, name: (s) => entry.get(s) ?? style.name(s) });
  const value = "vector" in delta ? formula(delta.vector, style) : flavour.stack(delta.entries.map(entries));
  assign(out, cited, style, `delta${L}`, value, last.refs.delta);
  for (const layer of [...m.layers].reverse().slice(1)) {
    const back = `(n.W${layer.l + 1}.T @ n.delta${layer.l + 1})`;
    const rhs = withCode(b.mul(layer.derivative!, b.sym(SLOT)), style, back);
    assign(out, cited, style, `delta${layer.l}`, rhs, layer.refs.delta);
  }
  for (const layer of m.layers) gradientLines(out, cited, style, flavour, layer);
  return out;
}

function gradientLines(out: string[], cited: { ref?: string }, style: Style, flavour: Flavour, layer: MatrixLayer): void {
  const prev = vectorName("y", layer.l - 1);
  assign(out, cited, style, `dE_dW${layer.l}`, `${flavour.module}.outer(n.delta${layer.l}, n.${prev})`, layer.refs.weight);
  assign(out, cited, style, `dE_db${layer.l}`, `n.delta${layer.l}`, layer.refs.bias);
}

/** The loss's stable logs of the output y from its net (stable.ts). */
const logsStyle = (m: MatrixModel, style: Style): Style => {
  const net = `n.net${m.layers.at(-1)!.l}`;
  const logY = m.stable === "softmax" ? `log_softmax(${net})` : `log_sigma(${net})`;
  return { ...style, name: (s) => (s === "log_y" ? logY : s === "log_1_y" ? `log_sigma(-${net})` : style.name(s)) };
};

function lossRhs(m: MatrixModel, style: Style, module: string): string {
  const sum = `${module}.sum(${formula(m.loss.term, logsStyle(m, style))})`;
  return m.loss.scale === 1 ? sum : m.loss.scale === -1 ? `-${sum}` : `${m.loss.scale} * ${sum}`;
}

export function pythonMatrixParts(m: MatrixModel, flavour: Flavour): PythonParts {
  const style = pythonStyle(flavour.module);
  const updates: string[] = [];
  const cited = {};
  for (const layer of m.layers) {
    assign(updates, cited, style, `W${layer.l}`, `n.W${layer.l} - n.eta * n.dE_dW${layer.l}`, m.update);
    assign(updates, cited, style, `b${layer.l}`, `n.b${layer.l} - n.eta * n.dE_db${layer.l}`, m.update);
  }
  const derivatives = m.layers.flatMap((l) => (l.derivative === undefined ? [] : [formula(l.derivative, style)]));
  const lossLines: string[] = [`    n.t = ${flavour.vector("t")}`];
  assign(lossLines, {}, style, "E", lossRhs(m, style, flavour.module), m.loss.ref);
  const layers = [[...m.inputs], ...m.layers.map((l) => [...l.nodes])];
  return {
    head: [
      `"""${flavour.docstring}`,
      "",
      "The matrix form, layer by layer.",
      `Run: python3 ${flavour.file} params.json (params as in the notes' worked example).`,
      '"""',
      ...flavour.imports,
      ...functionLines(m.functions, [formula(m.loss.term, style), ...derivatives], style, flavour.module),
      ...(m.layers.at(-1)!.softmax ? softmaxLines(flavour.module) : []),
      ...pythonLogHelpers(m.stable, flavour.module),
    ],
    forward: [
      "def forward(n, x):",
      '    """The forward pass, layer by layer: net = W y + b, then the activation."""',
      ...forwardLines(m, style, flavour),
      "",
      "",
      "def loss(n, t):",
      '    """The error E of the network at the targets t."""',
      ...lossLines,
    ],
    backward: [
      "def backward(n):",
      '    """The error terms, from the output layer back, then the gradients of W and b."""',
      ...backwardLines(m, style, flavour),
    ],
    update: ["def update(n):", '    """One step of gradient descent on every weight and bias."""', ...updates],
    runner: [
      ...assignment("", "LAYERS", JSON.stringify(layers).replaceAll(",", ", "), "", "(", ")"),
      `REDUCTION = "${m.reduction}"`,
      "",
      "",
      ...runnerLines(flavour),
      ...runnerTail(
        '    gradients = per_weight(lambda l: getattr(n, f"dE_dW{l}"), lambda l: getattr(n, f"dE_db{l}"))',
        '    updated = per_weight(lambda l: getattr(n, f"W{l}"), lambda l: getattr(n, f"b{l}"))',
      ),
    ],
    entry: ENTRY,
    appendix: flavour.appendix(m),
  };
}

export const pythonMatrixProgram = (m: MatrixModel, flavour: Flavour): string => joinParts(pythonMatrixParts(m, flavour));

/** The softmax of a layer, as exp(x - max x) / sum: the same value, which cannot overflow. */
const softmaxLines = (module: string): string[] => [
  "",
  "",
  "def softmax(x):",
  "    # The softmax, as exp(x - max x) / sum: the same value, which cannot overflow",
  `    e = ${module}.exp(x - ${module}.max(x))`,
  `    return e / ${module}.sum(e)`,
];

const runnerLines = (flavour: Flavour): string[] => [
  "def load(params):",
  '    w, n = params["weights"], SimpleNamespace(eta=params["eta"])',
  "    for l in range(1, len(LAYERS)):",
  "        rows = [[w[str(k)][str(j)] for j in LAYERS[l - 1]] for k in LAYERS[l]]",
  `        setattr(n, f"W{l}", ${flavour.vector("rows")})`,
  `        setattr(n, f"b{l}", ${flavour.vector('[w[str(k)]["b"] for k in LAYERS[l]]')})`,
  "    return n",
  "",
  "",
  "def values(n):",
  "    nodes = {}",
  "    for l in range(1, len(LAYERS)):",
  "        for i, k in enumerate(LAYERS[l]):",
  '            nodes[str(k)] = {q: float(getattr(n, f"{q}{l}")[i]) for q in ("net", "y", "delta")}',
  "    return nodes",
  "",
  "",
  "def per_weight(W, b):",
  "    table = {}",
  "    for l in range(1, len(LAYERS)):",
  "        for i, k in enumerate(LAYERS[l]):",
  "            row = {str(j): float(W(l)[i][c]) for c, j in enumerate(LAYERS[l - 1])}",
  '            table[str(k)] = {**row, "b": float(b(l)[i])}',
  "    return table",
  "",
  "",
  "def evaluate(params):",
  "    n = load(params)",
  '    examples = params.get("examples", [params])',
  "    runs, total = [], {}",
  "    for example in examples:",
  '        forward(n, example["inputs"])',
  '        loss(n, example["targets"])',
  "        backward(n)",
  '        runs.append({"E": float(n.E), "nodes": values(n)})',
  "        for l in range(1, len(LAYERS)):",
  '            for g in (f"dE_dW{l}", f"dE_db{l}"):',
  "                total[g] = total.get(g, 0) + getattr(n, g)",
];
