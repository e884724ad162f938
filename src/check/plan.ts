// What checking a step means: a definition or notation (nothing to check, and said so), or a
// list of concrete instances, one per binding of its free indices, whose two sides are compared
// at every point. Lemma steps over a free x are tied to the activation whose lemma they are.
import * as b from "../expr/build.js";
import { setKey } from "../expr/key.js";
import { assertNever, type Expr, type Index, type IndexSet } from "../expr/types.js";
import { bindAll, children, expandSums, mapChildren, size } from "../expr/walk.js";
import { WORKED_SECTION, type Proof, type Section, type Step } from "../derive/proof.js";
import type { Network } from "../network/graph.js";
import { resolveSet } from "../network/sets.js";
import { CHECK_EXAMPLE_IDS } from "../oracle/batch-point.js";
import type { ElementwiseActivation } from "../rules/activations/activation.js";
import { LEMMA_FN } from "../oracle/point.js";
import type { Rng } from "../oracle/rng.js";
import { NO_PROGRESS, type Progress } from "../progress.js";
import { sampleIndices } from "./sampling.js";
import { entrySteps } from "./entrywise.js";
import { Enumeration } from "../derive/enumeration.js";

/** Instances of one step kept between points while their trees have at most this many nodes. */
export const KEPT_INSTANCE_SIZE = 20_000;
/**
 * ... and while all the kept instances together have at most this many (about 50 MB): the 3,000
 * sampled steps of [256,256,256], each of a thousand nodes, kept 300 MB through the whole check.
 */
export const KEPT_TOTAL_SIZE = 500_000;

export interface Instance {
  /** The binding, as text: "k=6, j=4" (empty for a concrete step). */
  readonly where: string;
  readonly lhs: Expr;
  readonly rhs: Expr;
}

/** What a plan keeps of its step: not its sides, which may be as large as a layer's weights. */
export type StepHead = Pick<Step, "id" | "label" | "relation" | "rule">;

const headOf = (s: Step): StepHead => ({ id: s.id, label: s.label, relation: s.relation, rule: s.rule });

export type Plan =
  | { readonly kind: "definition"; readonly step: StepHead; readonly reason: string }
  | { readonly kind: "unchecked"; readonly step: StepHead; readonly reason: string }
  /** The steps of an enumeration that its sample left out (`left` of them), never written out. */
  | { readonly kind: "unsampled"; readonly steps: Enumeration; readonly left: number; readonly reason: string }
  | {
      readonly kind: "check";
      readonly step: StepHead;
      /**
       * Its instances: kept when small, made anew at each call when large (the sums of 100
       * bindings of net_k over 10^4 inputs, kept for every step, would hold 10^6 terms each).
       */
      readonly instances: () => readonly Instance[];
      /** How many instances `instances` gives. */
      readonly count: number;
      /** Index bindings in all, of which `instances` may be a sample. */
      readonly bindings: number;
      readonly lemma?: ElementwiseActivation;
      readonly worked: boolean;
    };

const NON_SCALAR = new Set<Expr["kind"]>(["tensor", "matrix", "transpose", "matmul", "hadamard", "ellipsis"]);

const hasSum = (e: Expr): boolean => e.kind === "sum" || children(e).some(hasSum);

/**
 * What the step check evaluates on its own, each with an error estimate (steps.ts, compare): a
 * derivative symbol, an error term delta_k, a derivative of a function. Evaluated alone, outside
 * the sums around it, so its indices must be concrete.
 */
export const isEstimated = (e: Expr): boolean =>
  e.kind === "deriv" || (e.kind === "sym" && e.name === "delta") || (e.kind === "call" && e.order > 0);
const hasEstimated = (e: Expr): boolean => isEstimated(e) || children(e).some(hasEstimated);

/**
 * The sums that hold an estimated leaf written out, so that its indices are concrete; the others
 * are left to the evaluator, which binds their index itself (net_k over 10^4 inputs is then one
 * node, not 10^4 terms made for every binding at every point).
 */
function expandNeeded(e: Expr, resolve: (s: IndexSet) => readonly number[] | undefined): Expr {
  if (e.kind === "sum") return hasEstimated(e.body) ? expandSums(e, resolve) : e;
  return hasSum(e) ? mapChildren(e, (c) => expandNeeded(c, resolve)) : e;
}

