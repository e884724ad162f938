// The checker is itself tested: faults injected into derived proofs (mutants.ts) must all be
// flagged, and the unmutated proofs must pass. A step mutant changes one step's right-hand side
// and must fail that step's own check; a result mutant changes the final delta or gradient of
// a node or weight (and the steps that print it) and must fail the gradient check or a step.
// A catch is counted by how it was made: by numbers (both sides evaluated and disagreed), or
// only because the mutant cannot be evaluated (a weight that does not exist); the second counts
// only where the mutant evaluates nowhere, since wherever it evaluates a numeric catch is
// required. Sign flips, the easiest catches, are counted apart from the rest.
// MUTANT_SEED=n draws other random networks; MUTANT_DEBUG=1 lists any mutant that escaped.
import { describe, expect, it } from "vitest";
import { gradientCheck } from "../../src/check/gradcheck.js";
import { definitionReason } from "../../src/check/plan.js";
import { rng, type Rng } from "../../src/oracle/rng.js";
import { checkSteps } from "../../src/check/steps.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof, Section, Step } from "../../src/derive/proof.js";
import * as b from "../../src/expr/build.js";
import { equal, key } from "../../src/expr/key.js";
import type { Expr } from "../../src/expr/types.js";
import { bindIndex, expandSums } from "../../src/expr/walk.js";
import { buildNetwork, type Network } from "../../src/network/graph.js";
import { resolveSet } from "../../src/network/sets.js";
import { parseSpec } from "../../src/network/spec.js";
import { simplify } from "../../src/simplify/simplify.js";
import { OPERATORS, softmaxElementwise, type OperatorName, type Site } from "./mutants.js";
import { ACTIVATION_NAMES, LOSS_NAMES } from "../rules/names.js";

const FIXED: unknown[] = [
  { layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" },
  { layers: [2, 3, 2], activation: "sigmoid", loss: "mse" },
  { layers: [2, 3, 2, 2], activations: ["tanh", "softmax", "sigmoid"], loss: "binary-cross-entropy" },
];

const ACTIVATIONS = ACTIVATION_NAMES;
const LOSSES = LOSS_NAMES;

function randomSpec(r: Rng): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const layers = Array.from({ length: 3 + Math.floor(r() * 2) }, () => 1 + Math.floor(r() * 4));
  const activations = layers.slice(1).map(() => pick(ACTIVATIONS));
  const loss = pick(LOSSES);
  if (loss === "binary-cross-entropy") activations[activations.length - 1] = "sigmoid";
  if (loss === "cross-entropy") activations[activations.length - 1] = pick(["softmax", "sigmoid"]);
  // A one-node softmax is the constant 1: every error term before it vanishes, and a mutant of
  // a formula that is identically zero is no fault. Such layers get a second node.
  activations.forEach((a, l) => {
    if (a === "softmax" && layers[l + 1] === 1) layers[l + 1] = 2;
  });
  return { layers, activations, loss };
}

interface Mutant {
  readonly operator: OperatorName;
  readonly kind: "step" | "result";
  readonly where: string;
  readonly proof: Proof;
  /** The steps whose check must catch a step mutant (or may catch a result mutant). */
  readonly steps: ReadonlySet<string>;
}

const allSteps = (proof: Proof): Step[] =>
  proof.sections.flatMap((s) => s.blocks.flatMap((blk) => (blk.kind === "steps" ? [...blk.steps] : [])));

function replaceSteps(proof: Proof, by: ReadonlyMap<string, Expr>): Proof {
  const section = (s: Section): Section => ({
    ...s,
    blocks: s.blocks.map((blk) =>
      blk.kind === "steps" ? { ...blk, steps: [...blk.steps].map((st) => (by.has(st.id) ? { ...st, rhs: by.get(st.id)! } : st)) } : blk,
    ),
  });
  return { ...proof, sections: proof.sections.map(section) };
}

const isOutputIndex = (network: Network, step: Step, e: Expr): boolean => {
  const i = e.kind === "sym" ? e.idx[0] : undefined;
  if (i?.kind === "node") return network.outputs.includes(i.n);
  const f = step.forall.find((x) => i?.kind === "var" && x.index === i.name);
  return f?.set.kind === "nodes" && f.set.nodes.every((n) => network.outputs.includes(n));
};

function lossSite(network: Network, step: Step): boolean {
  const l = step.lhs;
  if (l.kind === "sym" && l.name === "E") return true;
  if (l.kind === "deriv" && l.of.kind === "sym" && l.of.name === "E" && l.wrt.kind === "sym" && l.wrt.name === "y") return true;
  return l.kind === "sym" && l.name === "delta" && isOutputIndex(network, step, l);
}

