// One grammar for claims in either notation, over the tokens of tokens.ts, building our own
// expression trees through the smart constructors. Products may be written side by side
// (y_j (1 - y_j)) or with *; a sum sign takes the rest of its product as its body (Σ_k δ_k w_kj).
//
//   equation := expr ("=" | "<-") expr
//   expr     := ["-" | "+"] product (("+" | "-") product)*
//   product  := unary (["*" | "/"] unary)*
//   unary    := "-" unary | power
//   power    := atom ["^" unary]
//   atom     := number | name [primes] ["(" args ")"] | "(" expr [rel expr] ")" | "[" expr rel expr "]"
//             | sum-sign product | "∂" name "/" "∂" name
import * as b from "../expr/build.js";
import { BUILTINS } from "../expr/functions.js";
import type { Expr, Index, IndexSet } from "../expr/types.js";
import { type Op, type Token, Unreadable } from "./tokens.js";

/** The set of a sum written without one (\sum_k): settled once the claim's free indices are known (claim.ts). */
export const UNSET: IndexSet = { kind: "nodes", nodes: [-1] };
export const isUnset = (s: IndexSet): boolean => s.kind === "nodes" && s.nodes.length === 1 && s.nodes[0] === -1;

/** Symbols of a network and the number of indices each takes. */
const SYMBOLS: Record<string, readonly number[]> = {
  w: [2, 1],
  y: [1],
  x: [1],
  net: [1],
  delta: [1],
  t: [1],
  E: [0],
  eta: [0],
  theta: [1],
};
/** Abstract activation letters (their meaning is the network's layer with that letter). */
const LETTERS = new Set(["f", "g", "h"]);
const FUNCTIONS = new Set([...Object.keys(BUILTINS), "log", "f", "g", "h"]);

export interface Equation {
  readonly lhs: Expr;
  readonly rhs: Expr;
  /** An update: w_kj ← ... or w'_kj = ... */
  readonly update: boolean;
  /** Where the right side starts, for messages. */
  readonly rhsAt: number;
}

