// The simplifier (src/simplify/): the textbook-form table of issue 3, as a size and numeric check
// (never a string match), and on seeded random expressions: sound, never larger, terminating.
import { describe, expect, it } from "vitest";
import { rng, uniform, type Rng } from "../../src/oracle/rng.js";
import { derive } from "../../src/derive/derive.js";
import * as b from "../../src/expr/build.js";
import { diff } from "../../src/expr/diff.js";
import { evaluate, type Scope } from "../../src/expr/evaluate.js";
import { textName, toText } from "../../src/expr/text.js";
import type { Expr, Index, IndexSet } from "../../src/expr/types.js";
import { bindIndex, expandSums, size } from "../../src/expr/walk.js";
import { buildNetwork, type Network } from "../../src/network/graph.js";
import { resolveSet } from "../../src/network/sets.js";
import { parseSpec } from "../../src/network/spec.js";
import type { Activation, ElementwiseActivation, LayerActivation } from "../../src/rules/activations/activation.js";
import type { Loss } from "../../src/rules/losses/loss.js";
import { ACTIVATIONS, LOSSES } from "../../src/rules/registry.js";
import type { Assumption } from "../../src/simplify/rule.js";
import { simplify } from "../../src/simplify/simplify.js";

const k = b.ivar("k");
const j = b.ivar("j");
const i = b.ivar("i");
const y = (q: Index): Expr => b.sym("y", q);
const t = (q: Index): Expr => b.sym("t", q);
const net = (q: Index): Expr => b.sym("net", q);
const delta = (q: Index): Expr => b.sym("delta", q);
const w = (p: Index, q: Index): Expr => b.sym("w", p, q);
const layerOfK: IndexSet = { kind: "layer", of: k };
const downstreamSum = b.sum("k", { kind: "downstream", of: j }, b.mul(delta(k), w(k, j)));

// ---- The textbook forms of issue 3, written independently of the engine ----

const TEXTBOOK = {
  sigmoidMseOutput: b.mul(b.sub(y(k), t(k)), y(k), b.sub(b.ONE, y(k))),
  sigmoidHidden: b.mul(y(j), b.sub(b.ONE, y(j)), downstreamSum),
  tanhHidden: b.mul(b.sub(b.ONE, b.sq(y(j))), downstreamSum),
  reluHidden: b.mul(b.iverson("gt", net(j), b.ZERO), downstreamSum),
  identityMseOutput: b.sub(y(k), t(k)),
  softmaxCrossEntropyOutput: b.sub(y(k), t(k)),
  sigmoidBceOutput: b.sub(y(k), t(k)),
};

// ---- The engine's construction, as src/derive/sections/specialise.ts does it ----

const elementwise = (name: keyof typeof ACTIVATIONS): ElementwiseActivation => ACTIVATIONS[name]() as ElementwiseActivation;
const simplified = (e: Expr, assumptions: readonly Assumption[] = []): Expr => simplify(e, { assumptions }).result;

/** dE/dy_q: diff of the loss term, simplified. */
const lossDerivative = (loss: Loss, q: Index): Expr => simplified(diff(b.mul(b.num(loss.scale), loss.term(y(q), t(q))), y(q)));

function outputRaw(loss: Loss, a: ElementwiseActivation): Expr {
  return b.mul(lossDerivative(loss, k), a.derivative(net(k), y(k)));
}

function hiddenRaw(a: ElementwiseActivation): Expr {
  return b.mul(a.derivative(net(j), y(j)), downstreamSum);
}

const sumToOne: Assumption = { lhs: b.sum("i", layerOfK, t(i)), rhs: b.ONE };

function softmaxCrossEntropyRaw(): Expr {
  const softmax = ACTIVATIONS.softmax() as LayerActivation;
  return b.sum("i", layerOfK, b.mul(lossDerivative(LOSSES["cross-entropy"], i), softmax.partial(i, k)));
}

// ---- Numeric evaluation at seeded random points of a small fixed topology ----
// Output layer {6, 7, 8}; hidden node j = 4 feeding it; k = 6 is the output node considered.

const OUTPUTS = [6, 7, 8];

interface Point {
  readonly scope: Scope;
  readonly values: Map<string, number>;
}