/** Result mutants for softmax as elementwise: the index-form sum over the layer, mis-specialised. */
function respecialised(proof: Proof): Mutant[] {
  const network = proof.network;
  const special = proof.sections.find((s) => s.id === "specialise");
  const out: Mutant[] = [];
  for (const step of special ? allSteps({ ...proof, sections: [special] }) : []) {
    const v = step.lhs.kind === "sym" && step.lhs.name === "delta" ? step.lhs.idx[0] : undefined;
    if (v?.kind !== "var" || step.rhs.kind !== "sum" || step.rhs.set.kind !== "layer") continue;
    const wrong = softmaxElementwise(step.rhs, { network, lossSite: false });
    const set = step.forall[0]?.set;
    if (wrong === undefined || set?.kind !== "nodes") continue;
    const s = simplify(wrong, { assumptions: [] }).result;
    const delta = new Map(proof.results.delta);
    for (const n of set.nodes)
      delta.set(
        n,
        expandSums(bindIndex(s, v.name, b.node(n)), (x) => resolveSet(network, x)),
      );
    out.push({
      operator: "softmax-elementwise",
      kind: "result",
      where: `deltas of ${set.nodes.join(",")}`,
      proof: { ...proof, results: { ...proof.results, delta } },
      steps: new Set(),
    });
  }
  return out;
}

function mutants(proof: Proof): Mutant[] {
  const network = proof.network;
  const out: Mutant[] = [];
  const steps = allSteps(proof).filter((s) => definitionReason(s) === undefined);
  for (const [name, op] of Object.entries(OPERATORS) as [OperatorName, (typeof OPERATORS)[OperatorName]][]) {
    for (const step of steps) {
      const site: Site = { network, lossSite: lossSite(network, step) };
      const m = op(step.rhs, site);
      if (m === undefined || equal(m, step.rhs)) continue;
      out.push({
        operator: name,
        kind: "step",
        where: step.id,
        proof: replaceSteps(proof, new Map([[step.id, m]])),
        steps: new Set([step.id]),
      });
    }
    for (const [n, tree] of proof.results.delta) {
      if (name === "wrong-set") continue; // sets are written out in the results
      const m = op(tree, { network, lossSite: network.outputs.includes(n) });
      if (m === undefined || equal(m, tree)) continue;
      // The enumeration steps that print this tree print the mutant too.
      const printed = allSteps(proof).filter((s) => key(s.rhs) === key(tree) && s.lhs.kind === "sym" && s.lhs.name === "delta");
      const delta = new Map(proof.results.delta).set(n, m);
      const mutated = replaceSteps({ ...proof, results: { ...proof.results, delta } }, new Map(printed.map((s) => [s.id, m])));
      out.push({ operator: name, kind: "result", where: `delta_${n}`, proof: mutated, steps: new Set(printed.map((s) => s.id)) });
    }
  }
  [...proof.results.params].forEach((p, i) => {
    const gradient = b.neg(p.gradient);
    const params = [...proof.results.params].map((q, j) => (j === i ? { ...q, gradient } : q));
    out.push({
      operator: "flip-sign",
      kind: "result",
      where: `gradient ${i}`,
      proof: { ...proof, results: { ...proof.results, params } },
      steps: new Set(),
    });
  });
  return [...out, ...respecialised(proof)];
}

interface Verdict {
  /** A step failed with both sides evaluated (a step mutant: one of its own steps). */
  readonly byStepNumbers: boolean;
  readonly byGradient: boolean;
  /** A step failed only because a side could not be evaluated. */
  readonly unevaluable: boolean;
  /** The mutant evaluated at some instance of its steps (or it changes a result, which is evaluated). */
  readonly evaluates: boolean;
}

function judge(m: Mutant, seed: number): Verdict {
  const report = m.steps.size > 0 ? checkSteps(m.proof, { seed, only: m.steps }) : undefined;
  const failures = report?.failures ?? [];
  const byStepNumbers = failures.some((f) => f.reason === undefined);
  const unevaluable = !byStepNumbers && failures.some((f) => f.reason !== undefined);
  // Instances evaluated: those compared, less those that failed because a side could not be.
  const evaluatedSteps = [...m.steps].some((id) => {
    const compared = report?.checks.get(id)?.points ?? 0;
    return compared > failures.filter((f) => f.step === id && f.reason !== undefined).length;
  });
  const byGradient = m.kind === "result" && gradientCheck(m.proof, { seed }).failed > 0;
  return { byStepNumbers, byGradient, unevaluable, evaluates: m.kind === "result" || evaluatedSteps };
}

type Outcome = "numeric" | "unevaluable" | "missed";

