// The commands end to end: derive writes the documents, check prints its table, evaluate
// reproduces a published worked example.
import { MAZUR_PARAMS, MAZUR_SPEC } from "../fixtures/mazur.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "mathjs";
import { describe, expect, it } from "vitest";
import { files, run, tempDir, writeJson } from "./helpers.js";

describe("derive", () => {
  it("writes the seed's derivation as LaTeX and JSON by default", async () => {
    const out = tempDir();
    const r = await run("derive", "--out", out, "--format", "tex,json", "--style", "proof");
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(files(out)).toEqual(["derivation.json", "derivation.tex"]);
    const tex = readFileSync(join(out, "derivation.tex"), "utf8");
    expect(tex).toContain("\\begin{document}");
    expect(tex).toContain("net_4 &:= w_{41} x_1 + w_{42} x_2 + w_{43} x_3 + w_{b_4}");
    const json = JSON.parse(readFileSync(join(out, "derivation.json"), "utf8"));
    expect(json.network.layers.map((l: { nodes: number[] }) => l.nodes)).toEqual([
      [1, 2, 3],
      [4, 5],
      [6, 7],
    ]);
    expect(Object.keys(json.results.nodes).sort()).toEqual(["4", "5", "6", "7"]);
    expect(json.results.nodes["6"].delta.text).toBe("y_6 - t_6");
    expect(json.results.weights["6"]["4"].gradient.text).toBe("delta_6 * y_4");
    expect(json.results.weights["4"].b.gradient.latex).toBe("\\delta_4");
    expect(json.format).toBe(3);
    expect(json.check.passed).toBe(true);
    expect(json.check.checked).toBe(14);
  });

  it("every text form in the JSON parses with mathjs", async () => {
    const out = tempDir();
    expect((await run("derive", "deep-relu", "--out", out, "--format", "json")).code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, "derivation.json"), "utf8"));
    const texts: string[] = [];
    for (const n of Object.values<{ delta: { text: string } }>(json.results.nodes)) texts.push(n.delta.text);
    for (const row of Object.values<Record<string, { gradient: { text: string } }>>(json.results.weights)) {
      for (const w of Object.values(row)) texts.push(w.gradient.text);
    }
    expect(texts.length).toBeGreaterThan(100);
    for (const t of texts) expect(() => parse(t), t).not.toThrow();
    // Final results name y, t, net, w and delta only: no exp left over.
    for (const t of texts) expect(t).not.toMatch(/exp|\bd_/);
  });

  it("flags override a spec file", async () => {
    const out = tempDir();
    const r = await run("derive", "seed", "--loss", "mse", "--output-activation", "sigmoid", "--out", out, "--format", "json");
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, "derivation.json"), "utf8"));
    expect(json.network.loss).toBe("mse");
    expect(json.network.layers[2].activation).toBe("sigmoid");
    expect(json.network.layers[1].activation).toBe("relu");
  });
});

describe("check", () => {
  it("prints a row per parameter and a summary", async () => {
    const r = await run("check", "--layers", "2,3,2", "--activation", "tanh", "--seed", "5");
    expect(r.code).toBe(0);
    expect(r.out.filter((l) => /^w_/.test(l))).toHaveLength(17);
    expect(r.out.at(-1)).toMatch(/17 of 17 parameters checked, 0 failed/);
  });

  it("samples a large network unless --full-check", async () => {
    const r = await run("check", "--layers", "30,20,5");
    expect(r.code).toBe(0);
    expect(r.out.at(-1)).toMatch(/300 of 725 parameters checked \(a seeded sample/);
  });
});

describe("evaluate", () => {
  // Matt Mazur's widely reproduced step-by-step example (2-2-2, sigmoid, E = 1/2 sum (t - y)^2):
  // E = 0.298371109 and, after one step with eta = 0.5, w5 = 0.35891648 ... w1 = 0.149780716.
  // His w1..w8 are our w_31, w_32, w_41, w_42, w_53, w_54, w_63, w_64.
  const spec = MAZUR_SPEC;
  const params = MAZUR_PARAMS;
  it("reproduces the published numbers", async () => {
    const dir = tempDir();
    const r = await run("evaluate", writeJson(dir, "spec.json", spec), "--params", writeJson(dir, "params.json", params));
    expect(r.code).toBe(0);
    const v = JSON.parse(r.out.join("\n"));
    expect(Object.keys(v).sort()).toEqual(["E", "gradients", "nodes", "updated"]);
    expect(v.E).toBeCloseTo(0.298371109, 8);
    expect(v.nodes["5"].y).toBeCloseTo(0.75136507, 8);
    expect(v.nodes["3"].net).toBeCloseTo(0.3775, 12);
    expect(v.updated["5"]["3"]).toBeCloseTo(0.35891648, 8);
    expect(v.updated["5"]["4"]).toBeCloseTo(0.408666186, 8);
    expect(v.updated["6"]["3"]).toBeCloseTo(0.51130127, 8);
    expect(v.updated["6"]["4"]).toBeCloseTo(0.561370121, 8);
    expect(v.updated["3"]["1"]).toBeCloseTo(0.149780716, 8);
    expect(v.updated["3"]["2"]).toBeCloseTo(0.19956143, 8);
    expect(v.updated["4"]["1"]).toBeCloseTo(0.24975114, 8);
    expect(v.updated["4"]["2"]).toBeCloseTo(0.29950229, 8);
    expect(v.gradients["5"]["3"]).toBeCloseTo(0.082167041, 8);
  });
});

describe("the CAS cross-check in the commands", () => {
  it("derive reports it in the documents and the JSON", async () => {
    const out = tempDir();
    const r = await run("derive", "sigmoid-mse", "--cas", "--out", out, "--format", "md,json");
    expect(r.code).toBe(0);
    expect(r.out.some((l) => /^cas cross-check \(nerdamer-prime, \w+\): 36 comparisons at 3 points: 36 agreed, 0 disagreed/.test(l))).toBe(
      true,
    );
    const json = JSON.parse(readFileSync(join(out, "derivation.json"), "utf8"));
    expect(json.casCheck.checked).toBe(true);
    expect(json.casCheck.failed).toBe(0);
    expect(json.casCheck.rows.length).toBe(3 * 12);
    expect(readFileSync(join(out, "derivation.md"), "utf8")).toContain("nerdamer-prime differentiated E");
  });
  it("says why it is not made above its limit", async () => {
    const r = await run("check", "--layers", "8,8,2");
    expect(r.out.some((l) => l.startsWith("cas cross-check: not made: too large (90 parameters; the limit is 40)"))).toBe(true);
  });
});

describe("activations defined on part of the line", () => {
  it("draws points where sqrt(x) is defined, and checks them", async () => {
    const dir = tempDir();
    const r = await run("check", writeJson(dir, "spec.json", { layers: [2, 2, 1], activation: { custom: "sqrt(x)" } }));
    expect(r.code).toBe(0);
    expect(r.out.find((l) => l.startsWith("steps:"))).toMatch(/0 failed/);
    expect(r.out.at(-1)).toMatch(/9 of 9 parameters checked, 0 failed/);
  });
  it("says so clearly when the loss is nowhere finite", async () => {
    const dir = tempDir();
    const r = await run("check", writeJson(dir, "spec.json", { layers: [2, 1], activation: { custom: "sqrt(-1 - x^2)" } }));
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain("not finite at any of 50 random points");
  });
});
