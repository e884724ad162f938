// Every bad input exits 2 with one line naming the field, and writes nothing.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { files, run, runWith, snapshot, tempDir, writeJson, type Run } from "./helpers.js";

const SEED = { layers: [3, 2, 2], activation: "sigmoid", loss: "mse" };

interface Case {
  readonly name: string;
  readonly spec?: unknown;
  readonly args?: string[];
  /** A fragment that the one error line must contain (the field's name). */
  readonly field: string;
}

const SPEC_CASES: Case[] = [
  { name: "malformed JSON", spec: "{ layers: [3, 2] ", field: "SPEC" },
  { name: "an array instead of an object", spec: [3, 2, 2], field: "SPEC" },
  { name: "an unknown key", spec: { ...SEED, hidden: 3 }, field: "hidden" },
  { name: "one layer", spec: { ...SEED, layers: [3] }, field: "layers" },
  { name: "no layers", spec: { activation: "sigmoid" }, field: "layers" },
  { name: "a size of 0", spec: { ...SEED, layers: [3, 0, 2] }, field: "layers[1]" },
  { name: "a negative size", spec: { ...SEED, layers: [3, -2, 2] }, field: "layers[1]" },
  { name: "a fractional size", spec: { ...SEED, layers: [3, 2.5, 2] }, field: "layers[1]" },
  { name: "a size given as a string", spec: { ...SEED, layers: [3, "2", 2] }, field: "layers[1]" },
  { name: "a layer too large", spec: { ...SEED, layers: [3, 20000, 2] }, field: "layers[1]" },
  { name: "too many parameters", spec: { ...SEED, layers: [5000, 5000, 10] }, field: "layers" },
  { name: "an unknown activation", spec: { ...SEED, activation: "swish" }, field: "activation" },
  { name: "an unknown output activation", spec: { ...SEED, outputActivation: "max" }, field: "outputActivation" },
  { name: "an unknown loss", spec: { ...SEED, loss: "hinge" }, field: "loss" },
  { name: "activations of the wrong length", spec: { layers: [3, 2, 2], activations: ["relu"] }, field: "activations" },
  { name: "alpha out of range", spec: { ...SEED, activation: "leaky-relu", alpha: 1.5 }, field: "alpha" },
  { name: "a custom formula with a syntax error", spec: { ...SEED, activation: { custom: "x / (1 + " } }, field: "activation.custom" },
  { name: "a custom formula with an unknown variable", spec: { ...SEED, activation: { custom: "x * q" } }, field: "activation.custom" },
  { name: "a custom formula with an unknown function", spec: { ...SEED, loss: { custom: "foo(y - t)" } }, field: "loss.custom" },
];

const FLAG_CASES: Case[] = [
  { name: "an unknown flag", args: ["--colour", "red"], field: "--colour" },
  { name: "layers flag with a letter", args: ["--layers", "3,x,2"], field: "--layers" },
  { name: "layers flag with a zero", args: ["--layers", "3,0,2"], field: "layers[1]" },
  { name: "an unknown activation flag", args: ["--activation", "swish"], field: "activation" },
  { name: "an unknown format", args: ["--format", "tex,docx"], field: "--format" },
  { name: "a negative seed", args: ["--seed", "-1"], field: "--seed" },
  { name: "a missing spec file", args: ["no-such-file.json"], field: "SPEC" },
];

function expectRejected(r: Run, field: string, out: string): void {
  expect(r.code).toBe(2);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).toContain(field);
  expect(r.err[0]).not.toMatch(/\n| {4}at /);
  expect(files(out)).toEqual([]);
}

describe("derive rejects bad specs", () => {
  for (const c of SPEC_CASES) {
    it(c.name, async () => {
      const dir = tempDir();
      const out = join(dir, "out");
      const spec = writeJson(dir, "spec.json", c.spec);
      const r = await run("derive", spec, "--out", out);
      expectRejected(r, c.field, out);
    });
  }
  for (const c of FLAG_CASES) {
    it(c.name, async () => {
      const out = join(tempDir(), "out");
      const r = await run("derive", ...c.args!, "--out", out);
      expectRejected(r, c.field, out);
    });
  }
});

