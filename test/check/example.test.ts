// The worked example the notes carry by default: small fixed numbers that fit the loss, the
// same every run; its printed numbers are the independent oracle's (forward pass and central
// differences of E), to the digits printed; --example none leaves it out, --params replaces it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { EXAMPLE_MAX_PARAMS, exampleParams } from "../../src/check/example.js";
import { forwardPass } from "../../src/oracle/forward.js";
import { checkTargets, paramsToJson } from "../../src/check/params.js";
import { nameOf } from "../../src/network/params.js";
import { run, tempDir, writeJson } from "../cli/helpers.js";
import { networkOf, PRESETS, TOPOLOGY_PRESETS } from "../render/helpers.js";

const oracleGradient = (net: ReturnType<typeof networkOf>, p: ReturnType<typeof exampleParams>, i: number): number => {
  const h = 1e-5;
  const plus = forwardPass(net, p, { param: { index: i, value: p.values[i]! + h } }).E;
  const minus = forwardPass(net, p, { param: { index: i, value: p.values[i]! - h } }).E;
  return (plus - minus) / (2 * h);
};

describe("exampleParams", () => {
  it.each([...PRESETS, ...TOPOLOGY_PRESETS])(
    "%s: the same numbers every time, two decimals, no zero, targets that fit the loss",
    (name) => {
      const net = networkOf(name);
      const p = exampleParams(net);
      expect(exampleParams(net)).toEqual(p);
      for (const v of [...p.inputs, ...p.values]) {
        expect(v).not.toBe(0);
        expect(Math.abs(v * 100 - Math.round(v * 100))).toBeLessThan(1e-9);
      }
      expect(() => checkTargets(net, p.targets)).not.toThrow();
      expect(p.values).toHaveLength(net.params.length);
    },
  );
});

describe("derive's notes", () => {
  it("carry a worked example on the small numbers by default, whose numbers are the oracle's", async () => {
    const out = tempDir();
    const r = await run("derive", "seed", "--format", "md", "--out", out, "-q");
    expect(r.code).toBe(0);
    const md = readFileSync(join(out, "derivation.md"), "utf8");
    expect(md).toContain("## A worked example");
    const net = networkOf("seed");
    const p = exampleParams(net);
    // The given values' table, then the forward pass: every y_k as the oracle computes it.
    const f = forwardPass(net, p);
    for (const k of [4, 5, 6, 7]) {
      const printed = new RegExp(`^y_${k} &= [^\\n]*\\n(?: &= [^\\n]*\\n)* &= (-?[\\d.e-]+) && `, "m").exec(md);
      expect(printed, `y_${k}`).not.toBeNull();
      expect(Number(printed![1])).toBeCloseTo(f.y[k]!, 5);
    }
    // Every gradient, in full or in the table of the rest, equals the oracle's central difference.
    net.params.forEach((q, i) => {
      const name = nameOf(q);
      const g = oracleGradient(net, p, i);
      const latex = q.from === "b" ? `w_{b_${q.to}}` : `w_{${q.to}${q.from}}`;
      const rest = md.slice(md.indexOf("The other weights and biases"));
      const row = new RegExp(`^\\| \\$${latex.replace(/[{}]/g, "\\$&")}\\$ \\| \\$(-?[\\d.e-]+)\\$ \\|`, "m").exec(rest);
      const full = new RegExp(
        `^\\\\frac\\{\\\\partial E\\}\\{\\\\partial ${latex.replace(/[{}]/g, "\\$&")}\\} &= [^\\n]*\\n(?: &= [^\\n]*\\n)* &= (-?[\\d.e-]+) && `,
        "m",
      ).exec(md);
      const printed = full?.[1] ?? row?.[1];
      expect(printed, name).toBeDefined();
      expect(Number(printed)).toBeCloseTo(g, 5);
    });
    // Every formula of the Markdown, the example's included, passes KaTeX strict.
    for (const m of md.matchAll(/\$\$\n([\s\S]*?)\n\$\$|\$([^$\n]+)\$/g))
      expect(() =>
        katex.renderToString(m[1] ?? m[2]!, { throwOnError: true, strict: "error", displayMode: m[1] !== undefined }),
      ).not.toThrow();
  });

  it("leave it out with --example none, and take the numbers of --params", async () => {
    const none = tempDir();
    expect((await run("derive", "seed", "--format", "md", "--out", none, "-q", "--example", "none")).code).toBe(0);
    expect(readFileSync(join(none, "derivation.md"), "utf8")).not.toContain("## A worked example");
    const net = networkOf("seed");
    const given = { ...exampleParams(net), inputs: [0.5, 0.25, 0.125] };
    const dir = tempDir();
    const file = writeJson(dir, "params.json", paramsToJson(net, given));
    expect((await run("derive", "seed", "--format", "md", "--out", dir, "-q", "--params", file)).code).toBe(0);
    const md = readFileSync(join(dir, "derivation.md"), "utf8");
    expect(md).toContain("| $x_1$ | $0.5$ | $x_2$ | $0.25$ | $x_3$ | $0.125$ |");
  });

  it("refuse --example none with --params, and an unknown --example, as bad input", async () => {
    const net = networkOf("seed");
    const dir = tempDir();
    const file = writeJson(dir, "params.json", paramsToJson(net, exampleParams(net)));
    const both = await run("derive", "seed", "--out", dir, "--example", "none", "--params", file);
    expect(both.code).toBe(2);
    expect(both.err.join("\n")).toMatch(/^backprop-derive: --example: none and --params contradict/);
    const bad = await run("derive", "seed", "--out", dir, "--example", "big");
    expect(bad.code).toBe(2);
    expect(bad.err.join("\n")).toMatch(/--example.*allowed: small, none/);
  });

  it("carry none for a network above the size limit", async () => {
    const big = { layers: [20, 10, 2], activation: "sigmoid", loss: "mse" };
    expect(networkOf(big).params.length).toBeGreaterThan(EXAMPLE_MAX_PARAMS);
    const dir = tempDir();
    const spec = writeJson(dir, "big.json", big);
    expect((await run("derive", spec, "--format", "md", "--out", dir, "-q", "--no-check")).code).toBe(0);
    expect(readFileSync(join(dir, "derivation.md"), "utf8")).not.toContain("## A worked example");
  });
});
