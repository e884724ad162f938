// The one printer. It walks the tree, decides parentheses from one precedence table, and asks a
// dialect (LaTeX or plain text) only how to spell each construct.
import { assertNever, type Expr, type Index, type IndexSet, type Relation } from "./types.js";

/** Binding strength of each construct: a child weaker than its context is parenthesised. */
export const PRECEDENCE = {
  add: 1,
  mul: 2,
  // The entrywise product binds looser than the matrix product: A x \odot b is (A x) \odot b.
  hadamard: 1.5,
  sum: 2,
  matmul: 2,
  negative: 2,
  pow: 4,
  atom: 5,
} as const;

export interface Dialect {
  num(v: number): string;
  /** A number multiplying other factors. */
  coefficient(v: number): string;
  sym(name: string, idx: readonly Index[]): string;
  index(i: Index): string;
  paren(s: string): string;
  plus: string;
  minus: string;
  /** Joins two printed factors; `next` is the right-hand factor. */
  times(left: string, right: string, next: Expr): string;
  frac(numerator: string, denominator: string): string;
  pow(base: string, exp: string): string;
  call(fn: string, order: number, args: string[]): string;
  deriv(of: string, wrt: string, atomicOf: boolean): string;
  sum(index: string, set: string, body: string): string;
  set(s: IndexSet): string;
  /** max_{index in set} body, or (arg) the first index that attains it. */
  max(index: string, set: string, body: string, arg: boolean): string;
  iverson(rel: Relation, lhs: string, rhs: string): string;
  tensor(e: Extract<Expr, { kind: "tensor" }>): string;
  matrix(rows: string[][]): string;
  /** `grouped`: the argument is compound and needs brackets around it, if the spelling has none. */
  transpose(s: string, grouped: boolean): string;
  matmul(parts: string[]): string;
  hadamard(parts: string[]): string;
  /** The gradient of a scalar with respect to a vector or matrix, \nabla_{wrt} of. */
  gradient(of: string, wrt: string): string;
  ellipsis: string;
  /** A call spelled with a superscript of its own (e^{u}): as a power's base it needs brackets. */
  superscripted(fn: string, order: number, args: readonly Expr[]): boolean;
}

export function precedence(e: Expr): number {
  switch (e.kind) {
    case "add":
      return PRECEDENCE.add;
    case "mul":
      return isNegative(e) || hasDenominator(e) ? PRECEDENCE.negative : PRECEDENCE.mul;
    case "sum":
    case "max":
      return PRECEDENCE.sum;
    case "matmul":
      return PRECEDENCE.matmul;
    case "hadamard":
      return PRECEDENCE.hadamard;
    case "num":
      return e.value < 0 ? PRECEDENCE.negative : PRECEDENCE.atom;
    case "pow":
      return isNegativeExponent(e) ? PRECEDENCE.mul : PRECEDENCE.pow;
    case "transpose":
      return PRECEDENCE.pow;
    case "tensor":
      // W^{(2)} already carries a superscript: transposing it needs parentheses or a merge.
      return e.layer === undefined ? PRECEDENCE.atom : PRECEDENCE.pow;
    case "sym":
      // delta_k^{(d)}, a quantity of one example of a mini-batch, already carries a superscript.
      return e.idx.some((i) => i.kind === "example") && !(e.name === "E" && e.idx.length === 1) ? PRECEDENCE.pow : PRECEDENCE.atom;
    case "index":
    case "call":
    case "deriv":
    case "iverson":
    case "matrix":
    case "ellipsis":
      return PRECEDENCE.atom;
    default:
      return assertNever(e);
  }
}

const isNegative = (e: Expr): boolean =>
  (e.kind === "num" && e.value < 0) || (e.kind === "mul" && e.factors[0]!.kind === "num" && e.factors[0]!.value < 0);
/** The terms of a sum in the order printed: positive terms first, 1 - y_k and y_k - t_k, as textbooks write them. */
export const printOrder = (terms: readonly Expr[]): Expr[] => [...terms.filter((t) => !isNegative(t)), ...terms.filter(isNegative)];
const isNegativeExponent = (e: Expr): boolean => e.kind === "pow" && e.exp.kind === "num" && e.exp.value < 0;
const hasDenominator = (e: Extract<Expr, { kind: "mul" }>): boolean => e.factors.some(isNegativeExponent);