const MATRIX_FORM = "matrix form (its entries are checked as scalar steps)";

function nonScalar(e: Expr): boolean {
  return NON_SCALAR.has(e.kind) || children(e).some(nonScalar);
}

/** Why a step is not checked numerically, or undefined when it is. */
export function definitionReason(step: Step): string | undefined {
  if (step.relation === "define") return "definition";
  if (step.rule === "notation") return "notation";
  if (nonScalar(step.lhs) || nonScalar(step.rhs)) return MATRIX_FORM;
  return undefined;
}

function bindSet(s: IndexSet, binding: Readonly<Record<string, number>>): IndexSet {
  const bind = (i: Index): Index => {
    switch (i.kind) {
      case "node":
        return i;
      case "var":
        return binding[i.name] === undefined ? i : b.node(binding[i.name]!);
      case "bias":
        return b.bias(bind(i.of));
      case "example":
        return b.example(bind(i.of));
      default:
        return assertNever(i);
    }
  };
  return "of" in s ? { kind: s.kind, of: bind(s.of) } : s;
}

/** Every binding of a step's free indices, each set resolved after binding the ones before. */
export function bindings(network: Network, step: Step): Record<string, number>[] {
  let out: Record<string, number>[] = [{}];
  for (const f of step.forall) {
    out = out.flatMap((bd) => {
      const nodes = resolveSet(network, bindSet(f.set, bd));
      if (nodes === undefined) throw new Error(`step ${step.id}: the set ${setKey(f.set)} of ${f.index} does not resolve`);
      return nodes.map((n) => ({ ...bd, [f.index]: n }));
    });
  }
  return out;
}

/**
 * The bindings of a step's free indices by number, without listing them: how many there are,
 * and the i-th of them in the order bindings() lists them. The last index's set is only counted
 * (for w_{kj} over k in a layer and j in pred(k), 10^5 bindings cost one pass over the layer),
 * and the running counts under each value of an outer index are made once, so that each of a
 * sample's bindings is found by bisection (a sample of 100 out of the 10^4 nodes of a feature
 * map does not count the map 100 times over).
 */
export function indexed(network: Network, step: Step): { readonly count: number; at(i: number): Record<string, number> } {
  const last = step.forall.length - 1;
  const nodes = (level: number, bd: Readonly<Record<string, number>>): readonly number[] => {
    const f = step.forall[level]!;
    const set = resolveSet(network, bindSet(f.set, bd));
    if (set === undefined) throw new Error(`step ${step.id}: the set ${setKey(f.set)} of ${f.index} does not resolve`);
    return set;
  };
  /** An outer level's values under binding bd, each with the bindings up to and including it. */
  const running = new Map<string, { readonly set: readonly number[]; readonly ends: readonly number[] }>();
  const runningOf = (level: number, bd: Readonly<Record<string, number>>) => {
    const key = `${level}:${step.forall
      .slice(0, level)
      .map((f) => bd[f.index])
      .join(",")}`;
    let hit = running.get(key);
    if (hit === undefined) {
      const set = nodes(level, bd);
      const f = step.forall[level]!;
      let n = 0;
      hit = { set, ends: set.map((v) => (n += count(level + 1, { ...bd, [f.index]: v }))) };
      running.set(key, hit);
    }
    return hit;
  };
  const count = (level: number, bd: Readonly<Record<string, number>>): number => {
    if (level > last) return 1;
    if (level === last) return nodes(level, bd).length;
    return runningOf(level, bd).ends.at(-1) ?? 0;
  };
  const at = (i: number, level: number, bd: Record<string, number>): Record<string, number> => {
    if (level > last) return bd;
    const f = step.forall[level]!;
    if (level === last) {
      const set = nodes(level, bd);
      if (i < 0 || i >= set.length) throw new Error(`step ${step.id}: binding out of range`);
      return { ...bd, [f.index]: set[i]! };
    }
    const { set, ends } = runningOf(level, bd);
    // The first value whose running count passes i.
    let [lo, hi] = [0, ends.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! > i) hi = mid;
      else lo = mid + 1;
    }
    if (i < 0 || lo >= set.length) throw new Error(`step ${step.id}: binding out of range`);
    return at(i - (lo > 0 ? ends[lo - 1]! : 0), level + 1, { ...bd, [f.index]: set[lo]! });
  };
  return { count: count(0, {}), at: (i) => at(i, 0, {}) };
}

