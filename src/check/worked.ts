// The worked example's numbers: the derived trees evaluated at the given params (derivedValues),
// E after the update, and the gradient check at them. The section itself is written by
// src/derive (sections/worked.ts), which is given these numbers and never evaluates.
import { symbolValue, type SymbolReader } from "../network/symbols.js";
import { Builder } from "../derive/builder.js";
import type { Proof } from "../derive/proof.js";
import { workedSection as buildWorked, type WorkedValues } from "../derive/sections/worked.js";
import { evaluate } from "../expr/evaluate.js";
import { recurrentWorkedSection } from "../derive/sections/worked-recurrent.js";
import type { Expr } from "../expr/types.js";
import { derivedValues, type Derived } from "./derived.js";
import { gradientCheck, TOLERANCE } from "./gradcheck.js";
import type { Params } from "./params.js";

/** Six significant digits: what a student copies from a textbook's worked example. */
export const DEFAULT_DIGITS = 6;
/** The printers show at most 9 significant digits (src/expr/latex.ts). */
export const MAX_DIGITS = 9;

export interface WorkedOptions {
  readonly params: Params;
  /** Node by node even where the network has a form of its own (a recurrent network's shapes): the lines an exercise sheet quotes. */
  readonly nodeByNode?: boolean;
  readonly digits?: number;
  readonly tolerance?: number;
}

/** The numbers of the worked example at the params. */
export function workedValues(proof: Proof, options: WorkedOptions): WorkedValues {
  const network = proof.network;
  const p = options.params;
  const tolerance = options.tolerance ?? TOLERANCE;
  const d: Derived = derivedValues(proof, p);
  const updated: Params = { ...p, values: p.values.map((_, i) => d.update(i)) };
  const reader: SymbolReader<number> = {
    param: (i) => p.values[i]!,
    y: d.y,
    net: d.net,
    delta: d.delta,
    t: (i) => p.targets[i]!,
    eta: () => p.eta,
    E: d.E,
  };
  // A max (or arg max) over nodes from the derived values, as every other quantity.
  const value = (s: Expr): number =>
    s.kind === "max" ? evaluate(s, d.scope) : symbolValue(network, s, s.kind === "sym" ? s.idx : [], reader);
  const report = gradientCheck(proof, { params: p, tolerance });
  return {
    digits: options.digits ?? DEFAULT_DIGITS,
    inputs: p.inputs,
    targets: p.targets,
    eta: p.eta,
    values: p.values,
    value,
    net: d.net,
    y: d.y,
    delta: d.delta,
    E: d.E(),
    after: derivedValues(proof, updated).E(),
    gradient: d.gradient,
    update: d.update,
    check: {
      checked: report.checked,
      total: report.total,
      failed: report.failed,
      notCompared: report.notCompared,
      worst: report.worst,
      tolerance,
    },
  };
}

/** The worked-example section for the proof at the params. */
export function workedSection(proof: Proof, options: WorkedOptions) {
  // Its own step ids ("w1", ...): the proof's builder has numbered its steps already.
  const bd = new Builder(proof.network, proof.lang, "w");
  const values = workedValues(proof, options);
  // A recurrent network's example is written in its own shapes (U, W, V, b, c, steps).
  return proof.network.spec.recurrent === undefined || options.nodeByNode === true
    ? buildWorked(bd, proof, values)
    : recurrentWorkedSection(bd, proof, values);
}

/** A new proof with the worked example appended (proofs are immutable). */
export function withWorkedExample(proof: Proof, options: WorkedOptions): Proof {
  return { ...proof, sections: [...proof.sections, workedSection(proof, options)] };
}
