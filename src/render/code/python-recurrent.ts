// The recurrent form in Python (NumPy or PyTorch): the forward pass over the steps t = 1..T, the
// error terms from the last step back (backpropagation through time), the gradients of U, W, b,
// V and c as sums over the steps, the update, and a runner that prints evaluate's answer for a
// recurrent network (E, each step's h, yhat and deltas, the gradients and updated matrices).
import { formula, type Style } from "./emit.js";
import { ENTRY, type Flavour, functionLines, type PythonParts, pythonStyle } from "./python.js";
import type { RecurrentModel, RecurrentRef } from "./recurrent.js";
import { pythonLogHelpers } from "./stable.js";
import { assignment, comment } from "./wrap.js";

/** The step's vectors: a -> n.a[t]; entry i of one (o#1) -> n.o[t][1]; the stable logs of y from o. */
const stepStyle = (style: Style, m: RecurrentModel): Style => ({
  ...style,
  name: (s) => {
    if (s === "log_y") return m.stable === "softmax" ? "log_softmax(n.o[t])" : "log_sigma(n.o[t])";
    if (s === "log_1_y") return "log_sigma(-n.o[t])";
    const entry = /^(\w+)#(\d+)$/.exec(s);
    return entry !== null ? `n.${entry[1]}[t][${entry[2]}]` : ["a", "h", "o", "y", "t", "dE_dh"].includes(s) ? `n.${s}[t]` : `n.${s}`;
  },
});

/** Lines under the comments citing their equations, each comment once where it changes. */
class Lines {
  readonly out: string[] = [];
  private cited: string | undefined;
  constructor(private readonly m: RecurrentModel) {}
  assign(indent: string, target: string, rhs: string, ref?: RecurrentRef): void {
    const r = ref === undefined ? undefined : this.m.refs[ref];
    const text = r === undefined ? undefined : `${r.number} ${r.text}`;
    if (text !== undefined && text !== this.cited) this.out.push(...comment(indent, "#", text));
    this.cited = text ?? this.cited;
    this.out.push(...assignment(indent, target, rhs, "", "(", ")"));
  }
  line(...lines: string[]): void {
    this.out.push(...lines);
  }
}

const steps = "range(1, T + 1)";

