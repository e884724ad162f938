// The summary that opens a recurrent network's documents, in the form of backpropagation through
// time: the algorithm step by step over the sequence, then its equations, unit by unit and as
// vectors: the output's error term at a step (specialised), the hidden state's error term from the
// last step back, and each shared matrix's gradient as its sum over the steps (recurrent.ts and
// recurrent-cell.ts derive them all).
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import type { Builder } from "../builder.js";
import type { Block, Section } from "../proof.js";
import { dE, ETA, fn } from "../symbols.js";
import { dAt, letters, readers, renamed } from "./recurrent-notation.js";
import { dH, dO, M, overSteps, vec } from "./recurrent.js";

export function recurrentSummary(bd: Builder, outputForm: Expr, hiddenForm: Expr): Section {
  const network = bd.network;
  const l = network.spec.recurrent!;
  const { f } = letters(network);
  const all = Array.from({ length: l.steps }, (_, i) => i + 1);
  const t = "t";
  const T = l.steps;
  const tv = b.indexValue(b.ivar("t"));
  const hidden = b.hadamard(fn(f, vec("a", t), 1), b.add(b.matmul(b.transpose(M("V")), dO(t)), b.matmul(b.transpose(M("W")), dH("t+1"))));
  const item = { layout: "item" as const };
  const blocks: Block[] = [
    bd.text(l.lossAt === "every" ? "p-rnn-summary-every" : "p-rnn-summary-last", { T }),
    bd.text("p-rnn-algo-forward", { T, h0: vec("h", 0), a: vec("a", t), h: vec("h", t), o: vec("o", t), yhat: vec("yhat", t) }, item),
    bd.text("p-rnn-algo-output", { t: tv, dO: dAt("o", "k", t), form: renamed(outputForm, "output", t) }, item),
    bd.text("p-rnn-algo-hidden", { T, t: tv, dH: dH(t), form: hidden, last: dH(T + 1), zero: b.ZERO }, item),
    bd.text("p-rnn-algo-gradients", {}, item),
    bd.text("p-rnn-algo-update", { eta: ETA, U: M("U"), update: b.rawAdd(M("U"), b.rawMul(b.MINUS_ONE, ETA, dE(M("U")))) }, item),
    bd.text("p-rnn-summary", { last: dH(T + 1), zero: b.ZERO, dO: dO(t) }),
    bd.steps([
      bd.step(dAt("o", "k", t), renamed(outputForm, "output", t), "substitution", "rnn-output-specialised", { tag: "BPTT1" }),
      bd.step(dAt("h", "j", t), renamed(hiddenForm, "hidden", t, readers(true, true)), "substitution", "rnn-hidden-specialised", {
        tag: "BPTT2",
      }),
      bd.step(dH(t), hidden, "substitution", "substitute-delta"),
      bd.step(
        dE(M("U")),
        overSteps(all, (s) => b.matmul(dH(s), b.transpose(vec("x", s)))),
        "total-derivative",
        "total-tied",
        { tag: "BPTT3" },
      ),
      bd.step(
        dE(M("W")),
        overSteps(all, (s) => b.matmul(dH(s), b.transpose(vec("h", s - 1)))),
        "total-derivative",
        "total-tied",
      ),
      bd.step(
        dE(b.vecSym("b")),
        overSteps(all, (s) => dH(s)),
        "total-derivative",
        "total-tied",
      ),
      bd.step(
        dE(M("V")),
        overSteps(l.lossSteps, (s) => b.matmul(dO(s), b.transpose(vec("h", s)))),
        "total-derivative",
        "total-tied",
        { tag: "BPTT4" },
      ),
      bd.step(
        dE(b.vecSym("c")),
        overSteps(l.lossSteps, (s) => dO(s)),
        "total-derivative",
        "total-tied",
      ),
    ]),
  ];
  return { id: "summary", title: bd.title("sec-rnn-summary"), blocks, part: "summary" };
}
