// The tokens of a claim, whichever notation it was written in: the plain notation of
// derivation.json's text forms (with the Unicode letters people type: δ, η, σ, Σ, ∂, ←, −) is cut
// into them here; LaTeX is parsed by KaTeX and its tree flattened into the same tokens
// (latex.ts). One grammar (grammar.ts) then reads them into our own expression trees. Nothing a
// user wrote is ever handed to an evaluator.
import * as b from "../expr/build.js";
import type { Index } from "../expr/types.js";

export type Op = "+" | "-" | "*" | "/" | "^" | "(" | ")" | "[" | "]" | "{" | "}" | "," | "=" | "==" | ">" | "<-" | "partial";

export type Token =
  | { readonly kind: "num"; readonly value: number; readonly at: number }
  /** A name with its subscript's indices (undefined: no subscript) and its primes (f', w'). */
  | { readonly kind: "name"; readonly name: string; readonly idx?: readonly Index[]; readonly primes: number; readonly at: number }
  | { readonly kind: "op"; readonly op: Op; readonly at: number }
  /** A sum sign with its bound index and, when written, the tokens of its set (Σ_{k ∈ S}). */
  | { readonly kind: "sum"; readonly index: string; readonly set?: readonly Token[]; readonly at: number }
  /** The operator \frac{\partial}{\partial y_k}, applied to what follows it. */
  | { readonly kind: "dop"; readonly wrt: Token; readonly at: number }
  | { readonly kind: "end"; readonly at: number };

/** A claim that cannot be read: what is wrong, and where (0-based; messages say it 1-based). */
export class Unreadable extends Error {
  constructor(
    readonly what: string,
    readonly at: number,
  ) {
    super(what);
  }
}

/** The longest claim read, in characters, and the deepest nesting of brackets. */
export const MAX_CLAIM_LENGTH = 2000;
export const MAX_CLAIM_DEPTH = 40;

/** Refuses a claim that is too long or nests too deep, before any parser sees it. */
export function checkBounds(text: string): void {
  if (text.length > MAX_CLAIM_LENGTH)
    throw new Unreadable(`is ${text.length} characters long; at most ${MAX_CLAIM_LENGTH} are read`, MAX_CLAIM_LENGTH);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    if (depth > MAX_CLAIM_DEPTH) throw new Unreadable(`nests brackets deeper than ${MAX_CLAIM_DEPTH} levels`, i);
  }
}

/**
 * The indices of a subscript: "kj" (w's two indices), "k,j", "41" (w_{41}: the seed's two
 * nodes), "10,4", "b_4" or "b_k" (a bias), "10" (one node). `parts` is the subscript already cut
 * at underscores or commas.
 */
export function indicesOf(name: string, parts: readonly string[], at: number): Index[] {
  const out: Index[] = [];
  const one = (p: string): Index => {
    if (/^\d+$/.test(p)) return b.node(Number(p));
    if (/^[a-zA-Z]$/.test(p)) return b.ivar(p);
    throw new Unreadable(`the index "${p.slice(0, 20)}" is neither a node number nor a one-letter index`, at);
  };
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!.trim();
    if (p === "b" && i + 1 < parts.length) {
      out.push(b.bias(one(parts[++i]!.trim())));
      continue;
    }
    // w_kj and w_{41}: two one-character indices written side by side.
    if (name === "w" && parts.length === 1 && p.length === 2 && /^([a-zA-Z]{2}|\d{2})$/.test(p)) {
      out.push(one(p[0]!), one(p[1]!));
      continue;
    }
    out.push(one(p));
  }
  return out;
}

const GREEK: Record<string, string> = { δ: "delta", η: "eta", σ: "sigma", θ: "theta" };
const SINGLE: Record<string, Op> = {
  "+": "+",
  "-": "-",
  "−": "-",
  "*": "*",
  "·": "*",
  "×": "*",
  "/": "/",
  "^": "^",
  "(": "(",
  ")": ")",
  "[": "[",
  "]": "]",
  "{": "{",
  "}": "}",
  ",": ",",
  ">": ">",
  "←": "<-",
  "∂": "partial",
};
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z][A-Za-z0-9]*/;
/** A subscript tail: _k, _k_j, _{kj}, _{b_4}. */
const TAIL = /^(?:_(?:\{[^{}]*\}|[A-Za-z0-9]+))*/;

