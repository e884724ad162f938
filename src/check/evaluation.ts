// The numbers of a worked example, as `evaluate` prints them: E, every node's net, y and delta,
// every gradient and updated weight, each computed by evaluating the derived expressions. A
// quantity that is not finite is never printed as null: NotFinite names the first one.
import type { Proof } from "../derive/proof.js";
import { nameOf, type Params } from "../network/params.js";
import { derivedValues } from "./derived.js";
import { KinkError } from "./sampling.js";

export interface Evaluation {
  readonly E: number;
  readonly nodes: Record<string, { readonly net: number; readonly y: number; readonly delta: number }>;
  readonly gradients: Record<string, Record<string, number>>;
  readonly updated: Record<string, Record<string, number>>;
}

/** A quantity of the worked example overflowed (or is undefined): exit 1, naming it. */
export class NotFinite extends KinkError {}

export function evaluation(proof: Proof, p: Params): Evaluation {
  const network = proof.network;
  const d = derivedValues(proof, p);
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
  const E = finite(d.E(), "E");
  const nodes: Record<string, { net: number; y: number; delta: number }> = {};
  for (const n of network.nodes) {
    if (!proof.forward.has(n.id)) continue;
    const k = n.id;
    nodes[k] = { net: finite(d.net(k), `net_${k}`), y: finite(d.y(k), `y_${k}`), delta: finite(d.delta(k), `delta_${k}`) };
  }
  const gradients: Record<string, Record<string, number>> = {};
  const updated: Record<string, Record<string, number>> = {};
  network.params.forEach((q, i) => {
    (gradients[q.to] ??= {})[String(q.from)] = finite(d.gradient(i), `the gradient dE/d${nameOf(q)}`);
    (updated[q.to] ??= {})[String(q.from)] = finite(d.update(i), `the updated ${nameOf(q)}`);
  });
  return { E, nodes, gradients, updated };
}
