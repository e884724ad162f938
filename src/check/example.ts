// The numbers of the worked example the notes carry when no params are given: small, fixed and
// reproducible (one seeded generator, every number rounded to two decimals), so that a student
// can follow every step by hand. ReLU-like nodes get positive biases so that most of them are
// active; targets fit the loss (one-hot over a softmax group, 0 or 1 for binary cross-entropy).
import { activationOf, distributionGroups, type Network } from "../network/graph.js";
import type { Params } from "../network/params.js";
import { rng, uniform, type Rng } from "../oracle/rng.js";

/** The generator's seed: the same numbers for the same network, every time. */
const SEED = 2017;
/** Above this many weights and biases the notes carry no example of their own (it would fill pages). */
export const EXAMPLE_MAX_PARAMS = 120;

const two = (v: number): number => Math.round(v * 100) / 100;
/** A number of two decimals in [lo, hi], never 0 (a zero hides its term of every sum). */
function small(r: Rng, lo: number, hi: number): number {
  const v = two(uniform(r, lo, hi));
  return v === 0 ? 0.05 : v;
}

export function exampleParams(network: Network): Params {
  const r = rng(SEED);
  const inputs = network.inputs.map(() => small(r, 0.05, 1));
  const kinked = (k: number): boolean => activationOf(network, k)!.kinks.length > 0;
  const values = network.params.map((p) => (p.from === "b" && kinked(p.to) ? small(r, 0.1, 0.5) : small(r, -0.5, 0.5)));
  const targets = network.outputs.map(() => (network.loss.targets === "unit-interval" ? (r() < 0.5 ? 0 : 1) : small(r, 0.05, 0.95)));
  if (network.loss.targets === "distribution") {
    // One-hot over each softmax group (over all the outputs without one): a class label.
    for (const g of distributionGroups(network)) {
      const hot = g[Math.floor(r() * g.length)]!;
      for (const i of g) targets[i] = i === hot ? 1 : 0;
    }
  }
  return { inputs, targets, eta: 0.5, values };
}
