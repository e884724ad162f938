// A recurrent network as its cell: what it reads and computes at each step, its shared
// parameters, its forward equations unit by unit and in matrix form, its loss over the steps;
// then the error term of the output at step t, which is an output layer's under the loss of
// that step alone (the node-by-node sections derive and specialise it for the unrolled network).
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import type { RecurrentLayout } from "../../network/forms/recurrent.js";
import type { Builder } from "../builder.js";
import type { Block, Section } from "../proof.js";
import { dE, fn } from "../symbols.js";
import { activationName } from "./names.js";
import { at, dAt, entry, letters, lossAt, outputOf, over, renamed, stepLoss } from "./recurrent-notation.js";
import { M, vec } from "./recurrent.js";

const list = (nodes: readonly number[]): string => nodes.join(", ");
const T_ = b.indexValue(b.ivar("t"));

export function rnnNetworkSection(bd: Builder): Section {
  const network = bd.network;
  const l = network.spec.recurrent!;
  const { f, g } = letters(network);
  const hidden = network.layers[network.nodes[l.ids[1]!.get("h")![0]!]!.layer]!.activation!;
  const output = network.layers.find((x) => x.role === "output")!.activation!;
  const t = "t";
  const blocks: Block[] = [
    bd.text("p-rnn-cell", {
      T: l.steps,
      t: T_,
      nx: l.sizes.x,
      nh: l.sizes.h,
      ny: l.sizes.y,
      nX: b.sym("n", b.ivar("x")),
      nH: b.sym("n", b.ivar("h")),
      nY: b.sym("n", b.ivar("y")),
      x: vec("x", t),
      h: vec("h", t),
      hprev: vec("h", "t-1"),
      h0: vec("h", 0),
      yhat: vec("yhat", t),
      U: M("U"),
      W: M("W"),
      V: M("V"),
      b: b.vecSym("b"),
      c: b.vecSym("c"),
    }),
    bd.text("p-rnn-index", { f: b.sym(f), g: b.sym(g), fa: activationName(hidden), ga: activationName(output) }),
    bd.steps([
      bd.step(
        at("a", "j", t),
        b.rawAdd(
          entry("b", "j"),
          over("i", "x", b.rawMul(entry("U", "j", "i"), at("x", "i", t))),
          over("l", "h", b.rawMul(entry("W", "j", "l"), at("h", "l", "t-1"))),
        ),
        "definition",
        "def-net",
        { relation: "define" },
      ),
      bd.step(at("h", "j", t), fn(f, at("a", "j", t)), "definition", "def-y", { relation: "define" }),
      bd.step(
        at("o", "k", t),
        b.rawAdd(entry("c", "k"), over("j", "h", b.rawMul(entry("V", "k", "j"), at("h", "j", t)))),
        "definition",
        "def-net",
        {
          relation: "define",
        },
      ),
      bd.step(at("yhat", "k", t), outputOf(network, "k", t), "definition", "def-y", { relation: "define" }),
    ]),
    bd.text("p-rnn-matrix", { h0: vec("h", 0) }),
    bd.steps([
      bd.step(
        vec("a", t),
        b.add(b.vecSym("b"), b.matmul(M("W"), vec("h", "t-1")), b.matmul(M("U"), vec("x", t))),
        "definition",
        "def-net",
        {
          relation: "define",
        },
      ),
      bd.step(vec("h", t), fn(f, vec("a", t)), "definition", "def-y", { relation: "define" }),
      bd.step(vec("o", t), b.add(b.vecSym("c"), b.matmul(M("V"), vec("h", t))), "definition", "def-net", { relation: "define" }),
      bd.step(vec("yhat", t), fn(g, vec("o", t)), "definition", "def-y", { relation: "define" }),
    ]),
    bd.text(l.lossAt === "every" ? "p-rnn-loss-every" : "p-rnn-loss-last", {
      T: l.steps,
      t: T_,
      y: vec("y", t),
      yhat: vec("yhat", t),
      Et: lossAt(t),
    }),
    bd.steps([
      bd.step(lossAt(t), stepLoss(network, t), "definition", "def-loss", { relation: "define" }),
      bd.step(
        b.sym("E"),
        l.lossAt === "every" ? b.sum("t", { kind: "upto", bound: "T" }, lossAt(t)) : lossAt("T"),
        "definition",
        "def-loss",
        { relation: "define" },
      ),
    ]),
    ...unrolledList(bd, l),
  ];
  return { id: "rnn-network", title: bd.title("sec-rnn-network"), blocks };
}

/** The proof's key from the cell's notation to the unrolled network's node numbers. */
function unrolledList(bd: Builder, l: RecurrentLayout): Block[] {
  const proof = { show: "proof" as const };
  const out: Block[] = [
    bd.text("p-rnn-unrolled", { h0: vec("h", 0) }, proof),
    bd.text("p-rnn-h0", { h0: vec("h", 0), nodes: list(l.h0) }, { ...proof, layout: "bullet" }),
  ];
  for (let t = 1; t <= l.steps; t++) {
    const ids = l.ids[t]!;
    const ys = ids.get("y");
    const common = { t, x: vec("x", t), xs: list(ids.get("x")!), h: vec("h", t), hs: list(ids.get("h")!) };
    out.push(
      ys === undefined
        ? bd.text("p-rnn-step", common, { ...proof, layout: "bullet" })
        : bd.text("p-rnn-step-y", { ...common, y: vec("yhat", t), ys: list(ys) }, { ...proof, layout: "bullet" }),
    );
  }
  return out;
}

/** The error term of the output at a step with a loss, unit by unit, specialised. */
export function rnnOutputSection(bd: Builder, outputForm: Expr): Section {
  const network = bd.network;
  const l = network.spec.recurrent!;
  const { g } = letters(network);
  const out = network.layers.find((x) => x.role === "output")!.activation!;
  const t = "t";
  const d = dAt("o", "k", t);
  const Et = lossAt(t);
  const middle: Expr = out.elementwise
    ? b.rawMul(b.deriv(Et, at("yhat", "k", t)), fn(g, at("o", "k", t), 1))
    : over("i", "y", b.rawMul(b.deriv(Et, at("yhat", "i", t)), b.deriv(at("yhat", "i", t), at("o", "k", t))));
  const blocks: Block[] = [
    bd.text(l.lossAt === "every" ? "p-rnn-output" : "p-rnn-output-last", {
      t: T_,
      T: l.steps,
      Et,
      yhat: vec("yhat", t),
      o: vec("o", t),
      dO: vec("delta", t, "o"),
    }),
    bd.steps([
      bd.step(d, dE(at("o", "k", t)), "definition", "def-delta", { relation: "define" }),
      bd.step(d, b.deriv(Et, at("o", "k", t)), "linearity", "rnn-one-term", { continues: true }),
      out.elementwise
        ? bd.step(d, middle, "chain-rule", "chain-output", { continues: true })
        : bd.step(d, middle, "total-derivative", "total-output", { continues: true }),
      bd.step(d, renamed(outputForm, "output", t), "substitution", "rnn-output-specialised", { continues: true }),
    ]),
    bd.text("p-rnn-output-nodes", {}, { show: "proof" }),
  ];
  return { id: "rnn-output", title: bd.title("sec-rnn-output"), blocks };
}