/** Calls to the lemma's own function, renamed so that the point scope answers them. */
function renameCalls(e: Expr, symbol: string): Expr {
  if (e.kind === "call" && e.fn === symbol)
    return { kind: "call", fn: LEMMA_FN, order: e.order, args: e.args.map((a) => renameCalls(a, symbol)) };
  return mapChildren(e, (c) => renameCalls(c, symbol));
}

export interface PlanOptions {
  readonly maxBindings: number;
  /** Steps checked per enumeration block (one step per node or weight); the rest are left out. */
  readonly maxPerBlock: number;
  readonly sample: Rng;
  readonly only?: ReadonlySet<string>;
  /** The examples of the worked example's batch, when it is over a mini-batch. */
  readonly workedExamples?: number;
  /** The examples of the batch the mini-batch section is checked at (default CHECK_EXAMPLES). */
  readonly batchExamples?: number;
  /** Reports a stage of its own, counted in the proof's steps (planning a large proof takes seconds). */
  readonly progress?: Progress;
}

export function planSteps(proof: Proof, options: PlanOptions): Plan[] {
  const plans: Plan[] = [];
  const progress = options.progress ?? NO_PROGRESS;
  const total = proof.sections.reduce((n, s) => s.blocks.reduce((m, blk) => m + (blk.kind === "steps" ? blk.steps.length : 0), n), 0);
  progress.stage("planning the step check", total);
  // Steps of the blocks planned so far; a sampled block counts all its steps as it goes.
  let done = 0;
  const visit = (section: Section): void => {
    for (const blk of section.blocks) {
      if (blk.kind !== "steps") continue;
      const start = done;
      const length = blk.steps.length;
      done += length;
      // A long enumeration repeats one index-form step per weight: a seeded sample of it is
      // checked, and the rest say so rather than claim a check.
      const long = blk.enumeration === true && blk.steps.length > options.maxPerBlock;
      const kept = long ? sampleIndices(blk.steps.length, options.maxPerBlock, options.sample) : undefined;
      const reason = `not checked: left out of the seeded sample (${options.maxPerBlock} of the ${blk.steps.length} steps of this enumeration are checked)`;
      const lazy = blk.steps instanceof Enumeration ? blk.steps : undefined;
      if (kept !== undefined && lazy !== undefined) {
        // Only the sampled steps are written out; the others are one range of the report.
        const chosen = options.only === undefined ? kept : kept.filter((i) => options.only!.has(lazy.idAt(i)));
        const left = options.only === undefined ? lazy.length - kept.length : 0;
        if (left > 0) plans.push({ kind: "unsampled", steps: lazy, left, reason });
        // Each sampled step made again when its instances are (an enumeration's step is not kept).
        chosen.forEach((i, n) => {
          plan(lazy.at(i)!, section, blk.lemma, () => lazy.at(i)!);
          progress.advance(start + Math.floor(((n + 1) * length) / chosen.length));
        });
        if (options.only !== undefined) {
          const sampled = new Set(kept);
          for (const id of options.only) {
            const i = lazy.indexOf(id);
            if (i !== undefined && !sampled.has(i)) plans.push({ kind: "unchecked", step: headOf(lazy.at(i)!), reason });
          }
        }
        progress.advance(done);
        continue;
      }
      const keep = kept === undefined ? undefined : new Set(kept);
      let i = -1;
      for (const step of blk.steps) {
        i++;
        progress.advance(start + i);
        if (options.only !== undefined && !options.only.has(step.id)) continue;
        if (keep !== undefined && !keep.has(i)) {
          plans.push({ kind: "unchecked", step: headOf(step), reason });
          continue;
        }
        plan(step, section, blk.lemma);
      }
    }
  };
  /** A step to check: a definition, or its instances (its index bindings, or a sample of them). */
  // Nodes of the instances kept so far, across all steps.
  let kept = 0;
  // A sum over the examples of a mini-batch runs over those of the batches it is checked at: the
  // worked example's own, or those drawn around each random point.
  const workedIds = Array.from({ length: options.workedExamples ?? 0 }, (_, i) => i + 1);
  const batchIds = options.batchExamples === undefined ? CHECK_EXAMPLE_IDS : Array.from({ length: options.batchExamples }, (_, i) => i + 1);
  const resolverOf =
    (section: Section) =>
    (s: IndexSet): readonly number[] | undefined =>
      s.kind === "examples" ? (section.id === WORKED_SECTION ? workedIds : batchIds) : resolveSet(proof.network, s);
  const plan = (step: Step, section: Section, lemma: ElementwiseActivation | undefined, again: () => Step = () => step): void => {
    const head = headOf(step);
    const reason = definitionReason(step);
    // A recurrent network's vector equation at concrete steps is checked entry by entry.
    const entries = reason === MATRIX_FORM ? entrySteps(proof.network, step.lhs, step.rhs) : undefined;
    if (entries !== undefined) {
      plans.push({
        kind: "check",
        step: head,
        instances: () => entries,
        count: entries.length,
        bindings: entries.length,
        worked: section.id === WORKED_SECTION,
      });
      return;
    }
    if (reason !== undefined) {
      plans.push({ kind: "definition", step: head, reason });
      return;
    }
    // Drawn by number: a sample of 100 out of 10^5 bindings lists 100.
    const all = indexed(proof.network, step);
    const chosen =
      all.count <= options.maxBindings
        ? bindings(proof.network, step)
        : sampleIndices(all.count, options.maxBindings, options.sample).map((n) => all.at(n));
    const resolve = resolverOf(section);
    const make = (source = again()): Instance[] =>
      chosen.map((bd): Instance => {
        const bind = (e: Expr): Expr => {
          // Sums around derivative symbols written out, so that those are concrete too. A tree
          // without sums is kept as it is: rebuilding would fold the worked example's numbers.
          const bound = hasSum(e) ? expandNeeded(bindAll(e, bd), resolve) : bindAll(e, bd);
          return lemma === undefined ? bound : renameCalls(bound, lemma.symbol);
        };
        const where = Object.entries(bd)
          .map(([k, v]) => `${k}=${v}`)
          .join(", ");
        return { where, lhs: bind(source.lhs), rhs: bind(source.rhs) };
      });
    // Written out when first checked, not here: the steps that the sample of the whole check
    // leaves out (capChecks) never are. Kept from point to point while small (`kept` counts
    // the nodes of those kept so far); made anew at each call otherwise.
    let held: readonly Instance[] | undefined;
    let sized = false;
    const instances = (): readonly Instance[] => {
      if (held !== undefined) return held;
      const made = make();
      if (!sized) {
        sized = true;
        const nodes = made.reduce((n, i) => n + size(i.lhs) + size(i.rhs), 0);
        if (nodes <= KEPT_INSTANCE_SIZE && kept + nodes <= KEPT_TOTAL_SIZE) {
          kept += nodes;
          held = made;
        }
      }
      return made;
    };
    plans.push({
      kind: "check",
      step: head,
      instances,
      count: chosen.length,
      bindings: all.count,
      worked: section.id === WORKED_SECTION,
      ...(lemma ? { lemma } : {}),
    });
  };
  proof.sections.forEach(visit);
  progress.advance(total);
  return plans;
}

