// Stable forms for evaluating the printed trees in double precision: the same value, computed
// without a cancellation. 1 - u^2 is (1 - u)(1 + u): with y within 1e-8 of -1, 1 - y^2 keeps
// about 8 digits, (1 - y)(1 + y) all that y has. Where u is the output of a tanh node, y_k =
// tanh(net_k), it is 4 / (e^net_k + e^-net_k)^2 (sech^2 net_k), which does not depend on the
// rounding of y_k at all. The printed formula is unchanged; only its evaluation (derived.ts)
// reads this.
import type { Expr } from "../expr/types.js";
import * as b from "../expr/build.js";
import { mapChildren } from "../expr/walk.js";
import type { Network } from "../network/graph.js";

const ONE: Expr = { kind: "num", value: 1 };
const MINUS_ONE: Expr = { kind: "num", value: -1 };

/** u, where e is -u^2 (a product of -1 and a square), else undefined. */
function negatedSquare(e: Expr): Expr | undefined {
  if (e.kind !== "mul" || e.factors.length !== 2) return undefined;
  const [c, p] = e.factors;
  if (c?.kind !== "num" || c.value !== -1 || p?.kind !== "pow" || p.exp.kind !== "num" || p.exp.value !== 2) return undefined;
  return p.base;
}

/** The net whose tanh u is (net_k for y_k of a tanh node), if it is one. */
export type TanhOf = (u: Expr) => Expr | undefined;

const exp = (x: Expr): Expr => ({ kind: "call", fn: "exp", order: 0, args: [x] });

/** 1 - u^2 as sech^2 or (1 - u)(1 + u), or undefined. Built as plain data: the constructors would expand it again. */
function differenceOfSquares(e: Expr, tanhOf: TanhOf): Expr | undefined {
  if (e.kind !== "add" || e.terms.length !== 2) return undefined;
  const [a, c] = e.terms;
  const one = a?.kind === "num" && a.value === 1 ? c : c?.kind === "num" && c.value === 1 ? a : undefined;
  const u = one === undefined ? undefined : negatedSquare(one);
  if (u === undefined) return undefined;
  const net = tanhOf(u);
  if (net !== undefined) {
    const cosh2: Expr = { kind: "add", terms: [exp(net), exp({ kind: "mul", factors: [MINUS_ONE, net] })] };
    return {
      kind: "mul",
      factors: [
        { kind: "num", value: 4 },
        { kind: "pow", base: cosh2, exp: { kind: "num", value: -2 } },
      ],
    };
  }
  return {
    kind: "mul",
    factors: [
      { kind: "add", terms: [ONE, { kind: "mul", factors: [MINUS_ONE, u] }] },
      { kind: "add", terms: [ONE, u] },
    ],
  };
}

const memos = new WeakMap<TanhOf, WeakMap<Expr, Expr>>();

/** The tree with every 1 - u^2 in a stable form. */
export function stableForms(e: Expr, tanhOf: TanhOf = () => undefined): Expr {
  let memo = memos.get(tanhOf);
  if (memo === undefined) memos.set(tanhOf, (memo = new WeakMap()));
  const hit = memo.get(e);
  if (hit !== undefined) return hit;
  const inner = mapChildren(e, (c) => stableForms(c, tanhOf));
  const out = differenceOfSquares(inner, tanhOf) ?? inner;
  memo.set(e, out);
  return out;
}

/** y_k -> net_k for the tanh nodes of a network (stable.ts evaluates 1 - y_k^2 from net_k). */
const tanhNets = new WeakMap<Network, TanhOf>();
export function tanhOf(network: Network): TanhOf {
  let f = tanhNets.get(network);
  if (f === undefined) {
    f = (u) => {
      const i = u.kind === "sym" && u.name === "y" && u.idx.length === 1 ? u.idx[0] : undefined;
      const k = i?.kind === "node" ? i.n : undefined;
      const layer = k === undefined ? undefined : network.layers[network.nodes[k]?.layer ?? -1];
      return k !== undefined && layer?.activation?.id === "tanh" ? b.sym("net", b.node(k)) : undefined;
    };
    tanhNets.set(network, f);
  }
  return f;
}
