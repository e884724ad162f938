// The numbers of a sheet: small, two decimals, drawn from the sheet's seed, and chosen so that no
// activation saturates (a sigmoid or tanh far out on its flat tail, a ReLU off or at its kink, a
// softmax output near 0 or 1): a student then sees every term of every formula at work.
import { softmaxOutputGroups } from "../network/graph.js";
import type { Network } from "../network/graph.js";
import type { Params } from "../network/params.js";
import { forwardPass } from "../oracle/forward.js";
import { rng, uniform, type Rng } from "../oracle/rng.js";

const two = (v: number): number => Math.round(v * 100) / 100;
/** A number of two decimals in [lo, hi], never 0 (a zero hides its term of every sum). */
function small(r: Rng, lo: number, hi: number): number {
  const v = two(uniform(r, lo, hi));
  return v === 0 ? 0.05 : v;
}

/** The learning rates a sheet draws from: numbers a student multiplies by hand. */
const ETAS = [0.1, 0.2, 0.25, 0.5];
/** Draws before the sheet settles for nodes that are merely off their kinks. */
const STRICT_DRAWS = 400;
const MAX_DRAWS = 2000;
/** The slope, relative to the slope at 0, below which an activation counts as saturated. */
const FLAT = 0.2;
/** How far a weighted input must stay from a kink. */
const KINK_MARGIN = 0.05;

function targetsOf(network: Network, r: Rng): number[] {
  const targets = network.outputs.map(() => (network.loss.targets === "unit-interval" ? (r() < 0.5 ? 0 : 1) : small(r, 0.05, 0.95)));
  if (network.loss.targets === "distribution") {
    // One-hot over each softmax group (over all the outputs without one): a class label.
    const groups = softmaxOutputGroups(network);
    for (const g of groups.length > 0 ? groups : [targets.map((_, i) => i)]) {
      const hot = g[Math.floor(r() * g.length)]!;
      for (const i of g) targets[i] = i === hot ? 1 : 0;
    }
  }
  return targets;
}

function draw(network: Network, r: Rng): Params {
  const kinked = (k: number): boolean => network.layers[network.nodes[k]!.layer]!.activation!.kinks.length > 0;
  const inputs = network.inputs.map(() => small(r, -1, 1));
  const values = network.params.map((p) => (p.from === "b" && kinked(p.to) ? small(r, 0.1, 0.5) : small(r, -0.6, 0.6)));
  return { inputs, targets: targetsOf(network, r), eta: ETAS[Math.floor(r() * ETAS.length)]!, values };
}

const slope = (f: (x: number) => number, x: number): number => (f(x + 1e-4) - f(x - 1e-4)) / 2e-4;

/** Whether every node works away from its flat tails and kinks (strict: every ReLU is on). */
export function unsaturated(network: Network, p: Params, strict: boolean): boolean {
  const pass = forwardPass(network, p);
  if (!Number.isFinite(pass.E)) return false;
  for (const layer of network.layers.slice(1)) {
    const a = layer.activation!;
    for (const k of layer.nodes) {
      const net = pass.net[k]!;
      if (a.kinks.some((c) => Math.abs(net - c) < KINK_MARGIN)) return false;
      if (!a.elementwise) {
        const y = pass.y[k]!;
        if (y < 0.02 || y > 0.98) return false;
        continue;
      }
      const at0 = Math.abs(slope(a.value, 0));
      if (at0 > 0 && Math.abs(slope(a.value, net)) < FLAT * at0 && (strict || a.kinks.length === 0)) return false;
    }
  }
  return true;
}

/** Further examples of a mini-batch at the sheet's weights, each saturating nothing where it can. */
export function moreExamples(network: Network, p: Params, n: number, seed: number): { inputs: number[]; targets: number[] }[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => {
    let last = { inputs: network.inputs.map(() => small(r, -1, 1)), targets: targetsOf(network, r) };
    for (let i = 0; i < MAX_DRAWS && !unsaturated(network, { ...p, ...last }, i < STRICT_DRAWS); i++)
      last = { inputs: network.inputs.map(() => small(r, -1, 1)), targets: targetsOf(network, r) };
    return last;
  });
}

/** The sheet's numbers for its seed: the first draw that saturates nothing. */
export function sheetParams(network: Network, seed: number): Params {
  const r = rng(seed);
  let last = draw(network, r);
  for (let i = 0; i < MAX_DRAWS; i++) {
    if (unsaturated(network, last, i < STRICT_DRAWS)) return last;
    last = draw(network, r);
  }
  return last;
}
