// The worked example over a mini-batch: the given examples as a table, each example's forward
// pass and error terms as tables, the first example written out in full (its quantities marked
// ^{(1)}), the batch loss, the averaged (or summed) gradients and the updates, and the batch
// loss before and after the update. Like the one-example worked example, it only writes the
// numbers it is given (src/check/worked-batch.ts computes them), and its steps are checked at
// the given batch.
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import { expandSums, mapChildren } from "../../expr/walk.js";
import type { Builder } from "../builder.js";
import { WORKED_SECTION, type Block, type Proof, type Section, type Step } from "../proof.js";
import { dE, delta, E, ETA, layerLetters, lossWritten, net, t, x, y } from "../symbols.js";
import { N } from "./batch.js";
import { checkSummary, round, substitute, type WorkedCheck } from "./worked.js";
import { reductionOf } from "../../network/batch.js";

/** Everything the worked example over a batch prints, computed by the caller. */
export interface BatchWorkedValues {
  readonly digits: number;
  readonly examples: readonly { readonly inputs: readonly number[]; readonly targets: readonly number[] }[];
  readonly eta: number;
  readonly values: readonly number[];
  /** The value of a symbol (w, eta, E, and x, y, net, delta, t, E of an example d) at the batch. */
  value(symbol: Expr): number;
  /** Quantities of example d (from 1). */
  net(d: number, k: number): number;
  y(d: number, k: number): number;
  delta(d: number, k: number): number;
  loss(d: number): number;
  /** The batch loss before the update, and after it. */
  readonly E: number;
  readonly after: number;
  gradient(i: number): number;
  update(i: number): number;
  readonly check: WorkedCheck;
}

/** Rows of the tables beyond which only the first are shown. */
export const TABLE_ROWS = 50;
/** Examples up to which a sum over the batch is also shown with its numbers substituted. */
export const SUBSTITUTED_EXAMPLES = 4;

const PER_EXAMPLE = new Set(["x", "y", "net", "delta", "t"]);

/** The tree with every per-example quantity (and E) marked as example d's (a number, or the index d). */
function atExample(e: Expr, d: number | "d"): Expr {
  if (e.kind === "sym") {
    if (e.idx.some((i) => i.kind === "example")) return e;
    const ex = b.example(d === "d" ? b.ivar("d") : b.node(d));
    if (PER_EXAMPLE.has(e.name) || (e.name === "E" && e.idx.length === 0)) return b.sym(e.name, ...e.idx, ex);
    return e;
  }
  return mapChildren(e, (c) => atExample(c, d));
}

/** (1/n) x under the mean (1/n a factor of its own, printed in front), x under the sum. */
function reduced(mean: boolean, x: Expr): Expr {
  return mean ? { kind: "mul", factors: [{ kind: "mul", factors: [b.pow(N, b.MINUS_ONE)] }, x] } : x;
}

