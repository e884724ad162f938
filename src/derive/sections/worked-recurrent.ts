// The worked example of a recurrent network, in its own shapes: the given U, W, V, b, c, h^{(0)},
// inputs and targets; the forward pass step by step (a, h, o, yhat), E; the error terms backwards
// through time; the gradients as sums over the steps; the updated matrices. Each line is a vector
// or matrix equation at a concrete step, "q = formula = the numbers substituted = result", whose
// entries the step check compares one by one (check/entrywise.ts). The numbers come from outside,
// as for the layered example (worked.ts): this stage never evaluates.
import * as b from "../../expr/build.js";
import { mapChildren } from "../../expr/walk.js";
import type { Expr } from "../../expr/types.js";
import { recurrentEntries } from "../../network/forms/recurrent-entries.js";
import { paramOfShared, paramOfSymbol } from "../../network/params.js";
import type { Builder } from "../builder.js";
import { notComparedText } from "../messages/index.js";
import { WORKED_SECTION, type Block, type Proof, type Section, type Step } from "../proof.js";
import { dE, E, ETA, fn } from "../symbols.js";
import { letters } from "./recurrent-notation.js";
import { dH, dO, M, vec } from "./recurrent.js";
import { chunks, round, substitute, table, type WorkedValues } from "./worked.js";

type Tensor = Extract<Expr, { kind: "tensor" }>;

