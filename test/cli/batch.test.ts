// Mini-batches at the command line: evaluate and check with params that give examples; every
// bad batch input is exit 2 with one line naming the field, and nothing is written.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run, snapshot, tempDir, writeJson } from "./helpers.js";

const SPEC = { layers: [2, 2, 2], activation: "sigmoid", loss: "mse" };
const WEIGHTS = {
  "3": { "1": 0.15, "2": 0.2, b: 0.35 },
  "4": { "1": 0.25, "2": 0.3, b: 0.35 },
  "5": { "3": 0.4, "4": 0.45, b: 0.6 },
  "6": { "3": 0.5, "4": 0.55, b: 0.6 },
};
const EXAMPLES = [
  { inputs: [0.05, 0.1], targets: [0.01, 0.99] },
  { inputs: [0.5, -0.3], targets: [0.7, 0.2] },
  { inputs: [-0.2, 0.9], targets: [0.4, 0.6] },
];
const PARAMS = { examples: EXAMPLES, eta: 0.5, weights: WEIGHTS };

describe("evaluate with examples", () => {
  it("prints the batch loss, each example's E and nodes, the batch gradients and the update", async () => {
    const dir = tempDir();
    const r = await run("evaluate", writeJson(dir, "s.json", SPEC), "--params", writeJson(dir, "p.json", PARAMS));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out.join("\n")) as {
      E: number;
      examples: { E: number; nodes: Record<string, { delta: number }> }[];
      gradients: Record<string, Record<string, number>>;
      updated: Record<string, Record<string, number>>;
    };
    expect(Object.keys(out)).toEqual(["E", "examples", "gradients", "updated"]);
    expect(out.examples).toHaveLength(3);
    // Each example alone, through the one-example command: the batch is their mean.
    const singles = await Promise.all(
      EXAMPLES.map(async (e, d) => {
        const s = await run(
          "evaluate",
          writeJson(dir, "s.json", SPEC),
          "--params",
          writeJson(dir, `p${d}.json`, { ...e, eta: 0.5, weights: WEIGHTS }),
        );
        return JSON.parse(s.out.join("\n")) as { E: number; nodes: unknown; gradients: Record<string, Record<string, number>> };
      }),
    );
    singles.forEach((s, d) => expect(out.examples[d]).toEqual({ E: s.E, nodes: s.nodes }));
    expect(out.E).toBeCloseTo((singles[0]!.E + singles[1]!.E + singles[2]!.E) / 3, 15);
    const g = (k: string, j: string): number => singles.reduce((a, s) => a + s.gradients[k]![j]!, 0) / 3;
    expect(out.gradients["5"]!["3"]).toBeCloseTo(g("5", "3"), 15);
    expect(out.gradients["3"]!.b).toBeCloseTo(g("3", "b"), 15);
    expect(out.updated["5"]!["3"]).toBeCloseTo(0.4 - 0.5 * g("5", "3"), 15);
  });

  it("sums under reduction sum", async () => {
    const dir = tempDir();
    const mean = await run("evaluate", writeJson(dir, "s.json", SPEC), "--params", writeJson(dir, "p.json", PARAMS));
    const sum = await run("evaluate", writeJson(dir, "t.json", { ...SPEC, reduction: "sum" }), "--params", join(dir, "p.json"));
    const [m, s] = [JSON.parse(mean.out.join("\n")) as { E: number }, JSON.parse(sum.out.join("\n")) as { E: number }];
    expect(s.E).toBeCloseTo(3 * m.E, 14);
  });
});

