// The summary of a recurrent network in the notation of backpropagation through time: the
// recursion of the hidden state's error term from the last step back, and the gradient of each
// shared matrix as its sum over the steps (recurrent.ts derives both). It closes the summary
// that opens the documents, after the equations node by node.
import * as b from "../../expr/build.js";
import type { Builder } from "../builder.js";
import type { Block } from "../proof.js";
import { dE, fn } from "../symbols.js";
import { dH, dO, M, overSteps, vec } from "./recurrent.js";

export function recurrentSummary(bd: Builder): Block[] {
  const network = bd.network;
  const l = network.spec.recurrent;
  if (l === undefined) return [];
  const h = l.ids[1]!.get("h")![0]!;
  const f = network.layers[network.nodes[h]!.layer]!.fn!;
  const all = Array.from({ length: l.steps }, (_, i) => i + 1);
  const t = "t";
  return [
    bd.text("p-rnn-summary", { T: l.steps, last: dH(l.steps + 1), zero: b.ZERO, dO: dO(t) }),
    bd.steps([
      bd.step(
        dH(t),
        b.hadamard(fn(f, vec("a", t), 1), b.add(b.matmul(b.transpose(M("V")), dO(t)), b.matmul(b.transpose(M("W")), dH("t+1")))),
        "substitution",
        "substitute-delta",
      ),
      bd.step(
        dE(M("U")),
        overSteps(all, (s) => b.matmul(dH(s), b.transpose(vec("x", s)))),
        "total-derivative",
        "total-tied",
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
      ),
      bd.step(
        dE(b.vecSym("c")),
        overSteps(l.lossSteps, (s) => dO(s)),
        "total-derivative",
        "total-tied",
      ),
    ]),
  ];
}
