// The convolutional form's spec: its graph (nodes, tied kernel entries and biases, padding as
// absent edges), a kernel that covers the whole input being the layered form's dense layer, and
// the bad input it refuses, each with a one-line message naming the field.
import { describe, expect, it } from "vitest";
import { convolutionEvaluation } from "../../../src/check/convolution-evaluation.js";
import { evaluation } from "../../../src/check/evaluation.js";
import { parseParams } from "../../../src/check/params.js";
import { derive } from "../../../src/derive/derive.js";
import { InputError } from "../../../src/errors.js";
import { buildNetwork } from "../../../src/network/graph.js";
import { parseSpec } from "../../../src/network/spec.js";

const conv2x2 = { shape: [1, 3, 3], stack: [{ conv: { filters: 1, kernel: 2 }, activation: "tanh" }], loss: "mse" };

describe("the convolutional form's graph", () => {
  it("numbers a 2×2 kernel's four windows over a 3×3 input as in (row, column) order, each reading its window", () => {
    const spec = parseSpec(conv2x2);
    // Inputs 1..9 row by row; outputs 10..13.
    expect(spec.inputs).toBe(9);
    expect(spec.nodes.map((n) => n.from)).toEqual([
      [1, 2, 4, 5],
      [2, 3, 5, 6],
      [4, 5, 7, 8],
      [5, 6, 8, 9],
    ]);
    expect(spec.outputs).toEqual([10, 11, 12, 13]);
    // K_{0,0} is w_10_1 = w_11_2 = w_12_4 = w_13_5; the bias is shared by the four positions.
    expect(spec.tied).toEqual([
      ["10:1", "11:2", "12:4", "13:5"],
      ["10:2", "11:3", "12:5", "13:6"],
      ["10:4", "11:5", "12:7", "13:8"],
      ["10:5", "11:6", "12:8", "13:9"],
      ["10:b", "11:b", "12:b", "13:b"],
    ]);
    expect(buildNetwork(spec).params).toHaveLength(5);
  });

  it("leaves the padding's positions out: a padded window reads only the input it covers", () => {
    const spec = parseSpec({ shape: [1, 3], stack: [{ conv: { filters: 1, kernel: 3, padding: 1 } }] });
    expect(spec.nodes.map((n) => n.from)).toEqual([
      [1, 2],
      [1, 2, 3],
      [2, 3],
    ]);
  });

  it("reads a dense layer's input flattened in (channel, row, column) order", () => {
    const spec = parseSpec({ shape: [2, 2, 2], stack: [{ conv: { filters: 2, kernel: 1 } }, { dense: 1 }] });
    expect(spec.nodes.at(-1)!.from).toEqual([9, 10, 11, 12, 13, 14, 15, 16]);
  });
});

describe("a kernel that covers the whole input", () => {
  it("is the layered form's dense layer: the same E, gradients and updates", () => {
    const conv = buildNetwork(
      parseSpec({
        shape: [2, 2, 3],
        stack: [
          { conv: { filters: 3, kernel: [2, 3] }, activation: "tanh" },
          { dense: 2, activation: "softmax" },
        ],
        loss: "cross-entropy",
      }),
    );
    const layered = buildNetwork(parseSpec({ layers: [12, 3, 2], activation: "tanh", outputActivation: "softmax", loss: "cross-entropy" }));
    expect(conv.nodes.map((n) => n.preds)).toEqual(layered.nodes.map((n) => n.preds));
    expect(conv.tied).toEqual([]);
    const x = Array.from({ length: 12 }, (_, i) => Math.sin(i + 1));
    const K = [0, 1, 2].map((f) => [0, 1].map((c) => [0, 1].map((u) => [0, 1, 2].map((v) => Math.cos(f * 12 + c * 6 + u * 3 + v)))));
    const W = [0, 1].map((n) => [0, 1, 2].map((m) => 0.5 - 0.3 * n + 0.2 * m));
    const convParams = parseParams(conv, {
      inputs: [0, 1].map((c) => [0, 1].map((i) => [0, 1, 2].map((j) => x[c * 6 + i * 3 + j]!))),
      targets: [0.3, 0.7],
      eta: 0.5,
      weights: [
        { K, b: [0.1, 0.2, 0.3] },
        { W, b: [-0.1, 0.1] },
      ],
    });
    const weights: Record<string, Record<string, number>> = {};
    for (let f = 0; f < 3; f++) {
      weights[13 + f] = { b: [0.1, 0.2, 0.3][f]! };
      K[f]!.flat(2).forEach((v, j) => (weights[13 + f]![j + 1] = v));
    }
    for (let n = 0; n < 2; n++) {
      weights[16 + n] = { b: n === 0 ? -0.1 : 0.1 };
      W[n]!.forEach((v, m) => (weights[16 + n]![13 + m] = v));
    }
    const layeredParams = parseParams(layered, { inputs: x, targets: [0.3, 0.7], eta: 0.5, weights });
    expect(convParams.values).toEqual(layeredParams.values);
    const a = convolutionEvaluation(derive(conv), conv.spec.convolution!, convParams);
    const b = evaluation(derive(layered), layeredParams);
    expect(a.E).toBeCloseTo(b.E, 12);
    const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
    const kernelGradients = flat(a.gradients[0]!.K);
    for (let f = 0; f < 3; f++) {
      for (let j = 0; j < 12; j++) expect(kernelGradients[f * 12 + j]).toBeCloseTo(b.gradients[13 + f]![j + 1]!, 12);
      expect(flat(a.gradients[0]!.b)[f]).toBeCloseTo(b.gradients[13 + f]!.b!, 12);
    }
    expect(flat(a.updated[1]!.W)[4]).toBeCloseTo(b.updated[17]![14]!, 12);
  });
});