/** Random values; y = f(net) on every node; targets summing to one when asked. */
function randomPoint(r: Rng, f: (nets: number[]) => number[], normalised: boolean): Point {
  const values = new Map<string, number>();
  const nodes = [4, 5, ...OUTPUTS];
  const nets = nodes.map(() => uniform(r, -2, 2));
  const hiddenYs = f(nets.slice(0, 2));
  const outYs = f(nets.slice(2));
  nodes.forEach((n, at) => {
    values.set(`net_${n}`, nets[at]!);
    values.set(`y_${n}`, at < 2 ? hiddenYs[at]! : outYs[at - 2]!);
    values.set(`delta_${n}`, uniform(r, -1, 1));
  });
  let ts = OUTPUTS.map(() => uniform(r, 0.05, 0.95));
  if (normalised) ts = ts.map((v) => v / ts.reduce((s, u) => s + u, 0));
  OUTPUTS.forEach((n, at) => values.set(`t_${n}`, ts[at]!));
  for (const p of OUTPUTS) for (const q of [4, 5]) values.set(`w_${p}_${q}`, uniform(r, -1, 1));
  const scope: Scope = {
    sym: (name, idx) => {
      const v = values.get(textName(name, idx));
      if (v === undefined) throw new Error(`no value for ${textName(name, idx)}`);
      return v;
    },
    set: (s) => {
      if (s.kind === "layer" || s.kind === "outputs") return OUTPUTS;
      if (s.kind === "downstream") return OUTPUTS;
      throw new Error(`no set ${s.kind}`);
    },
  };
  return { scope, values };
}

const ENV = new Map([
  ["k", 6],
  ["j", 4],
]);

const elementwiseValues = (a: ElementwiseActivation) => (nets: number[]) => nets.map((v) => a.value(v));
const softmaxValues = (nets: number[]): number[] => (ACTIVATIONS.softmax() as LayerActivation).values(nets);

