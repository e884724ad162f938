// Exercises on recurrent networks: each numeric answer (one step of backpropagation through time,
// an entry of a shared matrix's gradient) against the independent evaluation of the Elman
// network (test/network/recurrent-oracle.ts) recomputed from the exercise's own spec and params;
// the derivation's steps through the step checker; and the notation: U, W, V, h^{(t)}, never a
// node number.
import { describe, expect, it } from "vitest";
import { checkSteps } from "../../src/check/steps.js";
import { derive } from "../../src/derive/derive.js";
import { sheetFiles } from "../../src/exercises/formats.js";
import { makeSheet } from "../../src/exercises/sheet.js";
import type { Exercise } from "../../src/exercises/types.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { notesNumbers } from "../../src/render/notes-numbers.js";
import { presetSpec } from "../render/helpers.js";
import { bptt, type Mat, type Sequence, type Vec, type Weights } from "../network/recurrent-oracle.js";

const SPECS: [string, Record<string, unknown>][] = [
  ["rnn", presetSpec("rnn") as Record<string, unknown>],
  [
    "sigmoid, mse at the last step, T = 4",
    {
      recurrent: { inputs: 3, hidden: 3, outputs: 1, steps: 4, lossAt: "last" },
      activation: "sigmoid",
      outputActivation: "identity",
      loss: "mse",
    },
  ],
  [
    "tanh, binary cross-entropy, T = 2",
    {
      recurrent: { inputs: 1, hidden: 2, outputs: 2, steps: 2, lossAt: "every" },
      activation: "tanh",
      outputActivation: "sigmoid",
      loss: "binary-cross-entropy",
    },
  ],
];

function sequenceOf(e: Exercise): Sequence {
  const spec = e.spec as {
    recurrent: { steps: number; hidden: number; lossAt: string };
    activation: string;
    outputActivation: string;
    loss: string;
  };
  const p = e.params as { inputs: Mat; targets: Mat; h0?: Vec; eta: number; weights: Weights };
  const T = spec.recurrent.steps;
  return {
    hidden: spec.activation,
    output: spec.outputActivation,
    loss: spec.loss,
    alpha: 0.01,
    lossSteps: spec.recurrent.lossAt === "every" ? Array.from({ length: T }, (_, t) => t + 1) : [T],
    inputs: p.inputs,
    targets: p.targets,
    h0: p.h0 ?? new Array<number>(spec.recurrent.hidden).fill(0),
    weights: p.weights,
  };
}

describe.each(SPECS)("the sheet of a recurrent network: %s", (_, spec) => {
  const proof = derive(buildNetwork(parseSpec(spec)));
  const sheet = makeSheet(proof, {
    seed: 3,
    kinds: ["numeric", "derivation", "spot-the-error", "mini-batch"],
    numbers: [notesNumbers(proof)],
  });

  it("has one step of backpropagation through time, a shared matrix's gradient and the derivation of δ_h", () => {
    const q = sheet.exercises.flatMap((e) => (e.quantity === undefined ? [] : [e.quantity]));
    expect(q.some((x) => x.kind === "delta" && x.unit === "h" && x.step !== undefined && x.index !== undefined)).toBe(true);
    expect(q.some((x) => x.kind === "gradient" && x.matrix !== undefined && x.row !== undefined && x.col !== undefined)).toBe(true);
    expect(sheet.exercises.filter((e) => e.kind === "derivation")).toHaveLength(1);
  });

  it("every numeric answer equals the independent evaluation at its own spec and params to 1e-9", () => {
    for (const e of sheet.exercises.filter((x) => x.kind === "numeric")) {
      const back = bptt(sequenceOf(e));
      const q = e.quantity!;
      const want =
        q.kind === "delta"
          ? back.deltaH[q.step!]![q.index! - 1]!
          : (back.grads[q.matrix as keyof Weights] as Mat)[q.row! - 1]![q.col! - 1]!;
      expect(Math.abs(e.answer.value! - want), `${e.id} ${JSON.stringify(q)}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
      expect(Math.abs(e.answer.shown! - e.answer.value!)).toBeLessThanOrEqual(e.answer.tolerance!);
    }
  });

  it("the derivation's steps all check, through the entries of the unrolled network", () => {
    for (const e of sheet.exercises.filter((x) => x.kind === "derivation")) {
      const report = checkSteps(proof, { only: new Set(e.answer.lines.map((l) => l.step.id)), seed: 5 });
      expect(report.failed).toBe(0);
      expect(e.answer.lines.length).toBeGreaterThanOrEqual(4);
      expect(e.answer.lines.some((l) => l.tag !== undefined)).toBe(true);
    }
    const entries = checkSteps(proof, { seed: 5 });
    expect(entries.failed).toBe(0);
  });

  it("speaks in U, W, V and h^{(t)}, never in node numbers", () => {
    const key = sheetFiles(sheet, "md").find((f) => f.name === "answers.md")!.content;
    expect(key).not.toMatch(/\\mathrm\{net\}|w_\{\d|\\theta|node \d|nodes \d/);
    expect(key).toMatch(/W_\{\d\d\}|U_\{\d\d\}/);
    expect(key).toContain("\\delta_{h");
    expect(key).toContain("\\vec{h}^{(0)}");
  });
});

describe("recurrent sheets in Chinese", () => {
  it("are written in zh-Hant throughout", () => {
    const proof = derive(buildNetwork(parseSpec(presetSpec("rnn"))), { lang: "zh-Hant" });
    const sheet = makeSheet(proof, { seed: 1, kinds: ["numeric", "derivation"] });
    const md = sheetFiles(sheet, "md").find((f) => f.name === "answers.md")!.content;
    expect(md).toContain("遞迴網路");
    expect(md).toContain("沿時間反向傳播");
    expect(md).not.toMatch(/One step|recurrent network read/);
  });
});
