// The programs read as course code: no line over 100 characters, and every identifier either a
// name of the notes for this network (w_6_4, w_b_4, x_1, y_4, net_4, delta_4, t_6, eta, E, the
// gradient dE_dw_6_4, an activation letter f or its derivative d_f) or one of a short list of
// the language's words and the runner's own names. The PyTorch program calls no autograd.
import { describe, expect, it } from "vitest";
import { derive } from "../../../src/derive/derive.js";
import { buildNetwork, type Network } from "../../../src/network/graph.js";
import { nameOf } from "../../../src/network/params.js";
import { parseSpec } from "../../../src/network/spec.js";
import { rng } from "../../../src/oracle/rng.js";
import { CODE_LANGS, toCode, type CodeLang } from "../../../src/render/code/code.js";
import { presets } from "../../../src/render/presets.js";
import { randomDag } from "../../check/dag.js";
import { randomSpec } from "../../check/fuzz-networks.js";

/** The functions the formulas call, in both languages (np.exp, Math.exp, …). */
const MATH = ["exp", "log", "tanh", "abs", "sign", "sqrt", "sin", "cos"];

const PYTHON = [
  "import",
  "from",
  "as",
  "json",
  "sys",
  "types",
  "SimpleNamespace",
  "numpy",
  "np",
  "torch",
  "def",
  "return",
  "for",
  "in",
  "if",
  "else",
  "not",
  "and",
  "or",
  "with",
  "open",
  "file",
  "print",
  "dumps",
  "load",
  "loads",
  "float",
  "float64",
  "dtype",
  "tensor",
  "asarray",
  ...MATH,
  "setattr",
  "getattr",
  "setdefault",
  "str",
  "len",
  "sum",
  "get",
  "append",
  "lambda",
  "indent",
  "argv",
  "main",
  "__name__",
  "__main__",
];
const JS = [
  "const",
  "function",
  "export",
  "return",
  "for",
  "of",
  "in",
  "if",
  "typeof",
  "undefined",
  "await",
  "import",
  "Math",
  ...MATH,
  "Object",
  "fromEntries",
  "map",
  "reduce",
  "JSON",
  "parse",
  "stringify",
  "console",
  "process",
  "argv",
  "readFileSync",
  "null",
  "load",
  "push",
  "nodes",
  "length",
  "sum",
];
/** The program's own names: its stages, the runner's tables and locals. */
const OWN = [
  "n",
  "x",
  "t",
  "forward",
  "evaluate",
  "loss",
  "backward",
  "update",
  "NODES",
  "WEIGHTS",
  "REDUCTION",
  "weight",
  "values",
  "per_weight",
  "perWeight",
  "run",
  "runs",
  "total",
  "example",
  "examples",
  "params",
  "path",
  "weights",
  "table",
  "of",
  "k",
  "j",
  "q",
  "w",
  "r",
  "scale",
  "gradients",
  "updated",
  "out",
  "inputs",
  "targets",
  "net",
  "y",
  "delta",
  "eta",
  "E",
  "sigma",
  "LAYERS",
  "T",
  "W",
  "c",
  "enumerate",
  "i",
  "l",
  "nodes",
  "outer",
  "range",
  "row",
  "rows",
  "stack",
  "array",
  "let",
  "dot",
  "column",
  "softmax",
  "forEach",
  "isArray",
  "Array",
  "plus",
  "times",
  "a",
  "s",
  "u",
  "v",
  "e",
  "d",
  "g",
  "_",
  "relu",
  "softplus",
  "b",
  // The stable forms' helpers (stable.ts): the same values, which cannot overflow.
  "log_softmax",
  "log_sigma",
  "logsumexp",
  "logaddexp",
  "zeros_like",
  "log1p",
  "maximum",
  "clamp",
  "min",
  "max",
  "top",
];
const ALLOWED: Record<CodeLang, ReadonlySet<string>> = {
  numpy: new Set([...PYTHON, ...OWN]),
  // A comparison made float64 before it multiplies: (x > 0).double().
  pytorch: new Set([...PYTHON, ...OWN, "double"]),
  js: new Set([...JS, ...OWN]),
};

/** The names of the notes for a network. */
function notesNames(network: Network): Set<string> {
  const names = new Set<string>(["eta", "E"]);
  for (const e of network.edges) names.add(nameOf(e));
  for (const p of network.params) names.add(`dE_d${nameOf(p)}`);
  for (const n of network.nodes.slice(1)) {
    if (n.layer === 0) names.add(`x_${n.id}`);
    else for (const q of ["net", "y", "delta"]) names.add(`${q}_${n.id}`);
  }
  for (const k of network.outputs) names.add(`t_${k}`);
  for (const l of network.layers) if (l.fn !== undefined) names.add(l.fn).add(`d_${l.fn}`);
  // The matrix form's names of layer l: W1, b1, net1, y1, delta1 and the gradients dE_dW1, dE_db1.
  network.layers.forEach((_, l) => {
    if (l > 0) for (const q of ["W", "b", "net", "y", "delta", "dE_dW", "dE_db"]) names.add(`${q}${l}`);
  });
  return names;
}

