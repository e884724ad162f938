// The recurrent form as a front end of the graph engine: one step is the same network written in
// the graph form; the mistakes of a hand derivation of BPTT are caught by the gradient check;
// the presets; bad input named in one line (exit 2).
import { describe, expect, it } from "vitest";
import { evaluation } from "../../src/check/evaluation.js";
import { gradientCheck } from "../../src/check/gradcheck.js";
import { parseBatch } from "../../src/check/params.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof } from "../../src/derive/proof.js";
import { out } from "../../src/derive/symbols.js";
import * as b from "../../src/expr/build.js";
import type { Expr } from "../../src/expr/types.js";
import { mapChildren } from "../../src/expr/walk.js";
import { layoutOf } from "../../src/network/forms/recurrent-params.js";
import { buildNetwork } from "../../src/network/graph.js";
import { nameOf, paramAt } from "../../src/network/params.js";
import { parseSpec } from "../../src/network/spec.js";
import { presets } from "../../src/render/presets.js";
import { run, tempDir, writeJson } from "../cli/helpers.js";

const RNN = {
  recurrent: { inputs: 2, hidden: 3, outputs: 2, steps: 1 },
  activation: "tanh",
  outputActivation: "softmax",
  loss: "cross-entropy",
};

const PARAMS = {
  inputs: [[0.3, -0.7]],
  targets: [[0.25, 0.75]],
  h0: [0.2, -0.1, 0.4],
  eta: 0.3,
  weights: {
    U: [
      [0.5, -0.3],
      [0.2, 0.4],
      [-0.6, 0.1],
    ],
    W: [
      [0.1, 0.2, -0.3],
      [-0.3, 0.25, 0.15],
      [0.05, -0.2, 0.3],
    ],
    V: [
      [0.6, -0.2, 0.3],
      [-0.4, 0.3, 0.1],
    ],
    b: [0.05, -0.05, 0.1],
    c: [0.0, 0.1],
  },
};

describe("one step equals the same network in the graph form", () => {
  it("the same graph, numbers, E, nodes, gradients and updates", () => {
    const rnn = buildNetwork(parseSpec(RNN));
    // Inputs x_1, x_2 (nodes 1, 2) and h^(0) (3, 4, 5); h^(1) is 6, 7, 8; y^(1) is 9, 10.
    const graphSpec = {
      inputs: 5,
      nodes: [
        ...[0, 1, 2].map(() => ({ from: [1, 2, 3, 4, 5], activation: "tanh" })),
        ...[0, 1].map(() => ({ from: [6, 7, 8], activation: "softmax", group: "y" })),
      ],
      outputs: [9, 10],
      loss: "cross-entropy",
    };
    const graph = buildNetwork(parseSpec(graphSpec));
    const weights: Record<string, Record<string, number>> = {};
    PARAMS.weights.U.forEach((row, i) => {
      weights[6 + i] = { 1: row[0]!, 2: row[1]!, b: PARAMS.weights.b[i]! };
      PARAMS.weights.W[i]!.forEach((w, j) => (weights[6 + i]![3 + j] = w));
    });
    PARAMS.weights.V.forEach((row, k) => {
      weights[9 + k] = { b: PARAMS.weights.c[k]! };
      row.forEach((w, i) => (weights[9 + k]![6 + i] = w));
    });
    const graphParams = { inputs: [...PARAMS.inputs[0]!, ...PARAMS.h0], targets: PARAMS.targets[0]!, eta: PARAMS.eta, weights };
    expect(rnn.tied).toEqual([]);
    expect(rnn.spec.plain).toBe(graph.spec.plain);
    expect(rnn.nodes.map((n) => n.preds)).toEqual(graph.nodes.map((n) => n.preds));
    const at = (network: typeof rnn, params: unknown) => {
      const batch = parseBatch(network, params);
      return evaluation(derive(network), { ...batch.examples[0]!, eta: batch.eta, values: batch.values });
    };
    expect(at(rnn, PARAMS)).toEqual(at(graph, graphParams));
  });
});

const proofOf = (preset: string): Proof => derive(buildNetwork(parseSpec(presets()[preset])));

const failedRows = (proof: Proof): string[] =>
  gradientCheck(proof, { seed: 3 })
    .rows.filter((r) => r.outcome === "failed")
    .map((r) => r.name);