export function print(e: Expr, d: Dialect): string {
  const wrap = (child: Expr, min: number): string => {
    const s = print(child, d);
    return precedence(child) < min ? d.paren(s) : s;
  };
  switch (e.kind) {
    case "num":
      return d.num(e.value);
    case "sym":
      return d.sym(e.name, e.idx);
    case "index":
      return d.index(e.index);
    case "add": {
      const terms = printOrder(e.terms);
      let out = "";
      terms.forEach((t, i) => {
        // A sum inside a sum is only ever built raw, to show where its terms come from: (y_k - t_k) + ...
        if (t.kind === "add") out += `${i > 0 ? ` ${d.plus} ` : ""}${d.paren(print(t, d))}`;
        else if (i > 0 && isNegative(t)) out += ` ${d.minus} ${wrap(negate(t), PRECEDENCE.add + 1)}`;
        else if (i > 0) out += ` ${d.plus} ${wrap(t, PRECEDENCE.add + 1)}`;
        else out += wrap(t, PRECEDENCE.add);
      });
      return out;
    }
    case "mul":
      return printMul(e.factors, d, wrap);
    case "pow": {
      if (isNegativeExponent(e)) return printMul([e], d, wrap);
      const b = e.base;
      const raised = b.kind === "call" && d.superscripted(b.fn, b.order, b.args);
      const base = raised ? d.paren(print(b, d)) : wrap(b, PRECEDENCE.pow + 1);
      return d.pow(base, print(e.exp, d));
    }
    case "call":
      return d.call(
        e.fn,
        e.order,
        e.args.map((a) => print(a, d)),
      );
    case "deriv": {
      // A scalar by a vector or matrix is a gradient; a vector by a vector stays a Jacobian fraction.
      if (e.wrt.kind === "tensor" && e.of.kind !== "tensor") return d.gradient(wrap(e.of, PRECEDENCE.pow), print(e.wrt, d));
      const atomic = e.of.kind === "sym" || e.of.kind === "call" || e.of.kind === "tensor";
      return d.deriv(print(e.of, d), print(e.wrt, d), atomic);
    }
    case "sum":
      return d.sum(e.index, d.set(e.set), wrap(e.body, PRECEDENCE.mul));
    case "max":
      return d.max(e.index, d.set(e.set), wrap(e.body, PRECEDENCE.mul), e.arg);
    case "iverson":
      return d.iverson(e.rel, print(e.lhs, d), print(e.rhs, d));
    case "tensor":
      return d.tensor(e);
    case "matrix":
      return d.matrix(e.rows.map((r) => r.map((x) => print(x, d))));
    case "transpose": {
      // Only names and bracketed matrices take ^T bare (a layer tensor's superscript is merged
      // by the dialect, W^{(2)T}); anything else, a Jacobian fraction included, is parenthesised.
      const bare = e.arg.kind === "tensor" || e.arg.kind === "matrix" || e.arg.kind === "sym";
      return d.transpose(print(e.arg, d), !bare);
    }
    case "matmul":
      return d.matmul(e.factors.map((f) => wrap(f, PRECEDENCE.matmul + 1)));
    case "hadamard":
      // A matrix product inside an entrywise one is bracketed, though it binds tighter:
      // ((W)^T delta) \odot f'(net) reads unambiguously, W^T delta \odot f'(net) does not.
      return d.hadamard(e.factors.map((f) => wrap(f, PRECEDENCE.matmul + 1)));
    case "ellipsis":
      return d.ellipsis;
    default:
      return assertNever(e);
  }
}

/** -3 x -> 3 x; -x -> x (only called on negative terms). */
function negate(t: Expr): Expr {
  if (t.kind === "num") return { kind: "num", value: -t.value };
  if (t.kind !== "mul") return t;
  const c = -(t.factors[0] as { value: number }).value;
  const rest = t.factors.slice(1);
  if (c === 1) return rest.length === 1 ? rest[0]! : { kind: "mul", factors: rest };
  return { kind: "mul", factors: [{ kind: "num", value: c }, ...rest] };
}

function printMul(factors: readonly Expr[], d: Dialect, wrap: (e: Expr, min: number) => string): string {
  let c = 1;
  const top: Expr[] = [];
  const bottom: Expr[] = [];
  for (const f of factors) {
    if (f.kind === "num") c *= f.value;
    else if (isNegativeExponent(f)) {
      const p = f as Extract<Expr, { kind: "pow" }>;
      const v = -(p.exp as { value: number }).value;
      bottom.push(v === 1 ? p.base : { kind: "pow", base: p.base, exp: { kind: "num", value: v } });
    } else top.push(f);
  }
  const sign = c < 0 ? `${d.minus}` : "";
  const mag = Math.abs(c);
  // A coefficient of other factors may print as a fraction (\frac{1}{2} E); a number alone, as
  // in a worked example's data, prints as written (0.5).
  const coef = mag === 1 ? undefined : top.length > 0 ? d.coefficient(mag) : d.num(mag);
  const numerator = (inFrac: boolean): string => {
    if (top.length === 0) return coef ?? d.num(1);
    const body = joinFactors(top, d, wrap, inFrac && coef === undefined);
    return coef === undefined ? body : d.times(coef, body, top[0]!);
  };
  if (bottom.length > 0) return sign + d.frac(numerator(true), joinFactors(bottom, d, wrap, true));
  return sign + numerator(false);
}

function joinFactors(fs: Expr[], d: Dialect, wrap: (e: Expr, min: number) => string, inFrac: boolean): string {
  if (fs.length === 0) return d.num(1);
  let out = "";
  fs.forEach((f, i) => {
    // A sum not in last place would swallow the factors after it: parenthesise it.
    const min = f.kind === "sum" && i < fs.length - 1 ? PRECEDENCE.mul + 1 : PRECEDENCE.mul;
    const s = fs.length === 1 && inFrac ? print(f, d) : wrap(f, min);
    out = i === 0 ? s : d.times(out, s, f);
  });
  return out;
}
