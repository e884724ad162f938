// nerdamer-prime's derivatives of E: each written out with whatever cannot depend on the
// parameter as a named constant, taken one output's term at a time against a budget counted in
// derivatives (and a wall-clock stop), and the symbolic proof that a CAS derivative minus the
// engine's gradient expands to 0 on a branch.
import type { Proof } from "../derive/proof.js";
import type { Expr } from "../expr/types.js";
import type { Network } from "../network/graph.js";
import { usesOf } from "../network/params.js";
import { compileCas, type Fn } from "./cas-eval.js";
import { ALL, branch, casName, casWeight, CasUnsupported, formulas, type Branches, type Live } from "./cas-formula.js";

export type Nerdamer = typeof import("nerdamer-prime");

/** Past these nerdamer-prime takes minutes: softmax in hidden layers gets there first. */
export const MAX_TERM_CHARS = 1500;

/** nerdamer-prime throws (its own timeout, stack overflows) on some formulas: no verdict, a reason. */
function guard<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof CasUnsupported || err instanceof OutOfBudget) throw err;
    if (err instanceof Error && err.message === "timeout") throw new OutOfBudget("timed out", `nerdamer-prime timed out on ${what}`);
    throw new CasUnsupported(`the CAS failed on ${what}: ${String(err).slice(0, 120)}`);
  }
}

/** The budget ran out (derivatives counted, or the wall-clock stop). */
export class OutOfBudget extends Error {
  constructor(
    readonly why: "timed out" | "too large",
    message: string,
  ) {
    super(message);
  }
}

export function compileText(text: string): Fn {
  return guard("reading a formula", () => compileCas(text));
}

/**
 * What is written out for dE/dp, p = w_{k from}: whatever cannot depend on p (earlier layers, the
 * other nodes of k's layer, the other terms of each net) is a named constant. That uses no
 * derivative identity, and nerdamer-prime needs minutes for the fully written-out E of 40 weights.
 */
export function liveFor(network: Network, index: number): Live {
  // Every edge that uses p (several for a tied weight), and the earliest layer they reach.
  const uses = usesOf(network, index).map((e) => network.edges[e]!);
  const layerOf = (m: number): number => network.nodes[m]!.layer;
  const here = Math.min(...uses.map((u) => layerOf(u.to)));
  const coupled = (m: number): boolean => !network.layers[layerOf(m)]!.activation!.elementwise;
  const target = (m: number): boolean => uses.some((u) => u.to === m);
  const usesEdge = (m: number, j: number | "b"): boolean => uses.some((u) => u.to === m && u.from === j);
  const after = (m: number): boolean => target(m) || layerOf(m) > here;
  // A softmax node's output moves with any net of its group.
  const y = (m: number): boolean => after(m) || (coupled(m) && network.layers[layerOf(m)]!.nodes.some(target));
  return { net: after, y, term: (m, j) => usesEdge(m, j) || (j !== "b" && layerOf(j) > 0 && y(j)) };
}

/** nerdamer's dE/dp, one output's term at a time (it overflows its stack on sums of squared sigmoids). */
function casDerivativeText(n: Nerdamer, budget: Budget, network: Network, branches: Branches, live: Live, index: number): string[] {
  const p = network.params[index]!;
  const name = casName("w", p.to, p.from);
  const terms = formulas(network, branches, live).terms.filter((t) => new RegExp(`\\b${name}\\b`).test(t));
  const longest = Math.max(0, ...terms.map((t) => t.length));
  if (longest > MAX_TERM_CHARS)
    throw new OutOfBudget("too large", `dE/d${name} needs a ${longest}-character formula; nerdamer-prime would take minutes`);
  return terms.map((t) => {
    budget.spend();
    return guard(`dE/d${name}`, () => n.diff(t, name).toString());
  });
}

/** Derivatives counted against the budget, and the wall-clock stop checked between them. */
export class Budget {
  used = 0;
  constructor(
    readonly max: number,
    readonly deadline: number,
  ) {}

