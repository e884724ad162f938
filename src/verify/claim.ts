// A claim read against a network: its equation, what its left side names, the ranges of its free
// indices (said after the formula, "for j in hidden, k in {6, 7}", or the seed's convention i
// input, j hidden, k output), and the set of every sum written without one.
import * as b from "../expr/build.js";
import { assertNever, type Expr, type Index, type IndexSet } from "../expr/types.js";
import { children, mapChildren } from "../expr/walk.js";
import type { Network } from "../network/graph.js";
import { MAX_EXAMPLES } from "../network/schema.js";
import { isUnset, parseEquation } from "./grammar.js";
import { latexTokens } from "./latex.js";
import { checkBounds, plainTokens, Unreadable } from "./tokens.js";

export type Notation = "latex" | "plain";

/** What a claim's left side names. */
export type Target = "E" | "delta" | "net" | "y" | "dE/dw" | "dE/dy" | "dE/dnet" | "dy/dnet" | "update";

/** Where a free index's nodes come from. */
export type RangeSource =
  | { readonly kind: "named"; readonly name: "input" | "hidden" | "output" }
  | { readonly kind: "layer"; readonly layer: number }
  | { readonly kind: "list" };

export interface Range {
  readonly index: string;
  readonly nodes: readonly number[];
  readonly source: RangeSource;
  /** Not said in the claim: the seed's convention. */
  readonly assumed: boolean;
}

/** How a sum written without its set was read. */
export interface SettledSum {
  readonly index: string;
  readonly set: IndexSet;
  /** Why: the nodes the left side's node feeds, its softmax layer, its predecessors (net_k), the outputs (E). */
  readonly reason: "preds" | "softmax" | "outputs" | "downstream";
}

export interface Claim {
  readonly text: string;
  readonly notation: Notation;
  readonly target: Target;
  /** The left side as written (an update: the weight itself). */
  readonly lhs: Expr;
  readonly rhs: Expr;
  /** The true value's expression, for the oracle: the left side, or w - eta dE/dw for an update. */
  readonly truth: Expr;
  readonly ranges: readonly Range[];
  readonly sums: readonly SettledSum[];
  /** The range clause as written, from "for" on; "" without one. */
  readonly rangeText: string;
}

/** The most terms that nested sums of one claim may add up, in the largest sets of the network. */
export const MAX_SUM_TERMS = 100_000;

/** An upper bound on the terms a formula's nested sums add up: each sum's set at its largest. */
function sumTerms(network: Network, e: Expr): number {
  const inner = Math.max(1, ...children(e).map((c) => sumTerms(network, c)));
  if (e.kind !== "sum") return inner;
  return largestSet(network, e.set) * inner;
}

function largestSet(network: Network, s: IndexSet): number {
  switch (s.kind) {
    case "nodes":
      return s.nodes.length;
    case "outputs":
      return network.outputs.length;
    // reduce, not Math.max(...): a network may have more nodes than a call has arguments.
    case "downstream":
      return network.nodes.reduce((m, n) => Math.max(m, n.downstream.length), 0);
    case "preds":
      return network.nodes.reduce((m, n) => Math.max(m, n.preds.length), 0);
    case "layer":
      return network.layers.reduce((m, l) => Math.max(m, l.nodes.length), 0);
    // The examples of a mini-batch (a claim is about one example; at most as many as params may give).
    case "examples":
      return MAX_EXAMPLES;
    case "upto":
      return 0;
    default:
      return assertNever(s);
  }
}

const FOR = /(?:\\text\s*\{\s*for\s*\}|\\mathrm\s*\{\s*for\s*\}|(?<![A-Za-z\\])for(?![A-Za-z]))/;

/** Cuts "... for j in hidden" into the formula and its range clause. */
function splitRange(text: string): { formula: string; clause?: string; clauseAt: number; said?: string } {
  const m = FOR.exec(text);
  if (m === null) return { formula: text, clauseAt: text.length };
  const formula = text.slice(0, m.index).replace(/(?:\s|,|;|\\quad|\\qquad|\\[,;! ])+$/, "");
  return { formula, clause: text.slice(m.index + m[0].length), clauseAt: m.index + m[0].length, said: text.slice(m.index) };
}

export const notationOf = (text: string): Notation => (text.includes("\\") ? "latex" : "plain");

