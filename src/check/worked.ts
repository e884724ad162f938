// The worked example: one step of gradient descent at the given params, in the manner of the
// step-by-step backpropagation tutorials. Each value is a step "q = formula = formula with the
// numbers substituted = result", the formula being the very tree the proof prints and the
// numbers coming from evaluating those trees (derivedValues). It is built here, in the
// verification stage, because it needs numbers; the derivation stage never evaluates.
import * as b from "../expr/build.js";
import type { Expr } from "../expr/types.js";
import type { Block, Proof, Section, Step } from "../derive/proof.js";
import { label, message } from "../derive/messages/index.js";
import type { MessageKey } from "../derive/messages/en.js";
import { dE, delta, E, ETA, net, param, t, x, y } from "../derive/symbols.js";
import type { Layer } from "../network/graph.js";
import type { Relation, RuleId } from "../rules/equation.js";
import { derivedValues, type Derived } from "./derived.js";
import { gradientCheck, TOLERANCE } from "./gradcheck.js";
import type { Params } from "./params.js";
import { WORKED_SECTION } from "./plan.js";

export const DEFAULT_DIGITS = 9;
/** The printers show at most 9 significant digits (src/expr/latex.ts). */
export const MAX_DIGITS = 9;

export interface WorkedOptions {
  readonly params: Params;
  readonly digits?: number;
  readonly tolerance?: number;
}

/** v to `digits` significant digits. */
export const round = (v: number, digits: number): number => (Number.isFinite(v) ? Number(v.toPrecision(digits)) || 0 : v);

/** Where a number stands, which decides how it must be wrapped to print as written. */
type Place = "term" | "factor" | "base" | "plain";

/**
 * A substituted number. The printer folds the numeric factors of a product into one
 * coefficient (0.15 · 0.05 would print as 0.0075), so a number in a product is held in a
 * one-factor product; a negative number in a product or under a power in a one-term sum, which
 * the printer parenthesises: 0.15 · (-0.5), (-0.3)^2. Both evaluate to the number itself.
 */
function numeral(v: number, place: Place): Expr {
  const n: Expr = b.num(v);
  if (v < 0 && (place === "factor" || place === "base")) return { kind: "add", terms: [n] };
  if (place === "factor") return { kind: "mul", factors: [n] };
  return n;
}

/**
 * The tree with every symbol replaced by its rounded value, rebuilt without the smart
 * constructors (which would fold the numbers), and every activation letter replaced by the
 * activation's own definition: f(0.3775) is ambiguous, 1 / (1 + e^{-0.3775}) is not.
 */
function substitute(e: Expr, value: (s: Expr) => number, letters: ReadonlyMap<string, Layer>, place: Place = "plain"): Expr {
  const sub = (c: Expr, p: Place): Expr => substitute(c, value, letters, p);
  switch (e.kind) {
    case "sym":
      return numeral(value(e), place);
    case "add":
      return { kind: "add", terms: e.terms.map((c) => sub(c, "term")) };
    case "mul":
      return { kind: "mul", factors: e.factors.map((c) => (c.kind === "num" ? c : sub(c, "factor"))) };
    case "pow":
      return { kind: "pow", base: sub(e.base, "base"), exp: sub(e.exp, "plain") };
    case "call": {
      const args = e.args.map((c) => sub(c, "plain"));
      const a = letters.get(e.fn)?.activation;
      if (a?.elementwise && e.order === 0) return activationAt(a, args[0]!);
      return { ...e, args };
    }
    case "iverson":
      return { ...e, lhs: sub(e.lhs, "plain"), rhs: sub(e.rhs, "plain") };
    default:
      return e;
  }
}

function activationAt(a: NonNullable<Layer["activation"]> & { elementwise: true }, arg: Expr): Expr {
  if (a.id === "identity") return arg;
  const d = a.definition(arg);
  // relu's x [x > 0] folds to a bare number: name the function instead (a custom one's name, f,
  // could be read as a layer's letter: its number stands alone).
  return d.kind === "num" && a.id !== "custom" ? b.call(a.symbol, [arg]) : d;
}

