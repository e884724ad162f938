// The worked example over a mini-batch: its numbers, from the one-example derived trees evaluated
// at each example and reduced (batch.ts), the batch loss after the update, and the gradient check
// of the batch loss at the given batch. The section itself is written by src/derive
// (sections/worked-batch.ts), which is given these numbers and never evaluates.
import { Builder } from "../derive/builder.js";
import { BATCH_SECTION, type Proof } from "../derive/proof.js";
import { workedBatchSection, type BatchWorkedValues } from "../derive/sections/worked-batch.js";
import type { Expr, Index } from "../expr/types.js";
import type { Batch } from "../network/batch.js";
import { symbolValue, type SymbolReader } from "../network/symbols.js";
import { batchValues } from "./batch.js";
import { batchGradientCheck } from "./batch-gradcheck.js";
import { TOLERANCE } from "./gradcheck.js";
import { DEFAULT_DIGITS } from "./worked.js";

export interface BatchWorkedOptions {
  readonly batch: Batch;
  readonly digits?: number;
  readonly tolerance?: number;
}

/** The numbers of the worked example over the batch. */
export function batchWorkedValues(proof: Proof, options: BatchWorkedOptions): BatchWorkedValues {
  const network = proof.network;
  const batch = options.batch;
  const tolerance = options.tolerance ?? TOLERANCE;
  const v = batchValues(proof, batch);
  const at = (d: number) => v.example(d - 1);
  const updated: Batch = { ...batch, values: batch.values.map((_, i) => v.update(i)) };
  const report = batchGradientCheck(proof, batch, { tolerance, examples: false }).batch;
  const value = (s: Expr): number => {
    if (s.kind !== "sym") return Number.NaN;
    // The d-th example's values: its index is set apart, the rest names the symbol as in one example.
    const ex = s.idx.find((i): i is Extract<Index, { kind: "example" }> => i.kind === "example");
    const d = ex?.of.kind === "node" ? ex.of.n : undefined;
    const none = (): number => Number.NaN;
    const reader: SymbolReader<number> = {
      param: (i) => batch.values[i]!,
      y: (n) => (d === undefined ? none() : at(d).y(n)),
      net: (n) => (d === undefined ? none() : at(d).net(n)),
      delta: (n) => (d === undefined ? none() : at(d).delta(n)),
      t: (i) => (d === undefined ? none() : batch.examples[d - 1]!.targets[i]!),
      eta: () => batch.eta,
      E: () => (d === undefined ? v.E() : at(d).E()),
    };
    return symbolValue(
      network,
      s,
      s.idx.filter((i) => i.kind !== "example"),
      reader,
    );
  };
  return {
    digits: options.digits ?? DEFAULT_DIGITS,
    examples: batch.examples,
    eta: batch.eta,
    values: batch.values,
    value,
    net: (d, k) => at(d).net(k),
    y: (d, k) => at(d).y(k),
    delta: (d, k) => at(d).delta(k),
    loss: (d) => at(d).E(),
    E: v.E(),
    after: batchValues(proof, updated).E(),
    gradient: v.gradient,
    update: v.update,
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

/** A new proof with the worked example over the batch appended, and the mini-batch section shown in the notes. */
export function withWorkedBatch(proof: Proof, options: BatchWorkedOptions): Proof {
  // Its own step ids ("w1", ...): the proof's builder has numbered its steps already.
  const section = workedBatchSection(new Builder(proof.network, proof.lang, "w"), proof, batchWorkedValues(proof, options));
  const sections = proof.sections.map((s) =>
    s.id === BATCH_SECTION && s.show !== undefined ? { id: s.id, title: s.title, blocks: s.blocks } : s,
  );
  return { ...proof, sections: [...sections, section] };
}
