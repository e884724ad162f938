// Derivation exercises: the answer is the proof's own steps for the quantity asked about, taken
// from the sections that derive it (the output error term, a hidden error term by the total
// derivative, a tied weight's gradient, the matrix form of the hidden error terms). Each of
// those steps is checked numerically before the sheet is made.
import { checkSteps } from "../check/steps.js";
import type { Proof, SectionId, Step } from "../derive/proof.js";
import * as b from "../expr/build.js";
import { equal, key } from "../expr/key.js";
import type { Expr, Index } from "../expr/types.js";
import { children } from "../expr/walk.js";
import { resolveSet } from "../network/sets.js";
import { chainsOf, type Context, lineOf, numberOf, pick } from "./context.js";
import { say } from "./messages.js";
import { activationPieces, equation, listOf, lossTitle, math } from "./pieces.js";
import type { Exercise, Line, Piece } from "./types.js";
import { UncheckedAnswer } from "./numeric.js";

/** The node a concrete step is about: its left side's first index (a gradient's weight's node). */
function stepNode(s: Step): number | undefined {
  const lhs = s.lhs.kind === "deriv" ? s.lhs.wrt : s.lhs;
  if (lhs.kind !== "sym") return undefined;
  const i: Index | undefined = lhs.idx[0];
  if (i?.kind === "node") return i.n;
  if (i?.kind === "bias" && i.of.kind === "node") return i.of.n;
  return undefined;
}

/** The steps of these sections that hold for node n: index-form steps over n, and n's own. */
function stepsFor(proof: Proof, sections: readonly SectionId[], n: number): Step[] {
  const out: Step[] = [];
  for (const id of sections)
    for (const c of chainsOf(proof, id)) {
      const head = c.steps[0]!;
      const about = head.forall.length > 0 ? resolveSet(proof.network, head.forall[0]!.set)?.includes(n) === true : stepNode(head) === n;
      if (about) out.push(...c.steps);
    }
  return out;
}

/** Every step checked at random points; the answer is refused otherwise. */
function checked(ctx: Context, steps: readonly Step[], what: string): Line[] {
  const report = checkSteps(ctx.proof, { only: new Set(steps.map((s) => s.id)) });
  if (report.failed > 0) throw new UncheckedAnswer(`a step of the derivation of ${what} did not check`);
  // Each chain ends on the notes' number of its equation, as the notes number it; a line about
  // one node that the notes do not show cites the notes' equation it is an instance of.
  return steps.map((step) => {
    const tag = numberOf(ctx, step) ?? (step.forall.length === 0 ? lineOf(ctx, step).tag : undefined);
    return tag === undefined ? { step } : { step, tag };
  });
}

function derivation(ctx: Context, prompt: Piece[], steps: readonly Step[], what: string): Exercise | undefined {
  if (steps.length < 2) return undefined;
  return {
    id: "",
    kind: "derivation",
    source: "derivation",
    prompt,
    given: [],
    spec: ctx.network.spec.source,
    answer: {
      intro: say(ctx.lang, "answerDerivation"),
      lines: checked(ctx, steps, what),
      outro: say(ctx.lang, "checkedSteps"),
    },
  };
}

const delta = (n: number): Expr => b.sym("delta", b.node(n));

function outputDelta(ctx: Context): Exercise | undefined {
  const { network, proof, lang } = ctx;
  const k = pick(ctx.r, network.outputs);
  const y = b.sym("y", b.node(k));
  const t = b.sym("t", b.node(k));
  const final = proof.results.delta.get(k);
  const simple = final !== undefined && equal(final, b.sub(y, t));
  const common = { k, act: activationPieces(network, k), loss: lossTitle(network, lang) };
  const prompt = simple
    ? say(lang, "showOutput", { ...common, claim: [equation(delta(k), b.sub(y, t))] })
    : say(lang, "deriveOutput", { ...common, d: [math(delta(k))] });
  return derivation(ctx, prompt, stepsFor(proof, ["output", "specialise"], k), `delta_${k}`);
}

