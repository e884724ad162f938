// Progress inside the library (issue 10 item 5): derive(), the renderers and the CAS cross-check
// each report a stage with its total and advance to it, through the `progress` of their options;
// the command line passes its own, so that a long run shows a moving percentage. Recorded here,
// never timed.
import { describe, expect, it } from "vitest";
import { casCrossCheck } from "../src/check/cas.js";
import { checkSteps } from "../src/check/steps.js";
import { gradientCheck } from "../src/check/gradcheck.js";
import { main } from "../src/cli/main.js";
import { derive, DERIVE_STAGES } from "../src/derive/derive.js";
import { InputError } from "../src/errors.js";
import { buildNetwork } from "../src/network/graph.js";
import { parseSpec } from "../src/network/spec.js";
import type { Progress } from "../src/progress.js";
import { contentText, FORMATS } from "../src/render/formats.js";
import { tempDir } from "./cli/helpers.js";

interface Stage {
  name: string;
  total?: number;
  done: number[];
}

/** A Progress that keeps every call: the stages in order, each with the counts it was told. */
function recording(): Progress & { stages: Stage[]; planned?: number } {
  const stages: Stage[] = [];
  const r: Progress & { stages: Stage[]; planned?: number } = {
    stages,
    plan: (n) => void (r.planned = n),
    stage: (name, total) => void stages.push({ name, ...(total === undefined ? {} : { total }), done: [] }),
    advance: (done) => void stages.at(-1)!.done.push(done),
  };
  return r;
}

/** Each count no smaller than the one before, and the last one the stage's total. */
function expectReached(s: Stage): void {
  expect(s.total, s.name).toBeGreaterThan(0);
  expect(s.done.length, s.name).toBeGreaterThan(0);
  s.done.forEach((d, i) => expect(d, `${s.name} #${i}`).toBeGreaterThanOrEqual(i === 0 ? 0 : s.done[i - 1]!));
  expect(s.done.at(-1), s.name).toBe(s.total);
}

const network = buildNetwork(parseSpec({ layers: [3, 4, 2], activation: "tanh", outputActivation: "softmax", loss: "cross-entropy" }));

