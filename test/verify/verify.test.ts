// Hand-written claims as people write them: the examples in LaTeX and plain text, the
// ranges a claim may state, the assumptions the report must say, and notes in both languages.
import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";
import { buildNetwork } from "../../src/network/graph.js";
import { DEFAULT_SPEC, parseSpec } from "../../src/network/spec.js";
import { VERIFY_MESSAGES } from "../../src/verify/messages.js";
import { verifyClaims } from "../../src/verify/verify.js";
import { presetNetwork } from "./derived-claims.js";

const sigmoidMse = buildNetwork(parseSpec({ layers: [3, 2, 2], activation: "sigmoid", loss: "mse" }));
const seed = buildNetwork(parseSpec(DEFAULT_SPEC));

/** [claim, verdict, diagnosis?] */
type Row = readonly [string, "holds" | "fails" | "unreadable", string?];

const SIGMOID_MSE: Row[] = [
  ["\\delta_j = y_j(1-y_j)\\sum_k \\delta_k w_{kj}", "holds"],
  ["δ_j = y_j (1 − y_j) Σ_k δ_k w_kj", "holds"],
  ["delta_j = y_j*(1-y_j)*sum(delta_k*w_k_j, k, downstream(j))", "holds"],
  ["\\frac{\\partial E}{\\partial w_{kj}} = \\delta_k y_j", "holds"],
  ["∂E/∂w_kj = δ_k y_j", "holds"],
  ["\\frac{\\partial E}{\\partial w_{b_k}} = \\delta_k", "holds"],
  ["E = \\frac12\\sum_k (t_k-y_k)^2", "holds"],
  ["\\delta_k = (y_k - t_k)\\sigma(net_k)(1-\\sigma(net_k))", "holds"],
  ["\\delta_k = -(t_k - y_k) \\sigma'(net_k)", "holds"],
  ["\\frac{\\partial E}{\\partial y_k} = y_k - t_k", "holds"],
  ["\\frac{\\partial E}{\\partial net_k} = (y_k - t_k) y_k (1 - y_k)", "holds"],
  ["y_j = \\frac{1}{1 + e^{-net_j}}", "holds"],
  ["\\mathrm{net}_k = \\sum_j w_{kj} y_j + w_{b_k}", "holds"],
  ["w_{kj} \\leftarrow w_{kj} - \\eta \\delta_k y_j", "holds"],
  ["w'_kj = w_kj - eta * delta_k * y_j", "holds"],
  ["\\delta_4 = y_4(1-y_4)(\\delta_6 w_{64} + \\delta_7 w_{74})", "holds"],
  ["\\delta_j = f'(net_j) \\sum_{k \\in \\{6, 7\\}} \\delta_k w_{kj} \\quad \\text{for } j \\in \\text{hidden}", "holds"],
  ["delta_k = (y_k - t_k) * y_k * (1 - y_k) for k in {6, 7}", "holds"],
  ["delta_j = d_f(net_j) * sum(delta_k * w_k_j, k, downstream(j)) for j in layer 1", "holds"],
  ["\\delta_j = y_j(1-y_j)\\sum_k \\delta_k w_{jk}", "fails", "swapped-indices"],
  ["δ_j = y_j (1 − y_j) Σ_k δ_k w_jk", "fails", "swapped-indices"],
  ["\\frac{\\partial E}{\\partial w_{kj}} = \\delta_j y_k", "fails", "swapped-indices"],
  ["\\delta_j = \\sum_k \\delta_k w_{kj}", "fails", "missing-derivative"],
  ["\\delta_j = (1 - y_j^2)\\sum_k \\delta_k w_{kj}", "fails", "wrong-derivative"],
  ["\\delta_j = \\tanh'(net_j)\\sum_k \\delta_k w_{kj}", "fails", "wrong-derivative"],
  ["\\delta_k = (t_k - y_k) y_k(1-y_k)", "fails", "sign"],
  ["E = \\sum_k (t_k-y_k)^2", "fails", "factor"],
  ["\\delta_k = 2(y_k - t_k) y_k(1-y_k)", "fails", "factor"],
  ["\\delta_j = y_j(1-y_j)\\sum_{k \\in \\mathrm{layer}(j)} \\delta_k w_{kj}", "fails", "wrong-set"],
  ["\\delta_4 = y_4(1-y_4)\\delta_6 w_{64}", "fails", "missing-term"],
  ["\\delta_k = y_k - t_k", "fails", "missing-derivative"],
  ["\\delta_k = y_k (1 - t_k)", "fails", "other"],
  ["w_{kj} \\leftarrow w_{kj} + \\eta \\delta_k y_j", "fails", "sign"],
];

