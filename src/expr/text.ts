// The plain-text dialect: every scalar expression prints as a formula that mathjs can parse.
// Names: w_4_1 (w_{41}), w_b_4 (w_{b_4}), y_4, x_1, net_4, delta_4, t_6, eta, E; f'(x) is d_f(x),
// f''(x) is d2_f(x); a derivative symbol dE/dnet_4 is d(E, net_4); a bound sum is
// sum(body, k, downstream(j)); the Iverson bracket [a > b] is (a > b).
import { print, type Dialect } from "./print.js";
import { assertNever, type Expr, type Index, type IndexSet } from "./types.js";

const FUNCTIONS: Record<string, string> = { ln: "log" };

function indexText(i: Index): string {
  switch (i.kind) {
    case "node":
      return String(i.n);
    case "var":
      return i.name;
    case "bias":
      return `b_${indexText(i.of)}`;
    case "example":
      return `ex${indexText(i.of)}`;
    default:
      return assertNever(i);
  }
}

function setText(s: IndexSet): string {
  switch (s.kind) {
    case "downstream":
    case "layer":
      return `${s.kind}(${indexText(s.of)})`;
    case "preds":
      return `pred(${indexText(s.of)})`;
    case "outputs":
      return "outputs";
    case "nodes":
      return `[${s.nodes.join(", ")}]`;
    case "examples":
      return "examples";
    default:
      return assertNever(s);
  }
}

/** The text name of an indexed symbol, e.g. w_4_1. Shared with the evaluator's scope. */
export const textName = (name: string, idx: readonly Index[]): string => [name, ...idx.map(indexText)].join("_");

export const textDialect: Dialect = {
  num: (v) => String(v),
  coefficient: (v) => String(v),
  sym: textName,
  index: indexText,
  paren: (s) => `(${s})`,
  plus: "+",
  minus: "-",
  times: (left, right) => `${left} * ${right}`,
  frac: (n, d) => `${/ [+-] /.test(n) ? `(${n})` : n} / ${/^[\w.]+$/.test(d) ? d : `(${d})`}`,
  pow: (base, exp) => `${base}^${/^[0-9a-zA-Z_]+$/.test(exp) ? exp : `(${exp})`}`,
  call(fn, order, args) {
    const name = FUNCTIONS[fn] ?? fn;
    const prefix = order === 0 ? "" : order === 1 ? "d_" : `d${order}_`;
    return `${prefix}${name}(${args.join(", ")})`;
  },
  deriv: (of, wrt) => `d(${of}, ${wrt})`,
  sum: (index, set, body) => `sum(${body}, ${index}, ${set})`,
  set: setText,
  max: (index, set, body, arg) => `${arg ? "argmax" : "max"}(${body}, ${index}, ${set})`,
  iverson: (rel, l, r) => `(${l} ${rel === "gt" ? ">" : "=="} ${r})`,
  tensor(e) {
    const base = textName(e.name, e.idx);
    const named = e.shape === "vec" ? `vec_${base}` : base;
    return e.layer === undefined ? named : `${named}_${e.layer}${e.from === undefined ? "" : `_${e.from}`}`;
  },
  matrix: (rows) => `[${rows.map((r) => r.join(", ")).join("; ")}]`,
  // transpose(x) brackets its argument already; an operator expression keeps its own brackets too.
  transpose: (s, grouped) => `transpose(${grouped && / ([-+*/^]|\.\*) /.test(s) ? `(${s})` : s})`,
  matmul: (parts) => parts.join(" * "),
  // mathjs's entrywise product.
  hadamard: (parts) => parts.join(" .* "),
  gradient: (of, wrt) => `grad(${of}, ${wrt})`,
  ellipsis: "...",
  superscripted: () => false,
};

export const toText = (e: Expr): string => print(e, textDialect);
