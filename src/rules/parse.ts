// The grammar of a user's formula, and nothing more: numbers, the formula's variables, e and pi,
// + - * / ^, unary minus (and plus), parentheses, and calls of the built-in functions by plain
// name. Anything else is refused with the offending piece and its position; no text is ever
// handed to an evaluator. mathjs's precedence: ^ binds tighter than unary minus (-x^2 is
// -(x^2)) and to the right (2^3^2 is 2^9); a unary minus may follow ^ (2^-x).
//
//   sum     := product (("+" | "-") product)*
//   product := unary (("*" | "/") unary)*
//   unary   := ("-" | "+") unary | power
//   power   := atom ("^" unary)?
//   atom    := number | name | name "(" sum ")" | "(" sum ")"

/** The longest formula accepted, in characters. */
export const MAX_FORMULA_LENGTH = 1000;
/** The deepest nesting of parentheses, calls, powers and signs accepted. */
export const MAX_FORMULA_DEPTH = 50;

/** A parsed formula: plain data, built by the caller's constructors. */
export type Syntax =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "name"; readonly name: string; readonly at: number }
  | { readonly kind: "call"; readonly fn: string; readonly arg: Syntax; readonly at: number }
  | { readonly kind: "unary"; readonly op: "-" | "+"; readonly arg: Syntax }
  | { readonly kind: "binary"; readonly op: "+" | "-" | "*" | "/" | "^"; readonly left: Syntax; readonly right: Syntax };

/** A refusal: what is wrong and where (0-based; the message says it 1-based). */
export class SyntaxRefusal extends Error {
  constructor(
    readonly what: string,
    readonly at: number,
  ) {
    super(what);
  }
}

interface Token {
  readonly kind: "number" | "name" | "op" | "end";
  readonly text: string;
  readonly at: number;
}

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATORS = "+-*/^()";

function tokens(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    const rest = text.slice(i, i + 64);
    const num = NUMBER.exec(rest);
    if (num !== null) {
      out.push({ kind: "number", text: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name !== null) {
      out.push({ kind: "name", text: name[0], at: i });
      i += name[0].length;
      continue;
    }
    if (OPERATORS.includes(c)) {
      out.push({ kind: "op", text: c, at: i });
      i++;
      continue;
    }
    throw new SyntaxRefusal(
      `${c === '"' ? "'\"'" : `"${c}"`} is not allowed; use numbers, names, + - * / ^, parentheses and one-argument functions`,
      i,
    );
  }
  out.push({ kind: "end", text: "", at: text.length });
  return out;
}

export interface SyntaxLimits {
  readonly maxLength: number;
  readonly maxDepth: number;
}

/** limits: a user's formula gets the defaults; a CAS's printed result (trusted, long) larger ones. */
export function parseSyntax(text: string, limits: SyntaxLimits = { maxLength: MAX_FORMULA_LENGTH, maxDepth: MAX_FORMULA_DEPTH }): Syntax {
  const { maxLength, maxDepth } = limits;
  if (text.length > maxLength) throw new SyntaxRefusal(`is ${text.length} characters long; at most ${maxLength} are allowed`, maxLength);
  const ts = tokens(text);
  let p = 0;
  let depth = 0;
  const peek = (): Token => ts[p]!;
  const next = (): Token => ts[p++]!;
  const is = (op: string): boolean => peek().kind === "op" && peek().text === op;
  const deeper = <T>(at: number, f: () => T): T => {
    if (++depth > maxDepth) throw new SyntaxRefusal(`nests deeper than ${maxDepth} levels`, at);
    const r = f();
    depth--;
    return r;
  };
  const describe = (t: Token): string => (t.kind === "end" ? "the formula ends" : `"${t.text}" is not expected`);

  const sum = (): Syntax => {
    let left = product();
    while (is("+") || is("-")) {
      const op = next().text as "+" | "-";
      left = { kind: "binary", op, left, right: product() };
    }
    return left;
  };
  const product = (): Syntax => {
    let left = unary();
    while (is("*") || is("/")) {
      const op = next().text as "*" | "/";
      left = { kind: "binary", op, left, right: unary() };
    }
    // Two operands side by side (2x, x(1 + x)): mathjs would multiply; we ask for the *.
    const t = peek();
    if (t.kind === "number" || t.kind === "name" || is("("))
      throw new SyntaxRefusal(`"${t.text}" follows without an operator; write * for a product`, t.at);
    return left;
  };
  const unary = (): Syntax => {
    if (is("-") || is("+")) {
      const t = next();
      return deeper(t.at, () => ({ kind: "unary", op: t.text as "-" | "+", arg: unary() }));
    }
    return power();
  };
  const power = (): Syntax => {
    const base = atom();
    if (!is("^")) return base;
    const t = next();
    return deeper(t.at, () => ({ kind: "binary", op: "^", left: base, right: unary() }));
  };
  const atom = (): Syntax => {
    const t = next();
    if (t.kind === "number") {
      const value = Number(t.text);
      if (!Number.isFinite(value)) throw new SyntaxRefusal(`the number ${t.text} is not a finite double`, t.at);
      return { kind: "number", value };
    }
    if (t.kind === "name") {
      if (!is("(")) return { kind: "name", name: t.text, at: t.at };
      next();
      const arg = deeper(t.at, sum);
      if (!is(")")) throw new SyntaxRefusal(`${describe(peek())}; a ")" should close the call of ${t.text}`, peek().at);
      next();
      return { kind: "call", fn: t.text, arg, at: t.at };
    }
    if (t.kind === "op" && t.text === "(") {
      const inner = deeper(t.at, sum);
      if (!is(")")) throw new SyntaxRefusal(`${describe(peek())}; a ")" should close the "(" at position ${t.at + 1}`, peek().at);
      next();
      return inner;
    }
    throw new SyntaxRefusal(`${describe(t)}; a number, a name or "(" should come here`, t.at);
  };

  const tree = sum();
  const rest = peek();
  if (rest.kind !== "end") throw new SyntaxRefusal(`${describe(rest)}; an operator or the end should come here`, rest.at);
  return tree;
}