function expectNumericallyEqual(actual: Expr, expected: Expr, f: (nets: number[]) => number[], normalised = false, seed = 1): void {
  const r = rng(seed);
  for (let p = 0; p < 20; p++) {
    const { scope } = randomPoint(r, f, normalised);
    const a = evaluate(actual, scope, ENV);
    const e = evaluate(expected, scope, ENV);
    expect(Number.isFinite(a)).toBe(true);
    expect(Math.abs(a - e), `${toText(actual)} vs ${toText(expected)}: ${a} vs ${e}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(e)));
  }
}

describe("textbook forms (issue 3): no larger than the textbook, numerically equal", () => {
  const table: [string, () => { raw: Expr; assumptions?: Assumption[] }, Expr, (nets: number[]) => number[], boolean][] = [
    [
      "sigmoid output with mse",
      () => ({ raw: outputRaw(LOSSES.mse, elementwise("sigmoid")) }),
      TEXTBOOK.sigmoidMseOutput,
      elementwiseValues(elementwise("sigmoid")),
      false,
    ],
    [
      "sigmoid hidden",
      () => ({ raw: hiddenRaw(elementwise("sigmoid")) }),
      TEXTBOOK.sigmoidHidden,
      elementwiseValues(elementwise("sigmoid")),
      false,
    ],
    ["tanh hidden", () => ({ raw: hiddenRaw(elementwise("tanh")) }), TEXTBOOK.tanhHidden, elementwiseValues(elementwise("tanh")), false],
    ["relu hidden", () => ({ raw: hiddenRaw(elementwise("relu")) }), TEXTBOOK.reluHidden, elementwiseValues(elementwise("relu")), false],
    [
      "identity output with mse",
      () => ({ raw: outputRaw(LOSSES.mse, elementwise("identity")) }),
      TEXTBOOK.identityMseOutput,
      elementwiseValues(elementwise("identity")),
      false,
    ],
    [
      "softmax output with cross-entropy",
      () => ({ raw: softmaxCrossEntropyRaw(), assumptions: [sumToOne] }),
      TEXTBOOK.softmaxCrossEntropyOutput,
      softmaxValues,
      true,
    ],
    [
      "sigmoid output with binary cross-entropy",
      () => ({ raw: outputRaw(LOSSES["binary-cross-entropy"], elementwise("sigmoid")) }),
      TEXTBOOK.sigmoidBceOutput,
      elementwiseValues(elementwise("sigmoid")),
      false,
    ],
  ];

  it.each(table)("%s", (_name, build, textbook, f, normalised) => {
    const { raw, assumptions = [] } = build();
    const result = simplified(raw, assumptions);
    expect(size(result), `${toText(result)} vs textbook ${toText(textbook)}`).toBeLessThanOrEqual(size(textbook));
    expectNumericallyEqual(result, textbook, f, normalised);
    // The simplification itself is sound: the unsimplified form has the same value.
    expectNumericallyEqual(raw, result, f, normalised, 2);
  });

  it("the relu form is an indicator, printed as such", () => {
    const result = simplified(hiddenRaw(elementwise("relu")));
    expect(JSON.stringify(result)).toContain('"kind":"iverson"');
  });

  it("softmax with cross-entropy needs the assumption sum_i t_i = 1", () => {
    const without = simplified(softmaxCrossEntropyRaw());
    // Without it the result still holds numerically for any targets, but it is not y_k - t_k.
    expect(size(without)).toBeGreaterThan(size(TEXTBOOK.softmaxCrossEntropyOutput));
    expectNumericallyEqual(without, softmaxCrossEntropyRaw(), softmaxValues, false, 3);
    const used = simplify(softmaxCrossEntropyRaw(), { assumptions: [sumToOne] }).applied;
    expect(used).toContain("assumption");
  });

  it("no exp is left over where an identity removes it", () => {
    for (const raw of [outputRaw(LOSSES.mse, elementwise("sigmoid")), hiddenRaw(elementwise("tanh")), softmaxCrossEntropyRaw()]) {
      expect(toText(simplified(raw, [sumToOne]))).not.toContain("exp");
    }
  });
});

// ---- The same table through derive(): the final delta of each node ----

function proofOf(spec: unknown) {
  const network = buildNetwork(parseSpec(spec));
  return { network, proof: derive(network) };
}

/** The textbook form at node n, sums written out over the network's sets. */
const atNode = (network: Network, e: Expr, name: string, n: number): Expr =>
  expandSums(bindIndex(e, name, b.node(n)), (s) => resolveSet(network, s));

function networkPoint(network: Network, r: Rng, normalised: boolean): Scope {
  const values = new Map<string, number>();
  const layers = network.layers;
  for (const layer of layers.slice(1)) {
    const a = layer.activation! as Activation;
    const nets = layer.nodes.map(() => uniform(r, -2, 2));
    const ys = a.elementwise ? nets.map((v) => a.value(v)) : a.values(nets);
    layer.nodes.forEach((n, at) => {
      values.set(`net_${n}`, nets[at]!);
      values.set(`y_${n}`, ys[at]!);
      values.set(`delta_${n}`, uniform(r, -1, 1));
    });
  }
  for (const p of network.params) if (p.from !== "b") values.set(`w_${p.to}_${p.from}`, uniform(r, -1, 1));
  let ts = network.outputs.map(() => uniform(r, 0.05, 0.95));
  if (normalised) ts = ts.map((v) => v / ts.reduce((s, u) => s + u, 0));
  network.outputs.forEach((n, at) => values.set(`t_${n}`, ts[at]!));
  return {
    sym: (name, idx) => {
      const v = values.get(textName(name, idx));
      if (v === undefined) throw new Error(`no value for ${textName(name, idx)}`);
      return v;
    },
    set: (s) => resolveSet(network, s) ?? [],
  };
}

describe("derive(): the final deltas are no larger than the textbook forms and equal to them", () => {
  const cases: [string, unknown, number, Expr, string, boolean][] = [
    ["sigmoid/mse output", { layers: [3, 2, 2], activation: "sigmoid", loss: "mse" }, 6, TEXTBOOK.sigmoidMseOutput, "k", false],
    ["sigmoid hidden", { layers: [3, 4, 3], activation: "sigmoid", loss: "mse" }, 4, TEXTBOOK.sigmoidHidden, "j", false],
    ["tanh hidden", { layers: [2, 3, 3], activation: "tanh", loss: "mse" }, 3, TEXTBOOK.tanhHidden, "j", false],
    [
      "relu hidden",
      { layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" },
      5,
      TEXTBOOK.reluHidden,
      "j",
      true,
    ],
    ["identity/mse output", { layers: [2, 2], activation: "identity", loss: "mse" }, 3, TEXTBOOK.identityMseOutput, "k", false],
    [
      "softmax/cross-entropy output",
      { layers: [3, 2, 3], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" },
      7,
      TEXTBOOK.softmaxCrossEntropyOutput,
      "k",
      true,
    ],
    [
      "sigmoid/binary cross-entropy output",
      { layers: [3, 2, 2], activation: "tanh", outputActivation: "sigmoid", loss: "binary-cross-entropy" },
      7,
      TEXTBOOK.sigmoidBceOutput,
      "k",
      false,
    ],
  ];

  it.each(cases)("%s", (_name, spec, n, textbook, index, normalised) => {
    const { network, proof } = proofOf(spec);
    const result = proof.results.delta.get(n)!;
    const expected = atNode(network, textbook, index, n);
    expect(size(result), `${toText(result)} vs ${toText(expected)}`).toBeLessThanOrEqual(size(expected));
    const r = rng(n);
    for (let p = 0; p < 20; p++) {
      const scope = networkPoint(network, r, normalised);
      const a = evaluate(result, scope);
      const e = evaluate(expected, scope);
      expect(Math.abs(a - e), `${toText(result)} vs ${toText(expected)}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(e)));
    }
  });
});