/** The code of a line without its comment and the text of its strings (a template's ${…} stays). */
function code(line: string, lang: CodeLang): string {
  const mark = lang === "js" ? "//" : "#";
  let s = line.trim().startsWith(mark) ? "" : line;
  s = s.replace(/\/\*.*?\*\//g, "");
  s = s.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  s = s.replace(/`[^`]*`/g, (m) => (m.match(/\$\{[^}]*\}/g) ?? []).join(" "));
  // Python's f-strings: only the names in braces are code.
  s = s.replace(/\bf""/g, "");
  return s.replace(/\s#\s.*$/, "");
}

const specs = [
  presets().seed,
  presets()["tied-autoencoder"],
  presets()["output-feeds"],
  ...Array.from({ length: 5 }, (_, i) => randomSpec(rng(300 + i))),
  ...Array.from({ length: 5 }, (_, i) => randomDag(rng(500 + i))),
];

describe("the programs read as course code", () => {
  for (const lang of CODE_LANGS)
    it(`${lang}: no line over 100 characters, no name the notes do not use`, () => {
      for (const spec of specs) {
        const proof = derive(buildNetwork(parseSpec(spec)));
        const names = notesNames(proof.network);
        const lines = toCode(proof, lang).text.split("\n");
        expect(lines.filter((l) => l.length > 100)).toEqual([]);
        const strange = new Set<string>();
        let docstring = false;
        for (const l of lines) {
          // A Python docstring of several lines is prose, not code.
          const quotes = l.split('"""').length - 1;
          if (docstring || quotes === 1) {
            if (quotes === 1) docstring = !docstring;
            continue;
          }
          // f"w_{k}_{j}" keeps its braces' names: the strings were emptied first, so read them again.
          const fstrings = [...l.matchAll(/\bf"([^"]*)"/g)].flatMap((m) => [...m[1]!.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!));
          for (const id of [...(code(l, lang).match(/[A-Za-z_]\w*/g) ?? []), ...fstrings])
            if (!ALLOWED[lang].has(id) && !names.has(id)) strange.add(id);
        }
        expect([...strange]).toEqual([]);
      }
    });

  // The recurrent form's names: the section's vectors a, h, o, y, t of a step and h0, the error
  // terms delta_h, delta_o and dE_dh (∇_h E), the shared U, W, V, b, c and their gradients, T.
  const RECURRENT = ["a", "h", "o", "h0", "delta_h", "delta_o", "dE_dh", "U", "V", "dE_dU", "dE_dW", "dE_dV", "dE_db", "dE_dc"];
  /** The recurrent programs' own words: the steps, the shared names' table, the stable logs' helpers. */
  const RECURRENT_OWN = [
    ...["LOSS_STEPS", "STEPS", "SHARED", "steps", "step", "zip", "tolist", "zeros", "max", "top", "sumOver", "term", "includes"],
    ...["log_softmax", "log_sigma", "log1p", "maximum", "clamp", "min", "undefined", "length", "from", "d", "M", "yhat"],
  ];
  const recurrentSpecs = [
    presets().rnn,
    presets()["rnn-last"],
    ...(["relu", "sigmoid", "softplus", "leaky-relu"] as const).map((activation, i) => ({
      recurrent: { inputs: 2, hidden: 3, outputs: 2, steps: 2 + i, lossAt: i % 2 === 0 ? "every" : "last" },
      activation,
      outputActivation: ["sigmoid", "identity", "softmax", "tanh"][i],
      loss: ["binary-cross-entropy", "mse", "mse", "sse"][i],
    })),
  ];
  for (const lang of CODE_LANGS)
    it(`${lang}, the recurrent form: no line over 100 characters, no name the notes do not use`, () => {
      for (const spec of recurrentSpecs) {
        const lines = toCode(derive(buildNetwork(parseSpec(spec))), lang).text.split("\n");
        expect(lines.filter((l) => l.length > 100)).toEqual([]);
        const allowed = new Set([...ALLOWED[lang], ...RECURRENT, ...RECURRENT_OWN, "f", "g", "d_f"]);
        const strange = new Set<string>();
        let docstring = false;
        for (const l of lines) {
          const quotes = l.split('"""').length - 1;
          if (docstring || quotes === 1) {
            if (quotes === 1) docstring = !docstring;
            continue;
          }
          for (const id of code(l, lang).match(/[A-Za-z_]\w*/g) ?? []) if (!allowed.has(id)) strange.add(id);
        }
        expect([...strange]).toEqual([]);
        if (lang === "pytorch")
          expect(lines.filter((l) => !l.trim().startsWith("#") && /\.backward\(|autograd|requires_grad|\.grad\b|no_grad/.test(l))).toEqual(
            [],
          );
      }
    });

  it("the PyTorch program calls no autograd; its commented-out last section compares with it", () => {
    for (const spec of specs) {
      const text = toCode(derive(buildNetwork(parseSpec(spec))), "pytorch").text;
      const live = text.split("\n").filter((l) => !l.trim().startsWith("#"));
      expect(live.filter((l) => /\.backward\(|autograd|requires_grad|\.grad\b|no_grad/.test(l))).toEqual([]);
      expect(text).toMatch(/^# {5}m\.E\.backward\(\)$/m);
    }
  });
});