const withDelta = (proof: Proof, node: number, e: Expr): Proof => ({
  ...proof,
  results: { ...proof.results, delta: new Map([...proof.results.delta, [node, e]]) },
});

/** e with every delta_n of the given nodes replaced by 0. */
const zeroDeltas = (e: Expr, nodes: readonly number[]): Expr =>
  e.kind === "sym" && e.name === "delta" && e.idx[0]?.kind === "node" && nodes.includes(e.idx[0].n)
    ? b.ZERO
    : mapChildren(e, (c) => zeroDeltas(c, nodes));

describe("the mistakes of a hand derivation of BPTT are caught", () => {
  it("the unmutated proofs pass", () => {
    for (const p of ["rnn", "rnn-last"]) expect(failedRows(proofOf(p))).toEqual([]);
  });

  it("delta_h^(t) without the W^T delta_h^(t+1) term", () => {
    for (const preset of ["rnn", "rnn-last"]) {
      const proof = proofOf(preset);
      const l = layoutOf(proof.network);
      const [h1, h2] = [l.ids[1]!.get("h")!, l.ids[2]!.get("h")!];
      let mutated = proof;
      for (const k of h1) {
        const d = proof.results.delta.get(k)!;
        const cut = zeroDeltas(d, h2);
        expect(cut, `delta_${k}`).not.toEqual(d);
        mutated = withDelta(mutated, k, cut);
      }
      expect(failedRows(mutated).length, preset).toBeGreaterThan(0);
    }
  });

  it("a shared matrix's gradient from one step only", () => {
    const proof = proofOf("rnn");
    const l = layoutOf(proof.network);
    const [hT, hPrev] = [l.ids[3]!.get("h")!, l.ids[2]!.get("h")!];
    // W[0][1] at the last step only: delta_{h_1^(3)} h_2^(2).
    const i = paramAt(proof.network, hT[0]!, hPrev[1]!)!;
    const params = [...proof.results.params].map((q, n) =>
      n === i ? { ...q, gradient: b.mul(b.sym("delta", b.node(hT[0]!)), out(proof.network, hPrev[1]!)) } : q,
    );
    expect(failedRows({ ...proof, results: { ...proof.results, params } })).toEqual([nameOf(proof.network.params[i]!)]);
  });

  it("W in place of W^T in delta_h^(t)", () => {
    const proof = proofOf("rnn");
    const l = layoutOf(proof.network);
    const [h1, h2] = [l.ids[1]!.get("h")!, l.ids[2]!.get("h")!];
    // w_{h2_k, h1_j} (W[k][j]) becomes W[j][k], the entry of the transposed matrix, at its step-2 edge.
    const transpose = (e: Expr): Expr => {
      if (e.kind === "sym" && e.name === "w" && e.idx.length === 2) {
        const [k, j] = e.idx;
        if (k?.kind === "node" && j?.kind === "node" && h2.includes(k.n) && h1.includes(j.n))
          return b.sym("w", b.node(h2[h1.indexOf(j.n)]!), b.node(h1[h2.indexOf(k.n)]!));
      }
      return mapChildren(e, transpose);
    };
    let mutated = proof;
    for (const k of h1) {
      const d = proof.results.delta.get(k)!;
      mutated = withDelta(mutated, k, transpose(d));
    }
    expect(mutated.results.delta.get(h1[0]!)).not.toEqual(proof.results.delta.get(h1[0]!));
    expect(failedRows(mutated).length).toBeGreaterThan(0);
  });
});