export function parseEquation(ts: readonly Token[]): Equation {
  let p = 0;
  let depth = 0;
  let primedW = false;
  const peek = (): Token => ts[p]!;
  const next = (): Token => ts[p++]!;
  const isOp = (op: Op): boolean => {
    const t = peek();
    return t.kind === "op" && t.op === op;
  };
  const describe = (t: Token): string =>
    t.kind === "end"
      ? "the formula ends"
      : t.kind === "op"
        ? `"${t.op === "partial" ? "∂" : t.op}" is not expected`
        : "this is not expected";
  const expect = (op: Op, what: string): void => {
    if (!isOp(op)) throw new Unreadable(`${describe(peek())}; ${what}`, peek().at);
    next();
  };
  const deeper = <T>(at: number, f: () => T): T => {
    if (++depth > 60) throw new Unreadable("nests too deep", at);
    const r = f();
    depth--;
    return r;
  };
  const startsAtom = (t: Token): boolean =>
    t.kind === "num" ||
    t.kind === "name" ||
    t.kind === "sum" ||
    t.kind === "dop" ||
    (t.kind === "op" && (t.op === "(" || t.op === "[" || t.op === "partial"));

  const expr = (): Expr => {
    let first: Expr;
    if (isOp("-") || isOp("+")) {
      const sign = next();
      const term = product();
      first = sign.kind === "op" && sign.op === "-" ? b.neg(term) : term;
    } else first = product();
    const terms = [first];
    while (isOp("+") || isOp("-")) {
      const t = next();
      const term = product();
      terms.push(t.kind === "op" && t.op === "-" ? b.neg(term) : term);
    }
    return b.add(...terms);
  };
  const product = (): Expr => {
    const factors = [unary()];
    for (;;) {
      if (isOp("*")) {
        next();
        factors.push(unary());
      } else if (isOp("/")) {
        next();
        factors.push(b.pow(unary(), b.MINUS_ONE));
      } else if (startsAtom(peek())) factors.push(unary());
      else break;
    }
    return b.mul(...factors);
  };
  const unary = (): Expr => {
    if (isOp("-")) {
      const t = next();
      return deeper(t.at, () => b.neg(unary()));
    }
    return power();
  };
  const power = (): Expr => {
    const start = peek();
    const base = atom();
    if (!isOp("^")) return base;
    const t = next();
    const exp = deeper(t.at, unary);
    // e^{x} is the exponential function.
    if (start.kind === "name" && start.name === "e" && start.idx === undefined) return b.call("exp", [exp]);
    return b.pow(base, exp);
  };
  const atom = (): Expr => {
    const t = next();
    switch (t.kind) {
      case "num":
        return b.num(t.value);
      case "sum": {
        const set = t.set === undefined ? UNSET : parseSet(t.set);
        return b.sum(t.index, set, deeper(t.at, product));
      }
      case "name":
        return name(t);
      case "dop": {
        if (t.wrt.kind !== "name") throw new Unreadable("a derivative is taken with respect to a quantity: y_k, w_kj, net_k", t.at);
        const wrt = name(t.wrt);
        return b.deriv(deeper(t.at, power), wrt);
      }
      case "op":
        if (t.op === "(") {
          const inner = deeper(t.at, expr);
          const rel = relation();
          if (rel !== undefined) {
            const rhs = deeper(t.at, expr);
            expect(")", `a ")" should close the "(" at position ${t.at + 1}`);
            return b.iverson(rel.rel, rel.swap ? rhs : inner, rel.swap ? inner : rhs);
          }
          expect(")", `a ")" should close the "(" at position ${t.at + 1}`);
          return inner;
        }
        if (t.op === "[") {
          const inner = deeper(t.at, expr);
          const rel = relation();
          if (rel === undefined)
            throw new Unreadable(`${describe(peek())}; square brackets hold a condition such as [net_j > 0]`, peek().at);
          const rhs = deeper(t.at, expr);
          expect("]", `a "]" should close the "[" at position ${t.at + 1}`);
          return b.iverson(rel.rel, rel.swap ? rhs : inner, rel.swap ? inner : rhs);
        }
        if (t.op === "partial") {
          // ∂E/∂w_kj written inline.
          const of = atom();
          expect("/", "write a derivative as ∂E/∂w_kj");
          expect("partial", "write a derivative as ∂E/∂w_kj");
          return b.deriv(of, atom());
        }
        break;
      case "end":
        break;
    }
    throw new Unreadable(`${describe(t)}; a number, a name or "(" should come here`, t.at);
  };
  /** A comparison inside an Iverson bracket: >, = (LaTeX) or == (text). */
  const relation = (): { rel: "gt" | "eq"; swap: boolean } | undefined => {
    if (isOp(">")) return next() && { rel: "gt", swap: false };
    if (isOp("==") || isOp("=")) return next() && { rel: "eq", swap: false };
    return undefined;
  };
  const args = (at: number): Expr[] => {
    next();
    const out = [deeper(at, expr)];
    while (isOp(",")) {
      next();
      out.push(deeper(at, expr));
    }
    expect(")", 'a ")" should close the function\'s arguments');
    return out;
  };
  const name = (t: Extract<Token, { kind: "name" }>): Expr => {
    const n = t.name === "log" ? "ln" : t.name;
    if (n === "d" && t.idx === undefined && isOp("(")) {
      const a = args(t.at);
      if (a.length !== 2) throw new Unreadable("d(of, wrt) takes two arguments: d(E, net_4)", t.at);
      return b.deriv(a[0]!, a[1]!);
    }
    if (n === "sum" && t.idx === undefined && isOp("(")) return plainSum(t.at);
    if (FUNCTIONS.has(n) && t.idx === undefined) {
      // \ln y_k, \tanh net_k: a function of the one quantity that follows.
      if (!isOp("(")) {
        if (!startsAtom(peek())) throw new Unreadable(`${describe(peek())}; ${n} takes its argument in brackets: ${n}(net_k)`, peek().at);
        return b.call(n, [deeper(t.at, power)], t.primes);
      }
      const a = args(t.at);
      if (a.length !== 1) throw new Unreadable(`${n} takes one argument`, t.at);
      return b.call(n, a, t.primes);
    }
    if (n === "e" && t.idx === undefined) return b.call("exp", [b.ONE]);
    const counts = Object.hasOwn(SYMBOLS, n) ? SYMBOLS[n] : undefined;
    if (counts === undefined) {
      // A bare index letter is a value in an Iverson bracket: [i = k].
      if (/^[a-z]$/.test(n) && t.idx === undefined && !LETTERS.has(n)) return b.indexValue(b.ivar(n));
      throw new Unreadable(
        `"${n.slice(0, 20)}" is not a quantity of a network; use E, delta_k, net_k, y_k, x_i, t_k, w_kj, w_b_k, eta and f, sigma, tanh, ln, exp`,
        t.at,
      );
    }
    const idx: readonly Index[] = t.idx ?? [];
    const arity = idx.length === 1 && idx[0]!.kind === "bias" ? 1 : idx.length;
    if (!counts.includes(arity) || (n === "w" && arity === 1 && idx[0]!.kind !== "bias"))
      throw new Unreadable(
        `${n} takes ${n === "w" ? "two indices (w_kj) or a bias index (w_b_k)" : `${counts[0]} ${counts[0] === 1 ? "index" : "indices"}`}`,
        t.at,
      );
    if (t.primes > 0) {
      if (n !== "w") throw new Unreadable("a prime marks an updated weight (w'_kj) or a derivative (f'(x))", t.at);
      primedW = true;
    }
    return b.sym(n, ...idx);
  };
  /** sum(body, k, set) of the text forms. */
  const plainSum = (at: number): Expr => {
    next();
    const body = deeper(at, expr);
    expect(",", "write a sum as sum(body, k, downstream(j))");
    const index = next();
    if (index.kind !== "name" || index.idx !== undefined || !/^[a-zA-Z]$/.test(index.name))
      throw new Unreadable("a sum's second argument is its one-letter index", index.at);
    expect(",", "write a sum as sum(body, k, downstream(j))");
    const start = p;
    let level = 0;
    while (!(level === 0 && isOp(")")) && peek().kind !== "end") {
      const t = next();
      if (t.kind === "op" && (t.op === "(" || t.op === "[" || t.op === "{")) level++;
      if (t.kind === "op" && (t.op === ")" || t.op === "]" || t.op === "}")) level--;
    }
    const set = parseSet([...ts.slice(start, p), { kind: "end", at: peek().at }]);
    expect(")", 'a ")" should close the sum');
    return b.sum(index.name, set, body);
  };

  const lhs = expr();
  const lhsPrimed = primedW;
  let update = false;
  if (isOp("<-")) update = true;
  else if (!isOp("=")) throw new Unreadable(`${describe(peek())}; a claim is an equation: left side = right side`, peek().at);
  const rhsAt = next().at + 1;
  primedW = false;
  const rhs = expr();
  if (peek().kind !== "end") throw new Unreadable(`${describe(peek())}; an operator or the end should come here`, peek().at);
  if (primedW) throw new Unreadable("an updated weight w'_kj belongs on the left side", rhsAt);
  if (lhsPrimed && !(lhs.kind === "sym" && lhs.name === "w"))
    throw new Unreadable("an updated weight stands alone on the left side: w'_kj = ...", 0);
  return { lhs, rhs, update: update || lhsPrimed, rhsAt };
}

