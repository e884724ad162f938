// The command line's options: an unknown one answered with the closest and every one the
// command takes; progress with no escape codes where the terminal takes none; the summary's
// note when a worst error above the tolerance passes; network flags on evaluate.
import { describe, expect, it } from "vitest";
import { didYouMean } from "../../src/cli/args.js";
import { CHECK_FLAGS } from "../../src/cli/commands/check.js";
import { DERIVE_FLAGS } from "../../src/cli/commands/derive.js";
import { EVALUATE_FLAGS } from "../../src/cli/commands/evaluate.js";
import { MAX_OPTIONS_LINE } from "../../src/cli/main.js";
import { plainTerminal, terminalProgress } from "../../src/cli/progress.js";
import { MAZUR_PARAMS, MAZUR_SPEC } from "../fixtures/mazur.js";
import { run, tempDir, writeJson } from "./helpers.js";

describe("an unknown option", () => {
  it.each([
    ["derive", "--nocheck", "--no-check", DERIVE_FLAGS],
    ["derive", "--parms", "--params", DERIVE_FLAGS],
    ["derive", "--wacth", "--watch", DERIVE_FLAGS],
    ["check", "--jsn", "--json", CHECK_FLAGS],
    ["evaluate", "--layer", "--layers", EVALUATE_FLAGS],
  ] as const)("%s %s: did you mean %s, then every option of the command", async (command, given, meant, flags) => {
    const r = await run(command, given);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    const line = r.err[0]!;
    expect(line).toContain(`backprop-derive: ${given}: unknown option; did you mean ${meant}? the options are `);
    // Every option, none cut: the list ends the line.
    expect(line.endsWith(flags.map((f) => `--${f}`).join(" "))).toBe(true);
    expect(line.length).toBeLessThanOrEqual(MAX_OPTIONS_LINE);
  });

  it("suggests nothing when nothing is close, and still lists every option", async () => {
    const r = await run("derive", "--zzzzzzzz");
    expect(r.code).toBe(2);
    expect(r.err[0]).not.toContain("did you mean");
    expect(r.err[0]).toContain("--no-check --cas --quiet");
    expect(r.err[0]).toContain("--params");
  });

  it("keeps a long unknown option short in the message", async () => {
    const r = await run("derive", `--${"x".repeat(500)}`);
    expect(r.code).toBe(2);
    expect(r.err[0]!.length).toBeLessThanOrEqual(MAX_OPTIONS_LINE);
    expect(r.err[0]).toContain("--help");
  });

  it("an unknown command: did you mean, too", async () => {
    const r = await run("dervie");
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain('unknown command "dervie"; did you mean derive?');
  });

  it("didYouMean: edit distance with transpositions, prefixes, and nothing far", () => {
    expect(didYouMean("--tolerence", DERIVE_FLAGS)).toBe("tolerance");
    expect(didYouMean("--outt", DERIVE_FLAGS)).toBe("out");
    expect(didYouMean("--full", DERIVE_FLAGS)).toBe("full-check");
    expect(didYouMean("--section", DERIVE_FLAGS)).toBe("section-level");
    expect(didYouMean("--colour", DERIVE_FLAGS)).toBeUndefined();
    expect(didYouMean("-", DERIVE_FLAGS)).toBeUndefined();
  });
});

describe("progress where a terminal takes no escape codes", () => {
  it("TERM=dumb and NO_COLOR (not empty) ask for plain output", () => {
    expect(plainTerminal({ TERM: "dumb" })).toBe(true);
    expect(plainTerminal({ TERM: "xterm-256color", NO_COLOR: "1" })).toBe(true);
    expect(plainTerminal({ TERM: "xterm-256color", NO_COLOR: "" })).toBe(false);
    expect(plainTerminal({ TERM: "xterm-256color" })).toBe(false);
    expect(plainTerminal({})).toBe(false);
  });

  it("redraws with a carriage return and spaces alone, and erases the same way", () => {
    let now = 0;
    const drawn: string[] = [];
    const p = terminalProgress(
      (s) => drawn.push(s),
      () => now,
      true,
    );
    p.plan?.(2);
    now = 2_000;
    p.stage("checking every step", 10);
    now = 2_200;
    p.advance(5);
    now = 3_000;
    p.stage("done");
    p.done();
    expect(drawn.join("")).not.toMatch(/\x1b/);
    expect(drawn[0]).toBe("\rbackprop-derive: [1/2] checking every step");
    // The shorter line that follows covers what is left of the longer one.
    const last = drawn.at(-2)!;
    expect(last.startsWith("\rbackprop-derive: [2/2] done")).toBe(true);
    expect(last.length).toBe(drawn[0]!.length + " 50%".length);
    expect(drawn.at(-1)).toBe(`\r${" ".repeat("backprop-derive: [2/2] done".length)}\r`);
  });
});

