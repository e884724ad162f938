// A claim in LaTeX: parsed by KaTeX's parser (katex is already the library that typesets and
// validates every formula we write), its tree flattened into the tokens of tokens.ts. Before
// KaTeX sees anything, latex-screen.ts refuses every control sequence outside a short list, so
// that no macro is ever defined or expanded.
import katex from "katex";
import type { Index } from "../expr/types.js";
import { COMMANDS, screen } from "./latex-screen.js";
import { indicesOf, type Op, type Token, Unreadable } from "./tokens.js";

// KaTeX's parse tree, as far as this reader looks at it.
interface Node {
  readonly type: string;
  readonly text?: string;
  readonly name?: string;
  readonly family?: string;
  readonly loc?: { readonly start: number };
  readonly body?: Node | readonly Node[];
  readonly base?: Node | null;
  readonly sub?: Node | null;
  readonly sup?: Node | null;
  readonly numer?: Node;
  readonly denom?: Node;
  readonly left?: string;
  readonly right?: string;
  readonly index?: Node | null;
}

const KATEX_PARSE = (katex as unknown as { __parse(s: string, o: object): Node[] }).__parse;

/** The tokens of a LaTeX claim (its range clause already cut off). */
export function latexTokens(text: string): Token[] {
  screen(text);
  let tree: Node[];
  try {
    tree = KATEX_PARSE(text, { strict: "ignore", trust: false, maxExpand: 50, throwOnError: true });
  } catch (e) {
    const position = (e as { position?: number }).position;
    const message = String((e as Error).message)
      .replace(/^KaTeX parse error: /, "")
      .split(/ at (end of input|position)/)[0]!;
    throw new Unreadable(message.slice(0, 120), position ?? text.length);
  }
  const out: Token[] = [];
  row(tree, out, 0);
  out.push({ kind: "end", at: text.length });
  return out;
}

const asArray = (n: Node | readonly Node[] | undefined | null): readonly Node[] =>
  n === undefined || n === null ? [] : Array.isArray(n) ? n : [n as Node];

/** The items of a group's body: {x y} -> [x, y], x -> [x]. */
function inner(n: Node | readonly Node[] | undefined | null): readonly Node[] {
  const items = asArray(n);
  return items.length === 1 && items[0]!.type === "ordgroup" ? asArray(items[0]!.body) : items;
}

/** The first position in a subtree, for messages. */
function locOf(n: Node | undefined | null, fallback: number): number {
  if (n === undefined || n === null) return fallback;
  if (n.loc !== undefined) return n.loc.start;
  for (const c of [n.base, n.sub, n.numer, ...asArray(n.body)]) {
    const at = locOf(c, -1);
    if (at >= 0) return at;
  }
  return fallback;
}

/** The plain letters or digits of a group: \mathrm{net} -> "net", {kj} -> "kj", {b_4} -> "b_4", {10,4} -> "10,4". */
function plainText(n: Node | undefined | null): string {
  if (n === undefined || n === null) return "";
  switch (n.type) {
    case "mathord":
    case "textord": {
      const t = n.text ?? "";
      return t.startsWith("\\") ? (COMMANDS[t.slice(1)] ?? "?") : t;
    }
    case "atom":
      return n.text === "," ? "," : "?";
    case "spacing":
    case "kern":
      return "";
    case "supsub":
      return `${plainText(n.base)}${n.sub ? `_${plainText(n.sub)}` : ""}${n.sup ? "?" : ""}`;
    case "ordgroup":
    case "font":
    case "text":
    case "operatorname":
    case "styling":
      return asArray(n.body).map(plainText).join("");
    default:
      return "?";
  }
}

/** Words read as one name where their letters stand side by side: n e t -> net. */
const WORDS = [
  "downstream",
  "softplus",
  "outputs",
  "output",
  "hidden",
  "inputs",
  "input",
  "layer",
  "preds",
  "pred",
  "relu",
  "tanh",
  "sigma",
  "delta",
  "theta",
  "sqrt",
  "eta",
  "exp",
  "net",
  "abs",
  "sum",
  "for",
  "ln",
  "in",
];

const isLetter = (n: Node): boolean => n.type === "mathord" && /^[A-Za-z]$/.test(n.text ?? "");

function subIndices(name: string, sub: Node, at: number): Index[] {
  const text = plainText(sub);
  if (text.includes("?")) throw new Unreadable("a subscript holds node numbers or one-letter indices: w_{kj}, w_{b_k}, y_{10}", at);
  const parts = text.includes(",") ? text.split(",") : text.startsWith("b_") ? ["b", text.slice(2)] : [text];
  return indicesOf(name, parts, at);
}