  spend(): void {
    if (this.used >= this.max) throw new OutOfBudget("too large", `the CAS needs more than its budget of ${this.max} derivatives`);
    if (performance.now() > this.deadline) throw new OutOfBudget("timed out", "the CAS cross-check passed its wall-clock stop");
    this.used++;
  }
}

export function casDerivative(n: Nerdamer, budget: Budget, network: Network, branches: Branches, index: number): Fn {
  const live = liveFor(network, index);
  const parts = casDerivativeText(n, budget, network, branches, live, index).map(compileText);
  const rests = network.nodes.filter((n) => n.layer > 0 && live.net(n.id)).map((n) => n.id);
  return (scope) => {
    const s = { ...scope };
    for (const m of rests) {
      let rest = live.term(m, "b") || !network.nodes[m]!.bias ? 0 : scope[casWeight(network, m, "b")]!;
      for (const j of network.nodes[m]!.preds) {
        if (!live.term(m, j)) rest += scope[casWeight(network, m, j)]! * scope[network.nodes[j]!.layer === 0 ? casName("x", j) : `y_${j}`]!;
      }
      s[`r_${m}`] = rest;
    }
    return parts.reduce((acc, g) => acc + g(s), 0);
  };
}

/**
 * Whether CAS dE/dp minus the engine's gradient expands to 0, with the engine's delta_k, y_k and
 * net_k replaced by their definitions and [net_k > 0] by the branch. Only a proof counts: any
 * other outcome leaves the verdict to the numeric comparison.
 */
export function symbolicZero(n: Nerdamer, budget: Budget, proof: Proof, branches: Branches, index: number): boolean {
  const network = proof.network;
  const f = formulas(network, branches, ALL);
  const text = (e: Expr): string => {
    if (e.kind === "num") return `(${e.value})`;
    if (e.kind === "add" || e.kind === "mul")
      return `(${(e.kind === "add" ? e.terms : e.factors).map(text).join(e.kind === "add" ? "+" : "*")})`;
    if (e.kind === "pow") return `(${text(e.base)})^(${text(e.exp)})`;
    if (e.kind === "iverson" && e.rel === "gt" && e.lhs.kind === "sym" && e.lhs.name === "net" && text(e.rhs) === "(0)") {
      return branch(branches, e.lhs.idx[0]?.kind === "node" ? e.lhs.idx[0].n : -1) ? "1" : "0";
    }
    if (e.kind !== "sym") throw new CasUnsupported(`expression kind ${e.kind}`);
    const [i, j] = e.idx;
    const n = i?.kind === "node" ? i.n : -1;
    if (e.name === "w")
      return i?.kind === "bias" && i.of.kind === "node"
        ? casWeight(network, i.of.n, "b")
        : casWeight(network, n, j?.kind === "node" ? j.n : -1);
    if (e.name === "x" || e.name === "t") return casName(e.name, n);
    if (e.name === "y") return network.nodes[n]?.layer === 0 ? casName("x", n) : `(${f.y.get(n)})`;
    if (e.name === "net") return `(${f.net.get(n)})`;
    const delta = e.name === "delta" ? proof.results.delta.get(n) : undefined;
    if (delta === undefined) throw new CasUnsupported(`symbol ${e.name}`);
    return text(delta);
  };
  try {
    const d =
      casDerivativeText(n, budget, network, branches, ALL, index)
        .map((t) => `(${t})`)
        .join("+") || "0";
    const zero = n(`expand((${d})-(${text(proof.results.params.at(index)!.gradient)}))`).toString() === "0";
    n.clear("last"); // nerdamer keeps every parsed expression in a global history
    return zero;
  } catch (e) {
    // Out of budget is the whole check's verdict; any other failure leaves the row to numbers.
    if (e instanceof OutOfBudget) throw e;
    return false;
  }
}
