// The matrix form in JavaScript: arrays of numbers (vectors) and of rows (matrices), W1, b1,
// net1, y1, delta1, one statement per layer as BP1-BP4 state them, with three small helpers
// (dot, column, softmax) and a runner that reads the params into matrices.
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import { formula, type Style } from "./emit.js";
import { functionLines, jsStyle, RUN_END } from "./js.js";
import { type MatrixModel, vectorName } from "./matrix.js";
import { jsLogHelpers } from "./stable.js";
import { assignment, comment } from "./wrap.js";

const SLOT = "__code__";

function assign(out: string[], cited: { ref?: string }, target: string, rhs: string, ref?: { number: string; text: string }): void {
  const r = ref === undefined ? undefined : `${ref.number} ${ref.text}`;
  if (r !== undefined && r !== cited.ref) out.push(...comment("  ", "//", r));
  if (r !== undefined) cited.ref = r;
  out.push(...assignment("  ", `n.${target}`, rhs, ";", "", ""));
}

/** A formula over vectors, entry i: net1 is n.net1[i]; `code` stands for the placeholder factor. */
const entryOf = (e: Expr, vectors: ReadonlySet<string>, code = ""): string => {
  const style: Style = { ...jsStyle, name: (s) => (s === SLOT ? code : vectors.has(s) ? `n.${s}[i]` : `n.${s}`) };
  return formula(e, style);
};

export function jsMatrixProgram(m: MatrixModel): string {
  const L = m.layers.at(-1)!.l;
  const vectors = new Set(["x", "t", ...m.layers.flatMap((l) => ["net", "y", "delta"].map((q) => vectorName(q, l.l)))]);
  const forward: string[] = ["  n.x = x;"];
  const cited = {};
  for (const layer of m.layers) {
    const prev = vectorName("y", layer.l - 1);
    assign(forward, cited, `net${layer.l}`, `n.W${layer.l}.map((row, k) => dot(row, n.${prev}) + n.b${layer.l}[k])`, layer.refs.net);
    assign(forward, cited, `y${layer.l}`, layer.softmax ? `softmax(n.net${layer.l})` : `n.net${layer.l}.map(${layer.fn})`, layer.refs.y);
  }
  const last = m.layers.at(-1)!;
  const entry = new Map(
    last.nodes.flatMap((k, i) => ["net", "y", "delta", "t"].map((q): [string, string] => [`${q}_${k}`, `n.${vectorName(q, L)}[${i}]`])),
  );
  const backward: string[] = [];
  const bc = {};
  const d = m.outputDelta;
  const output =
    "vector" in d
      ? `n.y${L}.map((_, i) => ${entryOf(d.vector, vectors)})`
      : `[${d.entries.map((e) => formula(e, { ...jsStyle, name: (s) => entry.get(s) ?? `n.${s}` })).join(", ")}]`;
  assign(backward, bc, `delta${L}`, output, last.refs.delta);
  for (const layer of [...m.layers].reverse().slice(1)) {
    const back = `dot(column(n.W${layer.l + 1}, i), n.delta${layer.l + 1})`;
    assign(
      backward,
      bc,
      `delta${layer.l}`,
      `n.net${layer.l}.map((_, i) => ${entryOf(b.mul(layer.derivative!, b.sym(SLOT)), vectors, back)})`,
      layer.refs.delta,
    );
  }
  for (const layer of m.layers) {
    const prev = vectorName("y", layer.l - 1);
    assign(backward, bc, `dE_dW${layer.l}`, `n.delta${layer.l}.map((d) => n.${prev}.map((y) => d * y))`, layer.refs.weight);
    assign(backward, bc, `dE_db${layer.l}`, `n.delta${layer.l}`, layer.refs.bias);
  }
  const updates: string[] = [];
  const uc = {};
  for (const layer of m.layers) {
    const l = layer.l;
    assign(updates, uc, `W${l}`, `n.W${l}.map((row, k) => row.map((w, j) => w - n.eta * n.dE_dW${l}[k][j]))`, m.update);
    assign(updates, uc, `b${l}`, `n.b${l}.map((w, k) => w - n.eta * n.dE_db${l}[k])`, m.update);
  }
  // The loss's stable logs of the output y from its net (stable.ts).
  const net = `n.net${L}`;
  const logs: Record<string, string> = {
    log_y: m.stable === "softmax" ? `log_softmax(${net})[i]` : `log_sigma(${net}[i])`,
    log_1_y: `log_sigma(-${net}[i])`,
  };
  const term = formula(m.loss.term, { ...jsStyle, name: (s) => logs[s] ?? (vectors.has(s) ? `n.${s}[i]` : `n.${s}`) });
  const sum = `n.y${L}.reduce((sum, _, i) => sum + ${term}, 0)`;
  const lossRhs = m.loss.scale === 1 ? sum : m.loss.scale === -1 ? `-${sum}` : `${m.loss.scale} * ${sum}`;
  const lossLines = ["  n.t = t;"];
  assign(lossLines, {}, "E", lossRhs, m.loss.ref);
  const derivatives = m.layers.flatMap((l) => (l.derivative === undefined ? [] : [entryOf(l.derivative, vectors)]));
  const layers = [[...m.inputs], ...m.layers.map((l) => [...l.nodes])];
  const lines = [
    "// Backpropagation by hand, in the matrix form: the forward pass, the error terms and the update.",
    "// Run: node backprop.mjs params.json (params as in the notes' worked example).",
    ...functionLines(m.functions, [term, ...derivatives]),
    "",
    "const dot = (u, v) => u.reduce((sum, a, i) => sum + a * v[i], 0);",
    "const column = (W, j) => W.map((row) => row[j]);",
    ...(m.layers.some((l) => l.softmax)
      ? [
          "// The softmax, as exp(x - max x) / sum: the same value, which cannot overflow.",
          "const softmax = (v) => {",
          "  const top = Math.max(...v);",
          "  const e = v.map((a) => Math.exp(a - top));",
          "  const sum = e.reduce((s, a) => s + a, 0);",
          "  return e.map((a) => a / sum);",
          "};",
        ]
      : []),
    ...jsLogHelpers(m.stable),
    "",
    "/** The forward pass, layer by layer: net = W y + b, then the activation. */",
    "export function forward(n, x) {",
    ...forward,
    "}",
    "",
    "/** The error E of the network at the targets t. */",
    "export function loss(n, t) {",
    ...lossLines,
    "}",
    "",
    "/** The error terms, from the output layer back, then the gradients of W and b. */",
    "export function backward(n) {",
    ...backward,
    "}",
    "",
    "/** One step of gradient descent on every weight and bias. */",
    "export function update(n) {",
    ...updates,
    "}",
    "",
    ...assignment("", "const LAYERS", JSON.stringify(layers).replaceAll(",", ", "), ";", "", ""),
    `const REDUCTION = "${m.reduction}";`,
    ...RUNNER,
  ];
  return `${lines.join("\n")}\n`;
}

