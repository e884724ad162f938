// Formulas as code: the one printer (src/expr/print.ts) with a dialect per language. Scalars only
// (the formulas of the index form and of elementwise activation bodies); a symbol prints under
// the notes' own name (w_6_4, delta_4), through `name` (which may prefix it: n.w_6_4).
import { print, type Dialect } from "../../expr/print.js";
import { textName } from "../../expr/text.js";
import type { Expr } from "../../expr/types.js";

export interface CodeSyntax {
  /** The spelling of a built-in function: exp -> np.exp, Math.exp. */
  readonly functions: Readonly<Record<string, string>>;
  /** A power: base ** exp (JavaScript brackets it: -x ** 2 is a syntax error there). */
  pow(base: string, exp: string): string;
  /** The Iverson bracket [a > b] as a number. */
  iverson(rel: "gt" | "eq", lhs: string, rhs: string): string;
}

/** The built-in functions of formulas that no language has under the same name: written as helpers. */
export const HELPERS = ["sigma", "relu", "softplus"] as const;

const unsupported = (what: string): never => {
  throw new Error(`code: a ${what} has no scalar code form`);
};

function dialect(syntax: CodeSyntax, name: (text: string) => string): Dialect {
  return {
    num: (v) => String(v),
    coefficient: (v) => String(v),
    sym: (n, idx) => name(textName(n, idx)),
    index: () => unsupported("bare index"),
    paren: (s) => `(${s})`,
    plus: "+",
    minus: "-",
    times: (left, right) => `${left} * ${right}`,
    frac: (n, d) => `${/ [+-] /.test(n) ? `(${n})` : n} / ${/^[\w.]+$/.test(d) ? d : `(${d})`}`,
    pow: (base, exp) => syntax.pow(base, /^[\w.]+$/.test(exp) ? exp : `(${exp})`),
    call(fn, order, args) {
      const base = syntax.functions[fn] ?? fn;
      const prefix = order === 0 ? "" : order === 1 ? "d_" : `d${order}_`;
      return `${prefix}${base}(${args.join(", ")})`;
    },
    deriv: () => unsupported("derivative symbol"),
    sum: () => unsupported("bound sum"),
    max: () => unsupported("max over a set"),
    set: () => unsupported("index set"),
    iverson: (rel, l, r) => syntax.iverson(rel, l, r),
    tensor: () => unsupported("tensor"),
    matrix: () => unsupported("matrix"),
    transpose: () => unsupported("transpose"),
    matmul: () => unsupported("matrix product"),
    hadamard: () => unsupported("entrywise product"),
    gradient: () => unsupported("gradient"),
    ellipsis: "...",
    superscripted: () => false,
  };
}

/** A formula in a language, each symbol named by `name` from its notes' name. */
export const codeOf = (e: Expr, syntax: CodeSyntax, name: (text: string) => string = (s) => s): string => print(e, dialect(syntax, name));
