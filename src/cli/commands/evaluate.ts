// evaluate: the numbers of a worked example, from the derived expressions.
import { derive } from "../../derive/derive.js";
import { batchEvaluation, type Evaluation, evaluation } from "../../check/evaluation.js";
import { convolutionBatchEvaluation, convolutionEvaluation } from "../../check/convolution-evaluation.js";
import { parseBatch } from "../../check/params.js";
import { InputError } from "../../errors.js";
import { recurrentEvaluation } from "../../network/forms/recurrent-params.js";
import { parse } from "../args.js";
import type { Io } from "../context.js";
import { readJson } from "../io.js";
import { networkFlagged, networkFrom } from "../spec-input.js";
import { oneSpec } from "./check.js";

export const EVALUATE_FLAGS = ["layers", "activation", "output-activation", "loss", "params", "quiet", "help"] as const;

export async function runEvaluate(argv: readonly string[], io: Io): Promise<number> {
  const args = parse(argv, EVALUATE_FLAGS);
  // Network flags override SPEC's fields, or describe the network alone (as derive's and check's do).
  if (args.positionals[0] === undefined && !networkFlagged(args.values))
    throw new InputError("SPEC", "evaluate needs a spec or network flags: backprop-derive evaluate SPEC|--layers 3,2,2 … --params FILE");
  oneSpec(args, "evaluate");
  if (typeof args.values.params !== "string")
    throw new InputError("--params", "is required: a JSON file with inputs and targets (or examples), eta and weights");
  if (args.positionals[0] === "-" && args.values.params === "-")
    throw new InputError("--params", "and SPEC cannot both be read from standard input");
  const network = networkFrom(args, args.positionals[0], io.stdin);
  const batch = parseBatch(network, readJson(args.values.params, "--params", io.stdin));
  const proof = derive(network);
  // A quantity that is not finite throws NotFinite (exit 1, naming it), never prints null.
  const layout = network.spec.convolution;
  const p = { ...batch.examples[0]!, eta: batch.eta, values: batch.values };
  const out =
    layout !== undefined
      ? batch.given === "examples"
        ? convolutionBatchEvaluation(proof, layout, batch)
        : convolutionEvaluation(proof, layout, p)
      : batch.given === "examples"
        ? batchEvaluation(proof, batch)
        : evaluation(proof, p);
  io.print(JSON.stringify(network.spec.recurrent === undefined ? out : recurrentEvaluation(network, out as Evaluation), null, 2));
  return 0;
}