/** How a mutant was caught: by numbers, by failing to evaluate where it evaluates nowhere, or not at all. */
function outcome(m: Mutant, v: Verdict): Outcome {
  const numeric = m.kind === "step" ? v.byStepNumbers : v.byStepNumbers || v.byGradient;
  if (numeric) return "numeric";
  return v.unevaluable && !v.evaluates ? "unevaluable" : "missed";
}

describe("the mutation suite", () => {
  it("tells a numeric catch from an unevaluable one, and requires a numeric catch where a mutant evaluates", () => {
    const step = { operator: "swap-wkj", kind: "step", where: "s", proof: undefined as never, steps: new Set(["s"]) } as const;
    const v = (o: Partial<Verdict>): Verdict => ({ byStepNumbers: false, byGradient: false, unevaluable: false, evaluates: true, ...o });
    expect(outcome(step, v({ byStepNumbers: true }))).toBe("numeric");
    expect(outcome(step, v({ unevaluable: true, evaluates: false }))).toBe("unevaluable");
    // Evaluated at some instances, failed only where it could not be: not caught.
    expect(outcome(step, v({ unevaluable: true }))).toBe("missed");
    // A step mutant is not caught by the gradient check.
    expect(outcome(step, v({ byGradient: true }))).toBe("missed");
    expect(outcome({ ...step, kind: "result" }, v({ byGradient: true }))).toBe("numeric");
  });

  it("flags every mutant of every network, and passes every unmutated proof", () => {
    const r = rng(Number(process.env.MUTANT_SEED ?? 2024));
    const specs = [...FIXED, ...Array.from({ length: 6 }, () => randomSpec(r))];
    const tally = new Map<string, Record<Outcome, number>>();
    const missed: string[] = [];
    const all = (): Record<Outcome, number> => ({ numeric: 0, unevaluable: 0, missed: 0 });
    const total = all();
    let stepCaught = 0;
    let gradientCaught = 0;
    specs.forEach((spec, n) => {
      const proof = derive(buildNetwork(parseSpec(spec)));
      const seed = n + 1;
      const base = checkSteps(proof, { seed });
      expect(base.failed, `${JSON.stringify(spec)}: ${base.failures[0]?.step}`).toBe(0);
      expect(gradientCheck(proof, { seed }).failed).toBe(0);
      for (const m of mutants(proof)) {
        const v = judge(m, seed);
        const o = outcome(m, v);
        const t = tally.get(m.operator) ?? all();
        t[o]++;
        total[o]++;
        tally.set(m.operator, t);
        if (o === "numeric" && v.byStepNumbers) stepCaught++;
        if (o === "numeric" && v.byGradient) gradientCaught++;
        if (o === "missed")
          missed.push(
            `${m.operator} ${m.kind} ${m.where} in ${JSON.stringify(spec)}${v.unevaluable ? " (only as unevaluable, though it evaluates)" : ""}`,
          );
      }
    });
    const generated = total.numeric + total.unevaluable + total.missed;
    const flips = tally.get("flip-sign") ?? all();
    const row = (op: string, t: Record<Outcome, number>): string =>
      `  ${op.padEnd(20)} ${String(t.numeric + t.unevaluable + t.missed).padStart(5)} generated, ${String(t.numeric).padStart(5)} caught by numbers, ${String(t.unevaluable).padStart(4)} as unevaluable, ${String(t.missed).padStart(3)} missed`;
    console.log(
      [
        `mutation suite on ${specs.length} networks: ${generated} mutants generated; ${total.numeric} caught by numbers ` +
          `(${stepCaught} by a failed step, ${gradientCaught} by the gradient check), ${total.unevaluable} caught only as unevaluable ` +
          `(they evaluate nowhere), ${total.missed} missed`,
        `of them sign flips: ${flips.numeric + flips.unevaluable + flips.missed} generated, ${flips.numeric} caught by numbers; ` +
          `the other operators: ${generated - (flips.numeric + flips.unevaluable + flips.missed)} generated, ${total.numeric - flips.numeric} caught by numbers`,
        ...[...tally].map(([op, t]) => row(op, t)),
      ].join("\n"),
    );
    if (process.env.MUTANT_DEBUG) console.log(missed.join("\n"));
    expect(missed.slice(0, 10)).toEqual([]);
    expect(total.missed).toBe(0);
    // Every operator makes mutants, and some of each are caught by numbers (not only by failing to evaluate).
    for (const op of Object.keys(OPERATORS)) {
      expect(tally.get(op)?.numeric ?? 0, op).toBeGreaterThan(0);
    }
    // The operators other than sign flips are most of what is caught by numbers, not a few among many flips.
    expect(total.numeric - flips.numeric).toBeGreaterThan(flips.numeric / 2);
  });
});
