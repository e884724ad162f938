// The exercises on a recurrent network, in its own notation (U, W, V, b, c, h^{(t)}): one step
// of backpropagation through time (an entry of δ_h^{(t)} from δ_o^{(t)} and δ_h^{(t+1)}), an
// entry of a shared matrix's gradient summed over the steps, and the derivation of δ_h^{(t)} by
// the total derivative over o^{(t)} and a^{(t+1)}. The numeric answers are the worked example's
// lines of the unrolled graph, checked against the independent evaluation at the sheet's numbers,
// shown renamed; the values are the ones `evaluate` prints. The network and its numbers are
// described in the same notation.
import { checkSteps } from "../check/steps.js";
import type { Step } from "../derive/proof.js";
import * as b from "../expr/build.js";
import { key } from "../expr/key.js";
import { toLatex } from "../expr/latex.js";
import { toText } from "../expr/text.js";
import type { Expr } from "../expr/types.js";
import { children } from "../expr/walk.js";
import { chainsOf, type Context, DIGITS, numberOf } from "./context.js";
import { say } from "./messages.js";
import { UncheckedAnswer } from "./numeric.js";
import { listOf, lossTitle, math } from "./pieces.js";
import { entrySym, type RecurrentNames, recurrentNames, rename, unitSym } from "./recurrent-names.js";
import type { Exercise, Line, Piece, Quantity } from "./types.js";
import { activationPieces } from "./pieces.js";

const round = (v: number): number => Number(v.toPrecision(DIGITS));
const defined = (lhs: Expr, rhs: Expr): Piece => ({ tex: `${toLatex(lhs)} := ${toLatex(rhs)}`, plain: `${toText(lhs)} := ${toText(rhs)}` });
const equals = (lhs: Expr, rhs: Expr): Piece => ({ tex: `${toLatex(lhs)} = ${toLatex(rhs)}`, plain: `${toText(lhs)} = ${toText(rhs)}` });

/** The network in its own notation: sizes, the four definitions, activations, the loss. */
export function describeRecurrent(ctx: Context): Piece[][] {
  const { network, lang, proof } = ctx;
  const l = network.spec.recurrent!;
  const defs = (proof.sections.find((s) => s.id === "recurrent")?.blocks ?? [])
    .flatMap((bl) => (bl.kind === "steps" ? [...bl.steps] : []))
    .filter((s) => s.relation === "define" && s.rule === "definition")
    .slice(0, 4);
  const h = l.ids[1]!.get("h")![0]!;
  const y = l.ids[l.lossSteps[0]!]!.get("y")![0]!;
  return [
    say(lang, "rnnNetwork", { T: l.steps, nx: l.sizes.x, nh: l.sizes.h, ny: l.sizes.y }),
    listOf(
      lang,
      defs.map((s) => [defined(s.lhs, s.rhs)]),
    ),
    say(lang, "rnnActivations", { f: activationPieces(network, h), g: activationPieces(network, y) }),
    say(lang, l.lossAt === "every" ? "rnnLossEvery" : "rnnLossLast", { loss: lossTitle(network, lang) }),
  ];
}

const vector = (xs: readonly number[]): Expr => b.column(xs.map((x) => b.num(x)));

/** The sheet's numbers in the recurrent shapes: x^{(t)}, h^{(0)}, targets, η, U, W, V, b, c. */
export function recurrentNumbers(ctx: Context): Piece[] {
  const p = ctx.paramsJson as {
    inputs: number[][];
    targets: number[][];
    h0: number[];
    eta: number;
    weights: Record<string, number[] | number[][]>;
  };
  const l = ctx.network.spec.recurrent!;
  const v = (name: string, t: number) => b.vecSym(name, [], t);
  return [
    ...p.inputs.map((x, t) => equals(v("x", t + 1), vector(x))),
    equals(v("h", 0), vector(p.h0)),
    ...p.targets.map((x, i) => equals(v("t", l.lossSteps[i]!), vector(x))),
    equals(b.sym("eta"), b.num(p.eta)),
    ...Object.entries(p.weights).map(([name, m]) =>
      equals(
        Array.isArray(m[0]) ? b.matSym(name) : b.vecSym(name),
        Array.isArray(m[0]) ? b.matrix((m as number[][]).map((r) => r.map((x) => b.num(x)))) : vector(m as number[]),
      ),
    ),
  ];
}

