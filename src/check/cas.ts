// The independent CAS cross-check: E is written as a formula of the weights and biases by walking
// the network graph here (never the engine's derived trees), nerdamer-prime differentiates it, and
// each CAS derivative is compared with the engine's derived gradient at seeded random points. Relu
// kinks are handled per point: the oracle's net says which side of 0 each node lies on, and that
// branch (u or 0, u or alpha u) is what the CAS differentiates. nerdamer-prime is loaded on first
// use (a dynamic import); its budget counts derivatives, not milliseconds, so that the verdict never
// depends on how busy the machine is. Each row is agreed, disagreed, or not made (and why).
import type { Proof } from "../derive/proof.js";
import type { Network } from "../network/graph.js";
import { paramName } from "../network/params.js";
import { forwardPass } from "../oracle/forward.js";
import { randomParams } from "../oracle/random.js";
import { rng } from "../oracle/rng.js";
import { NO_PROGRESS } from "../progress.js";
import { Budget, casDerivative, compileText, liveFor, type Nerdamer, OutOfBudget, symbolicZero } from "./cas-derivative.js";
import type { Fn } from "./cas-eval.js";
import { ALL, casLoss, casName, CasUnsupported, E_BASE, formulas, type Live, NONE, type Scope } from "./cas-formula.js";
import { type CasOptions, type CasReport, type CasRow, checkCasOptions, type NotMade } from "./cas-report.js";
import { derivedValues } from "./derived.js";
import { MAX_DRAWS } from "./sampling.js";
import { agrees, CAS_TOLERANCE, relError } from "./tolerance.js";

export { casLoss, casName, casText, CasUnsupported, type Branches } from "./cas-formula.js";
export { CAS_TOLERANCE } from "./tolerance.js";

/** Every network up to this size is cross-checked: 40 parameters of softmax over sigmoids take about 8 s. */
export const CAS_MAX_PARAMS = 40;
/** Derivatives the CAS may take in one cross-check: the budget, counted, so never load-dependent. */
export const DEFAULT_MAX_DERIVATIVES = 600;
/** A hard stop in wall-clock time, far beyond what the derivative budget takes on a busy machine. */
export const DEFAULT_TIMEOUT_MS = 300_000;
/** Tiny networks whose E is a polynomial on each branch: there nerdamer can prove a gradient. */
export const SYMBOLIC_MAX_PARAMS = 14;
/** Points are redrawn (at most MAX_DRAWS times each) until every relu-type |net| exceeds this. */
export const KINK_MARGIN = 1e-3;
export { MAX_DRAWS } from "./sampling.js";

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
