// The backward pass of a convolution layer in kernel and feature-map language. A position of the
// map a convolution reads is read by every window that covers it, and by nothing else: its
// downstream nodes are, for each filter f and kernel offset (u, v), the output position whose
// window places that offset on it. The total derivative over them gives
// dE/dy^{(l-1)}_{c,r,q} = sum_f sum_{u,v} K_{f,c,u,v} delta^{(l)}_{f,(r+p-u)/s,(q+p-v)/s}, which with
// the flipped kernel is the full convolution of the error terms (dilated by the stride) with the
// kernel. A kernel entry is a weight of every window (tied weights): its gradient is the sum over
// the positions, the correlation of the layer's input with its error terms. The steps about whole
// maps are followed (in the proof) by their scalar entries over the numbered nodes, which the step
// check evaluates.
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import type { ConvLayer, ConvolutionLayout } from "../../network/forms/convolution-layout.js";
import { poolBlocks } from "./convolution-pool.js";
import { size } from "../../network/forms/convolution-layout.js";
import type { Builder } from "../builder.js";
import type { Block, ParamResult, Seq, Step } from "../proof.js";
import { delta, dE, ETA, fn, out, w } from "../symbols.js";
import {
  at,
  backAt,
  dLoss,
  entry,
  forwardAt,
  fullAt,
  kernelAt,
  letterAt,
  offsetSums,
  positionSums,
  range,
  sums,
} from "./convolution-notation.js";

const DELTA = "delta";
const FLIPPED = "\\tilde{K}";
const DILATED = "\\bar{\\delta}";

/** The first node of the map layer l reads (the input's for layer 1). */
const readsFrom = (c: ConvolutionLayout, l: number): number => (l === 1 ? 1 : c.layers[l - 2]!.first);

/** dE/dy^{(l-1)}_{c,r,q}: the total derivative over the windows, then the flipped (and dilated) form. */
export function inputSteps(bd: Builder, c: ConvolutionLayout, layer: ConvLayer, l: number, final = false): Step[] {
  const d = c.dims;
  const [sh, sw] = layer.stride;
  const [ph, pw] = layer.padding;
  const [kh, kw] = layer.kernel;
  const lhs = dLoss(entry("y", at(d, "c", "r", "q"), l - 1));
  const over = (body: Expr): Expr => sums([["k", range(1, layer.output.c)], ...offsetSums(d, layer)], body);
  const reader = at(d, "k", backAt("r", "u", sh, ph), backAt("q", "v", sw, pw));
  const K = entry("K", kernelAt(d, "k", "c", "u", "v"), l);
  const strided = sh > 1 || sw > 1;
  const full = over(
    b.rawMul(
      entry(FLIPPED, kernelAt(d, "k", "c", "u", "v"), l),
      entry(strided ? DILATED : DELTA, at(d, "k", fullAt("r", "u", kh, ph), fullAt("q", "v", kw, pw)), l),
    ),
  );
  if (final) return [bd.step(lhs, full, "substitution", strided ? "conv-dilate" : "conv-flip")];
  return bd.chain(lhs, [
    [
      over(b.rawMul(dLoss(entry("net", reader, l)), b.deriv(entry("net", reader, l), entry("y", at(d, "c", "r", "q"), l - 1)))),
      "total-derivative",
      "total-conv",
    ],
    [over(b.rawMul(K, entry(DELTA, reader, l))), "substitution", "conv-local"],
    [full, "substitution", strided ? "conv-dilate" : "conv-flip"],
  ]);
}

/** dE/dK^{(l)}_{f,c,u,v} as the sum over the positions, and dE/db^{(l)}_f. */
export function kernelSteps(bd: Builder, c: ConvolutionLayout, layer: ConvLayer, l: number, final = false): Step[] {
  const d = c.dims;
  const [sh, sw] = layer.stride;
  const [ph, pw] = layer.padding;
  const K = entry("K", kernelAt(d, "k", "c", "u", "v"), l);
  const over = (body: Expr): Expr => sums(positionSums(d, layer), body);
  const here = at(d, "k", "i", "j");
  const corr = over(
    b.rawMul(entry(DELTA, here, l), entry("y", at(d, "c", forwardAt("i", "u", sh, ph), forwardAt("j", "v", sw, pw)), l - 1)),
  );
  const bias = bd.step(dLoss(entry("b", "k", l)), over(entry(DELTA, here, l)), "total-derivative", "total-tied");
  if (final) return [bd.step(dLoss(K), corr, "substitution", "conv-input"), bias];
  return [
    ...bd.chain(dLoss(K), [
      [over(b.rawMul(dLoss(entry("net", here, l)), b.deriv(entry("net", here, l), K))), "total-derivative", "total-tied"],
      [corr, "substitution", "conv-input"],
    ]),
    bias,
  ];
}