/** The node quantities a formula reads (δ_k, y_k, net_k), each once. */
function reads(e: Expr): Expr[] {
  const own = e.kind === "sym" && ["net", "y", "delta"].includes(e.name) && e.idx.length === 1 ? [e] : [];
  return [...own, ...children(e).flatMap(reads)];
}

function valueOf(ctx: Context, e: Expr): number | undefined {
  if (e.kind !== "sym" || e.idx[0]?.kind !== "node") return undefined;
  const k = e.idx[0].n;
  const n = ctx.values.nodes[String(k)];
  if (n !== undefined) return n[e.name as "net" | "y" | "delta"];
  // An input (x or h^{(0)}): its given value.
  const i = ctx.network.inputs.indexOf(k);
  return i < 0 ? undefined : ctx.params.inputs[i];
}

/** The worked chain of a quantity of the graph, checked at the sheet's numbers. */
function checkedChain(ctx: Context, target: Expr): Step[] {
  const chain = chainsOf(ctx.worked, "worked").find((c) => c.steps[0]!.rule === "substitution" && key(c.steps[0]!.lhs) === key(target));
  if (chain === undefined) throw new UncheckedAnswer(`the worked example has no line for ${key(target)}`);
  const report = checkSteps(ctx.worked, {
    params: ctx.params,
    worked: { params: ctx.params, digits: DIGITS },
    only: new Set(chain.steps.map((s) => s.id)),
  });
  if (report.failed > 0 || report.verified === 0) throw new UncheckedAnswer(`the worked answer for ${key(target)} did not check`);
  return [...chain.steps];
}

/** The notes' number of the recurrent section's equation whose left side is `is` (δ_h^{(t)}, ∇_W E). */
function notesTag(ctx: Context, is: (lhs: Expr) => boolean): string | undefined {
  const c = chainsOf(ctx.proof, "recurrent").find((x) => is(x.steps[0]!.lhs) && x.steps[0]!.relation !== "define");
  return c === undefined ? undefined : numberOf(ctx, c.steps[c.steps.length - 1]!);
}

function numeric(ctx: Context, n: RecurrentNames, graph: Expr, shown: Expr, q: Quantity, value: number, prompt: Piece[]): Exercise {
  const steps = checkedChain(ctx, graph);
  // The head line evaluates the notes' vector equation for this entry, and cites it.
  const tag = notesTag(ctx, (lhs) =>
    q.matrix === undefined
      ? lhs.kind === "tensor" && lhs.name === "delta"
      : lhs.kind === "deriv" && lhs.wrt.kind === "tensor" && lhs.wrt.name === q.matrix,
  );
  const lines: Line[] = steps.map((s, i) => {
    const step = { ...s, lhs: rename(n, s.lhs), rhs: rename(n, s.rhs) };
    return i === 0 && tag !== undefined ? { step, tag } : { step };
  });
  // The quantities the formula reads, given at the sheet's numbers (the weights are on the sheet).
  const given = [...new Map(reads(steps[0]!.rhs).map((e) => [key(e), e])).values()].flatMap((e) => {
    const v = valueOf(ctx, e);
    return v === undefined ? [] : [[equals(rename(n, e), b.num(round(v)))]];
  });
  const r = round(value);
  return {
    id: "",
    kind: "numeric",
    source: "numeric",
    prompt: [...prompt, { text: " " }, ...say(ctx.lang, "rnnGiven", { given: listOf(ctx.lang, given) })],
    given: [],
    spec: ctx.network.spec.source,
    params: ctx.paramsJson,
    quantity: q,
    answer: {
      intro: say(ctx.lang, "rnnAnswerNumeric"),
      lines,
      outro: [
        ...say(ctx.lang, "answerValue", { q: [math(shown)], v: [math(b.num(r))] }),
        { text: " " },
        ...say(ctx.lang, "checkedNumbers"),
      ],
      value,
      shown: r,
      tolerance: Number(Math.max(0.01 * Math.abs(r), 0.001).toPrecision(2)),
    },
  };
}

