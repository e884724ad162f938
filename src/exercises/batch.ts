// The mini-batch exercise: the gradient of one weight over a batch of three examples at the
// sheet's weights. The answer is the worked example's line for it over the batch (the mean of
// the examples' gradients), checked at those numbers; the value is the one `evaluate` prints.
import { batchEvaluation } from "../check/evaluation.js";
import { checkSteps } from "../check/steps.js";
import { withWorkedBatch } from "../check/worked-batch.js";
import * as b from "../expr/build.js";
import { key } from "../expr/key.js";
import { type Batch, exampleParams, reductionOf } from "../network/batch.js";
import { usesOf } from "../network/params.js";
import { chainsOf, type Context, DIGITS, pick } from "./context.js";
import { say } from "./messages.js";
import { UncheckedAnswer, weightSym } from "./numeric.js";
import { moreExamples } from "./params.js";
import { math } from "./pieces.js";
import type { Exercise, Piece } from "./types.js";

const EXAMPLES = 3;

const vector = (xs: readonly number[]): Piece[] => [math(b.column(xs.map((x) => b.num(x))))];

export function batchExercise(ctx: Context, seed: number): Exercise | undefined {
  const { network, proof, lang, params } = ctx;
  // The first example is the sheet's own; the others are drawn at its weights.
  const examples = [{ inputs: params.inputs, targets: params.targets }, ...moreExamples(network, params, EXAMPLES - 1, seed + 0xba7c)];
  const batch: Batch = { examples, eta: params.eta, values: params.values };
  const free = network.params.filter((q, i) => usesOf(network, i).length <= 1 && q.from !== "b" && network.outputs.includes(q.to));
  if (free.length === 0) return undefined;
  const q = pick(ctx.r, free);
  const target = b.deriv(b.sym("E"), weightSym(q.to, q.from));
  const worked = withWorkedBatch(proof, { batch, digits: DIGITS });
  const chain = chainsOf(worked, "worked").find((c) => c.steps[0]!.rule === "substitution" && key(c.steps[0]!.lhs) === key(target));
  if (chain === undefined) return undefined;
  const first = exampleParams(batch, 0);
  const report = checkSteps(worked, {
    params: first,
    batch,
    worked: { params: first, digits: DIGITS, batch },
    only: new Set(chain.steps.map((s) => s.id)),
  });
  if (report.failed > 0 || report.verified === 0)
    throw new UncheckedAnswer(`the worked answer for the batch gradient ${key(target)} did not check`);
  const sum = reductionOf(network) === "sum";
  const value = batchEvaluation(proof, batch).gradients[String(q.to)]![String(q.from)]!;
  const shown = Number(value.toPrecision(DIGITS));
  const lines = examples.map((e, d) => say(lang, "batchExample", { d: d + 1, x: vector(e.inputs), t: vector(e.targets) }));
  return {
    id: "",
    kind: "numeric",
    source: "mini-batch",
    prompt: [...say(lang, sum ? "batchSum" : "batch", { n: EXAMPLES, q: [math(target)] }), ...lines.flatMap((l) => [{ text: " " }, ...l])],
    given: [],
    spec: network.spec.source,
    params: { examples, eta: ctx.paramsJson.eta, weights: ctx.paramsJson.weights },
    quantity: { kind: "gradient", node: q.to, from: q.from },
    answer: {
      intro: say(lang, sum ? "answerBatchSum" : "answerBatch"),
      lines: chain.steps.map((step) => ({ step })),
      outro: [...say(lang, "answerValue", { q: [math(target)], v: [math(b.num(shown))] }), { text: " " }, ...say(lang, "checkedNumbers")],
      value,
      shown,
      tolerance: Number(Math.max(0.01 * Math.abs(shown), 0.001).toPrecision(2)),
    },
  };
}