export function workedSection(proof: Proof, options: WorkedOptions): Section {
  const network = proof.network;
  const p = options.params;
  const digits = options.digits ?? DEFAULT_DIGITS;
  const tolerance = options.tolerance ?? TOLERANCE;
  const d: Derived = derivedValues(proof, p);
  const lang = proof.lang;
  const letters = new Map<string, Layer>();
  for (const l of network.layers) if (l.fn !== undefined) letters.set(l.fn, l);
  const index = new Map(network.params.map((q, i) => [`${q.to}:${q.from}`, i]));
  let count = 0;
  const r = (v: number): number => round(v, digits);

  // The value of a symbol of the proof at the params, from the derived trees.
  const value = (s: Expr): number => {
    if (s.kind !== "sym") return Number.NaN;
    const [i, j] = s.idx;
    const n = i?.kind === "node" ? i.n : -1;
    switch (s.name) {
      case "w":
        return p.values[index.get(i?.kind === "bias" && i.of.kind === "node" ? `${i.of.n}:b` : `${n}:${j?.kind === "node" ? j.n : ""}`)!]!;
      case "x":
      case "y":
        return d.y(n);
      case "net":
        return d.net(n);
      case "delta":
        return d.delta(n);
      case "t":
        return p.targets[network.outputs.indexOf(n)]!;
      case "eta":
        return p.eta;
      case "E":
        return d.E();
      default:
        return Number.NaN;
    }
  };
  const step = (lhs: Expr, rhs: Expr, rule: RuleId, key: MessageKey, relation: Relation, continues: boolean): Step => ({
    id: `w${++count}`,
    lhs,
    rhs,
    relation,
    rule,
    label: label(lang, key),
    continues,
    forall: [],
  });
  /** q = formula = substituted = result, leaving out links that repeat the one before. */
  const chain = (lhs: Expr, formula: Expr, result: number, relation: Relation = "eq", subst?: Expr): Step[] => {
    const substituted = subst ?? substitute(formula, (s) => r(value(s)), letters);
    const links: [Expr, RuleId, MessageKey][] = [];
    if (formula !== lhs) links.push([formula, "substitution", "worked-formula"]);
    if (substituted.kind !== "num") links.push([substituted, "substitution", "worked-substitute"]);
    links.push([b.num(r(result)), "simplification", "worked-evaluate"]);
    return links.map(([rhs, rule, key], n) => step(lhs, rhs, rule, key, relation, n > 0));
  };
  const text = (key: MessageKey, params: Record<string, Expr | string | number> = {}): Block => ({ kind: "text", content: message(lang, key, params) });
  const steps = (ss: Step[], enumeration = true): Block => (enumeration ? { kind: "steps", steps: ss, enumeration } : { kind: "steps", steps: ss });

  const blocks: Block[] = [text("p-worked-intro", { digits })];
  const given = [
    ...network.inputs.map((n, i) => step(x(n), b.num(r(p.inputs[i]!)), "definition", "worked-given", "define", false)),
    ...network.outputs.map((n, i) => step(t(n), b.num(r(p.targets[i]!)), "definition", "worked-given", "define", false)),
    step(ETA, b.num(r(p.eta)), "definition", "worked-given", "define", false),
    ...network.params.map((q, i) => step(param(q.to, q.from), b.num(r(p.values[i]!)), "definition", "worked-given", "define", false)),
  ];
  blocks.push(text("p-worked-given"), steps(given));

  const layers = network.layers.slice(1);
  for (const layer of layers) {
    blocks.push(text("p-worked-forward", { layer: layer.index }));
    const ss = layer.nodes.flatMap((k) => {
      const def = proof.forward.get(k)!;
      return [...chain(net(k), def.net, d.net(k)), ...chain(y(k), def.y, d.y(k))];
    });
    blocks.push(steps(ss));
  }
  const loss = network.loss;
  const written = b.mul(b.num(loss.scale), b.add(...network.outputs.map((n) => loss.term(y(n), t(n)))));
  blocks.push(text("p-worked-loss"), steps(chain(E, written, d.E()), false));

  for (const layer of [...layers].reverse()) {
    blocks.push(text("p-worked-delta", { layer: layer.index }));
    blocks.push(steps(layer.nodes.flatMap((k) => chain(delta(k), proof.results.delta.get(k)!, d.delta(k)))));
  }
  const byLayer = (key: MessageKey, f: (q: Proof["results"]["params"][number], i: number) => Step[]): void => {
    // Output layer first, as backpropagation computes them.
    for (const layer of [...layers].reverse()) {
      blocks.push(text(key, { layer: layer.index }));
      blocks.push(steps(proof.results.params.flatMap((q, i) => (network.nodes[q.to]!.layer === layer.index ? f(q, i) : []))));
    }
  };
  byLayer("p-worked-gradients", (q, i) => chain(dE(q.symbol), q.gradient, d.gradient(i)));
  byLayer("p-worked-updates", (q, i) => chain(q.symbol, q.update, d.update(i), "update"));

  const report = gradientCheck(proof, { params: p, tolerance });
  blocks.push(
    text("p-worked-check", {
      digits,
      checked: report.checked,
      total: report.total,
      failed: report.failed,
      worst: report.worst.toExponential(2),
      tolerance,
    }),
  );
  return { id: WORKED_SECTION, title: label(lang, "sec-worked"), blocks };
}

/** A new proof with the worked example appended (proofs are immutable). */
export function withWorkedExample(proof: Proof, options: WorkedOptions): Proof {
  return { ...proof, sections: [...proof.sections, workedSection(proof, options)] };
}