/** The blocks of one convolution layer, backwards: the derivative by its input map, its kernel's and biases' gradients, the updates. */
function layerBlocks(bd: Builder, c: ConvolutionLayout, layer: ConvLayer, l: number, params: Seq<ParamResult>): Block[] {
  const network = bd.network;
  const d = c.dims;
  const strided = layer.stride[0] > 1 || layer.stride[1] > 1;
  const [kh, kw] = layer.kernel;
  const [ph, pw] = layer.padding;
  const blocks: Block[] = [
    bd.text(strided ? "p-conv-back-strided" : "p-conv-back", {
      l,
      d: entry(DELTA, at(d, "k", "i", "j"), l),
      dd: dLoss(entry("net", at(d, "k", "i", "j"), l)),
      pos: b.indexValue(b.ivar(`(${at(d, "c", "r", "q").replace(/,/g, ", ")})`)),
      y: entry("y", "", l - 1),
      uv: b.indexValue(b.ivar(d === 1 ? "v" : "u, v")),
      ij: b.indexValue(
        b.ivar(
          d === 1
            ? backAt("q", "v", layer.stride[1], pw)
            : `(${backAt("r", "u", layer.stride[0], ph)}, ${backAt("q", "v", layer.stride[1], pw)})`,
        ),
      ),
    }),
    bd.steps(inputSteps(bd, c, layer, l)),
    bd.text(d === 1 ? "p-conv-flip-1d" : "p-conv-flip", {
      Kt: entry(FLIPPED, kernelAt(d, "k", "c", "u", "v"), l),
      K: entry("K", kernelAt(d, "k", "c", `${kh - 1}-u`, `${kw - 1}-v`), l),
      d: entry(DELTA, "", l),
      ah: kh - 1 - ph,
      aw: kw - 1 - pw,
    }),
  ];
  if (strided) {
    blocks.push(
      bd.text(d === 1 ? "p-conv-dilated-1d" : "p-conv-dilated", {
        db: entry(DILATED, "", l),
        at: entry(DILATED, at(d, "k", `${layer.stride[0]}i`, `${layer.stride[1]}j`), l),
        d: entry(DELTA, at(d, "k", "i", "j"), l),
        sh: layer.stride[0] - 1,
        sw: layer.stride[1] - 1,
      }),
    );
  }
  blocks.push(...beforeBlocks(bd, c, l));
  // The entries: dE/dy_k of every position of the map read, a sum over the nodes its windows reach.
  const first = readsFrom(c, l);
  const nodes = Array.from({ length: size(layer.input) }, (_, i) => first + i);
  const readers = (k: number): Expr => {
    const ds = network.nodes[k]!.downstream;
    return ds.length === 0 ? b.ZERO : b.rawAdd(...ds.map((m) => b.rawMul(w(m, k), delta(m))));
  };
  blocks.push(
    bd.text("p-conv-entries", { l }, { show: "proof" }),
    bd.steps(
      bd.perNode(
        nodes,
        () => 1,
        (k) => [dE(out(network, k)), readers(k), "total-derivative", "total-conv"],
      ),
      { enumeration: true, show: "proof" },
    ),
  );
  blocks.push(
    bd.text("p-conv-kernel", { l }),
    bd.steps(kernelSteps(bd, c, layer, l)),
    bd.text(strided ? "p-conv-kernel-after-strided" : "p-conv-kernel-after", { s: Math.max(...layer.stride) }),
  );
  // Every kernel entry and bias of the layer: the sum over the edges that use it.
  const last = layer.first + size(layer.output);
  const own: number[] = [];
  network.params.forEach((p, i) => {
    if (p.to >= layer.first && p.to < last) own.push(i);
  });
  blocks.push(
    bd.text("p-conv-kernel-entries", {}, { show: "proof" }),
    bd.steps(
      bd.perNode(
        own.map((_, n) => n + 1),
        () => 1,
        (n) => {
          const r = params.at(own[n - 1]!)!;
          return [dE(r.symbol), r.gradient, "total-derivative", "total-tied"];
        },
      ),
      { enumeration: true, show: "proof" },
    ),
  );
  const K = entry("K", kernelAt(d, "k", "c", "u", "v"), l);
  const bias = entry("b", "k", l);
  blocks.push(
    bd.text("p-conv-updates", { eta: ETA }),
    bd.steps(
      [K, bias].map((p) =>
        bd.step(p, b.rawAdd(p, b.rawMul(b.MINUS_ONE, ETA, dLoss(p))), "gradient-descent", "update-tied", { relation: "update" }),
      ),
    ),
  );
  return blocks;
}

/** The error terms of the map layer l reads, from the derivative of E by it: through a convolution's activation, or a pooling layer's identity. */
function beforeBlocks(bd: Builder, c: ConvolutionLayout, l: number): Block[] {
  const d = c.dims;
  const before = l >= 2 ? c.layers[l - 2] : undefined;
  const here = at(d, "c", "r", "q");
  if (before?.kind === "conv")
    return [
      bd.text("p-conv-delta-before", { l: l - 1 }),
      bd.steps(
        bd.chain(entry(DELTA, here, l - 1), [
          [
            b.rawMul(fn(letterAt(bd, before.first), entry("net", here, l - 1), 1), dLoss(entry("y", here, l - 1))),
            "chain-rule",
            "chain-conv",
          ],
        ]),
      ),
    ];
  if (before?.kind === "pool")
    return [bd.text("p-pool-delta-before", { l: l - 1, d: entry(DELTA, here, l - 1), dy: dLoss(entry("y", here, l - 1)) })];
  return l === 1 ? [bd.text("p-conv-input-grad")] : [];
}

/** Every convolution and pooling layer, from the last to the first. */
export function backwardBlocks(bd: Builder, c: ConvolutionLayout, params: Seq<ParamResult>): Block[] {
  const out: Block[] = [];
  for (let i = c.layers.length - 1; i >= 0; i--) {
    const layer = c.layers[i]!;
    if (layer.kind === "conv") out.push(...layerBlocks(bd, c, layer, i + 1, params));
    if (layer.kind === "pool") out.push(...poolBlocks(bd, c, layer, i + 1), ...beforeBlocks(bd, c, i + 1));
  }
  return out;
}
