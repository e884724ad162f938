// Elision is presentation only: long sums, matrices, enumerations and node lists are shortened in
// the documents, the proof and the JSON keep every node.
import { describe, expect, it } from "vitest";
import * as b from "../../src/expr/build.js";
import { toLatex } from "../../src/expr/latex.js";
import { elideExpr, elideList, elideRows, elideText, stepNode } from "../../src/render/elide.js";
import { viewSections } from "../../src/render/view.js";
import { proofJson } from "../../src/render/json.js";
import { proved } from "./helpers.js";
import { Enumeration } from "../../src/derive/enumeration.js";
import { boundedView, EXPAND_LADDER } from "../../src/render/prepare.js";
import { InputError } from "../../src/errors.js";
import { MAX_LAYERS } from "../../src/network/spec.js";

const x = (i: number) => b.sym("x", b.node(i));

describe("elideList", () => {
  it("keeps lists within the limit whole", () => {
    expect(elideList([1, 2, 3], 3, () => 0)).toEqual([1, 2, 3]);
  });
  it("keeps limit - 2 leading items, the gap and the last item", () => {
    expect(elideList([1, 2, 3, 4, 5, 6, 7, 8], 6, () => 0)).toEqual([1, 2, 3, 4, 0, 8]);
  });
  it("always keeps at least the first item", () => {
    expect(elideList([1, 2, 3, 4], 2, () => 0)).toEqual([1, 0, 4]);
  });
});

describe("elideExpr", () => {
  it("elides a long sum to its first terms, \\dots and its last term", () => {
    const net = b.add(
      ...Array.from({ length: 784 }, (_, i) => b.mul(b.sym("w", b.node(785), b.node(i + 1)), x(i + 1))),
      b.sym("w", b.bias(b.node(785))),
    );
    expect(toLatex(elideExpr(net, 6))).toBe(
      "w_{785,1} x_1 + w_{785,2} x_2 + w_{785,3} x_3 + w_{785,4} x_4 + w_{785,5} x_5 + \\dots + w_{b_{785}}",
    );
  });
  it("leaves a sum of a layer of N nodes and its bias whole", () => {
    const net = b.add(...Array.from({ length: 6 }, (_, i) => x(i + 1)), b.sym("w", b.bias(b.node(9))));
    const e = elideExpr(net, 6);
    expect(e).toBe(net);
  });
  it("elides a wide matrix with \\cdots, \\vdots and \\ddots where they cross", () => {
    const m = b.matrix(
      Array.from({ length: 10 }, (_, r) => Array.from({ length: 785 }, (_, c) => b.sym("w", b.node(r + 1), b.node(c + 1)))),
    );
    const latex = toLatex(elideExpr(m, 2));
    expect(latex).toBe(
      "\\begin{bmatrix} w_{11} & \\cdots & w_{1,785} \\\\ \\vdots & \\ddots & \\vdots \\\\ w_{10,1} & \\cdots & w_{10,785} \\end{bmatrix}",
    );
  });
  it("elides a long column vector with \\vdots", () => {
    expect(toLatex(elideExpr(b.column(Array.from({ length: 9 }, (_, i) => x(i + 1))), 3))).toBe(
      "\\begin{bmatrix} x_1 \\\\ x_2 \\\\ \\vdots \\\\ x_9 \\end{bmatrix}",
    );
  });
});

describe("elideText", () => {
  it("shortens long lists of node numbers in prose", () => {
    const list = Array.from({ length: 784 }, (_, i) => i + 1).join(", ");
    expect(elideText(`the input nodes are ${list} and`, 6)).toBe("the input nodes are 1, 2, 3, 4, ..., 784 and");
    expect(elideText("the nodes 1, 2, 3", 6)).toBe("the nodes 1, 2, 3");
  });
});

