// backprop.mjs: the backward pass in JavaScript with no dependencies: forward, loss, backward,
// update, then a runner (under Node) that reads a params file and prints what `evaluate` prints.
import { formula, nodeList, statementLines, type Style } from "./emit.js";
import { HELPERS, type CodeSyntax } from "./expr.js";
import type { CodeModel, FunctionDef } from "./model.js";
import { jsScalarHelpers } from "./stable.js";
import { comment } from "./wrap.js";

const FUNCTIONS = ["exp", "tanh", "abs", "sign", "sqrt", "sin", "cos"];

export const jsSyntax: CodeSyntax = {
  functions: { ...Object.fromEntries(FUNCTIONS.map((f) => [f, `Math.${f}`])), ln: "Math.log" },
  // -x ** 2 is a syntax error in JavaScript: a power is always bracketed.
  pow: (base, exp) => `(${base} ** ${exp})`,
  // A comparison is a boolean; the bracket is the number 1 or 0.
  iverson: (rel, l, r) => `(${l} ${rel === "gt" ? ">" : "==="} ${r} ? 1 : 0)`,
};

export const jsStyle: Style = { syntax: jsSyntax, comment: "//", end: ";", open: "", close: "", name: (s) => `n.${s}` };

const helperBodies: Record<(typeof HELPERS)[number], string> = {
  sigma: "1 / (1 + Math.exp(-x))",
  relu: "(x > 0 ? x : 0)",
  // ln(1 + exp(x)) as max(x, 0) + ln(1 + exp(-|x|)): the same value, which cannot overflow.
  softplus: "Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))",
};

/** The functions the formulas call: helpers for sigma, relu and softplus, and f, g (and d_f). */
export function functionLines(functions: readonly FunctionDef[], formulas: readonly string[]): string[] {
  const local: Style = { ...jsStyle, name: (s) => s };
  const text = [...functions.map((f) => formula(f.body, local)), ...formulas].join("\n");
  const out: string[] = [];
  for (const h of HELPERS) if (new RegExp(`\\b${h}\\(`).test(text)) out.push("", `const ${h} = (x) => ${helperBodies[h]};`);
  for (const f of functions) {
    const what = f.order === 0 ? "The activation" : "The derivative of the activation";
    out.push(
      "",
      ...comment("", "//", `${what} of ${f.of ?? nodeList(f.nodes)} (${f.title}).`),
      `const ${f.name} = (x) => ${f.order === 0 && f.id === "softplus" ? helperBodies.softplus : formula(f.body, local)};`,
    );
  }
  return out;
}

/** `[n.x_1, n.x_2] = x;` (each on its own line when they are many). */
function unpack(names: readonly string[], from: string): string[] {
  const one = `  [${names.map((s) => `n.${s}`).join(", ")}] = ${from};`;
  if (one.length <= 100 && names.length <= 6) return [one];
  return names.map((s, i) => `  n.${s} = ${from}[${i}];`);
}

export function jsProgram(model: CodeModel): string {
  const lines = [
    "// Backpropagation by hand: the forward pass, the error terms and the update.",
    "// Run: node backprop.mjs params.json (params as in the notes' worked example).",
    ...functionLines(
      model.functions,
      [...model.forward, model.loss, ...model.backward, ...model.gradients].map((s) => formula(s.value, jsStyle)),
    ),
    ...jsScalarHelpers([...model.forward, model.loss].map((s) => formula(s.value, jsStyle)).join("\n")),
    "",
    "/** The forward pass, node by node in number order. */",
    "export function forward(n, x) {",
    ...unpack(
      model.inputs.map((i) => `x_${i}`),
      "x",
    ),
    ...(model.ties.length === 0 ? [] : ["  // Tied weights share one value."]),
    ...model.ties.map((t) => `  n.${t.name} = n.${t.of};`),
    ...statementLines(model.forward, jsStyle, "  "),
    "}",
    "",
    "/** The error E of the network at the targets t. */",
    "export function loss(n, t) {",
    ...unpack(
      model.outputs.map((k) => `t_${k}`),
      "t",
    ),
    ...statementLines([model.loss], jsStyle, "  "),
    "}",
    "",
    "/** The error terms, from the outputs back, then the gradient of every weight and bias. */",
    "export function backward(n) {",
    ...statementLines(model.backward, jsStyle, "  "),
    ...statementLines(model.gradients, jsStyle, "  "),
    "}",
    "",
    "/** One step of gradient descent on every weight and bias. */",
    "export function update(n) {",
    ...statementLines(model.updates, jsStyle, "  "),
    "}",
    "",
    ...constList("NODES", model.nodes.map(String)),
    ...constList(
      "WEIGHTS",
      model.params.map((p) => `[${p.to}, "${p.from}"]`),
    ),
    `const REDUCTION = "${model.reduction}";`,
    ...RUNNER,
  ];
  return `${lines.join("\n")}\n`;
}

