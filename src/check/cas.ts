// The independent CAS cross-check: E is written as a formula of the weights and biases by walking
// the network graph here (never the engine's trees), nerdamer-prime differentiates it, and each CAS
// derivative is compared with the engine's derived gradient at seeded random points. Relu kinks
// are handled per point: the oracle's net says which side of 0 each node lies on, and that branch
// (u or 0, u or alpha u) is what the CAS differentiates.
import nerdamer from "nerdamer-prime";
import type { Proof } from "../derive/proof.js";
import type { Expr } from "../expr/types.js";
import type { Network } from "../network/graph.js";
import { derivedValues } from "./derived.js";
import { paramName } from "../network/params.js";
import { forwardPass } from "../oracle/forward.js";
import { randomParams } from "./params.js";
import { rng } from "../oracle/rng.js";
import { ALL, branch, casLoss, casName, CasUnsupported, E_BASE, formulas, math, NONE, type Branches, type Live, type Scope } from "./cas-formula.js";

export { casLoss, casName, customFormula, CasUnsupported, type Branches } from "./cas-formula.js";

/** Every network up to this size is cross-checked: 40 parameters of softmax over sigmoids take about 8 s. */
export const CAS_MAX_PARAMS = 40;
export const CAS_TOLERANCE = 1e-8;
export const CAS_ABS_FLOOR = 1e-12;
/** Past these nerdamer-prime takes minutes: softmax in hidden layers gets there first. */
export const MAX_TERM_CHARS = 1500;
export const DEFAULT_BUDGET_MS = 30_000;
/** Tiny networks whose E is a polynomial on each branch: there nerdamer can prove a gradient. */
export const SYMBOLIC_MAX_PARAMS = 14;
/** Points are redrawn (at most MAX_DRAWS times each) until every relu-type |net| exceeds this. */
export const KINK_MARGIN = 1e-3;
export const MAX_DRAWS = 50;

export class CasTooLarge extends Error {
  constructor(
    readonly params: number,
    readonly limit: number,
  ) {
    super(`the CAS cross-check takes networks of at most ${limit} parameters; this one has ${params}`);
    this.name = "CasTooLarge";
  }
}


export interface CasRow {
  /** Parameter and point: "w_4_1 @1". */
  readonly name: string;
  readonly cas: number;
  readonly derived: number;
  readonly relError: number;
  readonly ok: boolean;
  /** Proved: CAS derivative minus engine gradient expands to 0 on this point's branch. */
  readonly symbolic?: boolean;
  /** On a mismatch: the side that a central difference of the CAS's own E contradicts. */
  readonly suspect?: "engine" | "cas";
}

export interface CasReport {
  readonly checked: boolean;
  readonly reason?: string;
  readonly params: number;
  readonly points: number;
  readonly mode: "symbolic" | "numeric" | "mixed";
  readonly rows: readonly CasRow[];
  readonly failed: number;
  readonly worst: number;
  readonly millis: number;
  /** How kinks and the CAS's limits were handled: what a reader of the verdict should know. */
  readonly notes: readonly string[];
}

export interface CasOptions {
  readonly seed?: number;
  readonly points?: number;
  /** No new derivative is started after this; the report then says why it stopped. */
  readonly budgetMillis?: number;
}

/** Which relu-type nodes are on their active (net > 0) side. */

type Fn = (scope: Scope) => number;

/** nerdamer-prime throws (stack overflows among them) on some formulas: no verdict, a reason. */
function guard<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    throw err instanceof CasUnsupported ? err : new CasUnsupported(`the CAS failed on ${what}: ${String(err).slice(0, 120)}`);
  }
}

function compileText(text: string): Fn {
  const c = guard("compiling a formula", () => math().compile(text));
  return (scope) => guard("evaluating a formula", () => Number(c.evaluate(scope)));
}

/**
 * What is written out for dE/dp, p = w_{k from}: whatever cannot depend on p (earlier layers, the
 * other nodes of k's layer, the other terms of each net) is a named constant. That uses no
 * derivative identity, and nerdamer-prime needs minutes for the fully written-out E of 40 weights.
 */
function liveFor(network: Network, index: number): Live {
  const p = network.params[index]!;
  const layerOf = (m: number): number => network.nodes[m]!.layer;
  const here = layerOf(p.to);
  const coupled = !network.layers[here]!.activation!.elementwise;
  const after = (m: number): boolean => m === p.to || layerOf(m) > here;
  const y = (m: number): boolean => after(m) || (coupled && layerOf(m) === here);
  return { net: after, y, term: (m, j) => (m === p.to ? j === p.from : j !== "b" && layerOf(j) > 0 && y(j)) };
}

