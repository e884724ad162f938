// Training on a mini-batch: n examples d = 1..n, each with the quantities of the one-example
// derivation (delta_k^{(d)}, y_j^{(d)}, its loss E_d). The batch loss is their mean (or sum);
// by linearity of the derivative its gradient is the mean (or sum) of the one-example gradients
// delta_k^{(d)} y_j^{(d)}; the update moves each weight once per batch. For the seed's layered
// networks the same in matrix form, the examples as columns: grad_W E = (1/n) Delta X~^T and
// Delta^{(l)} = f'(NET^{(l)}) (.) (Wbar^{(l+1)T} Delta^{(l+1)}). Nothing is derived twice: each
// example's delta is the one the earlier sections derived, and the checker evaluates the batch
// identities over a batch of examples of the one-example network (src/oracle/batch-point.ts).
import * as b from "../../expr/build.js";
import type { Expr, Index } from "../../expr/types.js";
import { reductionOf } from "../../network/batch.js";
import type { Builder } from "../builder.js";
import { nodesOf } from "../builder.js";
import { BATCH_SECTION, type Block, type ForAll, type Section } from "../proof.js";
import { dE, E, ETA, w, wb } from "../symbols.js";
import { nonInputLayers, v, weightedLayers } from "./roles.js";

/** The number of examples of a mini-batch. */
export const N = b.sym("n");
const d = v("d");
const ex = (i: Index): Index => b.example(i);
/** The quantity `name` of example d: delta_k^{(d)}, y_j^{(d)}. */
const atD = (name: string, i: Index): Expr => b.sym(name, i, ex(d));
/** E_d: the loss of example d alone. */
const Ed = b.sym("E", ex(d));

/**
 * (1/n) times x, printed as \frac{1}{n} x: 1/n is a factor of its own (a product of one power),
 * so the printer does not move n under the whole sum; under "sum", x itself.
 */
function reduce(mean: boolean, x: Expr): Expr {
  if (!mean) return x;
  const oneOverN: Expr = { kind: "mul", factors: [b.pow(N, b.MINUS_ONE)] };
  return { kind: "mul", factors: [oneOverN, x] };
}

const overExamples = (body: Expr): Expr => b.sum("d", b.EXAMPLES, body);

/** w - eta g, with g's factor 1/n kept in front of its sum (b.sub would fold it into one fraction). */
const descend = (weight: Expr, g: Expr): Expr => b.rawAdd(weight, b.rawMul(b.MINUS_ONE, ETA, g));

const W = (l: number): Expr => b.matSym("W", l);
const Wbar = (l: number): Expr => b.matSym("Wbar", l);
const Delta = (l: number): Expr => b.matSym("Delta", l);
const Xtilde = (l: number): Expr => b.matSym("Xtilde", l);
const NET = (l: number): Expr => b.matSym("NET", l);

/**
 * The section. `notes`: whether the notes show it (the spec gives a reduction, or the params a
 * batch); the proof style always has it, at its end.
 */
