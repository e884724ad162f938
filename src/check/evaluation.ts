// The numbers of a worked example, as `evaluate` prints them: E, every node's net, y and delta,
// every gradient and updated weight, each computed by evaluating the derived expressions. A
// quantity that is not finite is never printed as null: NotFinite names the first one.
import type { Proof } from "../derive/proof.js";
import { nameOf, type Params } from "../network/params.js";
import type { Batch } from "../network/batch.js";
import { batchValues } from "./batch.js";
import { derivedValues, type Derived } from "./derived.js";
import { KinkError } from "./sampling.js";

export interface Evaluation {
  readonly E: number;
  readonly nodes: Record<string, { readonly net: number; readonly y: number; readonly delta: number }>;
  readonly gradients: Record<string, Record<string, number>>;
  readonly updated: Record<string, Record<string, number>>;
}

/** A quantity of the worked example overflowed (or is undefined): exit 1, naming it. */
export class NotFinite extends KinkError {}

/** A mini-batch: E the batch loss, each example's E_d and nodes, the batch gradients and one update. */
export interface BatchEvaluation {
  readonly E: number;
  readonly examples: readonly { readonly E: number; readonly nodes: Evaluation["nodes"] }[];
  readonly gradients: Evaluation["gradients"];
  readonly updated: Evaluation["updated"];
}

const finite = (v: number, what: string): number => {
  if (Number.isNaN(v))
    throw new NotFinite(
      `${what} is NaN at these params: its formula is undefined there (such as 0/0), so the example cannot be evaluated; give params away from that point`,
    );
  if (!Number.isFinite(v))
    throw new NotFinite(
      `${what} is ${v} at these params (not a finite number), so the example cannot be evaluated; smaller weights or inputs avoid the overflow`,
    );
  return v;
};

function nodesOf(proof: Proof, d: Derived, at = ""): Evaluation["nodes"] {
  const nodes: Record<string, { net: number; y: number; delta: number }> = {};
  for (const n of proof.network.nodes) {
    if (!proof.forward.has(n.id)) continue;
    const k = n.id;
    nodes[k] = { net: finite(d.net(k), `net_${k}${at}`), y: finite(d.y(k), `y_${k}${at}`), delta: finite(d.delta(k), `delta_${k}${at}`) };
  }
  return nodes;
}

function weightsOf(proof: Proof, d: { gradient(i: number): number; update(i: number): number }): Pick<Evaluation, "gradients" | "updated"> {
  const gradients: Record<string, Record<string, number>> = {};
  const updated: Record<string, Record<string, number>> = {};
  proof.network.params.forEach((q, i) => {
    (gradients[q.to] ??= {})[String(q.from)] = finite(d.gradient(i), `the gradient dE/d${nameOf(q)}`);
    (updated[q.to] ??= {})[String(q.from)] = finite(d.update(i), `the updated ${nameOf(q)}`);
  });
  return { gradients, updated };
}

export function evaluation(proof: Proof, p: Params): Evaluation {
  const d = derivedValues(proof, p);
  const E = finite(d.E(), "E");
  return { E, nodes: nodesOf(proof, d), ...weightsOf(proof, d) };
}

/** The numbers of a mini-batch, from the one-example derived formulas at each example. */
export function batchEvaluation(proof: Proof, batch: Batch): BatchEvaluation {
  const v = batchValues(proof, batch);
  const examples = batch.examples.map((_, d) => {
    const x = v.example(d);
    const at = ` of example ${d + 1}`;
    return { E: finite(x.E(), `E${at}`), nodes: nodesOf(proof, x, at) };
  });
  return { E: finite(v.E(), "E"), examples, ...weightsOf(proof, v) };
}
