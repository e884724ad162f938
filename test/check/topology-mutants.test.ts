// The checks are not vacuous on other topologies: the mistakes a hand derivation makes on them
// (the error term of a node with a skip connection summed over the next layer only, an output
// that feeds others given only its loss term or only its downstream sum, a tied weight given
// the gradient of one use) are each caught by the gradient check against the oracle.
import { describe, expect, it } from "vitest";
import { gradientCheck } from "../../src/check/gradcheck.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof } from "../../src/derive/proof.js";
import * as b from "../../src/expr/build.js";
import type { Expr } from "../../src/expr/types.js";
import { mapChildren } from "../../src/expr/walk.js";
import { buildNetwork } from "../../src/network/graph.js";
import { paramAt } from "../../src/network/params.js";
import { parseSpec } from "../../src/network/spec.js";
import { presetSpec } from "../render/helpers.js";

const proofOf = (preset: string): Proof => derive(buildNetwork(parseSpec(presetSpec(preset))));

/** delta_n replaced by 0 wherever it appears in e. */
const zeroDelta = (e: Expr, n: number): Expr =>
  e.kind === "sym" && e.name === "delta" && e.idx[0]?.kind === "node" && e.idx[0].n === n ? b.ZERO : mapChildren(e, (c) => zeroDelta(c, n));

const withDelta = (proof: Proof, node: number, e: Expr): Proof => ({
  ...proof,
  results: { ...proof.results, delta: new Map([...proof.results.delta, [node, e]]) },
});

const failedRows = (proof: Proof): string[] =>
  gradientCheck(proof, { seed: 3 })
    .rows.filter((r) => r.outcome === "failed")
    .map((r) => r.name);

describe("mistakes on other topologies are caught", () => {
  it("the unmutated proofs pass", () => {
    for (const p of ["residual", "output-feeds", "tied-autoencoder"]) expect(failedRows(proofOf(p))).toEqual([]);
  });

  it("a hidden node's error term without its skip connection (delta_9 w_93 dropped from delta_3)", () => {
    const proof = proofOf("residual");
    const mutated = withDelta(proof, 3, zeroDelta(proof.results.delta.get(3)!, 9));
    expect(mutated.results.delta.get(3)).not.toEqual(proof.results.delta.get(3));
    expect(failedRows(mutated)).toEqual(expect.arrayContaining(["w_3_1", "w_3_2", "w_b_3"]));
  });

  it("an output that feeds another, given its downstream sum only, or its loss term only", () => {
    const proof = proofOf("output-feeds");
    // Identity outputs: delta_4 = (y_4 - t_4) + delta_5 w_54.
    const downstreamOnly = b.mul(b.sym("delta", b.node(5)), b.sym("w", b.node(5), b.node(4)));
    const lossOnly = b.sub(b.sym("y", b.node(4)), b.sym("t", b.node(4)));
    expect(failedRows(withDelta(proof, 4, downstreamOnly))).toContain("w_4_3");
    expect(failedRows(withDelta(proof, 4, lossOnly))).toContain("w_4_3");
  });

  it("a tied weight given the gradient of its first use only", () => {
    const proof = proofOf("tied-autoencoder");
    const i = paramAt(proof.network, 4, 1)!;
    const params = [...proof.results.params].map((q, n) =>
      n === i ? { ...q, gradient: b.mul(b.sym("delta", b.node(4)), b.sym("x", b.node(1))) } : q,
    );
    const mutated: Proof = { ...proof, results: { ...proof.results, params } };
    expect(failedRows(mutated)).toEqual(["w_4_1"]);
  });
});
