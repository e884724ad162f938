// The command-line conventions of issue 10, in this process through main(): --version, --quiet,
// --out -, SPEC - (standard input), several specs, ./seed against the preset seed, activations
// and losses as JSON on the flags, check --json, --no-check, --cas, help that names only files
// the package ships, progress on a terminal, and an error printer that always writes one line.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HELP } from "../../src/cli/help.js";
import { MAX_ERROR_LINE, oneLine } from "../../src/cli/main.js";
import { terminalProgress } from "../../src/cli/progress.js";
import { ROOT } from "../render/helpers.js";
import { files, run, runWith, tempDir, writeJson } from "./helpers.js";

const PKG = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string; files: string[] };
const SIGMOID = { layers: [2, 2, 1], activation: "sigmoid", loss: "mse" };

describe("--version and --quiet", { timeout: 120_000 }, () => {
  it("--version prints the package's version", async () => {
    const r = await run("--version");
    expect(r).toMatchObject({ code: 0, out: [PKG.version], err: [] });
  });
  it("--quiet prints nothing, and the exit code still tells", async () => {
    const out = tempDir();
    expect(await run("derive", "--quiet", "--format", "md", "--out", out)).toMatchObject({ code: 0, out: [], err: [] });
    expect(files(out)).toEqual(["derivation.md", "network.svg"]);
    // The exit code of a failed check under --quiet: test/check/exit-code.test.ts.
    expect(await run("check", "sigmoid-mse", "-q")).toMatchObject({ code: 0, out: [], err: [] });
  });
});

describe("--out -", { timeout: 120_000 }, () => {
  it("writes the one format's document to standard output and the summaries to stderr", async () => {
    const r = await run("derive", "--format", "json", "--out", "-");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.raw).generator).toBe("backprop-derive");
    expect(r.out).toEqual([]);
    expect(r.err.some((l) => l.startsWith("gradient check:"))).toBe(true);
    expect(existsSync("-")).toBe(false);
  });
  it("refuses more than one format, or more than one spec", async () => {
    for (const args of [["--format", "tex,md"], [], ["seed", "sigmoid-mse", "--format", "md"]]) {
      const r = await run("derive", ...args, "--out", "-");
      expect(r.code).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toContain("--out");
      expect(r.raw).toBe("");
    }
  });
});

describe("specs", { timeout: 120_000 }, () => {
  it("SPEC - reads standard input, and so does --params -", async () => {
    const out = tempDir();
    const r = await runWith(["derive", "-", "--format", "json", "--no-check", "--out", out], {
      stdin: JSON.stringify({ ...SIGMOID, name: "from stdin" }),
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "derivation.json"), "utf8")).network.name).toBe("from stdin");
    const params = {
      inputs: [0.1, 0.2],
      targets: [0.5],
      eta: 0.5,
      weights: { "3": { "1": 0.1, "2": 0.2, b: 0 }, "4": { "1": 0.3, "2": 0.4, b: 0 }, "5": { "3": 0.5, "4": 0.6, b: 0 } },
    };
    const e = await runWith(["evaluate", writeJson(tempDir(), "s.json", SIGMOID), "--params", "-"], { stdin: JSON.stringify(params) });
    expect(e.code).toBe(0);
    expect(Object.keys(JSON.parse(e.out.join("\n")))).toEqual(["E", "nodes", "gradients", "updated"]);
  });

  it("several specs each go into OUT/<name>/", async () => {
    const dir = tempDir();
    const a = writeJson(dir, "a.json", SIGMOID);
    const out = join(dir, "out");
    const r = await run("derive", a, "tanh-mse", "--format", "md", "--no-check", "--out", out);
    expect(r.code).toBe(0);
    expect(files(out)).toEqual(["a", "tanh-mse"]);
    expect(files(join(out, "a"))).toEqual(["derivation.md", "network.svg"]);
  });

  it("refuses two specs that would share a directory, and several specs for check and evaluate", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "x"));
    const one = writeJson(dir, "a.json", SIGMOID);
    const two = writeJson(join(dir, "x"), "a.json", SIGMOID);
    const out = join(dir, "out");
    const r = await run("derive", one, two, "--out", out);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/SPEC: .* would both be written to .*a\//);
    expect(existsSync(out)).toBe(false);
    for (const command of ["check", "evaluate"]) {
      const c = await run(command, one, two, "--params", one);
      expect(c.code).toBe(2);
      expect(c.err[0]).toMatch(/SPEC: \w+ takes one spec, not 2/);
    }
  });

  it("a path (./seed, x/seed, seed.json) is a file, a bare name a preset", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "seed"), JSON.stringify({ ...SIGMOID, name: "the file" }));
    const out = tempDir();
    expect((await run("derive", join(dir, "seed"), "--format", "json", "--no-check", "--out", out)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "derivation.json"), "utf8")).network.name).toBe("the file");
    expect((await run("derive", "seed", "--format", "json", "--no-check", "--out", out)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "derivation.json"), "utf8")).network.layers).toHaveLength(3);
    const r = await run("derive", "my-net", "--out", out);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(
      /SPEC: no preset named "my-net"; presets: conv1d, conv2d, deep-relu, dense, output-feeds, pruned, residual, rnn-last, rnn, seed, sigmoid-bce, sigmoid-mse, tanh-mse, tied-autoencoder, two-outputs \(a file is named with a path: \.\/my-net\)/,
    );
  });

  it('accepts "$schema" in a spec and in params', async () => {
    const dir = tempDir();
    const spec = writeJson(dir, "s.json", { $schema: "./node_modules/backprop-derive/schema/spec.schema.json", ...SIGMOID });
    const params = writeJson(dir, "p.json", {
      $schema: "x",
      inputs: [0, 0],
      targets: [0.5],
      eta: 0.1,
      weights: { "3": { "1": 0, "2": 0, b: 0 }, "4": { "1": 0, "2": 0, b: 0 }, "5": { "3": 0, "4": 0, b: 0 } },
    });
    expect((await run("evaluate", spec, "--params", params)).code).toBe(0);
  });
});

