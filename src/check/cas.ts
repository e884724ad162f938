// The independent CAS cross-check: E is written as a formula of the weights and biases by walking
// the network graph here (never the engine's derived trees), nerdamer-prime differentiates it, and
// each CAS derivative is compared with the engine's derived gradient at seeded random points. Relu
// kinks are handled per point: the oracle's net says which side of 0 each node lies on, and that
// branch (u or 0, u or alpha u) is what the CAS differentiates. nerdamer-prime is loaded on first
// use (a dynamic import); its budget counts derivatives, not milliseconds, so that the verdict never
// depends on how busy the machine is. Each row is agreed, disagreed, or not made (and why).
import type { Proof } from "../derive/proof.js";
import type { Expr } from "../expr/types.js";
import type { Network } from "../network/graph.js";
import { paramName, usesOf } from "../network/params.js";
import { forwardPass } from "../oracle/forward.js";
import { randomParams } from "../oracle/random.js";
import { rng } from "../oracle/rng.js";
import { compileCas, type Fn } from "./cas-eval.js";
import {
  ALL,
  branch,
  casLoss,
  casName,
  casWeight,
  CasUnsupported,
  E_BASE,
  formulas,
  NONE,
  type Branches,
  type Live,
  type Scope,
} from "./cas-formula.js";
import { derivedValues } from "./derived.js";
import { MAX_DRAWS } from "./sampling.js";
import { InputError } from "../errors.js";
import { checkProgress } from "../network/options.js";
import { NO_PROGRESS, type Progress } from "../progress.js";
import { agrees, CAS_TOLERANCE, relError } from "./tolerance.js";

export { casLoss, casName, casText, CasUnsupported, type Branches } from "./cas-formula.js";
export { CAS_TOLERANCE } from "./tolerance.js";

/** Every network up to this size is cross-checked: 40 parameters of softmax over sigmoids take about 8 s. */
export const CAS_MAX_PARAMS = 40;
/** Past these nerdamer-prime takes minutes: softmax in hidden layers gets there first. */
export const MAX_TERM_CHARS = 1500;
/** Derivatives the CAS may take in one cross-check: the budget, counted, so never load-dependent. */
export const DEFAULT_MAX_DERIVATIVES = 600;
/** A hard stop in wall-clock time, far beyond what the derivative budget takes on a busy machine. */
export const DEFAULT_TIMEOUT_MS = 300_000;
/** Tiny networks whose E is a polynomial on each branch: there nerdamer can prove a gradient. */
export const SYMBOLIC_MAX_PARAMS = 14;
/** Points are redrawn (at most MAX_DRAWS times each) until every relu-type |net| exceeds this. */
export const KINK_MARGIN = 1e-3;
export { MAX_DRAWS } from "./sampling.js";

type Nerdamer = typeof import("nerdamer-prime");
let cas: Nerdamer | undefined;

/** Loads nerdamer-prime (once); casCrossCheckLoaded needs it loaded. */
export async function loadCas(): Promise<void> {
  if (cas !== undefined) return;
  const m = await import("nerdamer-prime");
  const n = ((m as { default?: Nerdamer }).default ?? m) as Nerdamer;
  // nerdamer-prime's own timeout (800 ms by default) would make its answers depend on load; the
  // budget here counts derivatives instead, and a wall-clock stop reports "timed out" apart.
  n.set("TIMEOUT", DEFAULT_TIMEOUT_MS);
  cas = n;
}

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
  /** Agreed (or not made); false only for a disagreement. */
  readonly ok: boolean;
  readonly status: "agreed" | "disagreed" | "not made";
  /** Proved: CAS derivative minus engine gradient expands to 0 on this point's branch. */
  readonly symbolic?: boolean;
  /** On a mismatch: the side that a central difference of the CAS's own E contradicts. */
  readonly suspect?: "engine" | "cas";
}

/** Why the cross-check (or a row of it) was not made. */
export type NotMade = "timed out" | "out of its domain" | "too large" | "unsupported";

export interface CasReport {
  /** Whether every row was compared (none was cut short by a reason below). */
  readonly checked: boolean;
  readonly reason?: string;
  /** Why it stopped, when it did: counted apart from agreements and disagreements. */
  readonly notMade?: NotMade;
  readonly params: number;
  readonly points: number;
  readonly mode: "symbolic" | "numeric" | "mixed";
  readonly rows: readonly CasRow[];
  /** Rows in which the CAS and the engine agree. */
  readonly agreed: number;
  /** Rows in which they do not, with the parameter and point: "w_4_1 @2". */
  readonly disagreed: readonly string[];
  /** Rows the CAS could not give a finite value for (a function outside its domain). */
  readonly outOfDomain: number;
  readonly failed: number;
  readonly worst: number;
  readonly millis: number;
  /** Derivatives the CAS took, against the budget. */
  readonly derivatives: number;
  readonly budget: number;
  /** How kinks and the CAS's limits were handled: what a reader of the verdict should know. */
  readonly notes: readonly string[];
}

