// The worked example (src/check/worked.ts) on the classic tutorial network, its numbers checked
// at the same params; the JSON check field; and the evaluate command, whose format is fixed,
// against the independent oracle for every activation and loss.
import { MAZUR_PARAMS, MAZUR_SPEC } from "../fixtures/mazur.js";
import katex from "katex";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { derivedValues } from "../../src/check/derived.js";
import { forwardPass } from "../../src/oracle/forward.js";
import { parseParams, paramsToJson, randomParams, type Params } from "../../src/check/params.js";
import { rng } from "../../src/oracle/rng.js";
import { checkSteps } from "../../src/check/steps.js";
import { withWorkedExample, workedSection } from "../../src/check/worked.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof, Step } from "../../src/derive/proof.js";
import { evaluate } from "../../src/expr/evaluate.js";
import { toLatex } from "../../src/expr/latex.js";
import { toText } from "../../src/expr/text.js";
import type { Expr } from "../../src/expr/types.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { proofJson } from "../../src/render/json.js";
import { FORMATS } from "../../src/render/formats.js";
import { run, tempDir, writeJson } from "../cli/helpers.js";
import { decodeSteps } from "../render/json-decode.js";
import { contentText } from "../../src/render/document.js";
import { ELEMENTWISE_NAMES } from "../rules/names.js";

// The network and numbers of the classic step-by-step tutorial (inputs 1, 2; hidden 3, 4; outputs 5, 6).
const SPEC = MAZUR_SPEC;
const PARAMS = MAZUR_PARAMS;

const network = buildNetwork(parseSpec(SPEC));
const params = parseParams(network, PARAMS);
const steps = (p: Proof): Step[] => p.sections.flatMap((s) => s.blocks.flatMap((blk) => (blk.kind === "steps" ? [...blk.steps] : [])));
const isSym = (e: Expr, name: string, ...idx: (number | "b")[]): boolean =>
  e.kind === "sym" &&
  e.name === name &&
  toText(e) === [name, ...idx.map((i) => (i === "b" ? `b_${idx[0]}` : String(i)))].join("_").replace(/_(\d+)_b_\1$/, "_b_$1");

/** The number a chain of worked steps ends in, for the step whose lhs matches. */
function result(proof: Proof, lhs: (e: Expr) => boolean): number {
  const all = steps({ ...proof, sections: proof.sections.filter((s) => s.id === "worked") });
  const i = all.findIndex((s) => !s.continues && s.relation !== "define" && lhs(s.lhs));
  let j = i;
  while (all[j + 1]?.continues) j++;
  const last = all[j]!.rhs;
  if (last.kind !== "num") throw new Error("a chain must end in a number");
  return last.value;
}