export function recurrentWorkedSection(bd: Builder, proof: Proof, values: WorkedValues): Section {
  const network = proof.network;
  const l = network.spec.recurrent!;
  const { f, g } = letters(network);
  const digits = values.digits;
  const r = (v: number): number => round(v, digits);
  const param = (s: Expr): number | undefined =>
    s.kind !== "sym" ? undefined : s.name === "theta" ? paramOfShared(network, s.idx) : paramOfSymbol(network, s.idx);
  /** The value of an entry: a symbol's, or a shared value's gradient dE/dtheta. */
  const value = (s: Expr): number => {
    if (s.kind === "deriv") return values.gradient(param(s.wrt)!);
    return values.value(s);
  };
  const entries = (e: Expr): Expr[][] => recurrentEntries(network, e as Tensor)!;
  /** The numbers of a named vector or matrix, as a literal. */
  const numbers = (e: Expr, of: (s: Expr) => number = value): Expr => b.matrix(entries(e).map((row) => row.map((s) => b.num(r(of(s))))));
  /** A formula with every named vector, matrix and symbol replaced by its numbers. */
  const numeric = (e: Expr): Expr => {
    if (e.kind === "tensor") return numbers(e);
    // A transposed column is written as the row it is.
    if (e.kind === "transpose" && e.arg.kind === "tensor" && e.arg.shape === "vec")
      return b.matrix([entries(e.arg).map(([s]) => b.num(r(value(s!))))]);
    if (e.kind === "sym") return b.num(r(values.value(e)));
    return mapChildren(e, numeric);
  };
  const chain = (lhs: Expr, formula: Expr | undefined, result: Expr, relation: "eq" | "update" = "eq"): Step[] => {
    const steps: Step[] = [];
    const opts = () => ({ relation, continues: steps.length > 0 });
    if (formula !== undefined) {
      steps.push(bd.step(lhs, formula, "substitution", "worked-formula", opts()));
      steps.push(bd.step(lhs, numeric(formula), "substitution", "worked-substitute", opts()));
    }
    steps.push(bd.step(lhs, result, "simplification", "worked-evaluate", opts()));
    return steps;
  };
  const given = (lhs: Expr, v: Expr): Step => bd.step(lhs, v, "definition", "worked-given", { relation: "define" });
  const targets = (t: number): Expr => b.matrix(l.ids[t]!.get("y")!.map((k) => [b.num(r(values.value(b.sym("t", b.node(k)))))]));

  const blocks: Block[] = [bd.text("p-rnn-worked-intro", { digits }), bd.text("p-worked-given")];
  const givenValues: [Expr, Expr][] = [
    ...["U", "W", "V"].map((n): [Expr, Expr] => [M(n), numbers(M(n))]),
    [b.vecSym("b"), numbers(b.vecSym("b"))],
    [b.vecSym("c"), numbers(b.vecSym("c"))],
    [vec("h", 0), numbers(vec("h", 0))],
    ...Array.from({ length: l.steps }, (_, i): [Expr, Expr] => [vec("x", i + 1), numbers(vec("x", i + 1))]),
    ...l.lossSteps.map((t): [Expr, Expr] => [vec("y", t), targets(t)]),
    [ETA, b.num(r(values.eta))],
  ];
  // The proof states each given value as a step; the notes list them in a table, three to a row.
  blocks.push(
    bd.steps(
      givenValues.map(([s, v]) => given(s, v)),
      { show: "proof" },
    ),
    ...table(
      bd,
      ["col-quantity", "col-value", "col-quantity", "col-value", "col-quantity", "col-value"],
      chunks(givenValues, 3).map((row) => [...row.flat(), ...Array<string>(6 - 2 * row.length).fill("")]),
    ),
  );
  const out = network.layers.find((x) => x.role === "output")!.activation!;
  for (let t = 1; t <= l.steps; t++) {
    const ss: Step[] = [
      ...chain(
        vec("a", t),
        b.rawAdd(b.vecSym("b"), b.matmul(M("W"), vec("h", t - 1)), b.matmul(M("U"), vec("x", t))),
        numbers(vec("a", t)),
      ),
      ...chain(vec("h", t), fn(f, vec("a", t)), numbers(vec("h", t))),
    ];
    if (l.ids[t]!.get("y") !== undefined) {
      ss.push(...chain(vec("o", t), b.rawAdd(b.vecSym("c"), b.matmul(M("V"), vec("h", t))), numbers(vec("o", t))));
      // Softmax is not entrywise: its vector equation has no entries to check, so only its result is written.
      ss.push(...chain(vec("yhat", t), out.elementwise ? fn(g, vec("o", t)) : undefined, numbers(vec("yhat", t))));
    }
    // The notes write the first step in full and the later ones' results in a table (the proof: all in full).
    const later = t > 1 ? { show: "proof" as const } : {};
    blocks.push(bd.text("p-rnn-worked-forward", { t }, later), bd.steps(ss, later));
  }
  const blank = (v: Expr | undefined): Expr | string => v ?? "";
  const has = (t: number): boolean => l.ids[t]!.get("y") !== undefined;
  if (l.steps > 1) {
    blocks.push(
      bd.text("p-rnn-worked-later", {}, { show: "notes" }),
      ...resultTable(
        bd,
        [vec("a", "t"), vec("h", "t"), vec("o", "t"), vec("yhat", "t")],
        Array.from({ length: l.steps - 1 }, (_, i) => i + 2).map((t) => [
          t,
          numbers(vec("a", t)),
          numbers(vec("h", t)),
          blank(has(t) ? numbers(vec("o", t)) : undefined),
          blank(has(t) ? numbers(vec("yhat", t)) : undefined),
        ]),
      ),
    );
  }
  blocks.push(bd.text("p-worked-loss"), bd.steps(chain(E, undefined, b.num(r(values.E)))));
  for (let t = l.steps; t >= 1; t--) {
    const ss: Step[] = [];
    const ys = l.ids[t]!.get("y");
    if (ys !== undefined) {
      // Each entry by (BPTT1), the numbers substituted.
      const at = ys.map((k) => [substitute(proof.results.delta.get(k)!, (s) => r(values.value(s)), new Map(), "plain")]);
      ss.push(bd.step(dO(t), b.matrix(at), "substitution", "worked-substitute"));
      ss.push(bd.step(dO(t), numbers(dO(t)), "simplification", "worked-evaluate", { continues: true }));
    }
    const terms: Expr[] = [];
    if (ys !== undefined) terms.push(b.matmul(b.transpose(M("V")), dO(t)));
    if (t < l.steps) terms.push(b.matmul(b.transpose(M("W")), dH(t + 1)));
    const formula = b.hadamard(fn(f, vec("a", t), 1), b.rawAdd(...terms));
    ss.push(...chain(dH(t), formula, numbers(dH(t))));
    // The notes write the last two steps in full and the earlier ones' results in a table.
    const earlier = t < l.steps - 1 ? { show: "proof" as const } : {};
    blocks.push(bd.text("p-rnn-worked-backward", { t }, earlier), bd.steps(ss, earlier));
  }
  if (l.steps > 2) {
    blocks.push(
      bd.text("p-rnn-worked-earlier", {}, { show: "notes" }),
      ...resultTable(
        bd,
        [dO("t"), dH("t")],
        Array.from({ length: l.steps - 2 }, (_, i) => l.steps - 2 - i).map((t) => [
          t,
          blank(has(t) ? numbers(dO(t)) : undefined),
          numbers(dH(t)),
        ]),
      ),
    );
  }
  blocks.push(bd.text("p-rnn-worked-gradients"));
  const all = Array.from({ length: l.steps }, (_, i) => i + 1);
  const grads: [Expr, Expr][] = [
    [M("U"), b.rawAdd(...all.map((s) => b.matmul(dH(s), b.transpose(vec("x", s)))))],
    [M("W"), b.rawAdd(...all.map((s) => b.matmul(dH(s), b.transpose(vec("h", s - 1)))))],
    [b.vecSym("b"), b.rawAdd(...all.map((s) => dH(s)))],
    [M("V"), b.rawAdd(...l.lossSteps.map((s) => b.matmul(dO(s), b.transpose(vec("h", s)))))],
    [b.vecSym("c"), b.rawAdd(...l.lossSteps.map((s) => dO(s)))],
  ];
  // Sums of more than five steps are given by their result.
  const long = l.steps > 5;
  const gradOf = (p: Expr): Expr => b.matrix(entries(p).map((row) => row.map((s) => b.num(r(values.gradient(param(s)!))))));
  const updated = (p: Expr): Expr => b.matrix(entries(p).map((row) => row.map((s) => b.num(r(values.update(param(s)!))))));
  const isU = (p: Expr): boolean => p.kind === "tensor" && p.name === "U";
  // The notes write U's gradient and update in full and the others' results in a table (the proof: all in full).
  const proofOnly = (p: Expr) => (isU(p) ? {} : { show: "proof" as const });
  blocks.push(...grads.map(([p, sum]) => bd.steps(chain(dE(p), long ? undefined : sum, gradOf(p)), proofOnly(p))));
  blocks.push(bd.text("p-rnn-worked-updates", { eta: ETA }));
  blocks.push(
    ...grads.map(([p]) => {
      const written = b.rawAdd(numbers(p), b.rawMul(b.num(-r(values.eta)), gradOf(p)));
      return bd.steps(
        [
          bd.step(p, written, "substitution", "worked-substitute", { relation: "update" }),
          bd.step(p, updated(p), "simplification", "worked-evaluate", { relation: "update", continues: true }),
        ],
        proofOnly(p),
      );
    }),
  );
  blocks.push(
    bd.text("p-rnn-worked-others", {}, { show: "notes" }),
    ...table(
      bd,
      ["col-parameter", "col-gradient", "col-updated"],
      grads.filter(([p]) => !isU(p)).map(([p]) => [p, gradOf(p), updated(p)]),
    ),
  );
  const after = { before: b.num(r(values.E)), after: b.num(r(values.after)) };
  blocks.push(bd.text(values.after <= values.E ? "p-worked-after-down" : "p-worked-after-up", after));
  const c = values.check;
  blocks.push(
    bd.text("p-worked-check", {
      digits,
      checked: c.checked,
      total: c.total,
      failed: c.failed,
      notCompared: notComparedText(proof.lang, c.notCompared),
      worst: c.worst.toExponential(2),
      tolerance: c.tolerance,
    }),
  );
  return { id: WORKED_SECTION, title: bd.title("sec-worked"), blocks, part: "body" };
}

/** A table in the notes only: a step per row, its results per column (the proof has them as steps). */
function resultTable(bd: Builder, head: readonly Expr[], rows: readonly (readonly [number, ...(Expr | string)[]])[]): Block[] {
  const notes = (blk: Block): Block => ({ ...blk, show: "notes" }) as Block;
  return [notes(bd.row([bd.title("col-step"), ...head], "head")), ...rows.map(([t, ...cells]) => notes(bd.row([String(t), ...cells])))];
}
