// Spot the error: a derived formula with one mistake of the kinds the checker's mutation suite
// injects (src/check/mutants.ts). The wrong formula is shown only once the checker has rejected
// it, and the correct one only once it has passed; the key names the mistake.
import { OPERATORS, type OperatorName } from "../check/mutants.js";
import { checkSteps } from "../check/steps.js";
import type { Proof, Step } from "../derive/proof.js";
import * as b from "../expr/build.js";
import { key } from "../expr/key.js";
import type { Expr } from "../expr/types.js";
import type { Context } from "./context.js";
import { say } from "./messages.js";
import { math } from "./pieces.js";
import type { Exercise } from "./types.js";

const OPERATOR_NAMES = Object.keys(OPERATORS) as OperatorName[];
/** Candidates tried before the sheet does without this kind (each costs a step check). */
const MAX_TRIES = 8;

/** A step of its own, outside any section of the proof. */
const stepOf = (id: string, lhs: Expr, rhs: Expr): Step => ({
  id,
  lhs,
  rhs,
  relation: "eq",
  rule: "substitution",
  label: "",
  continues: false,
  forall: [],
});

/** Whether the checker, at its random points, finds the step false. */
export function failsCheck(proof: Proof, step: Step): boolean {
  const alone: Proof = { ...proof, sections: [{ id: "remarks", title: "", blocks: [{ kind: "steps", steps: [step] }] }] };
  return checkSteps(alone).failed > 0;
}

interface Candidate {
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly output: boolean;
  readonly op: OperatorName;
}

function candidates(ctx: Context): Candidate[] {
  const { network, proof } = ctx;
  const out: Candidate[] = [];
  for (const [n, rhs] of proof.results.delta) {
    const output = network.outputs.includes(n);
    for (const op of OPERATOR_NAMES) out.push({ lhs: b.sym("delta", b.node(n)), rhs, output, op });
  }
  for (const p of proof.results.params) {
    if (p.from === "b") continue;
    for (const op of OPERATOR_NAMES) out.push({ lhs: b.deriv(b.sym("E"), p.symbol), rhs: p.gradient, output: false, op });
  }
  return out;
}

/** Fisher-Yates with the sheet's generator. */
function shuffled<T>(ctx: Context, xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(ctx.r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export function spotExercise(ctx: Context): Exercise | undefined {
  const { network, proof, lang } = ctx;
  // The mistakes a student makes most are tried first; a sign flip only when nothing else applies.
  const all = shuffled(ctx, candidates(ctx));
  const ordered = [...all.filter((c) => c.op !== "flip-sign"), ...all.filter((c) => c.op === "flip-sign")];
  let tries = 0;
  for (const c of ordered) {
    const wrong = OPERATORS[c.op](c.rhs, { network, lossSite: c.output });
    if (wrong === undefined || key(wrong) === key(c.rhs)) continue;
    if (tries++ >= MAX_TRIES) break;
    const bad = stepOf("spot-wrong", c.lhs, wrong);
    const good = stepOf("spot-right", c.lhs, c.rhs);
    if (!failsCheck(proof, bad) || failsCheck(proof, good)) continue;
    return {
      id: "",
      kind: "spot-the-error",
      source: "spot-the-error",
      prompt: say(lang, "spot"),
      given: [{ step: bad }],
      spec: network.spec.source,
      mistake: c.op,
      answer: {
        intro: say(lang, "mistake", {
          what: say(lang, c.op, {
            wkj: [math(b.sym("w", b.ivar("k"), b.ivar("j")))],
            dsig: [math(b.mul(b.sym("y"), b.sub(b.ONE, b.sym("y"))))],
            y: [math(b.sym("y"))],
          }),
        }),
        lines: [{ step: good }],
        outro: say(lang, "mistakeFailed"),
      },
    };
  }
  return undefined;
}
