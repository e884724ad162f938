// evaluate: the numbers of a worked example, from the derived expressions.
import { derive } from "../../derive/derive.js";
import { evaluation } from "../../check/evaluation.js";
import { parseParams } from "../../check/params.js";
import { InputError } from "../../errors.js";
import { parse } from "../args.js";
import { readJson } from "../io.js";
import { networkFrom } from "../spec-input.js";

export const EVALUATE_FLAGS = ["params", "help"] as const;

export function runEvaluate(argv: readonly string[], print: (s: string) => void): number {
  const args = parse(argv, EVALUATE_FLAGS);
  if (args.positionals[0] === undefined) throw new InputError("SPEC", "evaluate needs a spec file: backprop-derive evaluate SPEC --params FILE");
  if (typeof args.values.params !== "string") throw new InputError("--params", "is required: a JSON file with inputs, targets, eta and weights");
  const network = networkFrom(args);
  const params = parseParams(network, readJson(args.values.params, "--params"));
  // A quantity that is not finite throws NotFinite (exit 1, naming it), never prints null.
  print(JSON.stringify(evaluation(derive(network), params), null, 2));
  return 0;
}
