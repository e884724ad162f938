// The recurrent form in JavaScript: arrays of numbers indexed by step, n.a[t], n.h[t],
// n.delta_h[t], the same stages as the Python program (forward over the steps, backpropagation
// through time, gradients as sums over the steps, update) and a runner printing evaluate's answer.
import { formula, type Style } from "./emit.js";
import { functionLines, jsStyle, NODE_FS_IMPORT } from "./js.js";
import type { RecurrentModel, RecurrentRef } from "./recurrent.js";
import { jsLogHelpers } from "./stable.js";
import { assignment, comment } from "./wrap.js";

/** The step's vectors entry by entry: a -> n.a[t][i]; entry 1 of o (o#1) -> n.o[t][1]; the stable logs of y from o. */
const entryStyleOf = (m: RecurrentModel): Style => ({
  ...jsStyle,
  name: (s) => {
    if (s === "log_y") return m.stable === "softmax" ? "log_softmax(n.o[t])[i]" : "log_sigma(n.o[t][i])";
    if (s === "log_1_y") return "log_sigma(-n.o[t][i])";
    const entry = /^(\w+)#(\d+)$/.exec(s);
    return entry !== null ? `n.${entry[1]}[t][${entry[2]}]` : ["a", "h", "o", "y", "t", "dE_dh"].includes(s) ? `n.${s}[t][i]` : `n.${s}`;
  },
});

class Lines {
  readonly out: string[] = [];
  private cited: string | undefined;
  constructor(private readonly m: RecurrentModel) {}
  assign(indent: string, target: string, rhs: string, ref?: RecurrentRef): void {
    const r = ref === undefined ? undefined : this.m.refs[ref];
    const text = r === undefined ? undefined : `${r.number} ${r.text}`;
    if (text !== undefined && text !== this.cited) this.out.push(...comment(indent, "//", text));
    this.cited = text ?? this.cited;
    this.out.push(...assignment(indent, target, rhs, ";", "", ""));
  }
  line(...lines: string[]): void {
    this.out.push(...lines);
  }
}