const RUNNER = `
export function load(params) {
  const w = params.weights;
  const n = { eta: params.eta };
  for (let l = 1; l < LAYERS.length; l++) {
    n[\`W\${l}\`] = LAYERS[l].map((k) => LAYERS[l - 1].map((j) => w[k][j]));
    n[\`b\${l}\`] = LAYERS[l].map((k) => w[k].b);
  }
  return n;
}

function values(n) {
  const nodes = {};
  for (let l = 1; l < LAYERS.length; l++) {
    LAYERS[l].forEach((k, i) => {
      nodes[k] = { net: n[\`net\${l}\`][i], y: n[\`y\${l}\`][i], delta: n[\`delta\${l}\`][i] };
    });
  }
  return nodes;
}

function perWeight(W, b) {
  const table = {};
  for (let l = 1; l < LAYERS.length; l++) {
    LAYERS[l].forEach((k, i) => {
      table[k] = Object.fromEntries(LAYERS[l - 1].map((j, c) => [j, W(l)[i][c]]));
      table[k].b = b(l)[i];
    });
  }
  return table;
}

/** Entry by entry over nested arrays of one shape: a + b, and s a. */
const plus = (a, b) => (Array.isArray(a) ? a.map((v, i) => plus(v, b[i])) : a + b);
const times = (a, s) => (Array.isArray(a) ? a.map((v) => times(v, s)) : a * s);

export function run(params) {
  const n = load(params);
  const examples = params.examples ?? [params];
  const runs = [];
  const total = {};
  for (const example of examples) {
    forward(n, example.inputs);
    loss(n, example.targets);
    backward(n);
    runs.push({ E: n.E, nodes: values(n) });
    for (let l = 1; l < LAYERS.length; l++) {
      for (const g of [\`dE_dW\${l}\`, \`dE_db\${l}\`]) {
        total[g] = total[g] === undefined ? n[g] : plus(total[g], n[g]);
      }
    }
  }
  // A mini-batch: the gradient of the batch loss, the mean (or sum) of the examples' gradients.
  const scale = params.examples !== undefined && REDUCTION === "mean" ? 1 / examples.length : 1;
  for (const g in total) n[g] = times(total[g], scale);
  const gradients = perWeight((l) => n[\`dE_dW\${l}\`], (l) => n[\`dE_db\${l}\`]);
  update(n);
  const updated = perWeight((l) => n[\`W\${l}\`], (l) => n[\`b\${l}\`]);
${RUN_END}`.split("\n");
