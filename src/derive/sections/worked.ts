// The worked example: one step of gradient descent at given numbers, in the manner of the
// step-by-step backpropagation tutorials. Each value is a chain "q = formula = formula with the
// numbers substituted = result", the formula being the very tree the proof prints. The numbers
// come from outside (src/check evaluates the derived trees and checks the gradients): this stage
// never evaluates anything, it only writes the numbers it is given into the proof.
import * as b from "../../expr/build.js";
import { evaluate } from "../../expr/evaluate.js";
import { mapChildren } from "../../expr/walk.js";
import type { Expr } from "../../expr/types.js";
import type { Layer } from "../../network/graph.js";
import type { Builder } from "../builder.js";
import type { MessageKey } from "../messages/index.js";
import { WORKED_SECTION, type Block, type ParamResult, type Proof, type Section, type Step } from "../proof.js";
import { notComparedText } from "../messages/index.js";
import { dE, delta, E, ETA, layerLetters, lossWritten, net, t, x, y } from "../symbols.js";
import { convolutionWorked } from "./convolution-worked.js";
import { round } from "./round.js";

/** The gradient check at a worked example's numbers, as the example reports it. */
export interface WorkedCheck {
  readonly checked: number;
  readonly total: number;
  readonly failed: number;
  /** Gradients not compared, by reason. */
  readonly notCompared: Readonly<Partial<Record<string, number>>>;
  readonly worst: number;
  readonly tolerance: number;
}

/** Everything the worked example prints, computed by the caller. */
export interface WorkedValues {
  /** Significant digits every number is rounded to. */
  readonly digits: number;
  readonly inputs: readonly number[];
  readonly targets: readonly number[];
  readonly eta: number;
  /** Weights and biases, in the order of network.params. */
  readonly values: readonly number[];
  /** The value of a symbol of the proof (w, x, y, net, delta, t, eta, E) at the params. */
  value(symbol: Expr): number;
  net(k: number): number;
  y(k: number): number;
  delta(k: number): number;
  /** E before the update, and after it. */
  readonly E: number;
  readonly after: number;
  gradient(i: number): number;
  update(i: number): number;
  /** The gradient check at these numbers. */
  readonly check: WorkedCheck;
}

/** The placeholders of the check's summary sentence (p-worked-check, p-worked-batch-check). */
export const checkSummary = (proof: Proof, digits: number, c: WorkedCheck) => ({
  digits,
  checked: c.checked,
  total: c.total,
  failed: c.failed,
  notCompared: notComparedText(proof.lang, c.notCompared),
  worst: c.worst.toExponential(2),
  tolerance: c.tolerance,
});

export { round } from "./round.js";

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
export function substitute(
  e: Expr,
  value: (s: Expr) => number,
  letters: ReadonlyMap<string, Layer>,
  place: Place = "plain",
  logs?: LogArguments,
): Expr {
  const sub = (c: Expr, p: Place): Expr => substitute(c, value, letters, p, logs);
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
      const args =
        e.fn === "ln" && logs !== undefined ? [logArgument(e.args[0]!, value, letters, logs)] : e.args.map((c) => sub(c, "plain"));
      const a = letters.get(e.fn)?.activation;
      if (a?.elementwise && e.order === 0) return activationAt(a, args[0]!);
      return { ...e, args };
    }
    case "iverson":
      return { ...e, lhs: sub(e.lhs, "plain"), rhs: sub(e.rhs, "plain") };
    case "max":
      // The largest value, or the node that holds it: [4 = 6] then reads 0.
      return e.arg ? b.indexValue(b.node(value(e))) : numeral(value(e), place);
    default:
      return e;
  }
}

/** What a logarithm's argument needs to stay true when rounded: the unrounded values, and y_k as its activation of net_k. */
interface LogArguments {
  readonly exact: (s: Expr) => number;
  readonly definition: (s: Expr) => Expr | undefined;
}

const positive = (e: Expr): boolean => {
  try {
    return evaluate(e, { sym: () => Number.NaN, set: () => [] }) > 0;
  } catch {
    return false;
  }
};