function constList(name: string, items: readonly string[]): string[] {
  const one = `const ${name} = [${items.join(", ")}];`;
  if (one.length <= 100) return [one];
  const rows: string[] = [];
  let line = "";
  for (const it of items) {
    if (line !== "" && line.length + it.length + 6 > 100) {
      rows.push(`  ${line},`);
      line = it;
    } else line = line === "" ? it : `${line}, ${it}`;
  }
  if (line !== "") rows.push(`  ${line},`);
  return [`const ${name} = [`, ...rows, "];"];
}

// Written so: a literal import of a node: module in src/render/ would read as one of its own.
export const NODE_FS_IMPORT = `  const { readFileSync } = await import(${JSON.stringify(["node", "fs"].join(":"))});`;

/** The end of either form's run(): one example's answer or the batch's, then the entry point. */
export const RUN_END = `  if (params.examples === undefined) return { ...runs[0], gradients, updated };
  const E = scale * runs.reduce((sum, r) => sum + r.E, 0);
  return { E, examples: runs, gradients, updated };
}

if (typeof process !== "undefined" && process.argv[2] !== undefined) {
${NODE_FS_IMPORT}
  const params = JSON.parse(readFileSync(process.argv[2], "utf8"));
  console.log(JSON.stringify(run(params), null, 2));
}`;

/** The runner: params in, evaluate's JSON out (one example, or a mini-batch's `examples`). */
const RUNNER = `
const weight = (k, j) => (j === "b" ? \`w_b_\${k}\` : \`w_\${k}_\${j}\`);

export function load(params) {
  const n = { eta: params.eta };
  for (const [k, j] of WEIGHTS) n[weight(k, j)] = params.weights[k][j];
  return n;
}

const values = (n) =>
  Object.fromEntries(
    NODES.map((k) => [k, { net: n[\`net_\${k}\`], y: n[\`y_\${k}\`], delta: n[\`delta_\${k}\`] }]),
  );

function perWeight(of) {
  const table = {};
  for (const [k, j] of WEIGHTS) (table[k] ??= {})[j] = of(weight(k, j));
  return table;
}

export function run(params) {
  const n = load(params);
  const examples = params.examples ?? [params];
  const runs = [];
  const total = Object.fromEntries(WEIGHTS.map(([k, j]) => [weight(k, j), 0]));
  for (const example of examples) {
    forward(n, example.inputs);
    loss(n, example.targets);
    backward(n);
    runs.push({ E: n.E, nodes: values(n) });
    for (const w in total) total[w] += n[\`dE_d\${w}\`];
  }
  // A mini-batch: the gradient of the batch loss, the mean (or sum) of the examples' gradients.
  const scale = params.examples !== undefined && REDUCTION === "mean" ? 1 / examples.length : 1;
  for (const w in total) n[\`dE_d\${w}\`] = total[w] * scale;
  const gradients = perWeight((w) => n[\`dE_d\${w}\`]);
  update(n);
  const updated = perWeight((w) => n[w]);
${RUN_END}`.split("\n");