describe("elideRows", { timeout: 60_000 }, () => {
  const proof = proved({ layers: [784, 128, 10], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" });
  const updates = proof.sections.find((s) => s.id === "updates")!;
  const perWeight = updates.blocks.find((bl) => bl.kind === "steps" && bl.enumeration === true && bl.steps.length > 100_000 / 2);

  it("shows the first nodes, a gap and the last node, each node's weights elided alike", () => {
    if (perWeight?.kind !== "steps") throw new Error("no per-weight block");
    const rows = elideRows(proof.network, perWeight, 6);
    const nodes = rows.map((r) => (r.kind === "step" ? stepNode(r.step) : "gap"));
    // 4 nodes of 7 rows (5 weights, a gap, the bias), a gap for 123 nodes, the last node.
    expect(rows).toHaveLength(5 * 7 + 1);
    expect(nodes.filter((n) => n !== "gap")).toEqual([...[785, 786, 787, 788, 912].flatMap((n) => Array(6).fill(n))]);
    const gaps = rows.filter((r) => r.kind === "gap").map((r) => (r.kind === "gap" ? r.count : 0));
    expect(gaps).toEqual([779, 779, 779, 779, 123 * 785, 779]);
    const last = rows.at(-1)!;
    expect(last.kind === "step" && toLatex(last.step.lhs)).toBe("w_{b_{912}}");
  });

  it("elides any run of concrete per-node steps, keeps chains together and steps about no node", () => {
    const step = (id: number, lhs: ReturnType<typeof x>, continues = false) =>
      ({ id: `s${id}`, lhs, rhs: b.num(id), relation: "define", rule: "definition", label: "given", continues, forall: [] }) as const;
    const net = (n: number) => b.sym("net", b.node(n));
    const steps = [
      ...Array.from({ length: 784 }, (_, i) => step(i + 1, x(i + 1))),
      step(900, b.sym("eta")),
      ...[785, 786, 787, 788, 789, 790, 791].flatMap((n) => [
        step(n * 10, net(n)),
        step(n * 10 + 1, net(n), true),
        step(n * 10 + 2, net(n), true),
      ]),
    ];
    const rows = elideRows(proof.network, { kind: "steps", steps }, 6);
    const shown = rows.map((r) => (r.kind === "gap" ? `gap ${r.count}` : `${toLatex(r.step.lhs)}${r.step.continues ? "+" : ""}`));
    expect(shown).toEqual([
      "x_1",
      "x_2",
      "x_3",
      "x_4",
      "gap 779",
      "x_{784}",
      "\\eta",
      ...[785, 786, 787, 788].flatMap((n) => [`\\mathrm{net}_{${n}}`, `\\mathrm{net}_{${n}}+`, `\\mathrm{net}_{${n}}+`]),
      "gap 6",
      "\\mathrm{net}_{791}",
      "\\mathrm{net}_{791}+",
      "\\mathrm{net}_{791}+",
    ]);
  });

  it("keeps index-form steps and small layers whole", () => {
    const small = proved("seed");
    for (const s of small.sections) {
      for (const bl of s.blocks)
        if (bl.kind === "steps") expect(elideRows(small.network, bl, 6).every((r) => r.kind === "step")).toBe(true);
    }
  });

  it("leaves the proof and the JSON whole", () => {
    expect(perWeight?.kind === "steps" && perWeight.steps.length).toBe(128 * 785);
    const view = viewSections(proof, 6);
    const shown = view.flatMap((s) => s.blocks).reduce((n, bl) => n + (bl.kind === "steps" ? bl.rows.length : 0), 0);
    expect(shown).toBeLessThan(700);
    const json = proofJson(proof) as { results: { nodes: object; weights: Record<string, object> } };
    expect(Object.keys(json.results.nodes)).toHaveLength(138);
    expect(Object.keys(json.results.weights["800"]!)).toHaveLength(785);
  });
});

describe("elideRows of an enumeration made on demand", () => {
  it.each([
    { layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" },
    { layers: [9, 8, 1, 7], activation: "tanh", loss: "mse" },
    { layers: [4, 12, 12, 3], activation: "sigmoid", outputActivation: "softmax", loss: "mse" },
  ])("gives the rows of its steps written out, at every expand: %j", (spec) => {
    const proof = proved(spec);
    let lazy = 0;
    for (const s of proof.sections) {
      for (const blk of s.blocks) {
        if (blk.kind !== "steps" || !(blk.steps instanceof Enumeration)) continue;
        lazy++;
        for (const expand of [1, 2, 3, 6, 11, 50]) {
          expect(elideRows(proof.network, blk, expand), `${s.id} expand ${expand}`).toEqual(
            elideRows(proof.network, { ...blk, steps: [...blk.steps] }, expand),
          );
        }
      }
    }
    expect(lazy).toBeGreaterThan(5);
  });
});

describe("the size of a document", () => {
  const proof = proved({ layers: [784, 128, 10], activation: "sigmoid", loss: "mse" });
  it("refuses a view larger than its budget, naming an --expand that fits, and that one fits", () => {
    const max = 30_000;
    let message = "";
    try {
      boundedView(proof, 300, "proof", max);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      message = (e as Error).message;
    }
    const m =
      /^--expand: the proof of this network would show more than 30,000 terms of formulas at --expand 300, more than a document holds; --expand (\d+) or less fits$/.exec(
        message,
      );
    expect(m, message).not.toBeNull();
    const fits = Number(m![1]);
    expect(boundedView(proof, fits, "proof", max).sections.length).toBeGreaterThan(5);
    // The next value of the ladder tried does not fit (the value named is the largest of it).
    const next = EXPAND_LADDER[EXPAND_LADDER.indexOf(fits) + 1]!;
    expect(next).toBeLessThan(300);
    expect(() => boundedView(proof, next, "proof", max)).toThrow(InputError);
  });
  it("says when no --expand fits, and what does", () => {
    expect(() => boundedView(proof, 6, "proof", 100)).toThrow(
      /at --expand 6, more than a document holds, even at --expand 1; --style notes is shorter; --format json writes it whole$/,
    );
    expect(() => boundedView(proof, 1, "notes", 100)).toThrow(/at --expand 1, more than a document holds; --format json writes it whole$/);
  });
  it("shows the deepest allowed network of six softmax nodes a layer, in the proof style at the default --expand", () => {
    expect(
      boundedView(proved({ layers: Array.from({ length: MAX_LAYERS }, () => 6), activation: "softmax", loss: "mse" }), 6, "proof").sections
        .length,
    ).toBeGreaterThan(5);
  });
});
