// A sheet: exercises of the kinds asked for, about one network, with the numbers of one seed.
// Kinds take turns, so that a sheet capped by `count` still holds some of each.
import { assertNever } from "../expr/types.js";
import type { Proof } from "../derive/proof.js";
import { InputError } from "../errors.js";
import * as b from "../expr/build.js";
import { rng } from "../oracle/rng.js";
import { context, type Context } from "./context.js";
import { derivationExercises } from "./derivation.js";
import { say, word } from "./messages.js";
import { numericExercises, weightSym } from "./numeric.js";
import { sheetParams } from "./params.js";
import { activationPieces, equation, listOf, lossTitle, math } from "./pieces.js";
import type { Expr } from "../expr/types.js";
import { spotExercise } from "./spot.js";
import type { Exercise, KindOption, Piece, Sheet, SheetPart } from "./types.js";
import { batchExercise } from "./batch.js";
import { kernelDerivation, kernelExercise } from "./kernel.js";
import { describeRecurrent, recurrentDerivation, recurrentNumbers, recurrentNumeric } from "./recurrent.js";

export interface SheetOptions {
  readonly seed: number;
  readonly kinds: readonly KindOption[];
  /** At most this many exercises over the whole sheet. */
  readonly count?: number;
  /** The notes' equation numbers of each proof's steps (step id -> "3" or "BP1"), by proof. */
  readonly numbers?: readonly (ReadonlyMap<string, string> | undefined)[];
}

const nodes = (lang: string, ks: readonly number[]): Piece[] =>
  listOf(
    lang,
    ks.map((k) => [{ text: String(k) }]),
  );

/** The network in a few lines: its inputs, each node's activation and inputs, the outputs and the loss. */
export function describeNetwork(ctx: Pick<Context, "network" | "lang">): Piece[][] {
  const { network, lang } = ctx;
  const lines: Piece[][] = [
    say(lang, "network", { wkj: [math(b.sym("w", b.ivar("k"), b.ivar("j")))], wbk: [math(b.sym("w", b.bias(b.ivar("k"))))] }),
    say(lang, network.inputs.length > 1 ? "inputsNodes" : "inputNode", { nodes: nodes(lang, network.inputs) }),
  ];
  // Nodes with the same activation and the same inputs share a line.
  let run: number[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const n = network.nodes[run[0]!]!;
    const layer = network.layers[n.layer]!;
    const from = nodes(lang, n.preds);
    lines.push(
      say(lang, run.length > 1 ? "nodesLine" : "nodeLine", {
        k: nodes(lang, run),
        act: activationPieces(network, run[0]!),
        from: layer.bias ? listOf(lang, [...n.preds.map((k) => [{ text: String(k) }]), [{ text: word(lang, "bias") }]]) : from,
      }),
    );
    run = [];
  };
  for (const n of network.nodes) {
    if (n.id === 0 || n.layer === 0) continue;
    const prev = run.length > 0 ? network.nodes[run[run.length - 1]!]! : undefined;
    if (prev !== undefined && (prev.layer !== n.layer || prev.preds.join() !== n.preds.join())) flush();
    run.push(n.id);
  }
  flush();
  for (const group of network.tied) {
    const ws = group.map((e) => [math(weightSym(network.edges[e]!.to, network.edges[e]!.from))]);
    lines.push(say(lang, "tiedLine", { ws: listOf(lang, ws), w: ws[0]! }));
  }
  const loss = lossTitle(network, lang);
  lines.push(say(lang, network.outputs.length > 1 ? "lossLine" : "lossLineOne", { nodes: nodes(lang, network.outputs), loss }));
  return lines;
}

/** The given numbers as formulas: inputs, targets, learning rate, then every weight and bias. */
function numbersOf(ctx: Context): Piece[] {
  const { network, params } = ctx;
  const eq = (lhs: Expr, v: number): Piece => equation(lhs, b.num(v));
  return [
    ...network.inputs.map((k, i) => eq(b.sym("x", b.node(k)), params.inputs[i]!)),
    ...network.outputs.map((k, i) => eq(b.sym("t", b.node(k)), params.targets[i]!)),
    eq(b.sym("eta"), params.eta),
    ...network.params.map((p, i) => eq(weightSym(p.to, p.from), params.values[i]!)),
  ];
}