function primesOf(sup: Node | null | undefined): number {
  if (sup === null || sup === undefined) return 0;
  const items = asArray(sup.type === "ordgroup" ? sup.body : sup);
  return items.length > 0 && items.every((i) => i.text === "\\prime") ? items.length : -1;
}

/** Flattens a row of KaTeX nodes into tokens; runs of single letters are read as words. */
function row(nodes: readonly Node[], out: Token[], fallback: number): void {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    // A run of letters, the last possibly with a subscript or prime: n e t_k -> net_k.
    if (isLetter(n) || (n.type === "supsub" && n.base && isLetter(n.base))) {
      let j = i;
      let letters = "";
      while (j < nodes.length && isLetter(nodes[j]!)) letters += nodes[j++]!.text;
      let last: Node | undefined;
      if (j < nodes.length && nodes[j]!.type === "supsub" && nodes[j]!.base && isLetter(nodes[j]!.base!)) {
        last = nodes[j]!;
        letters += last.base!.text;
        j++;
      }
      const at = locOf(n, fallback);
      const names = splitWords(letters);
      names.forEach((name, w) => {
        if (w < names.length - 1 || last === undefined) out.push({ kind: "name", name, primes: 0, at });
        else pushName(out, name, last, at);
      });
      i = j - 1;
      continue;
    }
    node(n, out, fallback);
  }
}

function splitWords(letters: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < letters.length) {
    const w = WORDS.find((x) => letters.startsWith(x, i)) ?? letters[i]!;
    out.push(w);
    i += w.length;
  }
  return out;
}

/** A name with the subscript and superscript of its supsub node: w_{kj}, w'_{kj}, f', y_k^2. */
function pushName(out: Token[], name: string, s: Node, at: number): void {
  const primes = primesOf(s.sup);
  const idx = s.sub ? subIndices(name, s.sub, at) : undefined;
  out.push(
    idx === undefined
      ? { kind: "name", name, primes: Math.max(primes, 0), at }
      : { kind: "name", name, idx, primes: Math.max(primes, 0), at },
  );
  if (primes < 0) power(out, s.sup!, at);
}

function power(out: Token[], sup: Node, at: number): void {
  out.push({ kind: "op", op: "^", at }, { kind: "op", op: "(", at });
  row(asArray(sup.type === "ordgroup" ? sup.body : sup), out, at);
  out.push({ kind: "op", op: ")", at });
}

const ATOMS: Record<string, Op | "in"> = {
  "+": "+",
  "-": "-",
  "\\cdot": "*",
  "\\times": "*",
  "=": "=",
  ">": ">",
  "\\leftarrow": "<-",
  "\\gets": "<-",
  "(": "(",
  ")": ")",
  "[": "[",
  "]": "]",
  "\\{": "{",
  "\\}": "}",
  "\\lbrace": "{",
  "\\rbrace": "}",
  ",": ",",
  "/": "/",
  "*": "*",
  "\\in": "in",
};

function group(out: Token[], body: readonly Node[], at: number): void {
  out.push({ kind: "op", op: "(", at });
  row(body, out, at);
  out.push({ kind: "op", op: ")", at });
}

