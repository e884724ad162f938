// Evaluating the printed trees stays finite where a naive evaluation would overflow.
import { describe, expect, it } from "vitest";
import { derivedValues } from "../../src/check/derived.js";
import { gradientCheck } from "../../src/check/gradcheck.js";
import { forwardPass } from "../../src/oracle/forward.js";
import { derive } from "../../src/derive/derive.js";
import { buildNetwork } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import * as b from "../../src/expr/build.js";
import { evaluate, type Scope } from "../../src/expr/evaluate.js";
import type { Expr } from "../../src/expr/types.js";
import { paramOfSymbol, type Params } from "../../src/network/params.js";
import { resolveSet } from "../../src/network/sets.js";
import { randomParams } from "../../src/oracle/random.js";
import { rng } from "../../src/oracle/rng.js";
import type { ElementwiseActivation } from "../../src/rules/activations/activation.js";

describe("softmax with huge weighted inputs", () => {
  const network = buildNetwork(parseSpec({ layers: [1, 2], outputActivation: "softmax", loss: "cross-entropy" }));
  // net_2 = 1000, net_3 = 990: e^{1000} overflows a double.
  const p = { inputs: [1], targets: [0.3, 0.7], eta: 0.1, values: [1000, 0, 990, 0] };
  it("gives the deltas y_k - t_k computed by hand", () => {
    const d = derivedValues(derive(network), p);
    const y2 = 1 / (1 + Math.exp(-10));
    expect(d.delta(2)).toBeCloseTo(y2 - 0.3, 12);
    expect(d.delta(3)).toBeCloseTo(1 - y2 - 0.7, 12);
    expect(d.E()).toBeCloseTo(forwardPass(network, p).E, 9);
  });
  it("passes the gradient check", () => {
    expect(gradientCheck(derive(network), { params: p }).failed).toBe(0);
  });
});

describe("the compiled derived values", () => {
  // The interpreter, evaluating the printed trees one by one: net and y from the forward
  // definitions, each delta from its own tree, recursively.
  function interpreted(proof: ReturnType<typeof derive>, p: Params): { delta: (n: number) => number; tree: (e: Expr) => number } {
    const network = proof.network;
    const memo = new Map<string, number>();
    const scope: Scope = {
      sym(name, idx) {
        if (idx.length === 0) return name === "eta" ? p.eta : Number.NaN;
        const n = idx[0]!.kind === "node" ? idx[0]!.n : -1;
        if (name === "w") return p.values[paramOfSymbol(network, idx)!]!;
        if (name === "t") return p.targets[network.outputs.indexOf(n)]!;
        if (name === "x" || (name === "y" && network.nodes[n]!.layer === 0)) return p.inputs[network.inputs.indexOf(n)]!;
        const k = `${name}${n}`;
        const hit = memo.get(k);
        if (hit !== undefined) return hit;
        const layer = network.layers[network.nodes[n]!.layer]!;
        const v =
          name === "net"
            ? evaluate(proof.forward.get(n)!.net, scope)
            : name === "y"
              ? layer.activation!.elementwise
                ? evaluate(proof.forward.get(n)!.y, scope)
                : layer.activation!.values(layer.nodes.map((m) => scope.sym("net", [b.node(m)])))[layer.nodes.indexOf(n)]!
              : evaluate(proof.results.delta.get(n)!, scope);
        memo.set(k, v);
        return v;
      },
      set: (s) => resolveSet(network, s) ?? [],
      call(fn, order, args) {
        const a = network.layers.find((l) => l.fn === fn)!.activation! as ElementwiseActivation;
        return order === 0
          ? a.value(args[0]!)
          : evaluate(a.derivative(b.num(args[0]!), b.num(a.value(args[0]!))), { sym: () => Number.NaN, set: () => [] });
      },
    };
    return { delta: (n) => scope.sym("delta", [b.node(n)]), tree: (e) => evaluate(e, scope) };
  }

  it.each([
    { layers: [3, 4, 2], activation: "sigmoid", loss: "mse" },
    { layers: [2, 5, 3, 3], activations: ["tanh", "relu", "softmax"], loss: "cross-entropy" },
    { layers: [4, 3, 2], activations: [{ custom: "x^3 / 3 + x" }, "sigmoid"], loss: "binary-cross-entropy" },
    { layers: [12, 9, 2], activations: ["softplus", "identity"], loss: "sse" },
  ])("agree with the interpreter on every delta, gradient and update: %j", (spec) => {
    const network = buildNetwork(parseSpec(spec));
    const proof = derive(network);
    for (const seed of [1, 2, 3]) {
      const p = randomParams(network, rng(seed));
      const d = derivedValues(proof, p);
      const ref = interpreted(proof, p);
      const close = (x: number, y: number): boolean => Math.abs(x - y) <= 1e-13 * Math.max(1, Math.abs(y));
      for (const n of proof.results.delta.keys()) expect(close(d.delta(n), ref.delta(n)), `delta_${n}`).toBe(true);
      [...proof.results.params].forEach((r, i) => {
        expect(close(d.gradient(i), ref.tree(r.gradient)), `gradient ${i}`).toBe(true);
        expect(close(d.update(i), ref.tree(r.update)), `update ${i}`).toBe(true);
      });
    }
  });
});

describe("the gradients of a DAG with more parameters than one compiled function holds", () => {
  // 100 depths of 10 nodes, each reading four of the depth before and one of the depth before
  // that: nothing rolls into loops, and the gradients are compiled in parts (derived.ts, BATCH).
  const inputs = 10;
  const id = (level: number, i: number): number => (level === 0 ? 1 + i : inputs + 1 + (level - 1) * 10 + i);
  const nodes = Array.from({ length: 1000 }, (_, n) => {
    const level = Math.floor(n / 10) + 1;
    const i = n % 10;
    const from = new Set([0, 3, 5, 8].map((d) => id(level - 1, (i + d) % 10)));
    if (level >= 2) from.add(id(level - 2, (i + 1) % 10));
    return { from: [...from].sort((x, y) => x - y), activation: n % 3 === 0 ? "tanh" : "sigmoid" };
  });
  const network = buildNetwork(parseSpec({ inputs, nodes, outputs: [id(100, 0), id(100, 1)], loss: "mse", allowDead: true }));
  const proof = derive(network);
  it("gives every gradient and update as its own printed tree does", () => {
    expect(network.params.length).toBeGreaterThan(4096); // two parts
    const p = randomParams(network, rng(3));
    const d = derivedValues(proof, p);
    let compared = 0;
    network.params.forEach((_, i) => {
      const r = proof.results.params.at(i)!;
      expect(d.gradient(i)).toBe(evaluate(r.gradient, d.scope));
      expect(d.update(i)).toBe(evaluate(r.update, d.scope));
      compared++;
    });
    expect(compared).toBe(network.params.length);
    expect(gradientCheck(proof, { seed: 2 }).failed).toBe(0);
  });
});