/**
 * A logarithm's argument with its numbers substituted: rounded as everywhere, unless that rounds
 * it to 0 or below (a saturated output, y = 0.99999999 shown as 1 in ln(1 - y)); then with all 17
 * digits; and if double precision itself holds y as 1, with y as its activation of its net
 * (ln(1 - 1/(1 + e^{-40.5}))), the form whose value is what the line claims.
 */
function logArgument(arg: Expr, value: (s: Expr) => number, letters: ReadonlyMap<string, Layer>, logs: LogArguments): Expr {
  const rounded = substitute(arg, value, letters, "plain");
  if (positive(rounded)) return rounded;
  const full = substitute(arg, (s) => Number(logs.exact(s).toPrecision(17)), letters, "plain");
  if (positive(full)) return full;
  const defined = (e: Expr): Expr => (e.kind === "sym" ? (logs.definition(e) ?? e) : mapChildren(e, defined));
  return substitute(defined(arg), value, letters, "plain");
}

function activationAt(a: NonNullable<Layer["activation"]> & { elementwise: true }, arg: Expr): Expr {
  if (a.identity) return arg;
  const d = a.definition(arg);
  // relu's x [x > 0] folds to a bare number: name the function instead (a custom one's name, f,
  // could be read as a layer's letter: its number stands alone).
  return d.kind === "num" && !a.userFormula ? b.call(a.symbol, [arg]) : d;
}

/** A table the notes show (the proof has the same values as steps): a head row and its rows. */
export function table(bd: Builder, head: readonly MessageKey[], rows: readonly (readonly (Expr | string)[])[]): Block[] {
  const notes = (blk: Block): Block => ({ ...blk, show: "notes" }) as Block;
  return [
    notes(
      bd.row(
        head.map((k) => bd.title(k)),
        "head",
      ),
    ),
    ...rows.map((cells) => notes(bd.row(cells))),
  ];
}

export const chunks = <T>(items: readonly T[], n: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / n) }, (_, i) => items.slice(i * n, i * n + n));