// ---- Random expressions: sound, never larger, terminating ----

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function atom(r: Rng, bound: string | undefined): Expr {
  const free: Expr[] = [y(k), t(k), y(j), net(j), delta(k), w(k, j), b.num(pick(r, [2, 3, -1, 0.5, -2]))];
  if (bound === undefined) return pick(r, free);
  const v = b.ivar(bound);
  return pick(r, [...free, y(v), y(v), t(v), t(v), delta(v), b.iverson("eq", b.indexValue(v), b.indexValue(k))]);
}

/** Random expressions over the symbols above, with sums over layer(k) and Iverson brackets. */
function gen(r: Rng, depth: number, bound: string | undefined): Expr {
  if (depth === 0 || r() < 0.2) return atom(r, bound);
  const sub = (): Expr => gen(r, depth - 1, bound);
  switch (pick(r, ["add", "sub", "mul", "mul3", "div", "pow", "neg", "sum", "sumsOfProducts"] as const)) {
    case "add":
      return b.add(sub(), sub());
    case "sub":
      return b.sub(sub(), sub());
    case "mul":
      return b.mul(sub(), sub());
    case "mul3":
      return b.mul(sub(), sub(), sub());
    case "div":
      // Divide only by a symbol away from zero in the random scope.
      return b.div(sub(), pick(r, [y(k), y(j), b.add(b.ONE, b.sq(net(j)))]));
    case "pow":
      return b.pow(sub(), b.num(pick(r, [2, 3])));
    case "neg":
      return b.neg(sub());
    case "sum": {
      if (bound !== undefined) return sub();
      const name = pick(r, ["i", "m"]);
      return b.sum(name, layerOfK, gen(r, depth - 1, name));
    }
    case "sumsOfProducts":
      // Shapes the rules target: a common factor, or a product of sums.
      return r() < 0.5
        ? b.add(b.mul(sub(), atom(r, bound)), b.mul(atom(r, bound), sub()))
        : b.mul(b.add(sub(), sub()), b.sub(sub(), sub()));
  }
}

function randomScope(r: Rng): Scope {
  const values = new Map<string, number>();
  const value = (name: string): number => {
    let v = values.get(name);
    if (v === undefined) {
      v = uniform(r, 0.2, 1.2) * (r() < 0.3 ? -1 : 1);
      values.set(name, v);
    }
    return v;
  };
  return {
    sym: (name, idx) => (name === "y" || name === "t" ? Math.abs(value(textName(name, idx))) : value(textName(name, idx))),
    set: () => OUTPUTS,
  };
}

describe("the simplifier on seeded random expressions", () => {
  it("is sound, never increases size, and terminates", () => {
    const r = rng(31337);
    const grew: string[] = [];
    const wrong: string[] = [];
    let changed = 0;
    // Mostly depth 3; depth 4 is sampled more thinly because the search can take seconds on
    // products of several sums (see the note in the report on the simplifier's running time).
    for (let n = 0; n < 230; n++) {
      const e = gen(r, n < 200 ? 3 : 4, undefined);
      const { result } = simplify(e, { assumptions: [] });
      if (size(result) > size(e)) grew.push(`${toText(e)} (${size(e)}) -> ${toText(result)} (${size(result)})`);
      if (size(result) < size(e)) changed++;
      for (let p = 0; p < 3; p++) {
        const scope = randomScope(r);
        const before = evaluate(e, scope, ENV);
        const after = evaluate(result, scope, ENV);
        if (!Number.isFinite(before)) continue;
        if (!(Math.abs(before - after) <= 1e-9 * Math.max(1, Math.abs(before)))) {
          wrong.push(`${toText(e)} -> ${toText(result)}: ${before} vs ${after}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(grew).toEqual([]);
    // The random sample exercises the rules.
    expect(changed).toBeGreaterThan(30);
    // Termination: every call returned (the search is bounded by its budget of proposals and a
    // measure that must fall). How long it takes is a figure of npm run bench, not asserted here.
  });

  it("a sum with an assumption: sum_i t_i = 1 also under another bound name and inside products", () => {
    const e = b.mul(y(k), b.sum("m", layerOfK, t(b.ivar("m"))));
    const result = simplified(e, [sumToOne]);
    expect(JSON.stringify(result)).toBe(JSON.stringify(y(k)));
  });

  it("is idempotent on its own results for the table", () => {
    for (const raw of [
      outputRaw(LOSSES["binary-cross-entropy"], elementwise("sigmoid")),
      softmaxCrossEntropyRaw(),
      hiddenRaw(elementwise("tanh")),
    ]) {
      const once = simplified(raw, [sumToOne]);
      expect(size(simplified(once, [sumToOne]))).toBe(size(once));
    }
  });
});