describe("the summaries' note on a worst error above the tolerance that passes", { timeout: 120_000 }, () => {
  it("check: says so and why, with the allowance's figures, before the last line", async () => {
    const r = await run("check", "seed", "--tolerance", "1e-12");
    expect(r.code).toBe(0);
    const last = r.out.at(-1)!;
    expect(last).toMatch(/^14 of 14 parameters checked, 0 failed, worst relative error (\S+), tolerance 1e-12, seed 1$/);
    const worst = Number(/worst relative error (\S+),/.exec(last)![1]);
    expect(worst).toBeGreaterThan(1e-12);
    const note = r.out.at(-2)!;
    const m =
      /^note: the worst relative error, (\S+) at (w_\w+), is above the tolerance 1e-12 and passes: \|derived - finite difference\| = (\S+) is within the tolerance's share (\S+) plus the finite difference's allowance (\S+) \(twice/.exec(
        note,
      );
    expect(m, note).not.toBeNull();
    expect(Number(m![1])).toBe(worst);
    // The figures it gives add up as it says.
    expect(Number(m![3])).toBeLessThanOrEqual(Number(m![4]) + Number(m![5]));
    expect(r.out.some((l) => l.startsWith("note: that worst error is above the tolerance 1e-12 and passes"))).toBe(true);
  });

  it("says nothing of the kind when the worst error is within the tolerance", async () => {
    const r = await run("check", "seed");
    expect(r.code).toBe(0);
    expect(r.out.filter((l) => l.startsWith("note: "))).toEqual([]);
  });
});

describe("evaluate with network flags", () => {
  it("takes the network from flags alone, as from the same spec file", async () => {
    const dir = tempDir();
    const params = writeJson(dir, "params.json", MAZUR_PARAMS);
    const fromFile = await run("evaluate", writeJson(dir, "spec.json", MAZUR_SPEC), "--params", params);
    expect(fromFile.code).toBe(0);
    const spec = MAZUR_SPEC as { layers: number[]; activation: string; loss: string };
    const fromFlags = await run(
      "evaluate",
      "--layers",
      spec.layers.join(","),
      "--activation",
      spec.activation,
      "--loss",
      spec.loss,
      "--params",
      params,
    );
    expect(fromFlags.err).toEqual([]);
    expect(fromFlags.code).toBe(0);
    expect(JSON.parse(fromFlags.out.join("\n"))).toEqual(JSON.parse(fromFile.out.join("\n")));
  });

  it("lets flags override a spec's fields", async () => {
    const dir = tempDir();
    const params = writeJson(dir, "params.json", MAZUR_PARAMS);
    const spec = writeJson(dir, "spec.json", MAZUR_SPEC);
    const mse = JSON.parse((await run("evaluate", spec, "--params", params)).out.join("\n"));
    const tanh = await run("evaluate", spec, "--activation", "tanh", "--params", params);
    expect(tanh.code).toBe(0);
    const v = JSON.parse(tanh.out.join("\n"));
    expect(v.nodes["3"].net).toBe(mse.nodes["3"].net);
    expect(v.nodes["3"].y).toBeCloseTo(Math.tanh(mse.nodes["3"].net), 14);
  });

  it("needs a spec or network flags", async () => {
    const r = await run("evaluate", "--params", "x.json");
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^backprop-derive: SPEC: evaluate needs a spec or network flags/);
  });
});