/** Reads one claim against a network; throws Unreadable with the position and what was expected. */
export function readClaim(network: Network, text: string): Claim {
  checkBounds(text);
  const notation = notationOf(text);
  const { formula, clause, clauseAt, said: clauseText } = splitRange(text);
  if (formula.trim() === "")
    throw new Unreadable("the claim is empty; write an equation such as delta_k = (y_k - t_k) * y_k * (1 - y_k)", 0);
  const tokens = notation === "latex" ? latexTokens(formula) : plainTokens(formula);
  const eq = parseEquation(tokens);
  const target = targetOf(eq.lhs, eq.update);
  const lhsVars = indexVars(eq.lhs);
  for (const v of indexVars(eq.rhs)) {
    if (!lhsVars.includes(v))
      throw new Unreadable(`the index ${v} is free on the right side but not on the left; sum over it or name a node`, eq.rhsAt);
  }
  const said = clause === undefined ? new Map<string, Range>() : parseRanges(network, clause, clauseAt);
  for (const v of said.keys())
    if (!lhsVars.includes(v)) throw new Unreadable(`the range names ${v}, which is not a free index of the left side`, clauseAt);
  const ranges = lhsVars.map((v) => said.get(v) ?? defaultRange(network, v, target));
  const sums: SettledSum[] = [];
  const main = mainIndex(eq.lhs);
  const rhs = settleSums(network, eq.rhs, target, main, ranges, sums);
  if (sumTerms(network, rhs) > MAX_SUM_TERMS)
    throw new Unreadable(`its sums, one inside another, would add up more than ${MAX_SUM_TERMS.toLocaleString("en")} terms`, eq.rhsAt);
  const w = eq.lhs;
  const truth = eq.update ? b.sub(w, b.mul(b.sym("eta"), b.deriv(b.sym("E"), w))) : eq.lhs;
  return { text, notation, target, lhs: eq.lhs, rhs, truth, ranges, sums, rangeText: clauseText ?? "" };
}

function targetOf(lhs: Expr, update: boolean): Target {
  const fail = (): never => {
    throw new Unreadable(
      "the left side must be E, delta_k, net_k, y_k, dE/dw_kj, dE/dw_b_k, dE/dy_k, dE/dnet_k, dy_i/dnet_k or an update w_kj <- ... (w'_kj = ...)",
      0,
    );
  };
  if (update) return lhs.kind === "sym" && lhs.name === "w" ? "update" : fail();
  if (lhs.kind === "sym") {
    if (lhs.name === "E" && lhs.idx.length === 0) return "E";
    if ((lhs.name === "delta" || lhs.name === "net" || lhs.name === "y") && lhs.idx.length === 1 && lhs.idx[0]!.kind !== "bias")
      return lhs.name;
    return fail();
  }
  if (lhs.kind !== "deriv" || lhs.of.kind !== "sym" || lhs.wrt.kind !== "sym") return fail();
  const { of, wrt } = lhs;
  if (of.name === "E" && of.idx.length === 0) {
    if (wrt.name === "w") return "dE/dw";
    if (wrt.name === "y" && wrt.idx.length === 1) return "dE/dy";
    if (wrt.name === "net" && wrt.idx.length === 1) return "dE/dnet";
  }
  if (of.name === "y" && wrt.name === "net") return "dy/dnet";
  return fail();
}

const indexName = (i: Index): string[] => (i.kind === "var" ? [i.name] : i.kind === "bias" ? indexName(i.of) : []);

/** The free index variables of an expression, in order of first appearance. */
export function indexVars(e: Expr, bound: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  const add = (names: string[]): void => {
    for (const n of names) if (!bound.has(n) && !out.includes(n)) out.push(n);
  };
  switch (e.kind) {
    case "sym":
    case "tensor":
      e.idx.forEach((i) => add(indexName(i)));
      return out;
    case "index":
      add(indexName(e.index));
      return out;
    case "sum":
      if ("of" in e.set) add(indexName(e.set.of));
      add(indexVars(e.body, new Set([...bound, e.index])));
      return out;
    default:
      for (const c of children(e)) add(indexVars(c, bound));
      return out;
  }
}

/** The node a left side is about: delta_j -> j, dE/dw_kj -> k, dy_i/dnet_k -> k. */
export function mainIndex(lhs: Expr): Index | undefined {
  if (lhs.kind === "sym") return lhs.name === "w" ? lhs.idx[0] : lhs.idx[0];
  if (lhs.kind === "deriv" && lhs.wrt.kind === "sym") {
    const i = lhs.wrt.idx[0];
    return i?.kind === "bias" ? i.of : i;
  }
  return undefined;
}

const DEFAULTS: Record<string, "input" | "hidden" | "output"> = { i: "input", j: "hidden", k: "output" };

function named(network: Network, name: "input" | "hidden" | "output"): readonly number[] {
  if (name === "input") return network.inputs;
  if (name === "output") return network.outputs;
  return network.layers.filter((l) => l.role === "hidden").flatMap((l) => l.nodes);
}

function defaultRange(network: Network, v: string, target: Target): Range {
  // dy_i/dnet_k couples the nodes of a softmax layer: both indices default to the outputs.
  const name = target === "dy/dnet" ? "output" : DEFAULTS[v];
  if (name === undefined)
    throw new Unreadable(`say the range of ${v} after the formula: for ${v} in hidden (or output, input, layer 1, {4, 5})`, 0);
  return { index: v, nodes: named(network, name), source: { kind: "named", name }, assumed: true };
}

