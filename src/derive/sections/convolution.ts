// A convolutional network in the language of kernels and feature maps: its maps with their
// shapes, kernels, strides and padding, and the forward pass in index form,
// net^{(l)}_{f,i,j} = b^{(l)}_f + sum_c sum_{u,v} K^{(l)}_{f,c,u,v} y^{(l-1)}_{c, s i + u - p, s j + v - p};
// then, layer by layer backwards, the derivative of E by the map a convolution reads and the
// gradients of its kernel and biases (convolution-backward.ts). The layout (spec.convolution)
// gives the shapes and the node numbers; the other sections derive the same network node by node.
import * as b from "../../expr/build.js";
import type { ConvLayer, ConvolutionLayout, MapShape, PoolLayer, StackLayer } from "../../network/forms/convolution-layout.js";
import { size } from "../../network/forms/convolution-layout.js";
import type { Builder } from "../builder.js";
import type { Block, ParamResult, Section, Seq, Step } from "../proof.js";
import { fn } from "../symbols.js";
import { backwardBlocks } from "./convolution-backward.js";
import { poolForward } from "./convolution-pool.js";
import { at, entry, forwardAt, kernelAt, letterAt, offsetSums, range, sums } from "./convolution-notation.js";
import { activationName } from "./names.js";

/** A map's shape as prose: 2 × 3 × 3 (channels × rows × columns), 2 × 6 in 1-D, a vector's length. */
function shapeText(bd: Builder, m: MapShape, dims: 1 | 2, vector: boolean): string {
  if (vector) return bd.title("conv-shape-vector").replace("{n}", String(m.c));
  return dims === 1 ? `${m.c} × ${m.w}` : `${m.c} × ${m.h} × ${m.w}`;
}

function strideText(bd: Builder, l: ConvLayer | PoolLayer, dims: 1 | 2): string {
  const [sh, sw] = l.stride;
  const key = dims === 1 ? "conv-stride-1d" : sh === sw ? "conv-stride-2d-same" : "conv-stride-2d";
  return bd.title(key).replace("{s}", String(sw)).replace("{sh}", String(sh)).replace("{sw}", String(sw));
}

function paddingText(bd: Builder, l: ConvLayer, dims: 1 | 2): string {
  const [ph, pw] = l.padding;
  if (ph === 0 && pw === 0) return bd.title("conv-pad-none");
  return bd
    .title(dims === 1 ? "conv-pad-1d" : "conv-pad-2d")
    .replace("{p}", String(pw))
    .replace("{ph}", String(ph))
    .replace("{pw}", String(pw));
}

const kernelText = (l: ConvLayer, dims: 1 | 2): string =>
  dims === 1 ? `${l.output.c} × ${l.input.c} × ${l.kernel[1]}` : `${l.output.c} × ${l.input.c} × ${l.kernel[0]} × ${l.kernel[1]}`;

/** The maps, one bullet each, with their node numbers. */
function mapBlocks(bd: Builder, c: ConvolutionLayout): Block[] {
  const d = c.dims;
  const blocks: Block[] = [
    bd.text(
      "p-conv-map-input",
      { y0: entry("y", "", 0), shape: shapeText(bd, c.input, d, false), first: 1, last: size(c.input) },
      { layout: "bullet" },
    ),
  ];
  c.layers.forEach((layer, i) => {
    const l = i + 1;
    const common = {
      l,
      y: entry("y", "", l),
      first: layer.first,
      last: layer.first + size(layer.output) - 1,
      act: layer.kind === "pool" ? "" : activationName(layer.activation),
      fn: b.indexValue(b.ivar(letterAt(bd, layer.first))),
    };
    if (layer.kind === "dense") {
      blocks.push(bd.text(d === 1 ? "p-conv-map-dense-1d" : "p-conv-map-dense", { ...common, n: layer.output.c }, { layout: "bullet" }));
      return;
    }
    if (layer.kind === "pool") {
      const [sh, sw] = layer.size;
      blocks.push(
        bd.text(
          layer.op === "max" ? "p-conv-map-max" : "p-conv-map-average",
          {
            l,
            y: common.y,
            first: common.first,
            last: common.last,
            size: d === 1 ? String(sw) : `${sh} × ${sw}`,
            stride: strideText(bd, layer, d),
            shape: shapeText(bd, layer.output, d, false),
          },
          { layout: "bullet" },
        ),
      );
      return;
    }
    blocks.push(
      bd.text(
        d === 1 ? "p-conv-map-conv-1d" : "p-conv-map-conv",
        {
          ...common,
          kernel: kernelText(layer, d),
          stride: strideText(bd, layer, d),
          padding: paddingText(bd, layer, d),
          shape: shapeText(bd, layer.output, d, false),
        },
        { layout: "bullet" },
      ),
    );
  });
  return blocks;
}