export function batchSection(bd: Builder, notes: boolean): Section {
  const network = bd.network;
  const mean = reductionOf(network) === "mean";
  const k = v("k");
  const j = v("j");
  const all = weightedLayers(network).flatMap((l) => l.nodes);
  const overK: ForAll[] = [{ index: "k", set: nodesOf(all) }];
  const overKJ: ForAll[] = [...overK, { index: "j", set: { kind: "preds", of: k } }];
  const biased = all.filter((n) => network.nodes[n]!.bias);
  const overBiased: ForAll[] = [{ index: "k", set: nodesOf(biased) }];
  const perWeight = reduce(mean, overExamples(b.mul(atD("delta", k), atD("y", j))));
  const perBias = reduce(mean, overExamples(atD("delta", k)));
  const blocks: Block[] = [
    bd.text("p-batch-intro", { n: N, d: b.indexValue(d), deltakd: atD("delta", k), yjd: atD("y", j), Ed }),
    bd.text(mean ? "p-batch-mean" : "p-batch-sum"),
    bd.steps([bd.step(E, reduce(mean, overExamples(Ed)), "definition", "def-batch-loss", { relation: "define" })]),
    bd.text("p-batch-gradient", { deltakd: atD("delta", k), yjd: atD("y", j), d: b.indexValue(d) }),
    bd.steps(
      bd.chain(
        dE(w(k, j)),
        [
          [reduce(mean, overExamples(b.deriv(Ed, w(k, j)))), "linearity", "batch-linearity"],
          [perWeight, "substitution", "batch-example-gradient"],
        ],
        overKJ,
      ),
    ),
    ...(biased.length === 0
      ? []
      : [
          bd.steps(
            bd.chain(
              dE(wb(k)),
              [
                [reduce(mean, overExamples(b.deriv(Ed, wb(k)))), "linearity", "batch-linearity"],
                [perBias, "substitution", "batch-example-gradient"],
              ],
              overBiased,
            ),
          ),
        ]),
    bd.text(mean ? "p-batch-update-mean" : "p-batch-update-sum", { eta: ETA }),
    bd.steps([
      bd.step(w(k, j), descend(w(k, j), perWeight), "gradient-descent", "update-rule", { relation: "update", forall: overKJ }),
      ...(biased.length === 0
        ? []
        : [bd.step(wb(k), descend(wb(k), perBias), "gradient-descent", "update-rule", { relation: "update", forall: overBiased })]),
    ]),
    ...matrixBlocks(bd, mean),
    bd.text("p-batch-sizes", { n: N, eta: ETA }),
    ...(mean ? [] : [bd.text("p-batch-sizes-sum", { eta: ETA, n: N })]),
  ];
  // Placed last, so in the proof's appendix; the notes, where they show it, put it in the body
  // before the worked example.
  return {
    id: BATCH_SECTION,
    title: bd.title("sec-batch"),
    blocks,
    ...(notes ? {} : { part: "appendix" as const, show: "proof" as const }),
  };
}

/** The matrix form, for the seed's consecutive dense layers (elsewhere the node-by-node form is the form). */
function matrixBlocks(bd: Builder, mean: boolean): Block[] {
  const network = bd.network;
  if (!network.plain) return [];
  const layers = nonInputLayers(network);
  const blocks: Block[] = [
    bd.text("p-batch-matrix", {
      d: b.indexValue(d),
      Delta: Delta(1),
      deltavec: b.vecSym("delta", [], 1),
      X: Xtilde(0),
      x: b.vecSym("x"),
      NET: NET(1),
      product: b.mul(atD("delta", v("k")), atD("y", v("j"))),
    }),
  ];
  const steps = layers.map((layer) => {
    const l = layer.index;
    return bd.step(dE(W(l)), reduce(mean, b.matmul(Delta(l), b.transpose(Xtilde(l - 1)))), "notation", "mx-batch-gradient");
  });
  blocks.push(bd.steps(steps));
  // Column d of each side is the matrix section's identity for the error vector of a hidden
  // layer at example d: elementwise activations only (softmax has its Jacobian there).
  const hidden = layers.filter((l) => l.role === "hidden" && l.activation!.elementwise);
  if (hidden.length > 0) {
    blocks.push(bd.text("p-batch-matrix-delta"));
    blocks.push(
      bd.steps(
        hidden.map((layer) => {
          const l = layer.index;
          const f = layer.fn!;
          const rhs = b.hadamard(b.call(f, [NET(l)], 1), b.matmul(b.transpose(Wbar(l + 1)), Delta(l + 1)));
          return bd.step(Delta(l), rhs, "notation", "mx-batch-delta");
        }),
      ),
    );
  }
  blocks.push(bd.text("p-batch-matrix-update", { eta: ETA }));
  blocks.push(
    bd.steps(
      layers.map((layer) =>
        bd.step(W(layer.index), b.sub(W(layer.index), b.mul(ETA, dE(W(layer.index)))), "gradient-descent", "update-rule", {
          relation: "update",
        }),
      ),
    ),
  );
  return blocks;
}