export interface CasOptions {
  readonly seed?: number;
  readonly points?: number;
  /** Derivatives the CAS may take; past it the report says "not made: too large". */
  readonly maxDerivatives?: number;
  /** A hard stop in wall-clock time: past it, "not made: timed out" (never a disagreement). */
  readonly timeoutMillis?: number;
  /** One stage, "cross-checking with nerdamer-prime", counted in parameters at each point. */
  readonly progress?: Progress;
}

const CAS_OPTIONS = ["seed", "points", "maxDerivatives", "timeoutMillis", "progress"];

function checkCasOptions(o: CasOptions): void {
  if (o === null || typeof o !== "object") throw new InputError("options", "must be an object");
  for (const k of Object.keys(o))
    if (!CAS_OPTIONS.includes(k)) throw new InputError(`options.${k}`, `unknown option; allowed: ${CAS_OPTIONS.join(", ")}`);
  checkProgress(o.progress, "options.progress");
}

/** Which relu-type nodes are on their active (net > 0) side. */

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
class OutOfBudget extends Error {
  constructor(
    readonly why: "timed out" | "too large",
    message: string,
  ) {
    super(message);
  }
}

function compileText(text: string): Fn {
  return guard("reading a formula", () => compileCas(text));
}

/**
 * What is written out for dE/dp, p = w_{k from}: whatever cannot depend on p (earlier layers, the
 * other nodes of k's layer, the other terms of each net) is a named constant. That uses no
 * derivative identity, and nerdamer-prime needs minutes for the fully written-out E of 40 weights.
 */