describe("progress inside the library", () => {
  it("derive() reports one stage, advanced part by part to its total", () => {
    const p = recording();
    derive(network, { progress: p });
    expect(p.stages.map((s) => s.name)).toEqual(["deriving"]);
    expect(p.stages[0]!.total).toBe(DERIVE_STAGES);
    expect(p.stages[0]!.done).toEqual(Array.from({ length: DERIVE_STAGES }, (_, i) => i + 1));
  });

  const proof = derive(network);
  const steps = checkSteps(proof, { seed: 1 });
  const report = gradientCheck(proof, { seed: 1 });
  const input = { proof, report, steps, stepChecks: steps.checks };

  it.each([
    ["tex", "notes"],
    ["tex", "proof"],
    ["html", "notes"],
    ["md", "proof"],
    ["json", "notes"],
  ] as const)("the %s renderer (%s) reports writing its document, section by section, as it is read", (format, style) => {
    const p = recording();
    const [doc] = FORMATS[format](input, { style, progress: p });
    // Nothing is written before the document is read: the stage runs while it is written.
    expect(p.stages).toEqual([]);
    contentText(doc!.content);
    expect(p.stages.map((s) => s.name)).toEqual([`writing ${format}`]);
    expectReached(p.stages[0]!);
    // A section each (and, for the JSON, its results): more than a handful.
    expect(p.stages[0]!.total).toBeGreaterThan(5);
  });

  it("a document of a --template reports its one step", () => {
    const p = recording();
    const [doc] = FORMATS.md(input, { template: { name: "t.md.njk", text: "<< title >>\n<< body >>" }, progress: p });
    expect(contentText(doc!.content)).toContain("##");
    expect(p.stages).toEqual([{ name: "writing md", total: 1, done: [1] }]);
  });

  it("the step check reports its planning, step by step, before it checks, and both move on the way", () => {
    const p = recording();
    const wide = derive(buildNetwork(parseSpec({ layers: [4, 6, 3], activation: "relu", loss: "mse" })));
    checkSteps(wide, { seed: 1, progress: p });
    expect(p.stages.map((s) => s.name)).toEqual(["planning the step check", "checking every step"]);
    for (const s of p.stages) {
      expectReached(s);
      // Not only the start and the end: counts in between, so that a percentage moves.
      expect(new Set(s.done.filter((d) => d > 0 && d < s.total!)).size, s.name).toBeGreaterThan(3);
    }
    // Counted in whole steps: the planning's total is the proof's number of steps.
    expect(p.stages[0]!.done.every(Number.isInteger)).toBe(true);
    expect(p.stages[0]!.total).toBe(checkSteps(wide, { seed: 1 }).total);
    // With long enumerations sampled, the planning still counts every step, in order, to its total.
    const sampled = recording();
    checkSteps(wide, { seed: 1, maxPerBlock: 5, progress: sampled });
    expectReached(sampled.stages[0]!);
    expect(sampled.stages[0]!.total).toBe(p.stages[0]!.total);
  });

  it("the CAS cross-check counts each parameter at each point", async () => {
    const p = recording();
    const small = derive(buildNetwork(parseSpec({ layers: [2, 2, 1], activation: "tanh", loss: "mse" })));
    const cas = await casCrossCheck(small, { seed: 1, points: 2, progress: p });
    expect(cas.checked).toBe(true);
    expect(p.stages.map((s) => s.name)).toEqual(["cross-checking with nerdamer-prime"]);
    expect(p.stages[0]!.total).toBe(2 * small.network.params.length);
    expectReached(p.stages[0]!);
  });

  it("each validator takes progress, and refuses one that is not a Progress, naming it", () => {
    expect(() => derive(network, { progress: 5 as unknown as Progress })).toThrow(InputError);
    expect(() => derive(network, { progress: {} as Progress })).toThrow(/progress: must be a Progress/);
    expect(() => FORMATS.tex(input, { progress: { stage: () => undefined } as unknown as Progress })).toThrow(
      /progress: must be a Progress/,
    );
    expect(() => derive(network, { nope: 1 } as object)).toThrow(/allowed: lang, progress/);
  });

  it("the CAS cross-check refuses unknown options and a bad progress", async () => {
    await expect(casCrossCheck(proof, { nope: 1 } as object)).rejects.toThrow(
      /options\.nope: unknown option; allowed: seed, points, maxDerivatives, timeoutMillis, progress/,
    );
    await expect(casCrossCheck(proof, { progress: "x" as unknown as Progress })).rejects.toThrow(/options\.progress: must be a Progress/);
  });
});

describe("progress on the command line", { timeout: 120_000 }, () => {
  it("derive: as many stages as it plans, each with a total reaching it", async () => {
    const p = recording();
    const code = await main(
      ["derive", "--layers", "3,4,2", "--cas", "--out", tempDir()],
      () => undefined,
      () => undefined,
      { progress: p },
    );
    expect(code).toBe(0);
    const names = p.stages.map((s) => s.name);
    expect(names).toEqual([
      "deriving",
      "planning the step check",
      "checking every step",
      "checking every gradient",
      "cross-checking with nerdamer-prime",
      ...["tex", "html", "md", "json"].flatMap((f) => [`preparing ${f}`]),
      ...["tex", "html", "md", "json"].map((f) => `writing ${f}`),
    ]);
    expect(p.planned).toBe(names.length);
    for (const s of p.stages) if (!s.name.startsWith("preparing")) expectReached(s);
  });

  it("check: the same stages, the same totals", async () => {
    const p = recording();
    const code = await main(
      ["check", "--layers", "2,2,1"],
      () => undefined,
      () => undefined,
      { progress: p },
    );
    expect(code).toBe(0);
    expect(p.stages.map((s) => s.name)).toEqual([
      "deriving",
      "checking every gradient",
      "planning the step check",
      "checking every step",
      "cross-checking with nerdamer-prime",
    ]);
    expect(p.planned).toBe(5);
    for (const s of p.stages) expectReached(s);
  });
});