/** nerdamer's dE/dp, one output's term at a time (it overflows its stack on sums of squared sigmoids). */
function casDerivativeText(network: Network, branches: Branches, live: Live, index: number): string[] {
  const p = network.params[index]!;
  const name = casName("w", p.to, p.from);
  const terms = formulas(network, branches, live).terms.filter((t) => new RegExp(`\\b${name}\\b`).test(t));
  const longest = Math.max(0, ...terms.map((t) => t.length));
  if (longest > MAX_TERM_CHARS) throw new CasUnsupported(`dE/d${name} needs a ${longest}-character formula; nerdamer-prime would take minutes`);
  return terms.map((t) => guard(`dE/d${name}`, () => nerdamer.diff(t, name).toString()));
}

function casDerivative(network: Network, branches: Branches, index: number): Fn {
  const live = liveFor(network, index);
  const parts = casDerivativeText(network, branches, live, index).map(compileText);
  const rests = network.nodes.filter((n) => n.layer > 0 && live.net(n.id)).map((n) => n.id);
  return (scope) => {
    const s = { ...scope };
    for (const m of rests) {
      s[`r_${m}`] = live.term(m, "b") ? 0 : scope[casName("w", m, "b")]!;
      for (const j of network.nodes[m]!.preds) {
        if (!live.term(m, j)) s[`r_${m}`] += scope[casName("w", m, j)]! * scope[network.nodes[j]!.layer === 0 ? casName("x", j) : `y_${j}`]!;
      }
    }
    return parts.reduce((acc, g) => acc + g(s), 0);
  };
}

/**
 * Whether CAS dE/dp minus the engine's gradient expands to 0, with the engine's delta_k, y_k and
 * net_k replaced by their definitions and [net_k > 0] by the branch. Only a proof counts: any
 * other outcome leaves the verdict to the numeric comparison.
 */
function symbolicZero(proof: Proof, branches: Branches, index: number): boolean {
  const network = proof.network;
  const f = formulas(network, branches, ALL);
  const text = (e: Expr): string => {
    if (e.kind === "num") return `(${e.value})`;
    if (e.kind === "add" || e.kind === "mul") return `(${(e.kind === "add" ? e.terms : e.factors).map(text).join(e.kind === "add" ? "+" : "*")})`;
    if (e.kind === "pow") return `(${text(e.base)})^(${text(e.exp)})`;
    if (e.kind === "iverson" && e.rel === "gt" && e.lhs.kind === "sym" && e.lhs.name === "net" && text(e.rhs) === "(0)") {
      return branch(branches, e.lhs.idx[0]?.kind === "node" ? e.lhs.idx[0].n : -1) ? "1" : "0";
    }
    if (e.kind !== "sym") throw new CasUnsupported(`expression kind ${e.kind}`);
    const [i, j] = e.idx;
    const n = i?.kind === "node" ? i.n : -1;
    if (e.name === "w") return i?.kind === "bias" && i.of.kind === "node" ? casName("w", i.of.n, "b") : casName("w", n, j?.kind === "node" ? j.n : -1);
    if (e.name === "x" || e.name === "t") return casName(e.name, n);
    if (e.name === "y") return network.nodes[n]?.layer === 0 ? casName("x", n) : `(${f.y.get(n)})`;
    if (e.name === "net") return `(${f.net.get(n)})`;
    const delta = e.name === "delta" ? proof.results.delta.get(n) : undefined;
    if (delta === undefined) throw new CasUnsupported(`symbol ${e.name}`);
    return text(delta);
  };
  try {
    const cas = casDerivativeText(network, branches, ALL, index).map((t) => `(${t})`).join("+") || "0";
    const zero = nerdamer(`expand((${cas})-(${text(proof.results.params[index]!.gradient)}))`).toString() === "0";
    nerdamer.clear("last"); // nerdamer keeps every parsed expression in a global history
    return zero;
  } catch {
    return false;
  }
}

/** The relu-type nodes and the side of 0 each lies on; undefined when one is too near its kink. */
function branchesAt(network: Network, net: Float64Array): Map<number, boolean> | undefined {
  const m = new Map<number, boolean>();
  for (const layer of network.layers.slice(1)) {
    if (!["relu", "leaky-relu"].includes(layer.activation!.id)) continue;
    for (const k of layer.nodes) {
      if (Math.abs(net[k]!) <= KINK_MARGIN) return undefined;
      m.set(k, net[k]! > 0);
    }
  }
  return m;
}

const relError = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-12);
const agree = (a: number, b: number): boolean =>
  Number.isFinite(a) && Number.isFinite(b) && (relError(a, b) <= CAS_TOLERANCE || Math.abs(a - b) <= CAS_ABS_FLOOR);

