// The LaTeX dialect of the printer, in the seed's notation: w_{41}, w_{10,3}, w_{b_4}, net_k.
import { builtin } from "./functions.js";
import { print, type Dialect } from "./print.js";
import { assertNever, type Expr, type Index, type IndexSet } from "./types.js";

const SYMBOLS: Record<string, string> = {
  delta: "\\delta",
  // The shared value of a group of tied weights.
  theta: "\\theta",
  eta: "\\eta",
  alpha: "\\alpha",
  // A name of three letters, set upright as one word (not the product n e t).
  net: "\\mathrm{net}",
  e: "e",
  // W without its bias column (matrix form of backpropagation).
  Wbar: "\\bar{W}",
  // A mini-batch's matrices: one column per example (error terms, augmented inputs).
  Delta: "\\Delta",
  Xtilde: "\\tilde{X}",
  // A recurrent network's output at a step (its target is y).
  yhat: "\\hat{y}",
};

/**
 * A function name: a built-in function's own LaTeX name (functions.ts); any other single letter
 * is a variable-like name (f, g); any other word (relu, softmax, leakyrelu) is set upright.
 */
const functionName = (fn: string): string =>
  builtin(fn)?.latex ?? (/^[A-Za-z]$/.test(fn) ? fn : `\\operatorname{${fn.replace(/[^A-Za-z]/g, "")}}`);

function indexText(i: Index): string {
  switch (i.kind) {
    case "node":
      return String(i.n);
    case "var":
      return i.name;
    case "bias":
      return `b${subscript(indexText(i.of))}`;
    case "example":
      return `(${indexText(i.of)})`;
    default:
      return assertNever(i);
  }
}

const subscript = (s: string): string => (s.length === 1 ? `_${s}` : `_{${s}}`);

/** Two single-character indices run together (w_{41}); otherwise commas keep them apart (w_{10,3}, K_{1,2,1,1}). */
export function indexList(idx: readonly Index[]): string {
  const parts = idx.map(indexText);
  return parts.length <= 2 && parts.every((p) => p.length === 1) ? parts.join("") : parts.join(",");
}

function setText(s: IndexSet): string {
  switch (s.kind) {
    case "downstream":
      return `\\mathrm{downstream}(${indexText(s.of)})`;
    case "preds":
      return `\\mathrm{pred}(${indexText(s.of)})`;
    case "layer":
      return `\\mathrm{layer}(${indexText(s.of)})`;
    case "outputs":
      return "\\mathrm{outputs}";
    case "nodes":
      return `\\{${nodeList(s.nodes)}\\}`;
    case "examples":
      return EXAMPLE_SET;
    case "upto":
      return `\\{1, \\dots, ${s.bound}\\}`;
    default:
      return assertNever(s);
  }
}

/** A set's numbers; a run of more than five consecutive ones is elided: {0, 1, \dots, 25}. */
function nodeList(ns: readonly number[]): string {
  const run = ns.length > 5 && ns.every((n, i) => n === ns[0]! + i);
  return run ? `${ns[0]}, ${ns[1]}, \\dots, ${ns.at(-1)}` : ns.join(", ");
}

const symName = (name: string): string => SYMBOLS[name] ?? name;

/** The examples of a mini-batch, 1 to n: a sum over them reads \sum_{d=1}^{n}. */
const EXAMPLE_SET = "\\{1, \\dots, n\\}";

/** w_{kj}; a quantity of example d of a mini-batch carries ^{(d)} (delta_k^{(d)}), its loss E_d a subscript. */
function symbol(name: string, idx: readonly Index[]): string {
  const rest = idx.filter((i) => i.kind !== "example");
  const base = rest.length === 0 ? symName(name) : `${symName(name)}${subscript(indexList(rest))}`;
  const ex = idx.find((i) => i.kind === "example");
  if (ex === undefined || ex.kind !== "example") return base;
  const d = indexText(ex.of);
  return rest.length === 0 && name === "E" ? `E${subscript(d)}` : `${base}^{(${d})}`;
}

/** An elided entry: a row of ellipses is vertical, a column horizontal, their crossing diagonal. */
function matrixDots(rows: readonly (readonly string[])[], i: number, j: number): string {
  const row = rows[i]!.every((x) => x === "\\dots");
  const col = rows.every((r) => r[j] === "\\dots");
  const tall = rows.length > 1;
  const wide = rows[i]!.length > 1;
  if (row && col) return tall && wide ? "\\ddots" : tall ? "\\vdots" : "\\cdots";
  if (row) return "\\vdots";
  if (col) return "\\cdots";
  return wide ? "\\cdots" : "\\vdots";
}