describe("flags", { timeout: 120_000 }, () => {
  it("take custom activations and losses as JSON", async () => {
    const r = await run(
      "check",
      "--layers",
      "2,3,1",
      "--activation",
      '{"custom": "x / (1 + abs(x))"}',
      "--loss",
      '{"custom": "(y - t)^4"}',
    );
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const bad = await run("check", "--activation", "{custom: x}");
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toMatch(/^backprop-derive: --activation: is not valid JSON/);
  });

  it("check --json prints the whole report as JSON", async () => {
    const r = await run("check", "sigmoid-mse", "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out.join("\n"));
    expect(report.passed).toBe(true);
    expect(report.gradients.rows).toHaveLength(12);
    expect(report.steps.failed).toBe(0);
    expect(report.steps.verified).toBeGreaterThan(0);
    expect(report.cas.checked).toBe(true);
  });

  it("--no-check checks nothing and the documents say so; --cas adds the CAS cross-check to derive", async () => {
    const out = tempDir();
    const r = await run("derive", "sigmoid-mse", "--no-check", "--format", "md,json", "--out", out);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, "derivation.md"), "utf8")).toContain("The formulas of this derivation were not checked numerically.");
    expect(JSON.parse(readFileSync(join(out, "derivation.json"), "utf8"))).not.toHaveProperty("check");
    const plain = await run("derive", "sigmoid-mse", "--format", "json", "--out", out);
    expect(plain.out.some((l) => l.startsWith("cas cross-check"))).toBe(false);
    const cas = await run("derive", "sigmoid-mse", "--cas", "--format", "json", "--out", out);
    expect(cas.out.some((l) => /^cas cross-check \(nerdamer-prime/.test(l))).toBe(true);
    expect((await run("derive", "--cas", "--no-check", "--out", out)).code).toBe(2);
  });
});

describe("help", () => {
  it("names only files that the package ships", () => {
    const text = Object.values(HELP).join("\n");
    expect(text).not.toContain("DESIGN.md");
    const named = [...text.matchAll(/\b([\w-]+(?:\/[\w.*-]+)*\.(?:md|json))\b/g)].map((m) => m[1]!).filter((f) => !f.startsWith("*"));
    expect(named.length).toBeGreaterThan(2);
    for (const f of new Set(named)) {
      if (f.endsWith(".json") && !f.includes("/")) continue; // a SPEC file name in an example
      expect(
        PKG.files.some((shipped) => f === shipped || f.startsWith(`${shipped}/`)),
        f,
      ).toBe(true);
    }
  });
});

describe("progress on a terminal", { timeout: 120_000 }, () => {
  it("draws nothing in the first second, then the stage and percentage, and erases itself", () => {
    let now = 0;
    const drawn: string[] = [];
    const p = terminalProgress(
      (s) => drawn.push(s),
      () => now,
    );
    p.plan?.(3);
    p.stage("deriving");
    now = 500;
    p.stage("checking every step", 200);
    expect(drawn).toEqual([]);
    now = 1_500;
    p.advance(50);
    expect(drawn).toEqual(["\r\x1b[Kbackprop-derive: [2/3] checking every step 25%"]);
    now = 1_550;
    p.advance(60);
    expect(drawn).toHaveLength(1);
    now = 1_700;
    p.stage("writing");
    expect(drawn.at(-1)).toBe("\r\x1b[Kbackprop-derive: [3/3] writing");
    p.done();
    expect(drawn.at(-1)).toBe("\r\x1b[K");
  });
  it("is not used with --quiet", async () => {
    const calls: string[] = [];
    const progress = { stage: (s: string) => calls.push(s), advance: () => undefined };
    const main = (await import("../../src/cli/main.js")).main;
    await main(
      ["derive", "--quiet", "--format", "json", "--out", tempDir()],
      () => undefined,
      () => undefined,
      { progress },
    );
    expect(calls).toEqual([]);
    await main(
      ["derive", "--format", "json", "--out", tempDir()],
      () => undefined,
      () => undefined,
      { progress },
    );
    expect(calls).toEqual([
      "deriving",
      "planning the step check",
      "checking every step",
      "checking every gradient",
      "preparing json",
      "writing json",
    ]);
  });
});

describe("the error printer", () => {
  it("writes any message as one line of bounded length", () => {
    const huge = `${"x".repeat(5_000_000)}\nsecond line\r\n\u0007bell`;
    const line = oneLine(huge);
    expect(line.length).toBeLessThanOrEqual(MAX_ERROR_LINE);
    expect(line).not.toMatch(/[\n\r\u0007]/);
    expect(line).toContain(" ... ");
  });
});

describe("standard input is read once", () => {
  it("refuses two inputs from it", async () => {
    const r = await runWith(["derive", "-", "--params", "-", "--out", tempDir()], { stdin: "{}" });
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/--params: and SPEC cannot both be read from standard input/);
  });
});