function node(n: Node, out: Token[], fallback: number): void {
  const at = locOf(n, fallback);
  switch (n.type) {
    case "spacing":
    case "kern":
      return;
    case "textord":
    case "mathord": {
      const t = n.text ?? "";
      if (/^[0-9.]+$/.test(t)) {
        // Digits come one by one: 0.5 is 0 . 5.
        const last = out[out.length - 1];
        if (last?.kind === "num" && last.at + String(last.value).length === at) {
          out[out.length - 1] = { kind: "num", value: Number(`${last.value}${t}`), at: last.at };
        } else out.push({ kind: "num", value: Number(t), at });
        return;
      }
      if (t === "\\partial") return void out.push({ kind: "op", op: "partial", at });
      if (t.startsWith("\\") && COMMANDS[t.slice(1)]) return void out.push({ kind: "name", name: COMMANDS[t.slice(1)]!, primes: 0, at });
      if (t === "'" || t === "\\prime") throw new Unreadable("a prime belongs right after a name: f'(x), w'_{kj}", at);
      throw new Unreadable(`"${t}" is not part of the notation`, at);
    }
    case "atom": {
      const op = ATOMS[n.text ?? ""];
      if (op === undefined) throw new Unreadable(`"${n.text}" is not an operator a claim may use`, at);
      out.push(op === "in" ? { kind: "name", name: "in", primes: 0, at } : { kind: "op", op, at });
      return;
    }
    case "bin":
      return;
    case "op": {
      const name = (n.name ?? "").replace(/^\\/, "");
      if (name === "sum") throw new Unreadable("a sum needs its index: \\sum_k or \\sum_{k \\in downstream(j)}", at);
      out.push({ kind: "name", name: COMMANDS[name] ?? name, primes: 0, at });
      return;
    }
    case "supsub": {
      const base = n.base;
      if (base?.type === "op" && base.name === "\\sum") return sum(n, out, at);
      if (base && (base.type === "mathord" || base.type === "font" || base.type === "operatorname" || base.type === "op")) {
        const name = base.type === "op" ? (COMMANDS[(base.name ?? "").slice(1)] ?? "?") : plainText(base);
        if (/^[A-Za-z]+$/.test(name)) return pushName(out, name, n, at);
      }
      if (base) node(base, out, at);
      if (n.sub) throw new Unreadable("a subscript belongs to a name: w_{kj}, y_k", at);
      if (n.sup) power(out, n.sup, at);
      return;
    }
    case "genfrac": {
      const numer = asArray(n.numer?.type === "ordgroup" ? n.numer.body : n.numer);
      const denom = asArray(n.denom?.type === "ordgroup" ? n.denom.body : n.denom);
      // \frac{\partial}{\partial y_k}(...): the derivative of what follows.
      if (numer.length === 1 && numer[0]!.text === "\\partial" && denom[0]?.text === "\\partial") {
        const wrt: Token[] = [];
        row(denom.slice(1), wrt, at);
        if (wrt.length !== 1) throw new Unreadable("\\frac{\\partial}{\\partial x} takes one quantity below: y_k, w_{kj}, net_k", at);
        out.push({ kind: "dop", wrt: wrt[0]!, at });
        return;
      }
      // \frac{\partial E}{\partial w_{kj}}: the derivative symbol d(E, w_kj).
      if (numer[0]?.text === "\\partial" && denom[0]?.text === "\\partial") {
        out.push({ kind: "name", name: "d", primes: 0, at }, { kind: "op", op: "(", at });
        row(numer.slice(1), out, at);
        out.push({ kind: "op", op: ",", at });
        row(denom.slice(1), out, at);
        out.push({ kind: "op", op: ")", at });
        return;
      }
      group(out, numer, at);
      out.push({ kind: "op", op: "/", at });
      group(out, denom, at);
      return;
    }
    case "ordgroup":
    case "styling":
      return group(out, asArray(n.body), at);
    case "font":
    case "operatorname":
    case "text": {
      const name = plainText(n).trim();
      if (!/^[A-Za-z]+$/.test(name)) throw new Unreadable("\\mathrm{...} and \\text{...} hold a name such as net or relu", at);
      out.push({ kind: "name", name, primes: 0, at });
      return;
    }
    case "sqrt":
      if (n.index) throw new Unreadable("only square roots are read", at);
      out.push({ kind: "name", name: "sqrt", primes: 0, at });
      return group(out, inner(n.body), at);
    case "leftright": {
      const open = ATOMS[n.left ?? ""];
      const close = ATOMS[n.right ?? ""];
      if ((open !== "(" && open !== "[") || (close !== ")" && close !== "]"))
        throw new Unreadable("\\left and \\right take ( ) or [ ]", at);
      out.push({ kind: "op", op: open, at });
      row(asArray(n.body), out, at);
      out.push({ kind: "op", op: close, at });
      return;
    }
    default:
      throw new Unreadable(`this piece of LaTeX (${n.type}) is not part of the notation`, at);
  }
}

/** \sum_k and \sum_{k \in S}: the index and the set's tokens. */
function sum(n: Node, out: Token[], at: number): void {
  if (n.sup) throw new Unreadable("a sum runs over a set of nodes, \\sum_{k \\in downstream(j)}, not between limits", at);
  if (!n.sub) throw new Unreadable("a sum needs its index: \\sum_k or \\sum_{k \\in downstream(j)}", at);
  const inner: Token[] = [];
  row(asArray(n.sub.type === "ordgroup" ? n.sub.body : n.sub), inner, at);
  const [first, second] = inner;
  if (first?.kind !== "name" || first.idx !== undefined || !/^[a-zA-Z]$/.test(first.name))
    throw new Unreadable("a sum's subscript starts with its one-letter index: \\sum_k", at);
  if (second === undefined) return void out.push({ kind: "sum", index: first.name, at });
  if (second.kind !== "name" || second.name !== "in") throw new Unreadable("a sum's subscript is k or k \\in S", second.at);
  out.push({ kind: "sum", index: first.name, set: [...inner.slice(2), { kind: "end", at }], at });
}