/** Numbers with at most 9 significant digits. */
const number = (v: number): string => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(9))));

/** A coefficient that is a simple fraction prints as one (\frac{1}{2} E, not 0.5 E). */
function coefficient(v: number): string {
  if (Number.isInteger(v)) return String(v);
  for (let q = 2; q <= 4; q++) {
    const p = Math.round(v * q);
    if (Math.abs(p / q - v) < 1e-12) return `${p < 0 ? "-" : ""}\\frac{${Math.abs(p)}}{${q}}`;
  }
  return number(v);
}

export const latexDialect: Dialect = {
  num: number,
  coefficient,
  sym: symbol,
  index: indexText,
  paren: (s) => `\\left(${s}\\right)`,
  plus: "+",
  minus: "-",
  times: (left, right) => (/^[0-9.]/.test(right) ? `${left} \\cdot ${right}` : `${left} ${right}`),
  frac: (n, d) => `\\frac{${n}}{${d}}`,
  pow: (base, exp) => `${base}^{${exp}}`,
  call(fn, order, args) {
    const a = args.join(", ");
    // Euler's number is exp(1): e alone, so that e^{x} is one superscript.
    if (fn === "exp" && order === 0) return a === "1" ? "e" : `e^{${a}}`;
    if (fn === "abs" && order === 0) return `\\left|${a}\\right|`;
    if (fn === "sqrt" && order === 0) return `\\sqrt{${a}}`;
    const name = functionName(fn);
    const primes = order === 0 ? "" : order <= 3 ? "'".repeat(order) : `^{(${order})}`;
    return `${name}${primes}\\left(${a}\\right)`;
  },
  deriv: (of, wrt, atomic) =>
    atomic ? `\\frac{\\partial ${of}}{\\partial ${wrt}}` : `\\frac{\\partial}{\\partial ${wrt}}\\left(${of}\\right)`,
  sum: (index, set, body) => {
    // A set 1, ..., n (a mini-batch's examples, a vector's units) reads \sum_{i=1}^{n}.
    const upto = /^\\\{1, \\dots, (.+)\\\}$/.exec(set);
    return upto ? `\\sum_{${index}=1}^{${upto[1]}} ${body}` : `\\sum_{${index} \\in ${set}} ${body}`;
  },
  set: setText,
  max: (index, set, body, arg) => `${arg ? "\\operatorname*{arg\\,max}" : "\\max"}_{${index} \\in ${set}} ${body}`,
  iverson: (rel, l, r) => `\\left[${l} ${rel === "gt" ? ">" : "="} ${r}\\right]`,
  tensor(e) {
    const name = symName(e.name);
    // The arrow spans the whole name (\overrightarrow{\mathrm{net}}), the index after it (\vec{w}_k).
    const hat = /^\\hat\{(.)\}$/.exec(name);
    const arrow =
      e.shape !== "vec"
        ? name
        : hat
          ? `\\hat{\\vec{${hat[1]}}}`
          : /^\\?[A-Za-z]$|^\\[a-z]+$/.test(name)
            ? `\\vec{${name}}`
            : `\\overrightarrow{${name}}`;
    const core = e.idx.length > 0 ? `${arrow}${subscript(indexList(e.idx))}` : arrow;
    return e.layer === undefined ? core : `${core}^{(${e.layer}${e.from === undefined ? "" : `,${e.from}`})}`;
  },
  matrix(rows) {
    const body = rows.map((r, i) => r.map((x, j) => (x === "\\dots" ? matrixDots(rows, i, j) : x)).join(" & ")).join(" \\\\ ");
    return `\\begin{bmatrix} ${body} \\end{bmatrix}`;
  },
  // W^{(2)} transposed is W^{(2)T}, as textbooks write it; anything else gets ^{T}.
  transpose: (s, grouped) => {
    if (grouped) return `\\left(${s}\\right)^{T}`;
    const m = /\^\{(\([^{}]*\))\}$/.exec(s);
    return m ? `${s.slice(0, m.index)}^{${m[1]}T}` : `${s}^{T}`;
  },
  matmul: (parts) => parts.join(" \\cdot "),
  hadamard: (parts) => parts.join(" \\odot "),
  gradient: (of, wrt) => `\\nabla_{${wrt}} ${of}`,
  ellipsis: "\\dots",
  superscripted: (fn, order, args) => fn === "exp" && order === 0 && !(args.length === 1 && isOne(args[0]!)),
};

const isOne = (e: Expr): boolean => e.kind === "num" && e.value === 1;

export const toLatex = (e: Expr): string => print(e, latexDialect);