/** "j in hidden, k in {6, 7}" (LaTeX: j \in \text{hidden}, k \in \{6, 7\}). */
function parseRanges(network: Network, clause: string, at: number): Map<string, Range> {
  const plain = clause
    .replace(/\\(?:text|mathrm|operatorname)\s*\{([^{}]*)\}/g, " $1 ")
    .replace(/\\in\b|∈/g, " in ")
    .replace(/\\[{}]/g, (m) => m.slice(1))
    .replace(/\\(?:quad|qquad|[,;! ])/g, " ");
  const parts: string[] = [];
  let level = 0;
  let start = 0;
  for (let i = 0; i < plain.length; i++) {
    const c = plain[i]!;
    if (c === "{" || c === "[") level++;
    else if (c === "}" || c === "]") level--;
    else if (level === 0 && (c === "," || c === ";")) {
      parts.push(plain.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(plain.slice(start));
  const out = new Map<string, Range>();
  for (const part of parts.map((s) => s.replace(/\band\b/g, " ").trim()).filter((s) => s !== "")) {
    const m = /^([a-zA-Z])\s+in\s+(.+)$/s.exec(part);
    if (m === null)
      throw new Unreadable(`a range reads "j in hidden", "k in output", "j in layer 1" or "k in {6, 7}"; got "${part.slice(0, 30)}"`, at);
    out.set(m[1]!, rangeOf(network, m[1]!, m[2]!.trim(), at));
  }
  return out;
}

function rangeOf(network: Network, index: string, set: string, at: number): Range {
  const word = /^(input|hidden|output)s?$|^(?:the\s+)?(input|hidden|output)\s+(?:nodes|layer)$/.exec(set);
  if (word !== null) {
    const name = (word[1] ?? word[2]) as "input" | "hidden" | "output";
    return { index, nodes: named(network, name), source: { kind: "named", name }, assumed: false };
  }
  const layer = /^layer\s+(\d+)$/.exec(set);
  if (layer !== null) {
    const l = network.layers[Number(layer[1])];
    if (l === undefined) throw new Unreadable(`layer ${layer[1]} does not exist; the layers are 0 to ${network.layers.length - 1}`, at);
    return { index, nodes: l.nodes, source: { kind: "layer", layer: l.index }, assumed: false };
  }
  const list = /^[{[]\s*(\d+(?:\s*,\s*\d+)*)\s*[}\]]$/.exec(set);
  if (list !== null) {
    const nodes = list[1]!.split(",").map((s) => Number(s.trim()));
    const bad = nodes.find((n) => network.nodes[n] === undefined || n === 0);
    if (bad !== undefined) throw new Unreadable(`node ${bad} does not exist; the nodes are 1 to ${network.nodes.length - 1}`, at);
    return { index, nodes, source: { kind: "list" }, assumed: false };
  }
  throw new Unreadable(`"${set.slice(0, 30)}" is not a range; use hidden, output, input, layer 1 or {6, 7}`, at);
}

/** Gives every sum written without its set the one it means (see SettledSum). */
function settleSums(network: Network, e: Expr, target: Target, main: Index | undefined, ranges: readonly Range[], out: SettledSum[]): Expr {
  if (e.kind === "sum") {
    const body = settleSums(network, e.body, target, main, ranges, out);
    if (!isUnset(e.set)) return b.sum(e.index, e.set, body);
    const settled = settle(network, e.index, target, main, ranges);
    out.push(settled);
    return b.sum(e.index, settled.set, body);
  }
  return mapChildren(e, (c) => settleSums(network, c, target, main, ranges, out));
}

/**
 * Downstream of the left side's node; over its layer where that is a softmax layer; over its
 * predecessors for net_k = sum_j w_kj y_j; over the outputs where the left side has no node (E).
 */
function settle(network: Network, v: string, target: Target, main: Index | undefined, ranges: readonly Range[]): SettledSum {
  if (main === undefined) return { index: v, set: { kind: "outputs" }, reason: "outputs" };
  if (target === "net") return { index: v, set: { kind: "preds", of: main }, reason: "preds" };
  const nodes = main.kind === "node" ? [main.n] : main.kind === "var" ? (ranges.find((r) => r.index === main.name)?.nodes ?? []) : [];
  const softmax = nodes.length > 0 && nodes.every((n) => network.layers[network.nodes[n]?.layer ?? 0]?.activation?.elementwise === false);
  return softmax
    ? { index: v, set: { kind: "layer", of: main }, reason: "softmax" }
    : { index: v, set: { kind: "downstream", of: main }, reason: "downstream" };
}

/** A range's description for reports: "hidden", "layer 1", "{6, 7}". */
export function rangeSourceText(s: RangeSource, nodes: readonly number[]): string {
  switch (s.kind) {
    case "named":
      return s.name;
    case "layer":
      return `layer ${s.layer}`;
    case "list":
      return `{${nodes.join(", ")}}`;
    default:
      return assertNever(s);
  }
}