export function workedBatchSection(bd: Builder, proof: Proof, values: BatchWorkedValues): Section {
  const network = proof.network;
  const digits = values.digits;
  const n = values.examples.length;
  const mean = reductionOf(network) === "mean";
  const letters = layerLetters(network);
  const r = (v: number): number => round(v, digits);
  const num = (v: number): Expr => b.num(r(v));
  const examples = (body: Expr): Expr => b.sum("d", b.EXAMPLES, body);
  // A sum over the examples written out, with n itself a number: what the numbers substitute into.
  const written = (e: Expr): Expr => expandSums(e, (s) => (s.kind === "examples" ? values.examples.map((_, i) => i + 1) : undefined));
  /** q = formula = substituted = result, leaving out what repeats the line before. */
  const chain = (lhs: Expr, formula: Expr, result: number, opts: { relation?: "eq" | "update"; substitute?: boolean } = {}): Step[] => {
    const relation = opts.relation ?? "eq";
    const steps: Step[] = [];
    const o = (): { relation: "eq" | "update"; continues: boolean } => ({ relation, continues: steps.length > 0 });
    if (formula !== lhs) steps.push(bd.step(lhs, formula, "substitution", "worked-formula", o()));
    if (opts.substitute !== false) {
      const subst = substitute(written(formula), (s) => (s.kind === "sym" && s.name === "n" ? n : r(values.value(s))), letters);
      if (subst.kind !== "num") steps.push(bd.step(lhs, subst, "substitution", "worked-substitute", o()));
    }
    steps.push(bd.step(lhs, num(result), "simplification", "worked-evaluate", o()));
    return steps;
  };
  const given = (lhs: Expr, v: number): Step => bd.step(lhs, num(v), "definition", "worked-given", { relation: "define" });
  const nonInput = network.nodes.filter((q) => q.layer > 0).map((q) => q.id);
  const dIndex = b.indexValue(b.ivar("d"));
  const shown = Math.min(n, TABLE_ROWS);
  const table = (head: Expr[], row: (d: number) => number[]): Block[] => [
    ...(shown < n ? [bd.text("p-worked-batch-first", { shown, n })] : []),
    bd.row([dIndex, ...head], "head"),
    ...Array.from({ length: shown }, (_, i) => bd.row([b.num(i + 1), ...row(i + 1).map(num)])),
  ];

  const blocks: Block[] = [bd.text("p-worked-batch-intro", { digits, n })];
  // The given numbers: the examples as a table, eta and the weights as for one example.
  blocks.push(bd.text("p-worked-batch-given"));
  blocks.push(
    ...table([...network.inputs.map((k) => x(k)), ...network.outputs.map((k) => t(k))], (d) => [
      ...values.examples[d - 1]!.inputs,
      ...values.examples[d - 1]!.targets,
    ]),
  );
  blocks.push(
    bd.text("p-worked-batch-weights"),
    bd.steps([given(ETA, values.eta), ...[...proof.results.params].map((q, i) => given(q.symbol, values.values[i]!))], {
      enumeration: true,
    }),
  );
  // Each example's forward pass and error terms.
  const Ed = b.sym("E", b.example(b.ivar("d")));
  blocks.push(bd.text("p-worked-batch-forward", { Ed }));
  blocks.push(
    ...table([...nonInput.flatMap((k) => [net(k), y(k)]), Ed], (d) => [
      ...nonInput.flatMap((k) => [values.net(d, k), values.y(d, k)]),
      values.loss(d),
    ]),
  );
  blocks.push(bd.text("p-worked-batch-deltas"));
  blocks.push(
    ...table(
      nonInput.map((k) => delta(k)),
      (d) => nonInput.map((k) => values.delta(d, k)),
    ),
  );
  // The first example in full.
  blocks.push(bd.text("p-worked-batch-first-in-full"));
  const layers = network.layers.slice(1);
  for (const layer of layers) {
    blocks.push(bd.text("p-worked-forward", { layer: layer.index }));
    const ss = layer.nodes.flatMap((k) => {
      const def = proof.forward.get(k)!;
      return [
        ...chain(atExample(net(k), 1), atExample(def.net, 1), values.net(1, k)),
        ...chain(atExample(y(k), 1), atExample(def.y, 1), values.y(1, k)),
      ];
    });
    blocks.push(bd.steps(ss, { enumeration: true }));
  }
  const lossFormula = lossWritten(network);
  blocks.push(bd.text("p-worked-loss"), bd.steps(chain(atExample(E, 1), atExample(lossFormula, 1), values.loss(1))));
  for (const layer of [...layers].reverse()) {
    blocks.push(bd.text("p-worked-delta", { layer: layer.index }));
    blocks.push(
      bd.steps(
        layer.nodes.flatMap((k) => chain(atExample(delta(k), 1), atExample(proof.results.delta.get(k)!, 1), values.delta(1, k))),
        { enumeration: true },
      ),
    );
  }
  // The batch: its loss, gradients and updates.
  const small = n <= SUBSTITUTED_EXAMPLES;
  blocks.push(bd.text(mean ? "p-worked-batch-loss-mean" : "p-worked-batch-loss-sum"));
  blocks.push(bd.steps(chain(E, reduced(mean, examples(Ed)), values.E, { substitute: small })));
  const results = [...proof.results.params];
  const gradientOf = (i: number): Expr => reduced(mean, examples(atExample(results[i]!.gradient, "d")));
  const byLayer = (key: "p-worked-batch-gradients" | "p-worked-batch-updates", f: (i: number) => Step[]): void => {
    for (const layer of [...layers].reverse()) {
      blocks.push(bd.text(key, { layer: layer.index }));
      blocks.push(
        bd.steps(
          results.flatMap((q, i) => (network.nodes[q.to]!.layer === layer.index ? f(i) : [])),
          { enumeration: true },
        ),
      );
    }
  };
  byLayer("p-worked-batch-gradients", (i) => chain(dE(results[i]!.symbol), gradientOf(i), values.gradient(i), { substitute: small }));
  byLayer("p-worked-batch-updates", (i) => {
    const q = results[i]!.symbol;
    // w - eta dE/dw, with the gradient's number (derived just above) substituted.
    const formula = b.rawAdd(q, b.rawMul(b.MINUS_ONE, ETA, dE(q)));
    const subst = b.rawAdd(
      num(values.values[i]!),
      b.rawMul(b.MINUS_ONE, { kind: "mul", factors: [num(values.eta)] }, numeral(r(values.gradient(i)))),
    );
    return [
      bd.step(q, formula, "gradient-descent", "update-rule", { relation: "update" }),
      bd.step(q, subst, "substitution", "worked-substitute", { relation: "update", continues: true }),
      bd.step(q, num(values.update(i)), "simplification", "worked-evaluate", { relation: "update", continues: true }),
    ];
  });
  // Not a step: E after the update holds at other numbers than the ones the steps are checked at.
  const after = { before: num(values.E), after: num(values.after) };
  blocks.push(bd.text(values.after <= values.E ? "p-worked-batch-after-down" : "p-worked-batch-after-up", after));
  blocks.push(bd.text("p-worked-batch-check", checkSummary(proof, digits, values.check)));
  return { id: WORKED_SECTION, title: bd.title("sec-worked-batch"), blocks, part: "body" };
}

/** A number as a factor: held in a one-factor product (a negative one in brackets), so that the printer keeps it as written. */
const numeral = (v: number): Expr => (v < 0 ? { kind: "add", terms: [b.num(v)] } : { kind: "mul", factors: [b.num(v)] });