function liveFor(network: Network, index: number): Live {
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
class Budget {
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

function casDerivative(n: Nerdamer, budget: Budget, network: Network, branches: Branches, index: number): Fn {
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
function symbolicZero(n: Nerdamer, budget: Budget, proof: Proof, branches: Branches, index: number): boolean {
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

/** Both sides exact to rounding: relative agreement, or an absolute one next to the scale of E. */
const agree = (a: number, b: number, scale: number): boolean => agrees(a, b, CAS_TOLERANCE, 1e-12 * Math.max(1, scale));

/** The cross-check, nerdamer-prime loaded first. */
export async function casCrossCheck(proof: Proof, options: CasOptions = {}): Promise<CasReport> {
  await loadCas();
  return casCrossCheckLoaded(proof, options);
}

/** The cross-check, once loadCas() has been awaited (synchronous callers load it first). */
export function casCrossCheckLoaded(proof: Proof, options: CasOptions = {}): CasReport {
  checkCasOptions(options);
  const start = performance.now();
  const network = proof.network;
  const total = network.params.length;
  if (total > CAS_MAX_PARAMS) throw new CasTooLarge(total, CAS_MAX_PARAMS);
  const { points = 3, maxDerivatives = DEFAULT_MAX_DERIVATIVES, timeoutMillis = DEFAULT_TIMEOUT_MS } = options;
  const budget = new Budget(maxDerivatives, start + timeoutMillis);
  const progress = options.progress ?? NO_PROGRESS;
  progress.stage("cross-checking with nerdamer-prime", points * total);
  const r = rng(options.seed ?? 1);
  const ids = network.layers.slice(1).map((l) => l.activation!.id);
  const polynomial = [...ids, network.loss.id].every((id) => ["identity", "relu", "leaky-relu", "mse", "sse"].includes(id));
  const symbolic = polynomial && total <= SYMBOLIC_MAX_PARAMS;
  const notes = [
    "E is written from the network graph; for each parameter nerdamer-prime differentiates it term by term, with what cannot depend on the parameter named as constants, and its result is evaluated at the point",
    symbolic
      ? "E is a polynomial on each branch: each CAS derivative minus the engine's gradient (its deltas, y and net substituted) was expanded, and 0 proves the row"
      : `no symbolic proof: nerdamer-prime only decides polynomial identities, tried for networks of at most ${SYMBOLIC_MAX_PARAMS} parameters with identity, relu-type, mse or sse`,
  ];
  if (ids.some((id) => id === "relu" || id === "leaky-relu")) {
    notes.push(
      `relu-type nodes: at each point the oracle's net picks the branch (u or 0, u or alpha u) that the CAS differentiates; points with |net| <= ${KINK_MARGIN} are redrawn`,
    );
  }
  const rows: CasRow[] = [];
  let done = 0;
  const report = (notMade?: NotMade, reason?: string): CasReport => {
    const proved = rows.filter((x) => x.symbolic).length;
    const mode = proved === 0 ? "numeric" : proved === rows.length ? "symbolic" : "mixed";
    const compared = rows.filter((x) => x.status !== "not made");
    const worst = compared.reduce((m, x) => Math.max(m, x.relError), 0);
    const disagreed = rows.filter((x) => x.status === "disagreed").map((x) => x.name);
    return {
      checked: notMade === undefined,
      ...(reason === undefined ? {} : { reason }),
      ...(notMade === undefined ? {} : { notMade }),
      params: total,
      points: done,
      mode,
      rows,
      agreed: rows.filter((x) => x.status === "agreed").length,
      disagreed,
      outOfDomain: rows.filter((x) => x.status === "not made").length,
      failed: disagreed.length,
      worst,
      millis: Math.round(performance.now() - start),
      derivatives: budget.used,
      budget: budget.max,
      notes,
    };
  };
  const n = cas;
  if (n === undefined) return report("unsupported", "nerdamer-prime is not loaded (await loadCas() first)");
  // Formulas depend only on the branches of the nodes they write out: reused across points.
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, make: () => T): T => (cache.has(key) ? cache.get(key) : (cache.set(key, make()), cache.get(key))) as T;
  try {
    for (let draws = 0; done < points; draws++) {
      if (draws >= MAX_DRAWS * points) return report("unsupported", `no point away from the relu kinks was found in ${draws} draws`);
      const p = randomParams(network, r);
      const fwd = forwardPass(network, p);
      const branches = branchesAt(network, fwd.net);
      if (branches === undefined) continue;
      const sides = (live: Live): string => [...branches].map(([k, b]) => (live.y(k) ? (b ? "+" : "-") : ".")).join("");
      const scope: Scope = { [E_BASE]: Math.E };
      network.params.forEach((q, i) => (scope[casName("w", q.to, q.from)] = p.values[i]!));
      network.inputs.forEach((m, i) => (scope[casName("x", m)] = p.inputs[i]!));
      network.outputs.forEach((m, i) => (scope[casName("t", m)] = p.targets[i]!));
      // The named constants net_m and y_m, from the same formulas written one node at a time.
      const named = formulas(network, branches, NONE);
      for (const layer of network.layers.slice(1)) {
        for (const m of layer.nodes) scope[`net_${m}`] = memo(`net${m}`, () => compileText(named.net.get(m)!))(scope);
        for (const m of layer.nodes) scope[`y_${m}`] = memo(`y${m} ${sides(ALL)}`, () => compileText(named.y.get(m)!))(scope);
      }
      const E = memo(`E ${sides(ALL)}`, () => compileText(casLoss(network, branches)));
      const e = E(scope);
      if (!Number.isFinite(e)) return report("out of its domain", `the CAS formula of E is not finite (${e}) at point ${done + 1}`);
      if (!agree(e, fwd.E, Math.abs(fwd.E)))
        return report("unsupported", `the CAS formula gives E = ${e} where the oracle gives ${fwd.E} at point ${done + 1}`);
      const d = derivedValues(proof, p);
      for (let i = 0; i < total; i++) {
        const value = memo(`d${i} ${sides(liveFor(network, i))}`, () => casDerivative(n, budget, network, branches, i))(scope);
        const derived = d.gradient(i);
        const name = `${paramName(network, i)} @${done + 1}`;
        if (!Number.isFinite(value)) {
          // A function of the CAS's result outside its domain there: no verdict for this row.
          rows.push({ name, cas: value, derived, relError: Infinity, ok: true, status: "not made" });
          continue;
        }
        const proved = symbolic && memo(`s${i} ${sides(ALL)}`, () => symbolicZero(n, budget, proof, branches, i));
        const ok = proved || agree(value, derived, Math.abs(e));
        const row: CasRow = { name, cas: value, derived, relError: relError(value, derived), ok, status: ok ? "agreed" : "disagreed" };
        const w = casName("w", network.params[i]!.to, network.params[i]!.from);
        rows.push(proved ? { ...row, symbolic: true } : ok ? row : { ...row, suspect: suspect(E, scope, w, value, derived) });
        progress.advance(done * total + i + 1);
      }
      progress.advance((done + 1) * total);
      done++;
    }
  } catch (err) {
    if (err instanceof OutOfBudget) return report(err.why, err.message);
    if (err instanceof CasUnsupported) return report("unsupported", err.message);
    throw err;
  }
  return report();
}

/** Blames whichever side a central difference of the CAS's own E contradicts. */
function suspect(E: Fn, scope: Scope, name: string, cas: number, derived: number): "engine" | "cas" {
  const v = scope[name]!;
  const h = 1e-6 * Math.max(1, Math.abs(v));
  const fd = (E({ ...scope, [name]: v + h }) - E({ ...scope, [name]: v - h })) / (2 * h);
  return relError(fd, cas) <= relError(fd, derived) ? "engine" : "cas";
}