describe("the worked example", () => {
  const proof = withWorkedExample(derive(network), { params, digits: 9 });

  it("reproduces the tutorial's numbers, to 9 significant digits", () => {
    expect(result(proof, (e) => isSym(e, "net", 3))).toBe(0.3775);
    expect(result(proof, (e) => isSym(e, "y", 3))).toBe(0.593269992);
    expect(result(proof, (e) => isSym(e, "E"))).toBe(0.298371109);
    expect(result(proof, (e) => isSym(e, "delta", 5))).toBe(0.138498562);
    expect(result(proof, (e) => e.kind === "deriv" && toText(e.wrt) === "w_5_3")).toBe(0.0821670406);
    expect(result(proof, (e) => isSym(e, "w", 5, 3))).toBe(0.35891648);
    expect(result(proof, (e) => isSym(e, "w", 3, 1))).toBe(0.149780716);
  });

  it("shows each value as formula, substituted formula and number", () => {
    const worked = proof.sections.at(-1)!;
    expect(worked.id).toBe("worked");
    const all = steps({ ...proof, sections: [worked] });
    const net3 = all.findIndex((s) => isSym(s.lhs, "net", 3) && !s.continues);
    expect(toLatex(all[net3]!.rhs)).toBe("w_{31} x_1 + w_{32} x_2 + w_{b_3}");
    expect(toLatex(all[net3 + 1]!.rhs)).toBe("0.15 \\cdot 0.05 + 0.2 \\cdot 0.1 + 0.35");
    expect(toLatex(all[net3 + 2]!.rhs)).toBe("0.3775");
    const y3 = all.findIndex((s) => isSym(s.lhs, "y", 3) && !s.continues);
    expect(toLatex(all[y3 + 1]!.rhs)).toBe("\\frac{1}{e^{-0.3775} + 1}");
    // Negative numbers in products keep their parentheses.
    expect(all.some((s) => /\\left\(-0\.0380982365\\right\)/.test(toLatex(s.rhs)))).toBe(true);
    const ids = all.map((s) => s.id);
    expect(new Set([...ids, ...steps(proof).map((s) => s.id)]).size).toBe(steps(proof).length);
    // The section states how the numbers were checked.
    const text = worked.blocks.at(-1)!;
    expect(text.kind === "text" && text.content.map((c) => ("text" in c ? c.text : "")).join("")).toMatch(
      /central differences.*12 of 12 gradients checked, 0 failed/,
    );
  });

  it("every formula is valid KaTeX", () => {
    for (const s of steps({ ...proof, sections: [proof.sections.at(-1)!] })) {
      for (const e of [s.lhs, s.rhs]) expect(() => katex.renderToString(toLatex(e), { throwOnError: true, strict: "error" })).not.toThrow();
    }
  });

  it("every step of it is verified at the same params, allowing only for the rounding", () => {
    for (const digits of [9, 4, 2]) {
      const p = withWorkedExample(derive(network), { params, digits });
      const r = checkSteps(p, { worked: { params, digits } });
      expect(r.failed, `${digits} digits: ${r.failures[0]?.step} ${r.failures[0]?.lhs} ${r.failures[0]?.rhs}`).toBe(0);
      for (const s of steps({ ...p, sections: [p.sections.at(-1)!] })) {
        const c = r.checks.get(s.id)!;
        expect(c.status).toBe(s.relation === "define" ? "definition" : "verified");
      }
      expect(result(p, (e) => isSym(e, "E"))).toBe(Number((0.298371109).toPrecision(digits)));
    }
  });

  it("a wrong number in it fails", () => {
    const p = withWorkedExample(derive(network), { params });
    const target = steps(p).find((s) => s.id.startsWith("w") && s.rhs.kind === "num" && s.continues && s.relation === "eq")!;
    const wrong: Proof = {
      ...p,
      sections: p.sections.map((sec) => ({
        ...sec,
        blocks: sec.blocks.map((blk) =>
          blk.kind === "steps"
            ? {
                ...blk,
                steps: [...blk.steps].map((s) =>
                  s === target ? { ...s, rhs: { kind: "num", value: (s.rhs as { value: number }).value * 1.001 } } : s,
                ),
              }
            : blk,
        ),
      })),
    };
    expect(checkSteps(wrong, { worked: { params, digits: 9 } }).checks.get(target.id)!.status).toBe("failed");
  });

  it("works for every activation and loss", () => {
    const specs: unknown[] = [
      { layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" },
      { layers: [2, 3, 2], activations: ["leaky-relu", "identity"], loss: "sse" },
      { layers: [2, 2, 2], activations: ["softplus", "sigmoid"], loss: "binary-cross-entropy" },
      { layers: [2, 2, 2], activations: ["tanh", { custom: "x^3/3 + x" }], loss: { custom: "(y - t)^4" } },
      { layers: [2, 3, 2], activations: ["softmax", "tanh"], loss: "mse" },
    ];
    specs.forEach((spec, n) => {
      const net = buildNetwork(parseSpec(spec));
      const p = randomParams(net, rng(n + 10));
      const proof = withWorkedExample(derive(net), { params: p, digits: 6 });
      const r = checkSteps(proof, { worked: { params: p, digits: 6 }, seed: n + 1 });
      expect(r.failed, `${JSON.stringify(spec)}: ${r.failures[0]?.step} ${r.failures[0]?.reason ?? ""}`).toBe(0);
    });
  });
});

describe("the JSON output", () => {
  it("records each step's check", () => {
    const proof = withWorkedExample(derive(network), { params, digits: 9 });
    const r = checkSteps(proof, { worked: { params, digits: 9 } });
    const json = JSON.parse(JSON.stringify(proofJson(proof, undefined, r.checks))) as {
      sections: { blocks: { steps?: { id: string; check?: object }[] }[] }[];
    };
    const all = decodeSteps(json);
    expect(all.length).toBe(steps(proof).length);
    for (const s of all)
      expect(s.check).toEqual(
        expect.objectContaining({
          status: expect.stringMatching(/^(verified|definition)$/),
          points: expect.any(Number),
          maxRelError: expect.any(Number),
          method: expect.any(String),
        }),
      );
    const without = JSON.parse(JSON.stringify(proofJson(proof))) as typeof json;
    expect(decodeSteps(without)[0]).not.toHaveProperty("check");
  });

  it("derive --params writes the worked example and checks it", async () => {
    const dir = tempDir();
    const file = writeJson(dir, "params.json", PARAMS);
    const out = join(dir, "out");
    const r = await run("derive", "sigmoid-mse", "--params", file, "--digits", "6", "--out", out, "--format", "json");
    expect(r.code).toBe(0);
    expect(r.out.join("\n")).toMatch(/steps: \d+ in all: \d+ verified, \d+ definitions or notation \(nothing to check\), 0 failed/);
    const json = JSON.parse(readFileSync(join(out, "derivation.json"), "utf8")) as { sections: { id: string }[] };
    expect(json.sections.at(-1)!.id).toBe("worked");
  });
});

describe("derived values, compiled once per proof", () => {
  it("equal evaluate() of the same trees, to the last bit (softmax outputs and output deltas to 1e-15)", () => {
    const specs: unknown[] = [
      { layers: [3, 4, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" },
      { layers: [2, 3, 3, 2], activations: ["softmax", { custom: "x^3/3 + x" }, "sigmoid"], loss: "binary-cross-entropy" },
    ];
    specs.forEach((spec, n) => {
      const net = buildNetwork(parseSpec(spec));
      const proof = derive(net);
      const p = randomParams(net, rng(n + 1));
      const d = derivedValues(proof, p);
      // An output's y_k - t_k is evaluated as (1 - t_k) - (1 - y_k) near y_k = 1, which keeps the
      // digits the literal difference loses at saturation: equal to it up to rounding of 1.
      for (const [k, tree] of proof.results.delta) {
        if (net.outputs.includes(k)) expect(Math.abs(d.delta(k) - evaluate(tree, d.scope))).toBeLessThan(1e-15);
        else expect(Object.is(d.delta(k), evaluate(tree, d.scope))).toBe(true);
      }
      for (const [k, f] of proof.forward) {
        expect(Object.is(d.net(k), evaluate(f.net, d.scope))).toBe(true);
        // Softmax outputs are evaluated the stable way (shifted by the largest net), which may
        // differ from the naive quotient in the last bits.
        const elementwise = net.layers[net.nodes[k]!.layer]!.activation!.elementwise;
        if (elementwise) expect(Object.is(d.y(k), evaluate(f.y, d.scope))).toBe(true);
        else expect(Math.abs(d.y(k) - evaluate(f.y, d.scope))).toBeLessThan(1e-15);
      }
      [...proof.results.params].forEach((q, i) => {
        expect(Object.is(d.gradient(i), evaluate(q.gradient, d.scope))).toBe(true);
        expect(Object.is(d.update(i), evaluate(q.update, d.scope))).toBe(true);
      });
      // Two evaluations at different params do not share memoised values.
      const p2 = randomParams(net, rng(n + 50));
      const d2 = derivedValues(proof, p2);
      expect(d2.E()).not.toBe(d.E());
      expect(d.E()).toBe(derivedValues(proof, p).E());
    });
  });
});

describe("evaluate", () => {
  // One network per activation and per loss, output checked against the oracle.
  const specs: unknown[] = [
    ...[...ELEMENTWISE_NAMES, { custom: "x / (1 + x^2)" }].map((a) => ({
      layers: [3, 3, 2],
      activations: [a, "sigmoid"],
      loss: "mse",
    })),
    { layers: [3, 3, 2], activation: "tanh", outputActivation: "softmax", loss: "cross-entropy" },
    { layers: [3, 3, 2], activations: ["softmax", "sigmoid"], loss: "binary-cross-entropy" },
    { layers: [2, 3, 2], activation: "sigmoid", loss: "sse" },
    { layers: [2, 3, 2], activation: "tanh", outputActivation: "identity", loss: { custom: "(y - t)^4" } },
  ];
  specs.forEach((spec, n) => {
    it(`matches the oracle: ${JSON.stringify(spec)}`, async () => {
      const net = buildNetwork(parseSpec(spec));
      const p: Params = randomParams(net, rng(100 + n));
      const dir = tempDir();
      const r = await run("evaluate", writeJson(dir, "spec.json", spec), "--params", writeJson(dir, "p.json", paramsToJson(net, p)));
      expect(r.code).toBe(0);
      const out = JSON.parse(r.out.join("\n")) as {
        E: number;
        nodes: Record<string, { net: number; y: number; delta: number }>;
        gradients: Record<string, Record<string, number>>;
        updated: Record<string, Record<string, number>>;
      };
      expect(Object.keys(out)).toEqual(["E", "nodes", "gradients", "updated"]);
      const f = forwardPass(net, p);
      expect(out.E).toBeCloseTo(f.E, 12);
      const d = derivedValues(derive(net), p);
      for (const layer of net.layers.slice(1)) {
        for (const k of layer.nodes) {
          expect(Object.keys(out.nodes[k]!)).toEqual(["net", "y", "delta"]);
          expect(out.nodes[k]!.net).toBeCloseTo(f.net[k]!, 12);
          expect(out.nodes[k]!.y).toBeCloseTo(f.y[k]!, 12);
          expect(out.nodes[k]!.delta).toBe(d.delta(k));
        }
      }
      net.params.forEach((q, i) => {
        const h = 1e-6;
        const plus = forwardPass(net, p, { param: { index: i, value: p.values[i]! + h } }).E;
        const minus = forwardPass(net, p, { param: { index: i, value: p.values[i]! - h } }).E;
        const g = out.gradients[q.to]![String(q.from)]!;
        expect(Math.abs(g - (plus - minus) / (2 * h))).toBeLessThan(1e-6 * Math.max(1, Math.abs(g)));
        expect(out.updated[q.to]![String(q.from)]).toBeCloseTo(p.values[i]! - p.eta * g, 12);
      });
    });
  });
  void workedSection;
});

describe("the worked example in the documents (issue 8)", () => {
  // Default --digits: 6 significant digits.
  const proof = withWorkedExample(derive(network), { params });
  const md = String(contentText(FORMATS.md({ proof }, {})[0]!.content));
  const worked = md.slice(md.indexOf("## A worked example"));

  it("prints every updated weight and bias with its own formula, substitution and value", () => {
    for (const [lhs, value] of [
      ["w_{54}", "0.408666"],
      ["w_{b_5}", "0.530751"],
      ["w_{53}", "0.358916"],
    ] as const) {
      // lhs <- formula, <- the numbers, <- the value: three lines of one aligned display.
      const at = worked.indexOf(`${lhs} &\\leftarrow ${lhs} - \\eta`);
      expect(at, lhs).toBeGreaterThan(0);
      // A line too long for the column goes on below its relation ("&\\quad ..."): one line again here.
      const lines = worked
        .slice(at)
        .replace(/ \\\\\n&\\quad /g, " ")
        .split(" \\\\\n")
        .slice(0, 3);
      expect(lines[1]).toMatch(/^\s*&\\leftarrow \S+ - 0\.5 (\\cdot|\\left\()/);
      expect(lines[2]).toMatch(new RegExp(`^\\s*&\\\\leftarrow ${value.replace(".", "\\.")}( |$)`));
    }
    // The weights of the other nodes are in a table, each with its gradient and updated value.
    expect(worked).toMatch(/^\| \$w_\{64\}\$ \| \$-?[\d.]+\$ \| \$0\.56137\$ \|$/m);
    // Nothing of the updates is elided: the layers have 2 nodes.
    expect(worked).not.toMatch(/\\vdots/);
  });

  it("shows the loss before and after the update, so that the reader sees it fall", () => {
    expect(worked).toMatch(/the loss falls from \$0\.298371\$ to \$0\.2\d+\$/);
    const after = derivedValues(proof, { ...params, values: params.values.map((_, i) => derivedValues(proof, params).update(i)) }).E();
    expect(after).toBeLessThan(0.298371);
    expect(worked).toContain(`$${Number(after.toPrecision(6))}$`);
  });

  it("never cuts one weight's lines apart when a layer is elided", () => {
    const wide = buildNetwork(parseSpec({ layers: [3, 9, 2], activation: "sigmoid", loss: "mse" }));
    const p = withWorkedExample(derive(wide), { params: randomParams(wide, rng(3)) });
    const text = String(contentText(FORMATS.md({ proof: p }, { expand: 3 })[0]!.content));
    const section = text.slice(text.indexOf("## A worked example")).replace(/ \\\\\n&\\quad /g, " ");
    // Every gap stands between whole chains: the line before it ends a chain with a number.
    for (const m of section.matchAll(/([^\n]*) \\\\\n& \\vdots/g))
      expect(m[1]).toMatch(/&(=|:=|\\leftarrow) -?\d+(\.\d+)?(e-?\d+)?( &&.*|\\qquad .*)?$/);
    expect(section).toMatch(/more lines of the same form: layers wider than 3 nodes/);
  });
});