const SEED: Row[] = [
  ["\\delta_k = y_k - t_k", "holds"],
  ["\\delta_j = [net_j > 0]\\sum_k \\delta_k w_{kj}", "holds"],
  ["delta_j = (net_j > 0) * sum(delta_k * w_k_j, k, downstream(j))", "holds"],
  ["\\frac{\\partial y_i}{\\partial net_k} = y_i([i=k] - y_k)", "holds"],
  ["y_k = \\frac{e^{net_k}}{\\sum_i e^{net_i}}", "holds"],
  ["E = -\\sum_k t_k \\ln y_k", "holds"],
  ["E = \\sum_k t_k \\ln y_k", "fails", "sign"],
  ["E = -\\sum_k t_k \\ln(y_k)", "holds"],
  ["\\frac{\\partial y_i}{\\partial net_k} = [i=k] y_k(1 - y_k)", "fails", "elementwise-softmax"],
  ["\\delta_k = \\frac{\\partial E}{\\partial y_k} y_k (1 - y_k)", "fails", "elementwise-softmax"],
  // [net_j > 0] left out: at the seeded points some hidden node of the relu layer is inactive.
  ["\\delta_j = \\sum_k \\delta_k w_{kj}", "fails", "missing-derivative"],
];

const cases = (rows: readonly Row[]) => rows.map(([claim, verdict, diagnosis]) => ({ claim, verdict, diagnosis }));

describe("hand-written claims", () => {
  it.each(cases(SIGMOID_MSE))("sigmoid/mse: $claim -> $verdict $diagnosis", ({ claim, verdict, diagnosis }) => {
    const [r] = verifyClaims(sigmoidMse, [claim]).claims;
    expect([r!.verdict, r!.diagnosis, r!.unreadable?.message]).toEqual([verdict, diagnosis, undefined]);
  });
  it.each(cases(SEED))("the seed (relu, softmax, cross-entropy): $claim -> $verdict $diagnosis", ({ claim, verdict, diagnosis }) => {
    const [r] = verifyClaims(seed, [claim]).claims;
    expect([r!.verdict, r!.diagnosis, r!.unreadable?.message]).toEqual([verdict, diagnosis, undefined]);
  });
});