function hiddenDelta(ctx: Context): Exercise | undefined {
  const { network, proof, lang } = ctx;
  const hidden = network.nodes.filter((n) => n.id > 0 && n.layer > 0 && !network.outputs.includes(n.id) && n.downstream.length > 0);
  if (hidden.length === 0) return undefined;
  // A node that feeds nodes at different depths is the one the total derivative is about.
  const depth = (k: number): number => network.layers[network.nodes[k]!.layer]!.depth;
  const spread = hidden.filter((n) => new Set(n.downstream.map(depth)).size > 1);
  const node = pick(ctx.r, spread.length > 0 ? spread : hidden);
  const j = node.id;
  const down = listOf(
    lang,
    node.downstream.map((k) => [{ text: String(k) }]),
  );
  const prompt = say(lang, spread.length > 0 ? "deriveHiddenDepths" : "deriveHidden", { j, d: [math(delta(j))], down });
  return derivation(ctx, prompt, stepsFor(proof, ["hidden", "specialise"], j), `delta_${j}`);
}

const mentions = (e: Expr, p: (x: Expr) => boolean): boolean => p(e) || children(e).some((c) => mentions(c, p));
const thetaOf = (e: Expr): Expr | undefined => {
  if (e.kind === "sym" && e.name === "theta") return e;
  for (const c of children(e)) {
    const t = thetaOf(c);
    if (t !== undefined) return t;
  }
  return undefined;
};

function tiedGradient(ctx: Context): Exercise | undefined {
  const { proof, lang } = ctx;
  const groups = new Map<string, { theta: Expr; steps: Step[] }>();
  for (const c of chainsOf(proof, "tied"))
    for (const s of c.steps) {
      const th = thetaOf(s.lhs) ?? thetaOf(s.rhs);
      if (th === undefined) continue;
      const g = groups.get(key(th)) ?? { theta: th, steps: [] };
      g.steps.push(s);
      groups.set(key(th), g);
    }
  if (groups.size === 0) return undefined;
  const g = pick(ctx.r, [...groups.values()]);
  const ws = g.steps.filter((s) => s.rule === "definition" && s.lhs.kind === "sym" && s.lhs.name === "w").map((s) => [math(s.lhs)]);
  const prompt = say(lang, "deriveTied", { ws: listOf(lang, ws), theta: [math(g.theta)] });
  return derivation(ctx, prompt, g.steps, "a tied weight's gradient");
}

function matrixBp2(ctx: Context): Exercise | undefined {
  const { proof, lang } = ctx;
  const isDelta = (e: Expr): boolean => e.kind === "tensor" && e.name === "delta";
  const all = chainsOf(proof, "matrix");
  const at = all.flatMap((c, i) =>
    c.steps.length > 1 && isDelta(c.steps[0]!.lhs) && c.steps.some((s) => mentions(s.rhs, (x) => x.kind === "hadamard")) ? [i] : [],
  );
  if (at.length === 0) return undefined;
  const i = pick(ctx.r, at);
  const c = all[i]!;
  // A matrix identity is checked through its entries, the node-by-node lines that follow it.
  const entries: Step[] = [];
  for (let j = i + 1; j < all.length; j++) {
    const head = all[j]!.steps[0]!;
    if (head.lhs.kind !== "sym" || head.lhs.name !== "delta") break;
    entries.push(...all[j]!.steps);
  }
  const head = c.steps[0]!.lhs;
  const l = head.kind === "tensor" ? String(head.layer ?? "") : "";
  const prompt = say(lang, "deriveMatrix", { l, d: [math(head)] });
  return derivation(ctx, prompt, [...c.steps, ...entries], "the matrix form of the hidden error terms");
}

export function derivationExercises(ctx: Context): Exercise[] {
  return [outputDelta(ctx), hiddenDelta(ctx), tiedGradient(ctx), matrixBp2(ctx)].flatMap((e) => e ?? []);
}
