// A pooling layer of a convolutional network in feature-map language: forward, each position the
// maximum (or the mean) of its window over the same channel; backward, the total derivative over
// the windows that cover a position of the map before it, in which a window's maximum routes its
// error term to its arg max alone (on a tie, the first of the equal entries: the convention the
// whole network follows) and a mean spreads it evenly, 1/(s_h s_w) to each entry. A pooling
// layer has no weights and its output is its weighted input, so its error terms are dE/dy.
import * as b from "../../expr/build.js";
import type { Expr, IndexSet } from "../../expr/types.js";
import type { ConvolutionLayout, PoolLayer } from "../../network/forms/convolution-layout.js";
import type { Builder } from "../builder.js";
import type { Block, Step } from "../proof.js";
import { at, backAt, dLoss, entry, forwardAt, range, sums } from "./convolution-notation.js";

/** The offsets of a pooling window: u, v over one set when the window is square ("u,v"), v alone in 1-D. */
function offsets(dims: 1 | 2, layer: PoolLayer, prime = ""): [string, IndexSet][] {
  const [sh, sw] = layer.size;
  if (dims === 1) return [[`v${prime}`, range(0, sw)]];
  return sh === sw
    ? [[`u${prime},v${prime}`, range(0, sh)]]
    : [
        [`u${prime}`, range(0, sh)],
        [`v${prime}`, range(0, sw)],
      ];
}

/** 1/n, kept as a fraction (the smart constructors would fold it into a decimal). */
const inverse = (n: number): Expr => ({ kind: "pow", base: b.num(n), exp: b.MINUS_ONE });

/** max (or arg max) of body over the offsets, nested when the window is not square. */
const maxOver = (over: readonly [string, IndexSet][], body: Expr, arg = false): Expr =>
  over.reduceRight((acc, [i, set], n) => b.max(i, set, acc, arg && n === 0), body);

/** y^{(l)}_{c,i,j} as the max or the mean of its window. */
export function poolForward(bd: Builder, c: ConvolutionLayout, layer: PoolLayer, l: number): Step[] {
  const d = c.dims;
  const [sh, sw] = layer.stride;
  const read = entry("y", at(d, "c", forwardAt("i", "u", sh, 0), forwardAt("j", "v", sw, 0)), l - 1);
  const n = layer.size[0] * layer.size[1];
  const rhs = layer.op === "max" ? maxOver(offsets(d, layer), read) : b.rawMul(inverse(n), sums(offsets(d, layer), read));
  return [bd.step(entry("y", at(d, "c", "i", "j"), l), rhs, "definition", "def-y", { relation: "define" })];
}

/** dE/dy^{(l-1)}_{c,r,q}: the total derivative over the windows, then routed to the arg max or spread evenly. */
export function poolBackward(bd: Builder, c: ConvolutionLayout, layer: PoolLayer, l: number, final = false): Step[] {
  const d = c.dims;
  const [sh, sw] = layer.stride;
  const here = at(d, "c", "r", "q");
  const lhs = dLoss(entry("y", here, l - 1));
  const reader = at(d, "c", backAt("r", "u", sh, 0), backAt("q", "v", sw, 0));
  const over = (body: Expr): Expr => sums(offsets(d, layer), body);
  const n = layer.size[0] * layer.size[1];
  // The window that places offset (u, v) on (r, q) starts at (r - u, q - v): its entries are y_{c, r-u+u', q-v+v'}.
  const window = entry("y", at(d, "c", "r-u+u'", "q-v+v'"), l - 1);
  const routed =
    layer.op === "max"
      ? over(
          b.rawMul(
            entry("delta", reader, l),
            b.iverson("eq", b.indexValue(b.ivar(d === 1 ? "v" : "(u,v)")), maxOver(offsets(d, layer, "'"), window, true)),
          ),
        )
      : b.rawMul(inverse(n), over(entry("delta", reader, l)));
  const label = layer.op === "max" ? "pool-max-route" : "pool-average-spread";
  if (final) return [bd.step(lhs, routed, "substitution", label)];
  return bd.chain(lhs, [
    [
      over(b.rawMul(dLoss(entry("y", reader, l)), b.deriv(entry("y", reader, l), entry("y", here, l - 1)))),
      "total-derivative",
      "total-conv",
    ],
    [routed, "substitution", label],
  ]);
}

export function poolBlocks(bd: Builder, c: ConvolutionLayout, layer: PoolLayer, l: number): Block[] {
  const d = c.dims;
  const [sh, sw] = layer.stride;
  const n = layer.size[0] * layer.size[1];
  const disjoint = layer.stride[0] === layer.size[0] && layer.stride[1] === layer.size[1];
  return [
    bd.text(layer.op === "max" ? "p-pool-back-max" : "p-pool-back-average", {
      l,
      d: entry("delta", at(d, "c", "i", "j"), l),
      dy: dLoss(entry("y", at(d, "c", "i", "j"), l)),
      pos: b.indexValue(b.ivar(`(${at(d, "c", "r", "q").replace(/,/g, ", ")})`)),
      y: entry("y", "", l - 1),
      uv: b.indexValue(b.ivar(d === 1 ? "v" : "u, v")),
      ij: b.indexValue(b.ivar(d === 1 ? backAt("q", "v", sw, 0) : `(${backAt("r", "u", sh, 0)}, ${backAt("q", "v", sw, 0)})`)),
    }),
    bd.steps(poolBackward(bd, c, layer, l)),
    bd.text(layer.op === "max" ? "p-pool-max-after" : "p-pool-average-after", { n }),
    ...(disjoint ? [bd.text("p-pool-disjoint")] : []),
  ];
}