/** net and y of a convolution layer's entry (f, i, j), in index form. */
export function convForward(bd: Builder, c: ConvolutionLayout, layer: ConvLayer, l: number): Step[] {
  const d = c.dims;
  const [sh, sw] = layer.stride;
  const [ph, pw] = layer.padding;
  const here = at(d, "k", "i", "j");
  const read = at(d, "c", forwardAt("i", "u", sh, ph), forwardAt("j", "v", sw, pw));
  const body = b.rawMul(entry("K", kernelAt(d, "k", "c", "u", "v"), l), entry("y", read, l - 1));
  const net = b.rawAdd(entry("b", "k", l), sums([["c", range(1, layer.input.c)], ...offsetSums(d, layer)], body));
  return [
    bd.step(entry("net", here, l), net, "definition", "def-net", { relation: "define" }),
    bd.step(entry("y", here, l), fn(letterAt(bd, layer.first), entry("net", here, l)), "definition", "def-y", { relation: "define" }),
  ];
}

function forwardBlocks(bd: Builder, c: ConvolutionLayout): Block[] {
  const d = c.dims;
  return c.layers.flatMap((layer: StackLayer, i): Block[] => {
    const l = i + 1;
    if (layer.kind === "pool")
      return [bd.text(layer.op === "max" ? "p-pool-forward-max" : "p-pool-forward-average", { l }), bd.steps(poolForward(bd, c, layer, l))];
    if (layer.kind === "conv") {
      const padded = layer.padding[0] > 0 || layer.padding[1] > 0;
      return [bd.text(padded ? "p-conv-forward" : "p-conv-forward-nopad", { l }), bd.steps(convForward(bd, c, layer, l))];
    }
    const m = layer.input;
    const flat = d === 1 ? `(c-1) \\cdot ${m.w} + j + 1` : `(c-1) \\cdot ${m.h * m.w} + ${m.w > 1 ? `${m.w}i` : "i"} + j + 1`;
    const vector = l >= 2 && c.layers[l - 2]!.kind === "dense";
    return [
      bd.text(vector ? "p-conv-dense-vector" : d === 1 ? "p-conv-dense-1d" : "p-conv-dense", {
        l,
        v: b.vecSym("y", [], l - 1),
        entry: entry("y", at(d, "c", "i", "j"), l - 1),
        n: b.indexValue(b.ivar(flat)),
      }),
      bd.steps([
        bd.step(
          b.vecSym("y", [], l),
          fn(letterAt(bd, layer.first), b.rawAdd(b.matmul(b.matSym("W", l), b.vecSym("y", [], l - 1)), b.vecSym("b", [], l))),
          "definition",
          "def-y",
          { relation: "define" },
        ),
      ]),
    ];
  });
}

export function convolutionSection(bd: Builder, params: Seq<ParamResult>): Section {
  const c = bd.network.spec.convolution;
  if (c === undefined) return { id: "convolution", title: bd.title("sec-conv"), blocks: [] };
  const blocks: Block[] = [
    bd.text(c.dims === 1 ? "p-conv-intro-1d" : "p-conv-intro", {
      shape: shapeText(bd, c.input, c.dims, false),
      y: entry("y", "", "l"),
      y0: entry("y", "", 0),
    }),
    ...mapBlocks(bd, c),
    ...forwardBlocks(bd, c),
    ...backwardBlocks(bd, c, params),
  ];
  return { id: "convolution", title: bd.title("sec-conv"), blocks };
}