describe("check with examples", () => {
  it("checks the batch loss's gradients and every example's", async () => {
    const dir = tempDir();
    const r = await run("check", writeJson(dir, "s.json", SPEC), "--params", writeJson(dir, "p.json", PARAMS), "--json", "--quiet");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out.join("\n")) as {
      passed: boolean;
      batch: { examples: number; gradients: { checked: number; failed: number }; perExample: unknown[] };
    };
    expect(out.passed).toBe(true);
    expect(out.batch.examples).toBe(3);
    expect(out.batch.gradients.checked).toBe(12);
    expect(out.batch.gradients.failed).toBe(0);
    expect(out.batch.perExample).toHaveLength(3);
  });

  it("gives each row of the batch loss its verdict and counts the verdicts in the last line", async () => {
    const dir = tempDir();
    const r = await run("check", writeJson(dir, "s.json", SPEC), "--params", writeJson(dir, "p.json", PARAMS));
    expect(r.code).toBe(0);
    const json = await run("check", join(dir, "s.json"), "--params", join(dir, "p.json"), "--json", "--quiet");
    const rows = (JSON.parse(json.out.join("\n")) as { batch: { gradients: { rows: { parameter: string; outcome: string }[] } } }).batch
      .gradients.rows;
    expect(rows).toHaveLength(12);
    // Each row of the text table says what its JSON outcome is: yes for compared (and agreed).
    const table = r.out.slice(r.out.findIndex((l) => l.startsWith("the batch loss E over 3 examples")) + 2);
    for (const row of rows) {
      const line = table.find((l) => l.startsWith(`${row.parameter} `));
      expect(line, row.parameter).toBeDefined();
      expect(line!.endsWith(row.outcome === "compared" ? "  yes" : row.outcome === "failed" ? "  NO" : "")).toBe(true);
    }
    const compared = rows.filter((x) => x.outcome === "compared").length;
    expect(compared).toBe(12);
    expect(r.out.at(-1)).toMatch(
      /^12 of 12 parameters of the batch loss checked, 0 failed, worst relative error \S+, tolerance 0\.00001, seed 1$/,
    );
    expect(r.out.filter((l) => /^example [123]: steps \d+ verified, 0 failed/.test(l))).toHaveLength(3);
  });
});

describe("bad batch input: exit 2, one line naming the field, nothing written", () => {
  const cases: [string, unknown, unknown, string][] = [
    [
      "an example of the wrong length",
      SPEC,
      { ...PARAMS, examples: [EXAMPLES[0], { inputs: [0.5, -0.3], targets: [0.7] }] },
      "params.examples[1].targets",
    ],
    ["inputs of the wrong length", SPEC, { ...PARAMS, examples: [{ inputs: [1], targets: [0.1, 0.2] }] }, "params.examples[0].inputs"],
    ["an empty list", SPEC, { ...PARAMS, examples: [] }, "params.examples"],
    ["examples beside inputs", SPEC, { ...PARAMS, inputs: [1, 2] }, "params.inputs"],
    ["an unknown key in an example", SPEC, { ...PARAMS, examples: [{ ...EXAMPLES[0], weight: 1 }] }, "params.examples[0].weight"],
    [
      "targets outside [0, 1]",
      { ...SPEC, loss: "binary-cross-entropy" },
      { ...PARAMS, examples: [EXAMPLES[0], { inputs: [1, 1], targets: [1.5, 0] }] },
      "params.examples[1].targets[0]",
    ],
    [
      "targets that do not sum to 1",
      { ...SPEC, outputActivation: "softmax", loss: "cross-entropy" },
      {
        ...PARAMS,
        examples: [
          { inputs: [1, 1], targets: [0.5, 0.5] },
          { inputs: [1, 1], targets: [0.5, 0.6] },
        ],
      },
      "params.examples[1].targets",
    ],
    ["another reduction", { ...SPEC, reduction: "average" }, PARAMS, "reduction"],
    ["too many examples", SPEC, { ...PARAMS, examples: Array.from({ length: 10_001 }, () => EXAMPLES[0]) }, "params.examples"],
  ];
  it.each(cases)("%s", async (_name, spec, params, field) => {
    for (const command of ["evaluate", "check", "derive"]) {
      const dir = tempDir();
      const out = join(dir, "out");
      const before = snapshot(out);
      const args = [
        command,
        writeJson(dir, "s.json", spec),
        "--params",
        writeJson(dir, "p.json", params),
        ...(command === "derive" ? ["--out", out] : []),
      ];
      const r = await run(...args);
      expect(r.code, `${command}: ${r.err.join("\n")}`).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(new RegExp(`^backprop-derive: ${field.replace(/[[\].]/g, "\\$&")}: `));
      expect(snapshot(out)).toEqual(before);
    }
  });
});