/** Splits a name's subscript tail into its parts: "_k_j" -> [k, j], "_{10,4}" -> [10, 4], "_{b_4}" -> [b, 4]. */
const tailParts = (tail: string): string[] =>
  tail
    .split(/_(?![^{]*\})/)
    .filter((s) => s !== "")
    .flatMap((s) => (s.startsWith("{") ? s.slice(1, -1).split(/[,_]/) : [s]));

/** The tokens of a claim in the plain notation (its range clause already cut off). */
export function plainTokens(source: string, offset = 0): Token[] {
  // dE/dw_kj and dy_i/dnet_k are ∂E/∂w_kj and ∂y_i/∂net_k (one character for one: positions stay).
  const text = source.replace(/(?<![A-Za-z0-9_])d(?!elta)([A-Za-z][A-Za-z0-9_{},]*)(\s*)\/(\s*)d(?=[A-Za-z])/g, "∂$1$2/$3∂");
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const at = offset + i;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === "==" || two === "<-") {
      out.push({ kind: "op", op: two, at });
      i += 2;
      continue;
    }
    if (c === "=") {
      out.push({ kind: "op", op: "=", at });
      i++;
      continue;
    }
    const rest = text.slice(i, i + 200);
    const num = NUMBER.exec(rest);
    if (num !== null) {
      out.push({ kind: "num", value: Number(num[0]), at });
      i += num[0].length;
      continue;
    }
    const greek = GREEK[c];
    const word = greek === undefined ? NAME.exec(rest)?.[0] : undefined;
    if (c === "Σ" || c === "∑" || greek !== undefined || word !== undefined) {
      const head = greek !== undefined || c === "Σ" || c === "∑" ? 1 : word!.length;
      let tail = TAIL.exec(text.slice(i + head, i + head + 200))![0];
      i += head + tail.length;
      let primes = 0;
      while (text[i] === "'" || text[i] === "′") {
        primes++;
        i++;
      }
      // The prime may come before the subscript too: w'_kj.
      if (primes > 0 && tail === "") {
        tail = TAIL.exec(text.slice(i, i + 200))![0];
        i += tail.length;
      }
      if (c === "Σ" || c === "∑") {
        out.push(sumToken(tail, at));
        continue;
      }
      // Text forms write d_f(x) for f'(x) and d2_f(x) for f''(x).
      const name = greek ?? word!;
      const derivative = /^d(\d?)$/.exec(name);
      if (derivative !== null && /^_[A-Za-z]+$/.test(tail)) {
        out.push({ kind: "name", name: tail.slice(1), primes: primes + Number(derivative[1] || 1), at });
        continue;
      }
      const parts = tailParts(tail);
      out.push(
        parts.length === 0 ? { kind: "name", name, primes, at } : { kind: "name", name, idx: indicesOf(name, parts, at), primes, at },
      );
      continue;
    }
    if (c === "∈") {
      out.push({ kind: "name", name: "in", primes: 0, at });
      i++;
      continue;
    }
    const op = SINGLE[c];
    if (op !== undefined) {
      out.push({ kind: "op", op, at });
      i++;
      continue;
    }
    throw new Unreadable(`"${c}" is not part of the notation; use names such as delta_k, w_k_j, numbers, + - * / ^ and brackets`, at);
  }
  out.push({ kind: "end", at: offset + text.length });
  return out;
}

/** Σ_k or Σ_{k ∈ downstream(j)}: the bound index and the set's tokens. */
function sumToken(tail: string, at: number): Token {
  const inner = tail.startsWith("_{") ? tail.slice(2, -1) : tail.slice(1);
  const m = /^\s*([a-zA-Z])\s*(?:(?:∈|\bin\b)\s*(.*))?$/s.exec(inner);
  if (m === null) throw new Unreadable("a sum sign needs its index: Σ_k or Σ_{k ∈ downstream(j)}", at);
  if (m[2] === undefined) return { kind: "sum", index: m[1]!, at };
  const set = plainTokens(m[2], at + 1);
  return { kind: "sum", index: m[1]!, set, at };
}