const refused = (spec: unknown): string => {
  try {
    parseSpec(spec);
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  throw new Error("accepted");
};

describe("bad input", () => {
  const base = { shape: [1, 4, 4], loss: "mse" };
  it.each([
    [
      { stack: [{ conv: { filters: 1, kernel: 5 } }] },
      /^stack\[0\]\.conv\.kernel: is 5 along the height, larger than the padded input \(4 \+ 2 × 0 = 4\)/,
    ],
    [{ stack: [{ conv: { filters: 1, kernel: 2, stride: 0 } }] }, /^stack\[0\]\.conv\.stride: is 0; must be the stride/],
    [
      { stack: [{ dense: 2 }, { conv: { filters: 1, kernel: 2 } }] },
      /^stack\[1\]\.conv: follows the dense layer stack\[0\]; convolution layers come before the dense ones/,
    ],
    [{ stack: [{ conv: { filters: 1, kernel: [2, 2, 2] } }] }, /^stack\[0\]\.conv\.kernel: /],
    [{ stack: [{ conv: { filters: 1, kernel: [2] } }] }, /^stack\[0\]\.conv\.kernel: has 1 entries; the input has 2 spatial axes/],
    [{ stack: [{ conv: { filters: 1, kernel: 2, padding: 2 } }] }, /^stack\[0\]\.conv\.padding: is 2; at most 1/],
    [
      { shape: [1, 1, 4], stack: [{ conv: { filters: 1, kernel: 3, padding: 1 } }] },
      /^stack\[0\]\.conv\.padding: is 1; the kernel's entry 0 \(from 0\) would meet only padding/,
    ],
    [
      { stack: [{ conv: { filters: 1, kernel: 2 }, activation: "softmax" }] },
      /^stack\[0\]\.activation: is softmax; a convolution layer's activation acts position by position/,
    ],
    [{ stack: [{ conv: { filters: 1, kernel: 2 }, dense: 3 }] }, /^stack\[0\]\.dense: is given with "conv"/],
    [{ stack: [{ activation: "tanh" }] }, /^stack\[0\]: must give one of "conv", "pool" or "dense"/],
    [
      { stack: [{ conv: { filters: 1, kernel: 2 }, pool: "max" }] },
      /^stack\[0\]\.conv: is given with "pool"; a layer is one of "conv", "pool" or "dense"$/,
    ],
    [
      { stack: [{ conv: { filters: 1, kernel: 2 } }, { pool: "max", size: 4 }] },
      /^stack\[1\]\.size: is 4 along the height, larger than its input \(3\); the window must fit inside it$/,
    ],
    [{ stack: [{ pool: "average", size: 2, stride: 0 }] }, /^stack\[0\]\.stride: is 0; must be the pool's stride/],
    [
      { stack: [{ dense: 2 }, { pool: "max", size: 2 }] },
      /^stack\[1\]\.pool: follows the dense layer stack\[0\]; pooling layers come before the dense ones$/,
    ],
    [{ stack: [{ pool: "max" }] }, /^stack\[0\]\.size: is required with "pool"/],
    [{ stack: [{ pool: "min", size: 2 }] }, /^stack\[0\]\.pool: is "min"; must be "max" or "average"/],
    [{ stack: [{ pool: "max", size: 2, activation: "relu" }] }, /^stack\[0\]\.activation: applies to convolution and dense layers/],
    [{ stack: [{ conv: { filters: 1, kernel: 2 }, size: 2 }] }, /^stack\[0\]\.size: belongs to a pooling layer/],
    [{ shape: [1, 6], stack: [{ pool: "max", size: [2, 2] }] }, /^stack\[0\]\.size: has 2 entries; the input has 1 spatial axis/],
    [{ stack: [] }, /^stack: is empty/],
    [{ stack: [{ dense: 2 }], layers: [2, 2] }, /^layers: belongs to another form/],
  ])("refuses %j", (extra, message) => {
    expect(refused({ ...base, ...extra })).toMatch(message);
  });

  it("refuses more than 10^6 activations and more than 10^6 weights, naming the layer", () => {
    expect(refused({ shape: [1, 1000, 1000], stack: [{ conv: { filters: 1, kernel: 1 } }] })).toMatch(
      /^stack\[0\]: brings the feature maps to 2000000 positions \(the input's included\); at most 1000000$/,
    );
    expect(refused({ shape: [1, 200, 200], stack: [{ dense: 30 }] })).toMatch(
      /^stack\[0\]: brings the weights and biases to 1200030; at most 1000000$/,
    );
  });

  it("names a params array of the wrong shape by its path", () => {
    const network = buildNetwork(parseSpec(conv2x2));
    const params = {
      inputs: [
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
      ],
      targets: [
        [
          [0, 0],
          [0, 0],
        ],
      ],
      eta: 0.1,
      weights: [
        {
          K: [
            [
              [
                [1, 2],
                [3, 4],
              ],
            ],
          ],
          b: [0],
        },
      ],
    };
    expect(() => parseParams(network, params)).not.toThrow();
    const bad = (p: unknown, m: RegExp) => expect(() => parseParams(network, p)).toThrow(m);
    bad(
      { ...params, weights: [{ K: [[[[1, 2], [3]]]], b: [0] }] },
      /^params\.weights\[0\]\.K\[0\]\[0\]\[1\]: must be an array of 2 numbers/,
    );
    bad(
      {
        ...params,
        weights: [
          {
            K: [
              [
                [
                  [1, 2],
                  [3, 4],
                ],
              ],
            ],
          },
        ],
      },
      /^params\.weights\[0\]\.b: must be an array of 1 numbers/,
    );
    bad({ ...params, weights: [{ W: [[1]], b: [0] }] }, /^params\.weights\[0\]\.W: unknown key; allowed: K, b/);
    bad({ ...params, weights: [] }, /^params\.weights: must be an array of 1 entry, one per stack layer/);
    bad(
      {
        ...params,
        inputs: [
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
        ],
      },
      /^params\.inputs\[0\]: must be an array of 3 arrays/,
    );
    bad(
      {
        ...params,
        targets: [
          [
            [0, 0],
            [0, "a"],
          ],
        ],
      },
      /^params\.targets\[0\]\[1\]\[1\]: is "a"; must be a finite number/,
    );
  });
});

describe("a pooling layer's params", () => {
  const spec = {
    shape: [1, 3, 4],
    stack: [
      { conv: { filters: 1, kernel: 2 }, activation: "tanh" },
      { pool: "average", size: [2, 3] },
      { dense: 1, activation: "identity" },
    ],
    loss: "mse",
  };
  const network = buildNetwork(parseSpec(spec));
  const params = {
    inputs: [
      [
        [0.1, 0.2, -0.3, 0.4],
        [0.5, -0.6, 0.7, 0.1],
        [0.2, 0.3, -0.1, 0.0],
      ],
    ],
    targets: [0.3],
    eta: 0.1,
    weights: [
      {
        K: [
          [
            [
              [0.2, -0.1],
              [0.3, 0.4],
            ],
          ],
        ],
        b: [0.1],
      },
      {},
      { W: [[0.5]], b: [0.2] },
    ],
  };
  const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);

  it("are {}: no weights, nothing in the gradients or the updates; evaluate gives y and delta but no net", () => {
    const p = parseParams(network, params);
    expect(network.params.length).toBe(5 + 2);
    const got = convolutionEvaluation(derive(network), network.spec.convolution!, p);
    expect(got.gradients[1]).toEqual({});
    expect(got.updated[1]).toEqual({});
    expect(Object.keys(got.layers[1]!).sort()).toEqual(["delta", "y"]);
    // The mean of the one 2×3 window of the tanh map, and its delta spread evenly: 1/6 each, times tanh'.
    const y0 = flat(got.layers[0]!.y);
    const [y1] = flat(got.layers[1]!.y);
    const [d1] = flat(got.layers[1]!.delta);
    expect(Math.abs(y1! - y0.reduce((a, v) => a + v, 0) / 6)).toBeLessThanOrEqual(1e-15);
    flat(got.layers[0]!.delta).forEach((d, i) => expect(Math.abs(d - (d1! / 6) * (1 - y0[i]! ** 2))).toBeLessThanOrEqual(1e-15));
  });

  it("refuses pooling params other than {}, naming the key", () => {
    const bad = { ...params, weights: [params.weights[0], { W: [[1]] }, params.weights[2]] };
    expect(() => parseParams(network, bad)).toThrow(/^params\.weights\[1\]\.W: is given, but a pooling layer has no weights: give \{\}$/);
  });
});