/** One step of backpropagation through time: an entry of δ_h^{(t)}, at a step with a step after it. */
function bpttStep(ctx: Context, n: RecurrentNames): Exercise {
  const l = n.layout;
  const t = l.steps > 1 ? 1 + Math.floor(ctx.r() * (l.steps - 1)) : 1;
  const hs = l.ids[t]!.get("h")!;
  const i = Math.floor(ctx.r() * hs.length);
  const k = hs[i]!;
  const shown = unitSym("delta-h", i + 1, t);
  const prompt = say(ctx.lang, "rnnComputeDelta", { q: [math(shown)], t });
  const q: Quantity = { kind: "delta", unit: "h", step: t, index: i + 1 };
  return numeric(ctx, n, b.sym("delta", b.node(k)), shown, q, ctx.values.nodes[String(k)]!.delta, prompt);
}

/** An entry of a shared matrix's gradient, summed over the steps (W where there are two steps or more). */
function sharedGradient(ctx: Context, n: RecurrentNames): Exercise {
  const l = n.layout;
  const name = l.steps > 1 ? "W" : "U";
  const s = l.shared.find((x) => x.name === name)!;
  const row = 1 + Math.floor(ctx.r() * s.rows);
  const col = 1 + Math.floor(ctx.r() * s.cols);
  const p = n.param.get(`${name}:${row}:${col}`)!;
  const param = ctx.network.params[p]!;
  const group = ctx.network.tied.findIndex((g) =>
    g.some((e) => ctx.network.edges[e]!.to === param.to && ctx.network.edges[e]!.from === param.from),
  );
  const graph = b.deriv(
    b.sym("E"),
    group < 0 ? b.sym("w", b.node(param.to), b.node(param.from as number)) : b.sym("theta", b.node(group + 1)),
  );
  const shown = b.deriv(b.sym("E"), entrySym({ name, row, col }));
  const prompt = say(ctx.lang, "rnnComputeGradient", { q: [math(shown)], m: [math(b.matSym(name))] });
  const q: Quantity = { kind: "gradient", matrix: name, row, col };
  return numeric(ctx, n, graph, shown, q, ctx.values.gradients[String(param.to)]![String(param.from)]!, prompt);
}

/** The derivation of δ_h^{(t)}: the notes' chains of the recurrent section, with the entries that check them. */
function deriveDelta(ctx: Context): Exercise | undefined {
  const chains = chainsOf(ctx.proof, "recurrent");
  const isDelta = (e: Expr): boolean => e.kind === "tensor" && e.name === "delta";
  const isGradH = (e: Expr): boolean => e.kind === "deriv" && e.wrt.kind === "tensor" && e.wrt.name === "h";
  const picked = chains.filter((c) => {
    const lhs = c.steps[0]!.lhs;
    return (isDelta(lhs) && c.steps[0]!.relation !== "define") || isGradH(lhs);
  });
  if (picked.length === 0) return undefined;
  // The vector identities are checked through their entries: the hidden nodes' error terms.
  const entries = chains.filter((c) => {
    const lhs = c.steps[0]!.lhs;
    return lhs.kind === "sym" && lhs.name === "delta" && c.steps[0]!.forall.length === 0;
  });
  const steps = [...picked, ...entries].flatMap((c) => [...c.steps]);
  const report = checkSteps(ctx.proof, { only: new Set(steps.map((s) => s.id)) });
  if (report.failed > 0) throw new UncheckedAnswer("a step of the derivation of the hidden state's error term did not check");
  const shown = picked.flatMap((c) => [...c.steps]);
  const v = (name: string, t: string) => b.vecSym(name, [], t);
  return {
    id: "",
    kind: "derivation",
    source: "derivation",
    prompt: say(ctx.lang, "rnnDeriveDelta", {
      d: [math(b.vecSym("delta", [b.ivar("h")], "t"))],
      h: [math(v("h", "t"))],
      o: [math(v("o", "t"))],
      a: [math(v("a", "t+1"))],
    }),
    given: [],
    spec: ctx.network.spec.source,
    answer: {
      intro: say(ctx.lang, "answerDerivation"),
      lines: shown.map((step) => {
        const tag = numberOf(ctx, step);
        return tag === undefined ? { step } : { step, tag };
      }),
      outro: say(ctx.lang, "checkedSteps"),
    },
  };
}

export function recurrentNumeric(ctx: Context): Exercise[] {
  const n = recurrentNames(ctx.network);
  return [bpttStep(ctx, n), sharedGradient(ctx, n)];
}

export const recurrentDerivation = (ctx: Context): Exercise[] => [deriveDelta(ctx)].flatMap((e) => e ?? []);
