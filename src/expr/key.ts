// Canonical keys: two expressions equal up to the order of terms and factors have the same key.
// Keys are memoised on the node under a symbol (invisible to JSON and to equality); nodes are
// immutable, so a key never goes stale. A WeakMap would do the same but costs the garbage
// collector dearly once there are hundreds of thousands of nodes.
import { assertNever, type Expr, type Index, type IndexSet } from "./types.js";

const KEY = Symbol("key");
type Memo = { [KEY]?: string };

export function indexKey(i: Index): string {
  switch (i.kind) {
    case "node":
      return String(i.n);
    case "var":
      return i.name;
    case "bias":
      return `b:${indexKey(i.of)}`;
    case "example":
      return `e:${indexKey(i.of)}`;
    default:
      return assertNever(i);
  }
}

export function setKey(s: IndexSet): string {
  switch (s.kind) {
    case "downstream":
    case "preds":
    case "layer":
      return `${s.kind}(${indexKey(s.of)})`;
    case "outputs":
      return "outputs";
    case "nodes":
      return `{${s.nodes.join(",")}}`;
    case "examples":
      return "examples";
    default:
      return assertNever(s);
  }
}

export function key(e: Expr): string {
  const m = e as Memo;
  return (m[KEY] ??= compute(e));
}

function compute(e: Expr): string {
  switch (e.kind) {
    case "num":
      return `#${e.value}`;
    case "sym":
      return `${e.name}[${e.idx.map(indexKey).join(",")}]`;
    case "index":
      return `@${indexKey(e.index)}`;
    case "add":
      return `+(${e.terms.map(key).sort().join(" ")})`;
    case "mul":
      return `*(${e.factors.map(key).sort().join(" ")})`;
    case "pow":
      return `^(${key(e.base)} ${key(e.exp)})`;
    case "call":
      return `${e.fn}${"'".repeat(e.order)}(${e.args.map(key).join(" ")})`;
    case "deriv":
      return `d(${key(e.of)}/${key(e.wrt)})`;
    case "sum":
      return `S(${e.index}:${setKey(e.set)} ${key(e.body)})`;
    case "max":
      return `${e.arg ? "A" : "M"}(${e.index}:${setKey(e.set)} ${key(e.body)})`;
    case "iverson":
      return `[${key(e.lhs)} ${e.rel} ${key(e.rhs)}]`;
    case "tensor":
      return `T${e.shape}:${e.name}[${e.idx.map(indexKey).join(",")}]${e.layer ?? ""}${e.from === undefined ? "" : `,${e.from}`}`;
    case "matrix":
      return `M(${e.rows.map((r) => r.map(key).join(" ")).join(";")})`;
    case "transpose":
      return `'(${key(e.arg)})`;
    case "matmul":
      return `.(${e.factors.map(key).join(" ")})`;
    case "hadamard":
      return `o(${e.factors.map(key).sort().join(" ")})`;
    case "ellipsis":
      return "...";
    default:
      return assertNever(e);
  }
}

export function equal(a: Expr, b: Expr): boolean {
  return a === b || key(a) === key(b);
}