export function pythonRecurrentParts(m: RecurrentModel, flavour: Flavour): PythonParts {
  const style = stepStyle(pythonStyle(flavour.module), m);
  const np = flavour.module;
  const loss = `${np}.sum(${formula(m.loss.term, style)})`;
  const stepLoss = m.loss.scale === 1 ? loss : m.loss.scale === -1 ? `-${loss}` : `${m.loss.scale} * ${loss}`;
  const d = m.outputDelta;
  const outputDelta = "vector" in d ? formula(d.vector, style) : flavour.stack(d.entries.map((e) => formula(e, style)));
  const softmax = m.softmax
    ? [
        "",
        "",
        "def g(x):",
        "    # The activation of the output y (softmax), as exp(x - max x) / sum: the same value, which",
        "    # cannot overflow",
        `    e = ${np}.exp(x - ${np}.max(x))`,
        `    return e / ${np}.sum(e)`,
      ]
    : [];
  const forward = new Lines(m);
  forward.line(
    "def forward(n, x):",
    '    """The forward pass, step by step: each hidden state from the input and the state before."""',
    `    n.x = {t: ${flavour.vector("row")} for t, row in enumerate(x, 1)}`,
    "    n.a, n.h, n.o, n.y = {}, {0: n.h0}, {}, {}",
    `    for t in ${steps}:`,
  );
  forward.assign("        ", "n.a[t]", "n.b + n.W @ n.h[t - 1] + n.U @ n.x[t]", "a");
  forward.assign("        ", "n.h[t]", "f(n.a[t])", "h");
  forward.line("        if t in LOSS_STEPS:");
  forward.assign("            ", "n.o[t]", "n.c + n.V @ n.h[t]", "o");
  forward.assign("            ", "n.y[t]", "g(n.o[t])", "y");
  const backward = new Lines(m);
  backward.line(
    "def backward(n):",
    '    """The error terms from the last step back, then the gradients: sums over the steps."""',
    "    n.delta_o, n.dE_dh = {}, {}",
    "    # After the last step no node reads the state: its error term is 0.",
    `    n.delta_h = {T + 1: ${np === "torch" ? "torch.zeros(len(n.b), dtype=torch.float64)" : "np.zeros(len(n.b))"}}`,
    "    for t in range(T, 0, -1):",
  );
  backward.assign("        ", "n.dE_dh[t]", "n.W.T @ n.delta_h[t + 1]", "dE_dh");
  backward.line("        if t in LOSS_STEPS:");
  backward.assign("            ", "n.delta_o[t]", outputDelta, "delta_o");
  backward.assign("            ", "n.dE_dh[t]", "n.V.T @ n.delta_o[t] + n.dE_dh[t]", "dE_dh");
  backward.assign("        ", "n.delta_h[t]", formula(m.delta, style), "delta_h");
  backward.assign("    ", "n.dE_dU", `sum(${np}.outer(n.delta_h[t], n.x[t]) for t in ${steps})`, "U");
  backward.assign("    ", "n.dE_dW", `sum(${np}.outer(n.delta_h[t], n.h[t - 1]) for t in ${steps})`, "W");
  backward.assign("    ", "n.dE_db", `sum(n.delta_h[t] for t in ${steps})`, "b");
  backward.assign("    ", "n.dE_dV", `sum(${np}.outer(n.delta_o[t], n.h[t]) for t in LOSS_STEPS)`, "V");
  backward.assign("    ", "n.dE_dc", "sum(n.delta_o[t] for t in LOSS_STEPS)", "c");
  const update = new Lines(m);
  update.line("def update(n):", '    """One step of gradient descent on each shared matrix and bias vector."""');
  for (const s of m.shared) update.assign("    ", `n.${s.name}`, `n.${s.name} - n.eta * n.dE_d${s.name}`, "update");
  const E = new Lines(m);
  E.assign("    ", "n.E", `sum(${stepLoss} for t in LOSS_STEPS)`);
  return {
    head: [
      `"""${flavour.docstring}`,
      "",
      "The recurrent network, step by step: backpropagation through time.",
      `Run: python3 ${flavour.file} params.json (params as in the notes' worked example).`,
      '"""',
      ...flavour.imports,
      "",
      `T = ${m.steps}`,
      `LOSS_STEPS = [${m.lossSteps.join(", ")}]`,
      `SHARED = [${m.shared.map((s) => `"${s.name}"`).join(", ")}]`,
      ...functionLines(m.functions, [formula(m.delta, style), loss, outputDelta], style, np),
      ...softmax,
      ...pythonLogHelpers(m.stable, np),
    ],
    forward: [
      ...forward.out,
      "",
      "",
      "def loss(n, targets):",
      '    """The error E: the loss of each step\'s output that has a target, summed over those steps."""',
      `    n.t = {t: ${flavour.vector("row")} for t, row in zip(LOSS_STEPS, targets)}`,
      ...E.out,
    ],
    backward: backward.out,
    update: update.out,
    runner: [
      "def load(params):",
      '    w, n = params["weights"], SimpleNamespace(eta=params["eta"])',
      "    for s in SHARED:",
      `        setattr(n, s, ${flavour.vector("w[s]")})`,
      `    n.h0 = ${flavour.vector('params.get("h0", [0] * len(n.b))')}`,
      "    return n",
      "",
      "",
      "def evaluate(params):",
      "    n = load(params)",
      '    forward(n, params["inputs"])',
      '    loss(n, params["targets"])',
      "    backward(n)",
      "    steps = []",
      `    for t in ${steps}:`,
      '        step, delta = {"h": n.h[t].tolist()}, {"h": n.delta_h[t].tolist()}',
      "        if t in LOSS_STEPS:",
      '            step["yhat"], delta["o"] = n.y[t].tolist(), n.delta_o[t].tolist()',
      '        steps.append({**step, "delta": delta})',
      '    gradients = {s: getattr(n, "dE_d" + s).tolist() for s in SHARED}',
      "    update(n)",
      "    updated = {s: getattr(n, s).tolist() for s in SHARED}",
      '    return {"E": float(n.E), "steps": steps, "gradients": gradients, "updated": updated}',
      "",
      "",
      "def main(path):",
      "    with open(path) as file:",
      "        print(json.dumps(evaluate(json.load(file)), indent=2))",
    ],
    entry: ENTRY,
    appendix: [],
  };
}