/** A set: downstream(j), pred(j), preds(j), layer(j), outputs, {6, 7}, [6, 7]. */
export function parseSet(ts: readonly Token[]): IndexSet {
  const [a, c] = ts;
  const bad = (at: number): never => {
    throw new Unreadable("a sum's set is downstream(j), preds(j), layer(j), outputs or a list {6, 7}", at);
  };
  if (a === undefined || a.kind === "end") return bad(a?.at ?? 0);
  if (a.kind === "name" && (a.name === "outputs" || a.name === "output") && c?.kind === "end") return { kind: "outputs" };
  if (a.kind === "name" && ["downstream", "pred", "preds", "layer"].includes(a.name)) {
    const [, open, of, close, end] = ts;
    if (open?.kind !== "op" || open.op !== "(" || close?.kind !== "op" || close.op !== ")" || end?.kind !== "end") return bad(a.at);
    let index: Index;
    if (of?.kind === "num") index = b.node(of.value);
    else if (of?.kind === "name" && of.idx === undefined && /^[a-zA-Z]$/.test(of.name)) index = b.ivar(of.name);
    else return bad(a.at);
    const kind = a.name === "downstream" ? "downstream" : a.name === "layer" ? "layer" : "preds";
    return { kind, of: index };
  }
  if (a.kind === "op" && (a.op === "{" || a.op === "[")) {
    const nodes: number[] = [];
    let i = 1;
    for (;;) {
      const t = ts[i++];
      if (t?.kind !== "num" || !Number.isInteger(t.value)) return bad(t?.at ?? a.at);
      nodes.push(t.value);
      const s = ts[i++];
      if (s?.kind === "op" && s.op === ",") continue;
      if (s?.kind === "op" && (s.op === "}" || s.op === "]") && ts[i]?.kind === "end") return { kind: "nodes", nodes };
      return bad(s?.at ?? a.at);
    }
  }
  return bad(a.at);
}