export function jsRecurrentProgram(m: RecurrentModel): string {
  const entryStyle = entryStyleOf(m);
  const term = formula(m.loss.term, entryStyle);
  const sum = `n.y[t].reduce((sum, _, i) => sum + ${term}, 0)`;
  const stepLoss = m.loss.scale === 1 ? sum : m.loss.scale === -1 ? `-${sum}` : `${m.loss.scale} * ${sum}`;
  const d = m.outputDelta;
  const outputDelta =
    "vector" in d
      ? `n.y[t].map((_, i) => ${formula(d.vector, entryStyle)})`
      : `[${d.entries.map((e) => formula(e, entryStyle)).join(", ")}]`;
  const delta = formula(m.delta, entryStyle);
  const forward = new Lines(m);
  forward.line(
    "/** The forward pass, step by step: each hidden state from the input and the state before. */",
    "export function forward(n, x) {",
    "  n.x = [undefined, ...x];",
    "  [n.a, n.h, n.o, n.y] = [[], [n.h0], [], []];",
    "  for (let t = 1; t <= T; t++) {",
  );
  forward.assign("    ", "n.a[t]", "n.b.map((b, i) => b + dot(n.W[i], n.h[t - 1]) + dot(n.U[i], n.x[t]))", "a");
  forward.assign("    ", "n.h[t]", "n.a[t].map(f)", "h");
  forward.line("    if (LOSS_STEPS.includes(t)) {");
  forward.assign("      ", "n.o[t]", "n.c.map((c, k) => c + dot(n.V[k], n.h[t]))", "o");
  forward.assign("      ", "n.y[t]", m.softmax ? "g(n.o[t])" : "n.o[t].map(g)", "y");
  forward.line("    }", "  }", "}");
  const backward = new Lines(m);
  backward.line(
    "/** The error terms from the last step back, then the gradients: sums over the steps. */",
    "export function backward(n) {",
    "  [n.delta_o, n.dE_dh] = [[], []];",
    "  // After the last step no node reads the state: its error term is 0.",
    "  n.delta_h = [];",
    "  n.delta_h[T + 1] = n.b.map(() => 0);",
    "  for (let t = T; t >= 1; t--) {",
  );
  backward.assign("    ", "n.dE_dh[t]", "n.h[t].map((_, i) => dot(column(n.W, i), n.delta_h[t + 1]))", "dE_dh");
  backward.line("    if (LOSS_STEPS.includes(t)) {");
  backward.assign("      ", "n.delta_o[t]", outputDelta, "delta_o");
  backward.assign("      ", "n.dE_dh[t]", "n.dE_dh[t].map((d, i) => dot(column(n.V, i), n.delta_o[t]) + d)", "dE_dh");
  backward.line("    }");
  backward.assign("    ", "n.delta_h[t]", `n.a[t].map((_, i) => ${delta})`, "delta_h");
  backward.line("  }");
  backward.assign("  ", "n.dE_dU", "sumOver(STEPS, (t) => outer(n.delta_h[t], n.x[t]))", "U");
  backward.assign("  ", "n.dE_dW", "sumOver(STEPS, (t) => outer(n.delta_h[t], n.h[t - 1]))", "W");
  backward.assign("  ", "n.dE_db", "sumOver(STEPS, (t) => n.delta_h[t])", "b");
  backward.assign("  ", "n.dE_dV", "sumOver(LOSS_STEPS, (t) => outer(n.delta_o[t], n.h[t]))", "V");
  backward.assign("  ", "n.dE_dc", "sumOver(LOSS_STEPS, (t) => n.delta_o[t])", "c");
  backward.line("}");
  const update = new Lines(m);
  update.line("/** One step of gradient descent on each shared matrix and bias vector. */", "export function update(n) {");
  for (const s of m.shared)
    update.assign(
      "  ",
      `n.${s.name}`,
      s.matrix
        ? `n.${s.name}.map((row, i) => row.map((w, j) => w - n.eta * n.dE_d${s.name}[i][j]))`
        : `n.${s.name}.map((w, i) => w - n.eta * n.dE_d${s.name}[i])`,
      "update",
    );
  update.line("}");
  const E = new Lines(m);
  E.assign("  ", "n.E", `LOSS_STEPS.reduce((E, t) => E + ${stepLoss}, 0)`);
  const lines = [
    "// Backpropagation through time by hand: the forward pass over the steps, the error terms from",
    "// the last step back, the gradients as sums over the steps, and the update.",
    "// Run: node backprop.mjs params.json (params as in the notes' worked example).",
    "",
    `const T = ${m.steps};`,
    `const LOSS_STEPS = [${m.lossSteps.join(", ")}];`,
    "const STEPS = Array.from({ length: T }, (_, i) => i + 1);",
    `const SHARED = [${m.shared.map((s) => `"${s.name}"`).join(", ")}];`,
    ...functionLines(m.functions, [delta, term, outputDelta]),
    ...(m.softmax
      ? [
          "",
          "// The activation of the output y (softmax), as exp(x - max x) / sum: the same value, which",
          "// cannot overflow.",
          "const g = (v) => {",
          "  const top = Math.max(...v);",
          "  const e = v.map((a) => Math.exp(a - top));",
          "  const sum = e.reduce((s, a) => s + a, 0);",
          "  return e.map((a) => a / sum);",
          "};",
        ]
      : []),
    ...jsLogHelpers(m.stable),
    "",
    "const dot = (u, v) => u.reduce((sum, a, i) => sum + a * v[i], 0);",
    "const column = (M, j) => M.map((row) => row[j]);",
    "const outer = (u, v) => u.map((a) => v.map((b) => a * b));",
    "const plus = (a, b) => (Array.isArray(a) ? a.map((v, i) => plus(v, b[i])) : a + b);",
    "const sumOver = (steps, term) => steps.map(term).reduce(plus);",
    "",
    ...forward.out,
    "",
    "/** The error E: the loss of each step's output that has a target, summed over those steps. */",
    "export function loss(n, targets) {",
    "  n.t = [];",
    "  LOSS_STEPS.forEach((t, i) => (n.t[t] = targets[i]));",
    ...E.out,
    "}",
    "",
    ...backward.out,
    "",
    ...update.out,
    "",
    "export function load(params) {",
    "  const n = { eta: params.eta };",
    "  for (const s of SHARED) n[s] = params.weights[s];",
    "  n.h0 = params.h0 ?? n.b.map(() => 0);",
    "  return n;",
    "}",
    "",
    "export function run(params) {",
    "  const n = load(params);",
    "  forward(n, params.inputs);",
    "  loss(n, params.targets);",
    "  backward(n);",
    "  const steps = STEPS.map((t) =>",
    "    LOSS_STEPS.includes(t)",
    "      ? { h: n.h[t], yhat: n.y[t], delta: { h: n.delta_h[t], o: n.delta_o[t] } }",
    "      : { h: n.h[t], delta: { h: n.delta_h[t] } },",
    "  );",
    '  const gradients = Object.fromEntries(SHARED.map((s) => [s, n["dE_d" + s]]));',
    "  update(n);",
    "  const updated = Object.fromEntries(SHARED.map((s) => [s, n[s]]));",
    "  return { E: n.E, steps, gradients, updated };",
    "}",
    "",
    'if (typeof process !== "undefined" && process.argv[2] !== undefined) {',
    NODE_FS_IMPORT,
    '  const params = JSON.parse(readFileSync(process.argv[2], "utf8"));',
    "  console.log(JSON.stringify(run(params), null, 2));",
    "}",
  ];
  return `${lines.join("\n")}\n`;
}