/**
 * The step check's work, counted in instances times the network's nodes (the finite differences
 * of one instance run forward through up to every node): beyond it, unless every step is asked
 * for, a seeded sample of the steps is checked, in about a minute on a 2-core machine. Blocks
 * are already sampled one by one (maxPerBlock); this bounds their sum, which grows with the depth
 * of a network and with the number of distinct nodes of a DAG.
 */
export const CHECK_WORK = 150_000_000;

/** The plans with their checks beyond `maxInstances` instances left out (a seeded sample of the steps kept). */
export function capChecks(plans: readonly Plan[], maxInstances: number, sample: Rng): Plan[] {
  const at: number[] = [];
  let total = 0;
  plans.forEach((p, i) => {
    if (p.kind !== "check" || p.worked) return;
    at.push(i);
    total += p.count;
  });
  if (total <= maxInstances) return [...plans];
  const kept = Math.max(1, Math.floor((at.length * maxInstances) / total));
  const keep = new Set(sampleIndices(at.length, kept, sample).map((n) => at[n]!));
  const reason = `not checked: left out of the seeded sample (${kept} of the ${at.length} steps to check of this network are checked)`;
  return plans.map((p, i) => (p.kind === "check" && !p.worked && !keep.has(i) ? { kind: "unchecked", step: p.step, reason } : p));
}
