// Error terms y_k - t_k at saturated outputs keep their digits: with y_k within 1e-9 of 1 and
// t_k = 1, y_k - t_k computed literally keeps about 7 of them (y_k is rounded to 1e-16 absolute);
// it is evaluated as (1 - t_k) - (1 - y_k), with 1 - y_k from the stable ln(1 - y_k) (the other
// outputs of a softmax summed, not subtracted from the total; log-sigmoid). Against 60-digit
// decimal arithmetic from the forward definitions (decimal.js), every delta and gradient within
// 1e-12 relative.
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { evaluation } from "../../src/check/evaluation.js";
import { parseParams } from "../../src/check/params.js";
import { derive } from "../../src/derive/derive.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";

Decimal.set({ precision: 60 });
const D = (v: number): Decimal => new Decimal(v);

/** One input of value 1; output k's bias is nets[k] and its weight 0, so net_k = nets[k]. */
interface Case {
  readonly name: string;
  readonly activation: "softmax" | "sigmoid";
  readonly loss: string;
  readonly nets: readonly number[];
  readonly targets: readonly number[];
}

const CASES: Case[] = [
  {
    name: "softmax nets 20, 0, -20, target on the first",
    activation: "softmax",
    loss: "cross-entropy",
    nets: [20, 0, -20],
    targets: [1, 0, 0],
  },
  {
    name: "softmax nets 0, 30, 5, target on the second",
    activation: "softmax",
    loss: "cross-entropy",
    nets: [0, 30, 5],
    targets: [0, 1, 0],
  },
  { name: "softmax nets 25, 3, target split", activation: "softmax", loss: "cross-entropy", nets: [25, 3], targets: [0.75, 0.25] },
  { name: "sigmoid net 25, t = 1", activation: "sigmoid", loss: "binary-cross-entropy", nets: [25], targets: [1] },
  { name: "sigmoid net 30, t = 0.5", activation: "sigmoid", loss: "binary-cross-entropy", nets: [30], targets: [0.5] },
];

/** The exact y of each output, from the forward definitions. */
function exactY(c: Case): Decimal[] {
  if (c.activation === "sigmoid") return c.nets.map((n) => D(1).div(D(1).plus(D(-n).exp())));
  const e = c.nets.map((n) => D(n).exp());
  const s = e.reduce((a, x) => a.plus(x), D(0));
  return e.map((x) => x.div(s));
}

describe.each(CASES)("$name", (c) => {
  const n = c.nets.length;
  const network = buildNetwork(parseSpec({ layers: [1, n], activations: [c.activation], loss: c.loss }));
  const weights = Object.fromEntries(c.nets.map((v, i) => [String(i + 2), { 1: 0, b: v }]));
  const p = parseParams(network, { inputs: [1], targets: c.targets, eta: 0.1, weights });
  const ev = evaluation(derive(network), p);
  const y = exactY(c);

  it("each delta y_k - t_k within 1e-12 of the 60-digit value, and each gradient", () => {
    for (let i = 0; i < n; i++) {
      const k = String(i + 2);
      const exact = y[i]!.minus(c.targets[i]!);
      const got = ev.nodes[k]!.delta!;
      expect(D(got).minus(exact).abs().div(exact.abs()).toNumber(), `delta_${k}`).toBeLessThan(1e-12);
      // dE/dw_b = delta, dE/dw_k1 = delta * 1.
      expect(D(ev.gradients[k]!.b!).minus(exact).abs().div(exact.abs()).toNumber(), `w_b_${k}`).toBeLessThan(1e-12);
    }
  });
});
