// The meaning of the mini-batch section's symbols at one point: a batch of examples of the one
// network at the same weights, each example's quantities those of its own PointValues (the
// one-example oracle: forward pass and numeric derivatives). A symbol of example d (delta_k^{(d)},
// y_j^{(d)}, E_d) is that example's; E is the batch loss, the mean (or sum) of the E_d; dE/dw is
// the numeric derivative of that whole E, the mean (or sum) of the examples' differences at the
// same step, and its estimated error the mean (or sum) of theirs. n is the number of examples.
import { EvalError, type Scope } from "../expr/evaluate.js";
import * as b from "../expr/build.js";
import type { Expr, Index } from "../expr/types.js";
import { batchScale, exampleParams, type Batch } from "../network/batch.js";
import type { Network } from "../network/graph.js";
import type { Params } from "../network/params.js";
import { addTally, clearTally, newTally, type Method, type Tally } from "./differences.js";
import type { ForwardPass } from "./forward.js";
import { PointValues } from "./point.js";
import { randomParams } from "./random.js";
import type { Rng } from "./rng.js";

/** Examples in the batches at which the mini-batch section's steps are checked. */
export const CHECK_EXAMPLES = 3;
/** The examples 1..CHECK_EXAMPLES, as a sum over the batch resolves them. */
export const CHECK_EXAMPLE_IDS: readonly number[] = Array.from({ length: CHECK_EXAMPLES }, (_, i) => i + 1);

/**
 * A batch of CHECK_EXAMPLES examples at the weights and eta of `p`: the first is p's own example,
 * the others seeded draws of inputs and targets that fit the loss.
 */
export function checkBatch(network: Network, p: Params, r: Rng): Batch {
  const examples = [{ inputs: p.inputs, targets: p.targets }];
  while (examples.length < CHECK_EXAMPLES) {
    const q = randomParams(network, r);
    examples.push({ inputs: q.inputs, targets: q.targets });
  }
  return { examples, eta: p.eta, values: p.values };
}

const E = b.sym("E");

/** The example a symbol belongs to (1..n), and the symbol's other indices. */
function split(idx: readonly Index[]): { d: number | undefined; rest: Index[] } {
  let d: number | undefined;
  const rest: Index[] = [];
  for (const i of idx) {
    if (i.kind === "example") {
      if (i.of.kind !== "node") throw new EvalError("no value for a quantity of an unbound example");
      d = i.of.n;
    } else rest.push(i);
  }
  return { d, rest };
}

/** What the step check reads of a point (steps.ts), for a batch. */
export class BatchPoint {
  readonly tally: Tally = newTally();
  readonly params: Params;
  readonly base: Pick<ForwardPass, "E">;
  private readonly points: readonly PointValues[];
  private readonly scale: number;

  constructor(
    readonly network: Network,
    batch: Batch,
    readonly method: Method,
  ) {
    this.points = batch.examples.map((_, d) => new PointValues(network, exampleParams(batch, d), method));
    this.params = exampleParams(batch, 0);
    this.scale = batchScale(network, batch.examples.length);
    let s = 0;
    for (const p of this.points) s += p.base.E;
    this.base = { E: this.scale * s };
  }

  private example(d: number): PointValues {
    const p = this.points[d - 1];
    if (p === undefined) throw new EvalError(`no example ${d} in a batch of ${this.points.length}`);
    return p;
  }

  /** A value of one example's point, its tally added to the batch's. */
  private of<T>(p: PointValues, f: () => T): T {
    clearTally(p.tally);
    const v = f();
    addTally(this.tally, p.tally);
    return v;
  }

  /** d(E)/d(wrt) of the batch loss: the reduction of the examples' derivatives, their errors added. */
  private batchDerivative(wrt: Expr): number {
    let value = 0;
    let noise = 0;
    for (const p of this.points) {
      clearTally(p.tally);
      value += p.derivative(E, wrt);
      noise += p.tally.noise;
      addTally(this.tally, p.tally);
    }
    this.tally.noise = Math.max(this.tally.noise, this.scale * noise);
    return this.scale * value;
  }

  scope(): Scope {
    const first = this.points[0]!.scope();
    return {
      sym: (name, idx) => {
        const { d, rest } = split(idx);
        if (d !== undefined) {
          const p = this.example(d);
          if (name === "E" && rest.length === 0) return p.base.E;
          return this.of(p, () => p.scope().sym(name, rest));
        }
        if (idx.length === 0 && name === "n") return this.points.length;
        if (idx.length === 0 && name === "E") return this.base.E;
        // The weights and eta, the same at every example; a quantity with no example named is the first's.
        return this.of(this.points[0]!, () => first.sym(name, idx));
      },
      set: (s) => (s.kind === "examples" ? this.points.map((_, i) => i + 1) : first.set(s)),
      call: (fn, order, args, node) => this.of(this.points[0]!, () => first.call!(fn, order, args, node)),
      deriv: (of, wrt) => {
        if (of.kind === "sym" && of.name === "E") {
          const { d, rest } = split(of.idx);
          if (rest.length === 0 && d === undefined) return this.batchDerivative(wrt);
          if (rest.length === 0 && d !== undefined) {
            const p = this.example(d);
            return this.of(p, () => p.derivative(E, wrt));
          }
        }
        throw new EvalError("a derivative other than of the loss inside a mini-batch step cannot be checked");
      },
    };
  }
}