describe("bad input never overwrites an earlier output", () => {
  it("keeps the previous derivation.tex", async () => {
    const out = tempDir();
    writeFileSync(join(out, "derivation.tex"), "earlier");
    const r = await run("derive", "--layers", "3,0,2", "--out", out);
    expect(r.code).toBe(2);
    expect(readFileSync(join(out, "derivation.tex"), "utf8")).toBe("earlier");
    expect(files(out)).toEqual(["derivation.tex"]);
  });

  it("refuses an unwritable --out", async () => {
    const dir = tempDir();
    const blocker = join(dir, "file");
    writeFileSync(blocker, "x");
    const r = await run("derive", "--out", join(blocker, "sub"));
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain("--out");
  });
});

describe("evaluate rejects bad params", () => {
  const network = { layers: [2, 2, 1], activation: "sigmoid", loss: "mse" };
  const good = {
    inputs: [0.05, 0.1],
    targets: [0.5],
    eta: 0.5,
    weights: { "3": { "1": 0.15, "2": 0.2, b: 0.35 }, "4": { "1": 0.25, "2": 0.3, b: 0.35 }, "5": { "3": 0.4, "4": 0.45, b: 0.6 } },
  };
  const cases: [string, unknown, string][] = [
    ["malformed JSON", "{ inputs: ", "--params"],
    ["a missing weight", { ...good, weights: { ...good.weights, "5": { "3": 0.4, b: 0.6 } } }, "params.weights.5.4"],
    ["an extra weight", { ...good, weights: { ...good.weights, "5": { ...good.weights["5"], "1": 0.1 } } }, "params.weights.5.1"],
    ["inputs of the wrong length", { ...good, inputs: [1, 2, 3] }, "params.inputs"],
    ["targets of the wrong length", { ...good, targets: [0.1, 0.2] }, "params.targets"],
    [
      "a weight that is not a number",
      { ...good, weights: { ...good.weights, "3": { "1": "0.15", "2": 0.2, b: 0.35 } } },
      "params.weights.3.1",
    ],
    ["an unknown key", { ...good, momentum: 0.9 }, "params.momentum"],
    ["no eta", { inputs: good.inputs, targets: good.targets, weights: good.weights }, "params.eta"],
  ];
  for (const [name, params, field] of cases) {
    it(name, async () => {
      const dir = tempDir();
      const spec = writeJson(dir, "spec.json", network);
      const file = writeJson(dir, "params.json", params);
      const r = await run("evaluate", spec, "--params", file);
      expect(r.code).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toContain(field);
      expect(r.out).toEqual([]);
    });
  }
  it("accepts the good params", async () => {
    const dir = tempDir();
    const r = await run("evaluate", writeJson(dir, "spec.json", network), "--params", writeJson(dir, "params.json", good));
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe("usage", () => {
  it("an unknown command", async () => {
    const r = await run("differentiate");
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain("differentiate");
  });
  it("help for each command", async () => {
    for (const c of ["derive", "check", "evaluate"]) {
      const r = await run(c, "--help");
      expect(r.code).toBe(0);
      expect(r.out.join("\n")).toContain(`backprop-derive ${c}`);
    }
  });
});

/**
 * Issue 13's bad inputs, one row each: exit 2, one stderr line under 300 characters naming the
 * field, no stack trace, and the output directory (holding an earlier derivation) unchanged.
 */
describe("hostile and huge input: one bounded line, exit 2, the out directory as it was", { timeout: 120_000 }, () => {
  const dir = tempDir();
  const file = (name: string, text: string | Buffer): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const deep = `{"layers": [${"[".repeat(5000)}3${"]".repeat(5000)}, 2]}`;
  const rows: { name: string; args: (out: string) => string[]; field: string; prepare?: (out: string) => void }[] = [
    {
      name: "a spec file over 10 MB",
      args: () => [file("big.json", `{"layers": [3, 2], "name": "${"n".repeat(11 * 1024 * 1024)}"}`)],
      field: "SPEC",
    },
    { name: "/dev/zero as the spec", args: () => ["/dev/zero"], field: "SPEC" },
    { name: "layers[0] nested 5000 deep", args: () => [file("deep.json", deep)], field: "SPEC" },
    { name: "a 5 MB key", args: () => [file("key.json", `{"layers": [3, 2], "${"k".repeat(5 * 1024 * 1024)}": 1}`)], field: "kkk" },
    { name: "a newline in a key", args: () => [file("nl.json", '{"layers": [3, 2], "a\\nb": 1}')], field: "a\\nb" },
    { name: "a newline in name", args: () => [file("name.json", '{"layers": [3, 2], "name": "x\\ny"}')], field: "name" },
    { name: "control characters in name", args: () => [file("ctl.json", '{"layers": [3, 2], "name": "x\\u001b[31m"}')], field: "name" },
    {
      name: "a params file over 10 MB",
      args: () => ["sigmoid-mse", "--params", file("p.json", Buffer.alloc(10 * 1024 * 1024 + 1, 32))],
      field: "--params",
    },
    {
      name: "out/katex existing as a file",
      args: () => ["--assets", "external"],
      field: "--out",
      prepare: (out) => writeFileSync(join(out, "katex"), "a file"),
    },
    {
      name: "a directory where derivation.md goes",
      args: () => [],
      field: "--out",
      prepare: (out) => mkdirSync(join(out, "derivation.md")),
    },
    { name: "--out - with every format", args: () => ["--out", "-"], field: "--out" },
    { name: "two specs with one name", args: () => [file("a.json", "{}"), join(tempDir(), "a.json")], field: "SPEC" },
    { name: "a preset that does not exist", args: () => ["seeed"], field: "SPEC" },
    { name: "--activation as broken JSON", args: () => ["--activation", '{"custom": '], field: "--activation" },
    { name: "a 60 MB flag value", args: () => ["--lang", "x".repeat(60 * 1024 * 1024)], field: "--lang" },
    { name: "a newline in a flag value", args: () => ["--format", "md\njson"], field: "--format" },
    { name: "--lang fr", args: () => ["--lang", "fr"], field: "--lang" },
    { name: "--expand -5", args: () => ["--expand", "-5"], field: "--expand" },
    { name: "--cas with --no-check", args: () => ["--cas", "--no-check"], field: "--cas" },
  ];
  it.each(rows)("$name", async ({ args, field, prepare }) => {
    const out = tempDir();
    writeFileSync(join(out, "derivation.tex"), "earlier");
    prepare?.(out);
    const before = snapshot(out);
    const argv = args(out);
    const r = await run("derive", ...argv, ...(argv.includes("--out") ? [] : ["--out", out]));
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]!.length).toBeLessThan(300);
    expect(r.err[0]).toContain(field);
    expect(r.err[0]).not.toMatch(/\n|\s{4}at /);
    expect(r.out).toEqual([]);
    expect(snapshot(out)).toEqual(before);
  });

  it("an out directory that cannot be created (/proc/x) is refused at once", async () => {
    const r = await run("derive", "--out", "/proc/x/out");
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain("--out");
  });
});

/**
 * Issue 26's reproductions, one row each, as above: exit 2, one bounded line naming the field, and
 * the output directory (and anything a link in it points to) as it was.
 */
describe("round two: ties, unknown keys, several specs, --out", { timeout: 120_000 }, () => {
  const dir = tempDir();
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const graph = (name: string): string =>
    JSON.stringify({ inputs: 2, nodes: [{ from: [1, 2] }, { from: [1, 2] }], outputs: [3, 4], tied: [["w_3_1", name]] });
  const params = (weights: string): string => `{"inputs": [0.1, 0.2, 0.3], "targets": [0.2, 0.8], "eta": 0.5, "weights": ${weights}}`;
  const seedWeights =
    '"4": {"1": 0.1, "2": 0.2, "3": 0.3, "b": 0.1}, "5": {"1": 0.1, "2": 0.2, "3": 0.3, "b": 0.1}, "6": {"4": 0.1, "5": 0.2, "b": 0.1}, "7": {"4": 0.1, "5": 0.2, "b": 0.1}';
  const elsewhere = join(dir, "elsewhere");
  mkdirSync(elsewhere);
  writeFileSync(join(elsewhere, "derivation.md"), "not yours");
  const rows: { name: string; args: (out: string) => string[]; field: string; prepare?: (out: string) => void }[] = [
    { name: "--out ''", args: () => ["--out", ""], field: "--out: is empty" },
    ...["w_31", "w_3", "w_b_3_1", "w_3_1_2", "w_0_1"].map((w) => ({
      name: `the tied name ${w}`,
      args: () => [file(`tied-${w}.json`, graph(w))],
      field: "tied[0][1]",
    })),
    {
      name: "__proto__ among params.weights",
      args: () => ["seed", "--params", file("proto.json", params(`{${seedWeights}, "__proto__": {"1": 0.5}}`))],
      field: "params.weights.__proto__: unknown key",
    },
    {
      name: "__proto__ among one node's weights",
      args: () => ["seed", "--params", file("proto-row.json", params(`{"4": {"1": 0.1, "__proto__": 0.2}}`))],
      field: "params.weights.4.__proto__: unknown key",
    },
    {
      name: "__proto__ in an activation object",
      args: () => [file("proto-spec.json", '{"layers": [2, 1], "activation": {"custom": "x", "__proto__": {}}}')],
      field: "activation.__proto__: unknown key",
    },
    {
      name: "several specs, a symlink at OUT/<name>",
      args: () => ["seed", "sigmoid-mse", "--format", "md"],
      field: "--out: a symlink is in the way",
      prepare: (out) => symlinkSync(elsewhere, join(out, "seed")),
    },
    {
      name: "several specs, a template that fails on the second only",
      args: () => [
        file("first.json", '{"layers": [2, 1], "name": "First"}'),
        file("second.json", '{"layers": [2, 1], "name": "Second"}'),
        "--format",
        "md",
        "--no-check",
        "--template",
        file("t.md.njk", '<% if name == "Second" %><< nowhere >><% endif %><< title >>'),
      ],
      field: "--template: template",
    },
  ];
  it.each(rows)("$name", async ({ args, field, prepare }) => {
    const out = tempDir();
    writeFileSync(join(out, "derivation.tex"), "earlier");
    prepare?.(out);
    const before = snapshot(out);
    const argv = args(out);
    const r = await run("derive", ...argv, ...(argv.includes("--out") ? [] : ["--out", out]));
    expect(r.err).toHaveLength(1);
    expect(r.code, r.err[0]).toBe(2);
    expect(r.err[0]!.length).toBeLessThan(300);
    expect(r.err[0]).toContain(field);
    expect(r.err[0]).not.toMatch(/\n|\s{4}at /);
    expect(r.out).toEqual([]);
    expect(snapshot(out)).toEqual(before);
    expect(readFileSync(join(elsewhere, "derivation.md"), "utf8")).toBe("not yours");
  });

  it("check - --params - says what derive and evaluate say", async () => {
    for (const command of ["derive", "check", "evaluate"]) {
      const out = command === "derive" ? ["--out", join(tempDir(), "out")] : [];
      const r = await runWith([command, "-", "--params", "-", ...out], { stdin: '{"layers": [2, 1]}' });
      expect(r.code).toBe(2);
      expect(r.err).toEqual(["backprop-derive: --params: and SPEC cannot both be read from standard input"]);
    }
  });

  it("echoes a user's text escaped: format characters, newlines, whole code points, lone surrogates", async () => {
    const cases: [string, RegExp, RegExp][] = [
      ["x\u202Ey", /x\\u202ey/, /\u202E/],
      ["a\u200Bb\uFEFF", /a\\u200bb\\ufeff/, /[\u200B\uFEFF]/],
      ["md\njson", /md\\njson/, /\n/],
      ["x\uD800y", /x\\ud800y/, /[\uD800-\uDFFF]/],
      // A pair of surrogates where the value is cut: the whole character, or none of it.
      [`${"a".repeat(59)}\u{1F600}${"b".repeat(40)}`, /a{59}(\u{1F600})?\.\.\./u, /\uD83D(?!\uDE00)|(?<!\uD83D)\uDE00/],
    ];
    for (const [value, shown, never] of cases) {
      const r = await run("derive", "--lang", value, "--out", join(tempDir(), "out"));
      expect(r.code).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(shown);
      expect(r.err[0]).not.toMatch(never);
    }
  });
});