/** Kinds in turn: the first of each, then the second of each, ... */
function interleave(groups: readonly (readonly Exercise[])[]): Exercise[] {
  const out: Exercise[] = [];
  for (let i = 0; groups.some((g) => i < g.length); i++) for (const g of groups) if (i < g.length) out.push(g[i]!);
  return out;
}

/** The seed of the choices, the same for every sheet of a network. */
const CHOICES = 0x51ed;

/** Above this many weights and biases a sheet is refused: its numeric answers would fill pages. */
export const SHEET_MAX_PARAMS = 2000;

/** The seed of a part's numbers: the sheet's own for the first network, another for each further one. */
const partSeed = (seed: number, i: number): number => (i === 0 ? seed : (seed + Math.imul(i, 0x9e3779b1)) >>> 0);

function makePart(proof: Proof, options: SheetOptions, i: number, count: number): SheetPart {
  const size = proof.network.params.length;
  if (size > SHEET_MAX_PARAMS)
    throw new InputError("SPEC", `has ${size} weights and biases; exercise sheets are made for networks of up to ${SHEET_MAX_PARAMS}`);
  const seed = partSeed(options.seed, i);
  const params = sheetParams(proof.network, seed);
  // The choices (which node, which weight, which mistake) come from a generator of their own that
  // no seed changes: every seed gives the same exercises, with other numbers.
  const ctx = context(proof, params, rng(CHOICES + i), options.numbers?.[i]);
  // A recurrent network has exercises of its own, in its own notation.
  const recurrent = proof.network.spec.recurrent !== undefined;
  const groups = options.kinds.map((k) => {
    if (recurrent) return k === "numeric" ? recurrentNumeric(ctx) : k === "derivation" ? recurrentDerivation(ctx) : [];
    switch (k) {
      case "numeric":
        // A convolutional network's kernel gradient first: the exercise its form is about.
        return [kernelExercise(ctx), ...numericExercises(ctx)].flatMap((e) => e ?? []);
      case "derivation":
        return [kernelDerivation(ctx), ...derivationExercises(ctx)].flatMap((e) => e ?? []);
      case "spot-the-error":
        return [spotExercise(ctx)].flatMap((e) => e ?? []);
      case "mini-batch":
        return [batchExercise(ctx, seed)].flatMap((e) => e ?? []);
      default:
        return assertNever(k);
    }
  });
  return {
    network: recurrent ? describeRecurrent(ctx) : describeNetwork(ctx),
    params: ctx.paramsJson,
    numbers: recurrent ? recurrentNumbers(ctx) : numbersOf(ctx),
    exercises: interleave(groups).slice(0, count),
  };
}

/**
 * A sheet on one network or several (a part each, in order), the exercises numbered through;
 * `count` is shared out over the parts, the first ones taking one more where it does not divide.
 */
export function makeSheet(proofs: Proof | readonly Proof[], options: SheetOptions): Sheet {
  const all = Array.isArray(proofs) ? (proofs as readonly Proof[]) : [proofs as Proof];
  if (all.length === 0) throw new InputError("SPEC", "none given; an exercise sheet is about at least one network");
  const total = options.count ?? Infinity;
  const share = (i: number): number => (total === Infinity ? Infinity : Math.floor(total / all.length) + (i < total % all.length ? 1 : 0));
  let n = 0;
  const parts = all.map((proof, i) => {
    const part = makePart(proof, options, i, share(i));
    return { ...part, exercises: part.exercises.map((e) => ({ ...e, id: `e${++n}` })) };
  });
  return {
    lang: all[0]!.lang,
    seed: options.seed,
    parts: parts.filter((p) => p.exercises.length > 0),
    exercises: parts.flatMap((p) => p.exercises),
  };
}