export function casCrossCheck(proof: Proof, options: CasOptions = {}): CasReport {
  const start = performance.now();
  const network = proof.network;
  const total = network.params.length;
  if (total > CAS_MAX_PARAMS) throw new CasTooLarge(total, CAS_MAX_PARAMS);
  const { points = 3, budgetMillis = DEFAULT_BUDGET_MS } = options;
  const r = rng(options.seed ?? 1);
  const ids = network.layers.slice(1).map((l) => l.activation!.id);
  const polynomial = [...ids, network.loss.id].every((id) => ["identity", "relu", "leaky-relu", "mse", "sse"].includes(id));
  const symbolic = polynomial && total <= SYMBOLIC_MAX_PARAMS;
  const notes = [
    "E is written from the network graph; for each parameter nerdamer-prime differentiates it term by term, with what cannot depend on the parameter named as constants, and mathjs evaluates the result",
    symbolic
      ? "E is a polynomial on each branch: each CAS derivative minus the engine's gradient (its deltas, y and net substituted) was expanded, and 0 proves the row"
      : `no symbolic proof: nerdamer-prime only decides polynomial identities, tried for networks of at most ${SYMBOLIC_MAX_PARAMS} parameters with identity, relu-type, mse or sse`,
  ];
  if (ids.some((id) => id === "relu" || id === "leaky-relu")) {
    notes.push(`relu-type nodes: at each point the oracle's net picks the branch (u or 0, u or alpha u) that the CAS differentiates; points with |net| <= ${KINK_MARGIN} are redrawn`);
  }
  const rows: CasRow[] = [];
  let done = 0;
  const report = (checked: boolean, reason?: string): CasReport => {
    const proved = rows.filter((x) => x.symbolic).length;
    const mode = proved === 0 ? "numeric" : proved === rows.length ? "symbolic" : "mixed";
    const worst = rows.reduce((m, x) => Math.max(m, Number.isNaN(x.relError) ? Infinity : x.relError), 0);
    const failed = rows.filter((x) => !x.ok).length;
    return { checked, ...(reason === undefined ? {} : { reason }), params: total, points: done, mode, rows, failed, worst, millis: Math.round(performance.now() - start), notes };
  };
  // Formulas depend only on the branches of the nodes they write out: reused across points.
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, make: () => T): T => (cache.has(key) ? cache.get(key) : (cache.set(key, make()), cache.get(key))) as T;
  try {
    for (let draws = 0; done < points; draws++) {
      if (draws >= MAX_DRAWS * points) return report(false, `no point away from the relu kinks was found in ${draws} draws`);
      const p = randomParams(network, r);
      const fwd = forwardPass(network, p);
      const branches = branchesAt(network, fwd.net);
      if (branches === undefined) continue;
      const sides = (live: Live): string => [...branches].map(([k, b]) => (live.y(k) ? (b ? "+" : "-") : ".")).join("");
      const scope: Scope = { [E_BASE]: Math.E };
      network.params.forEach((q, i) => (scope[casName("w", q.to, q.from)] = p.values[i]!));
      network.inputs.forEach((n, i) => (scope[casName("x", n)] = p.inputs[i]!));
      network.outputs.forEach((n, i) => (scope[casName("t", n)] = p.targets[i]!));
      // The named constants net_m and y_m, from the same formulas written one node at a time.
      const named = formulas(network, branches, NONE);
      for (const layer of network.layers.slice(1)) {
        for (const m of layer.nodes) scope[`net_${m}`] = memo(`net${m}`, () => compileText(named.net.get(m)!))(scope);
        for (const m of layer.nodes) scope[`y_${m}`] = memo(`y${m} ${sides(ALL)}`, () => compileText(named.y.get(m)!))(scope);
      }
      const E = memo(`E ${sides(ALL)}`, () => compileText(casLoss(network, branches)));
      const e = E(scope);
      if (!agree(e, fwd.E)) return report(false, `the CAS formula gives E = ${e} where the oracle gives ${fwd.E} at point ${done + 1}`);
      const d = derivedValues(proof, p);
      for (let i = 0; i < total; i++) {
        const cas = memo(`d${i} ${sides(liveFor(network, i))}`, () => {
          if (performance.now() - start > budgetMillis) throw new CasUnsupported(`the CAS ran out of its ${budgetMillis} ms budget`);
          return casDerivative(network, branches, i);
        })(scope);
        const derived = d.gradient(i);
        const proved = symbolic && memo(`s${i} ${sides(ALL)}`, () => symbolicZero(proof, branches, i));
        const row: CasRow = { name: `${paramName(network, i)} @${done + 1}`, cas, derived, relError: relError(cas, derived), ok: proved || agree(cas, derived) };
        const name = casName("w", network.params[i]!.to, network.params[i]!.from);
        rows.push(proved ? { ...row, symbolic: true } : row.ok ? row : { ...row, suspect: suspect(E, scope, name, cas, derived) });
      }
      done++;
    }
  } catch (err) {
    if (err instanceof CasUnsupported) return report(false, err.message);
    throw err;
  }
  return report(true);
}

/** Blames whichever side a central difference of the CAS's own E contradicts. */
function suspect(E: Fn, scope: Scope, name: string, cas: number, derived: number): "engine" | "cas" {
  const v = scope[name]!;
  const h = 1e-6 * Math.max(1, Math.abs(v));
  const fd = (E({ ...scope, [name]: v + h }) - E({ ...scope, [name]: v - h })) / (2 * h);
  return relError(fd, cas) <= relError(fd, derived) ? "engine" : "cas";
}