describe("what a report says", () => {
  it("names the swapped weight and gives the correct formula in the claim's notation", () => {
    const [latex, plain] = verifyClaims(sigmoidMse, [
      "\\delta_j = y_j(1-y_j)\\sum_k \\delta_k w_{jk}",
      "δ_j = y_j (1 − y_j) Σ_k δ_k w_jk",
    ]).claims;
    expect(latex!.note).toBe("Your formula would hold with w_{kj} in place of w_{jk}.");
    expect(latex!.correct!.latex).toBe("\\delta_j = y_j \\left(1 - y_j\\right) \\sum_{k \\in \\mathrm{downstream}(j)} \\delta_k w_{kj}");
    expect(plain!.note).toBe("Your formula would hold with w_k_j in place of w_j_k.");
    expect(plain!.correct!.text).toBe("delta_j = y_j * (1 - y_j) * sum(delta_k * w_k_j, k, downstream(j))");
  });

  it("gives a counterexample: the binding, the point, the claimed and the true value", () => {
    const [r] = verifyClaims(sigmoidMse, ["\\delta_k = (t_k - y_k) y_k(1-y_k)"]).claims;
    const c = r!.counterexample!;
    expect(Object.keys(c.binding)).toEqual(["k"]);
    expect([6, 7]).toContain(c.binding.k);
    expect(c.claimed).toBeCloseTo(-c.actual, 6);
    expect(Object.keys(c.point).sort()).toEqual(["eta", "inputs", "targets", "weights"]);
  });

  it("says which ranges it assumed and which set a sum without one runs over", () => {
    const [a, b, c] = verifyClaims(seed, [
      "\\delta_j = [net_j > 0]\\sum_k \\delta_k w_{kj}",
      "\\delta_k = \\sum_i \\frac{\\partial E}{\\partial y_i} y_i([i=k] - y_k)",
      "E = -\\sum_k t_k \\ln(y_k)",
    ]).claims;
    expect(a!.range).toEqual({ j: [4, 5] });
    expect(a!.assumed).toEqual([
      "j ranges over the hidden nodes {4, 5} (the usual convention: i input, j hidden, k output)",
      "the sum over k runs over downstream(j), the nodes fed by the node on the left",
    ]);
    expect(b!.verdict).toBe("holds");
    expect(b!.assumed[1]).toBe("the sum over i runs over layer(k), the softmax layer");
    expect(c!.assumed).toEqual(["the sum over k runs over the output nodes"]);
  });

  it("takes the ranges a claim states: hidden, output, layer N, a list", () => {
    const [a, b, c] = verifyClaims(sigmoidMse, [
      "delta_j = d_f(net_j) * sum(delta_k * w_k_j, k, downstream(j)) for j in layer 1",
      "\\delta_k = (y_k - t_k) y_k (1-y_k) \\quad \\text{for } k \\in \\{7\\}",
      "∂E/∂w_kj = δ_k y_j for k in hidden, j in input",
    ]).claims;
    expect(a!.range).toEqual({ j: [4, 5] });
    expect(a!.assumed).toEqual(["the sum over k runs over downstream(j), the nodes fed by the node on the left"].slice(1));
    expect(b!.range).toEqual({ k: [7] });
    expect(c!.range).toEqual({ k: [4, 5], j: [1, 2, 3] });
    expect([a!.verdict, b!.verdict, c!.verdict]).toEqual(["holds", "holds", "holds"]);
  });

  it("writes its notes in Traditional Chinese", () => {
    const [r] = verifyClaims(sigmoidMse, ["\\delta_k = (t_k - y_k) y_k(1-y_k)"], { lang: "zh-Hant" }).claims;
    expect(r!.note).toBe("若把正負號反過來，你的公式就成立。");
  });

  it("checks a DAG's output that feeds: both its direct and its downstream term", () => {
    const network = presetNetwork("output-feeds");
    const [ok, direct, downstream] = verifyClaims(network, [
      "\\delta_4 = (y_4 - t_4 + \\delta_5 w_{54})",
      "\\delta_4 = \\delta_5 w_{54}",
      "\\delta_4 = y_4 - t_4",
    ]).claims;
    expect(ok!.verdict).toBe("holds");
    expect([direct!.diagnosis, downstream!.diagnosis]).toEqual(["missing-term", "missing-term"]);
  });

  it("checks at most 400 bindings, spread evenly over all of them, and says so", () => {
    const wide = buildNetwork(parseSpec({ layers: [20, 25, 2], activation: "tanh", loss: "mse" }));
    const [r] = verifyClaims(wide, ["dE/dw_kj = delta_k * y_j for k in hidden, j in input"], { points: 1 }).claims;
    expect(r!.verdict).toBe("holds");
    expect(r!.assumed).toEqual(["checked at 400 of its 500 bindings of the indices, spread evenly over them"]);
    const [bad] = verifyClaims(wide, ["dE/dw_kj = delta_k * y_j * (1 + (k > 44) * (j > 19)) for k in hidden, j in input"], {
      points: 1,
    }).claims;
    // Only the last hidden node with the last input is wrong: the spread reaches it.
    expect(bad!.verdict).toBe("fails");
    expect(bad!.counterexample!.binding).toEqual({ k: 45, j: 20 });
  });

  it("checks each use of a tied weight as its own edge", () => {
    const network = presetNetwork("tied-autoencoder");
    const [r] = verifyClaims(network, [
      "\\frac{\\partial E}{\\partial w_{kj}} = \\delta_k y_j \\quad \\text{for } k \\in \\text{output}, j \\in \\text{hidden}",
    ]).claims;
    expect(r!.verdict).toBe("holds");
  });
});

describe("the library's options", () => {
  it("refuses bad options and claims with an InputError naming the field", () => {
    expect(() => verifyClaims(seed, ["E = 0"], { points: 0 })).toThrow(/^points: is 0; must be a whole number from 1 to 20$/);
    expect(() => verifyClaims(seed, ["E = 0"], { tolerance: 2 })).toThrow(/^tolerance: /);
    expect(() => verifyClaims(seed, ["E = 0"], { lang: "fr" as "en" })).toThrow(/^lang: is "fr"; must be one of en, zh-Hant$/);
    expect(() => verifyClaims(seed, ["E = 0"], { seed: 1.5 })).toThrow(/^seed: /);
    expect(() => verifyClaims(seed, [42 as unknown as string])).toThrow(/^claims\[0\]: must be a string/);
  });
});

describe("messages", () => {
  const strings = (o: unknown): string[] =>
    typeof o === "string" ? [o] : o !== null && typeof o === "object" ? Object.values(o).flatMap(strings) : [];

  it("has every message in both languages, with the same placeholders", () => {
    const en = VERIFY_MESSAGES.en;
    const zh = VERIFY_MESSAGES["zh-Hant"];
    const shape = (o: unknown): unknown =>
      typeof o === "string"
        ? [...new Set([...o.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort()
        : Object.fromEntries(Object.entries(o as object).map(([k, v]) => [k, shape(v)]));
    expect(shape(zh)).toEqual(shape(en));
  });

  it("writes zh-Hant as Traditional Chinese as written in Taiwan: the Simplified-to-Taiwan converter changes nothing", () => {
    const toTaiwan = OpenCC.Converter({ from: "cn", to: "tw" });
    for (const s of strings(VERIFY_MESSAGES["zh-Hant"])) expect(toTaiwan(s)).toBe(s);
  });
});