export function workedSection(bd: Builder, proof: Proof, values: WorkedValues): Section {
  const network = proof.network;
  const digits = values.digits;
  const letters = layerLetters(network);
  const r = (v: number): number => round(v, digits);
  // y_k as the activation of net_k: for a logarithm's argument that double precision rounds to 0.
  const logs: LogArguments = {
    exact: values.value,
    definition: (s) => {
      const k = s.kind === "sym" && s.name === "y" && s.idx[0]?.kind === "node" ? s.idx[0].n : undefined;
      const def = k === undefined ? undefined : proof.forward.get(k);
      return def === undefined || network.nodes[k!]!.layer === 0 ? undefined : def.y;
    },
  };
  /** q = formula = substituted = result, leaving out links that repeat the one before. */
  const chain = (lhs: Expr, formula: Expr, result: number, relation: "eq" | "update" = "eq"): Step[] => {
    const substituted = substitute(formula, (s) => r(values.value(s)), letters, "plain", logs);
    const steps: Step[] = [];
    const opts = (i: number) => ({ relation, continues: i > 0 });
    if (formula !== lhs) steps.push(bd.step(lhs, formula, "substitution", "worked-formula", opts(steps.length)));
    if (substituted.kind !== "num") steps.push(bd.step(lhs, substituted, "substitution", "worked-substitute", opts(steps.length)));
    steps.push(bd.step(lhs, b.num(r(result)), "simplification", "worked-evaluate", opts(steps.length)));
    return steps;
  };
  const given = (lhs: Expr, v: number): Step => bd.step(lhs, b.num(r(v)), "definition", "worked-given", { relation: "define" });

  const blocks: Block[] = [bd.text("p-worked-intro", { digits })];
  const givenValues: [Expr, number][] = [
    ...network.inputs.map((n, i): [Expr, number] => [x(n), values.inputs[i]!]),
    ...network.outputs.map((n, i): [Expr, number] => [t(n), values.targets[i]!]),
    [ETA, values.eta],
    ...[...proof.results.params].map((q, i): [Expr, number] => [q.symbol, values.values[i]!]),
  ];
  // A convolutional network's notes show its maps and kernels as matrices (convolution-worked.ts);
  // the chains node by node, whose entries those are, stay in the proof, and the notes' table of
  // given values keeps the targets and the learning rate.
  const conv = network.spec.convolution !== undefined;
  const nodes = conv ? { show: "proof" as const } : {};
  const tabled = conv ? givenValues.filter(([s]) => s.kind === "sym" && (s.name === "t" || s.name === "eta")) : givenValues;
  // The proof states each given value as a step; the notes list them in a table, three to a row.
  blocks.push(
    bd.text("p-worked-given", {}, nodes),
    ...(conv ? [bd.text("p-conv-worked-given", {}, { show: "notes" })] : []),
    bd.steps(
      givenValues.map(([s, v]) => given(s, v)),
      { enumeration: true, show: "proof" },
    ),
    ...table(
      bd,
      ["col-quantity", "col-value", "col-quantity", "col-value", "col-quantity", "col-value"],
      chunks(tabled, 3).map((row) => [...row.flatMap(([s, v]) => [s, b.num(r(v))]), ...Array<string>(6 - 2 * row.length).fill("")]),
    ),
  );
  const layers = network.layers.slice(1);
  for (const layer of layers) {
    blocks.push(bd.text("p-worked-forward", { layer: layer.index }, nodes));
    const ss = layer.nodes.flatMap((k) => {
      const def = proof.forward.get(k)!;
      return [...chain(net(k), def.net, values.net(k)), ...chain(y(k), def.y, values.y(k))];
    });
    blocks.push(bd.steps(ss, { enumeration: true, ...nodes }));
  }
  const written = lossWritten(network);
  blocks.push(bd.text("p-worked-loss"), bd.steps(chain(E, written, values.E)));

  for (const layer of [...layers].reverse()) {
    blocks.push(bd.text("p-worked-delta", { layer: layer.index }, nodes));
    blocks.push(
      bd.steps(
        layer.nodes.flatMap((k) => chain(delta(k), proof.results.delta.get(k)!, values.delta(k))),
        { enumeration: true, ...nodes },
      ),
    );
  }
  // In full for one output node and one hidden node (the proof: every one); the rest in a table.
  const results = [...proof.results.params];
  const lastHidden = [...layers].reverse().find((l) => l.role === "hidden");
  const shown = [network.outputs[0]!, ...(lastHidden === undefined ? [] : [lastHidden.nodes[0]!])];
  const full = (q: ParamResult, i: number): Step[] => [
    ...chain(dE(q.symbol), q.gradient, values.gradient(i)),
    ...chain(q.symbol, q.update, values.update(i), "update"),
  ];
  for (const n of shown) {
    blocks.push(bd.text("p-worked-node", { n }, nodes));
    // One display per weight: the gradient and the update, every line of them shown.
    results.forEach((q, i) => {
      if (q.to === n) blocks.push(bd.steps(full(q, i), nodes));
    });
  }
  const rest = results.flatMap((q, i) => (shown.includes(q.to) ? [] : [{ q, i }]));
  if (rest.length > 0) {
    blocks.push(bd.text("p-worked-rest", {}, nodes));
    // Output layer first, as backpropagation computes them.
    for (const layer of [...layers].reverse()) {
      const own = rest.filter(({ q }) => network.nodes[q.to]!.layer === layer.index);
      if (own.length > 0)
        blocks.push(
          bd.steps(
            own.flatMap(({ q, i }) => full(q, i)),
            { enumeration: true, show: "proof" },
          ),
        );
    }
    const order = [...layers].reverse().flatMap((l) => rest.filter(({ q }) => network.nodes[q.to]!.layer === l.index));
    blocks.push(
      ...(conv
        ? []
        : table(
            bd,
            ["col-parameter", "col-gradient", "col-updated"],
            order.map(({ q, i }) => [q.symbol, b.num(r(values.gradient(i))), b.num(r(values.update(i)))]),
          )),
    );
  }
  blocks.push(...convolutionWorked(bd, values));
  // Not a step: E after the update holds at other numbers than the ones the steps are checked at.
  const after = { before: b.num(r(values.E)), after: b.num(r(values.after)) };
  blocks.push(bd.text(values.after <= values.E ? "p-worked-after-down" : "p-worked-after-up", after));
  blocks.push(bd.text("p-worked-check", checkSummary(proof, digits, values.check)));
  return { id: WORKED_SECTION, title: bd.title("sec-worked"), blocks, part: "body" };
}