describe("bad input to the recurrent form: one line naming the field, exit 2", () => {
  const dir = tempDir();
  const bad = async (spec: unknown, params: unknown, field: string, detail: RegExp): Promise<void> => {
    const r = await run("evaluate", writeJson(dir, "spec.json", spec), "--params", writeJson(dir, "params.json", params));
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain(`${field}:`);
    expect(r.err[0]).toMatch(detail);
    expect(r.err[0]).not.toMatch(/\bat .*\.ts:\d+/);
  };
  const three = { ...RNN, recurrent: { ...RNN.recurrent, steps: 3 } };
  const threeParams = { ...PARAMS, inputs: [PARAMS.inputs[0], [0, 1], [1, 0]], targets: [PARAMS.targets[0], [1, 0], [0, 1]] };

  it("the good params are accepted (exit 0)", async () => {
    const r = await run("evaluate", writeJson(dir, "spec.json", three), "--params", writeJson(dir, "params.json", threeParams));
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.out.join("\n")))).toEqual(["E", "steps", "gradients", "updated"]);
  });

  it("steps 0 or over the limit", async () => {
    await bad({ ...RNN, recurrent: { ...RNN.recurrent, steps: 0 } }, PARAMS, "recurrent.steps", /from 1 to 200/);
    await bad({ ...RNN, recurrent: { ...RNN.recurrent, steps: 201 } }, PARAMS, "recurrent.steps", /from 1 to 200/);
  });

  it("sizes over the limit, an unknown key, a key of another form", async () => {
    await bad({ ...RNN, recurrent: { ...RNN.recurrent, hidden: 1001 } }, PARAMS, "recurrent.hidden", /from 1 to 1000/);
    await bad({ ...RNN, recurrent: { ...RNN.recurrent, cell: "lstm" } }, PARAMS, "recurrent.cell", /unknown key/);
    await bad({ ...RNN, layers: [2, 2] }, PARAMS, "layers", /another form/);
    await bad({ ...RNN, recurrent: { ...RNN.recurrent, lossAt: "first" } }, PARAMS, "recurrent.lossAt", /"every".*"last"/);
  });

  it("a matrix of the wrong shape, named by its row", async () => {
    const W = [
      [0.1, 0.2, 0.3],
      [0.1, 0.2, 0.3],
      [0.1, 0.2],
    ];
    await bad(RNN, { ...PARAMS, weights: { ...PARAMS.weights, W } }, "params.weights.W[2]", /must have 3/);
    await bad(RNN, { ...PARAMS, weights: { ...PARAMS.weights, V: [[1, 2, 3]] } }, "params.weights.V", /must have 2/);
    await bad(RNN, { ...PARAMS, weights: { ...PARAMS.weights, b: [1] } }, "params.weights.b", /must have 3/);
    const { c: _, ...noC } = PARAMS.weights;
    await bad(RNN, { ...PARAMS, weights: noC }, "params.weights.c", /required/);
  });

  it("inputs, targets and h0 of the wrong size; a target row count that does not match lossAt", async () => {
    await bad(three, { ...threeParams, inputs: threeParams.inputs.slice(0, 2) }, "params.inputs", /must have 3/);
    await bad(three, { ...threeParams, h0: [1] }, "params.h0", /must have 3/);
    const last = { ...three, recurrent: { ...three.recurrent, lossAt: "last" } };
    await bad(last, threeParams, "params.targets", /last step only: one row/);
    await bad(three, { ...threeParams, targets: [[0.5, 0.5]] }, "params.targets", /must have 3/);
    await bad(
      three,
      {
        ...threeParams,
        targets: [
          [0.5, 0.5],
          [0.5, 0.6],
          [1, 0],
        ],
      },
      "params.targets[1]",
      /sum to 1/,
    );
  });

  it("a softmax output with one unit; a softmax hidden state", async () => {
    await bad({ ...RNN, recurrent: { ...RNN.recurrent, outputs: 1 } }, PARAMS, "recurrent.outputs", /at least 2 units/);
    await bad({ ...RNN, activation: "softmax" }, PARAMS, "activation", /elementwise/);
  });

  it("an unrolled network too large to derive", async () => {
    await bad({ ...RNN, recurrent: { inputs: 1000, hidden: 1000, outputs: 1000, steps: 200 } }, PARAMS, "recurrent", /at most 2000000/);
  });
});

describe("the presets", () => {
  it("rnn: tanh/softmax over 3 steps, a loss at every step; rnn-last: at the last step only", () => {
    const every = layoutOf(buildNetwork(parseSpec(presets().rnn)));
    const last = layoutOf(buildNetwork(parseSpec(presets()["rnn-last"])));
    expect([every.steps, every.lossSteps, every.cell.units.map((u) => u.activation.id)]).toEqual([3, [1, 2, 3], ["tanh", "softmax"]]);
    expect([last.steps, last.lossSteps]).toEqual([3, [3]]);
  });
});
