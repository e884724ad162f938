// A recurrent network's numbers in its own shapes, and the graph's in the unrolled numbering:
// params { inputs: T rows of n_x, targets: a row of n_y per step with a loss, h0?, eta,
// weights: { U, W, V, b, c } } (row = receiving unit) become the flat Params of the unrolled
// graph (inputs x^{(1)}..x^{(T)} then h^{(0)}; one value per shared entry); and a graph
// evaluation is read back per step and per matrix.
import { InputError } from "../../errors.js";
import type { Batch } from "../batch.js";
import type { Network } from "../graph.js";
import { paramIndex, type Params } from "../params.js";
import { validate } from "../schema.js";
import type { SharedParam } from "./cell.js";
import type { RecurrentLayout } from "./recurrent.js";
import { RecurrentParamsSchema } from "./recurrent-schema.js";

/** The recurrent layout of a network parsed from the recurrent form. */
export function layoutOf(network: Network): RecurrentLayout {
  const l = network.spec.recurrent;
  if (l === undefined) throw new Error("not a recurrent network");
  return l;
}

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? "" : "s"}`;

function rows(v: readonly (readonly number[])[], count: number, width: number, field: string, what: string): void {
  if (v.length !== count) throw new InputError(field, `has ${plural(v.length, "row")}; must have ${count} (${what}), each of ${width}`);
  v.forEach((r, i) => {
    if (r.length !== width) throw new InputError(`${field}[${i}]`, `has ${plural(r.length, "number")}; must have ${width} (${what})`);
  });
}

/** The params of one sequence, as the unrolled graph's Params (a batch of one). */
export function recurrentParams(network: Network, input: unknown): Batch & { readonly given: "pair" } {
  const l = layoutOf(network);
  const o = validate(RecurrentParamsSchema, input, "params");
  const { x, h, y } = l.sizes;
  rows(o.inputs, l.steps, x, "params.inputs", `one row x^(t) per step, n_x = ${x}`);
  const last = l.lossAt === "last";
  rows(
    o.targets,
    l.lossSteps.length,
    y,
    "params.targets",
    last ? `the loss is at the last step only: one row, n_y = ${y}` : `one row per step, n_y = ${y}`,
  );
  if (o.h0 !== undefined && o.h0.length !== h)
    throw new InputError("params.h0", `has ${plural(o.h0.length, "number")}; must have ${h} (the initial state, n_h = ${h})`);
  o.targets.forEach((r, i) => checkRow(network, r, `params.targets[${i}]`));
  const index = paramIndex(network);
  const values = new Array<number>(network.params.length).fill(Number.NaN);
  for (const s of l.shared) {
    const given = o.weights[s.name as keyof typeof o.weights];
    const at = `params.weights.${s.name}`;
    if (s.cols === 0) {
      const v = given as readonly number[];
      if (v.length !== s.rows) throw new InputError(at, `has ${plural(v.length, "number")}; must have ${s.rows}`);
      v.forEach((w, r) => (values[index.get(s.keys[r]!)!] = w));
    } else {
      const m = given as readonly (readonly number[])[];
      rows(m, s.rows, s.cols, at, `${s.rows} rows of ${s.cols}, row = receiving unit`);
      m.forEach((row, r) => row.forEach((w, c) => (values[index.get(s.keys[r * s.cols + c]!)!] = w)));
    }
  }
  const inputs = [...o.inputs.flat(), ...(o.h0 ?? new Array<number>(h).fill(0))];
  return { examples: [{ inputs, targets: o.targets.flat() }], eta: o.eta, values, given: "pair" };
}

/** A row of targets fits the loss: in [0, 1], or a distribution summing to 1 under softmax. */
function checkRow(network: Network, row: readonly number[], field: string): void {
  const domain = network.loss.targets;
  row.forEach((t, i) => {
    if (domain === "unit-interval" && (t < 0 || t > 1))
      throw new InputError(`${field}[${i}]`, `is ${t}; ${network.loss.id} needs targets in [0, 1]`);
    if (domain === "distribution" && t < 0)
      throw new InputError(`${field}[${i}]`, `is ${t}; ${network.loss.id} needs non-negative targets`);
  });
  const softmax = network.layers.some((g) => g.role === "output" && g.activation?.elementwise === false);
  if (domain === "distribution" && softmax) {
    const sum = row.reduce((a, t) => a + t, 0);
    if (Math.abs(sum - 1) > 1e-9)
      throw new InputError(field, `sums to ${sum}; softmax with ${network.loss.id} assumes each step's targets sum to 1`);
  }
}

/** Params of the unrolled graph in the recurrent shapes (the inverse of recurrentParams). */
export function recurrentParamsJson(network: Network, p: Params): Record<string, unknown> {
  const l = layoutOf(network);
  const { x, h, y } = l.sizes;
  const chunk = (v: readonly number[], n: number): number[][] =>
    Array.from({ length: v.length / n }, (_, i) => v.slice(i * n, (i + 1) * n));
  return {
    inputs: chunk(p.inputs.slice(0, l.steps * x), x),
    targets: chunk(p.targets, y),
    h0: p.inputs.slice(l.steps * x, l.steps * x + h),
    eta: p.eta,
    weights: sharedValues(network, (i) => p.values[i]!),
  };
}

/** Each shared parameter in its shape (matrix rows, or a vector), from a value per graph parameter. */
export function sharedValues(network: Network, value: (param: number) => number): Record<string, number[] | number[][]> {
  const index = paramIndex(network);
  const at = (s: SharedParam, e: number): number => value(index.get(s.keys[e]!)!);
  const out: Record<string, number[] | number[][]> = {};
  for (const s of layoutOf(network).shared) {
    out[s.name] =
      s.cols === 0
        ? Array.from({ length: s.rows }, (_, r) => at(s, r))
        : Array.from({ length: s.rows }, (_, r) => Array.from({ length: s.cols }, (_, c) => at(s, r * s.cols + c)));
  }
  return out;
}

interface GraphEvaluation {
  readonly E: number;
  readonly nodes: Readonly<Record<string, { readonly net: number; readonly y: number; readonly delta: number }>>;
  readonly gradients: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly updated: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface RecurrentStep {
  readonly h: number[];
  /** At the steps that carry a loss only. */
  readonly yhat?: number[];
  /** delta.h = dE/da^{(t)}; delta.o = dE/do^{(t)} at the steps that carry a loss. */
  readonly delta: { readonly h: number[]; readonly o?: number[] };
}

/** evaluate's answer for a recurrent network: E, each step's h, yhat and deltas, U, W, V, b, c's gradients and updates. */
export function recurrentEvaluation(network: Network, ev: GraphEvaluation) {
  const l = layoutOf(network);
  const node = (k: number) => ev.nodes[k]!;
  const steps: RecurrentStep[] = [];
  for (let t = 1; t <= l.steps; t++) {
    const hs = l.ids[t]!.get("h")!;
    const ys = l.ids[t]!.get("y");
    steps.push({
      h: hs.map((k) => node(k).y),
      ...(ys === undefined ? {} : { yhat: ys.map((k) => node(k).y) }),
      delta: { h: hs.map((k) => node(k).delta), ...(ys === undefined ? {} : { o: ys.map((k) => node(k).delta) }) },
    });
  }
  const read = (m: GraphEvaluation["gradients"]) => (i: number) => {
    const p = network.params[i]!;
    return m[p.to]![String(p.from)]!;
  };
  return { E: ev.E, steps, gradients: sharedValues(network, read(ev.gradients)), updated: sharedValues(network, read(ev.updated)) };
}
