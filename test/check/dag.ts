// Seeded random DAG specs in the graph form (test/check/dag.test.ts): 3 to 12 nodes, random
// edges from earlier nodes, random activations and losses, softmax groups, outputs at any depth
// and outputs that feed others, random ties, random bias switches.
import type { Rng } from "../../src/oracle/rng.js";
import { ELEMENTWISE_NAMES, LOSS_NAMES } from "../rules/names.js";

const ELEMENTWISE: unknown[] = [...ELEMENTWISE_NAMES, { custom: "x / (1 + abs(x))" }];
const LOSSES: readonly unknown[] = [...LOSS_NAMES, { custom: "(y - t)^4" }];

interface Node {
  from: number[];
  activation: unknown;
  bias?: boolean | undefined;
  group?: string;
}

/** A random DAG spec in the graph form: the outputs are every node that feeds none, and a few more. */
export function randomDag(r: Rng): Record<string, unknown> {
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const total = int(3, 12);
  const inputs = int(1, Math.min(3, total - 1));
  const loss = pick(LOSSES);
  // Cross-entropy reads a softmax group at the end (or sigmoid outputs); binary cross-entropy sigmoids.
  const softmaxOut = loss === "cross-entropy" && total - inputs >= 3 && r() < 0.6;
  const outGroup = softmaxOut ? int(2, Math.min(3, total - inputs - 1)) : 0;
  const listed = total - inputs;
  const nodes: Node[] = [];
  // A hidden softmax group of two consecutive nodes, now and then.
  const hiddenGroupAt = listed - outGroup >= 4 && r() < 0.3 ? int(1, listed - outGroup - 3) : -1;
  for (let i = 0; i < listed; i++) {
    const k = inputs + 1 + i;
    const inOut = i >= listed - outGroup;
    const inHidden = hiddenGroupAt >= 0 && (i === hiddenGroupAt || i === hiddenGroupAt + 1);
    // Earlier nodes it may read: not a member of its own group; a later node never reads a
    // hidden group's first member before the second exists.
    const allowed = Array.from({ length: k - 1 }, (_, j) => j + 1).filter((j) => {
      if (inOut && j > inputs + listed - outGroup) return false;
      if (inHidden && j === inputs + 1 + hiddenGroupAt) return false;
      if (!inHidden && i === hiddenGroupAt + 2 && j === inputs + 1 + hiddenGroupAt) return true;
      return true;
    });
    // The last earlier node (keeps the graph connected), and each other with probability 0.4.
    const from = [...new Set([allowed[allowed.length - 1]!, ...allowed.filter(() => r() < 0.4)])].sort((a, b) => a - b);
    const node: Node = { from, activation: inOut ? "softmax" : inHidden ? "softmax" : pick(ELEMENTWISE) };
    if (inOut) node.group = "out";
    if (inHidden) node.group = "h";
    if (r() < 0.2) node.bias = false;
    nodes.push(node);
  }
  // A node after the hidden group's first member may not read it before the second exists: fix up.
  if (hiddenGroupAt >= 0) {
    const first = inputs + 1 + hiddenGroupAt;
    nodes.forEach((n, i) => {
      if (i > hiddenGroupAt && i <= hiddenGroupAt + 1) n.from = n.from.filter((j) => j !== first);
      if (n.from.length === 0) n.from = [first - 1];
    });
    nodes[hiddenGroupAt + 1]!.bias = nodes[hiddenGroupAt]!.bias;
    // Both members are hidden: the last node before any output group reads any that feeds nothing.
    const reader = nodes[listed - outGroup - 1]!;
    for (const m of [first, first + 1]) {
      if (!nodes.some((n) => n.from.includes(m))) reader.from = [...reader.from, m].sort((a, b) => a - b);
    }
  }
  if (outGroup > 0) for (const n of nodes.slice(listed - outGroup)) n.bias = nodes[listed - 1]!.bias;
  const feeds = new Set(nodes.flatMap((n) => n.from));
  const ids = nodes.map((_, i) => inputs + 1 + i);
  const sinks = ids.filter((k) => !feeds.has(k));
  // A few more outputs among elementwise nodes that feed others (both terms in their delta).
  const extra = ids.filter((k) => feeds.has(k) && nodes[k - inputs - 1]!.group === undefined && r() < 0.25);
  const outputs = [...new Set([...sinks, ...extra])].sort((a, b) => a - b);
  for (const k of outputs) {
    const n = nodes[k - inputs - 1]!;
    if (n.group !== undefined) continue;
    if (loss === "binary-cross-entropy" || loss === "cross-entropy") n.activation = "sigmoid";
  }
  // Inputs that feed nothing are allowed; nodes on no path to an output cannot occur (every sink is an output).
  const spec: Record<string, unknown> = { inputs, nodes, outputs, loss };
  // Random ties: two or three edge weights (or biases) share a value.
  const edges = nodes.flatMap((n, i) => [
    ...n.from.map((j) => `w_${inputs + 1 + i}_${j}`),
    ...(n.bias === false ? [] : [`w_b_${inputs + 1 + i}`]),
  ]);
  if (edges.length >= 4 && r() < 0.5) {
    const shuffled = [...edges].sort(() => r() - 0.5);
    spec.tied = edges.length < 5 || r() < 0.5 ? [shuffled.slice(0, 2)] : [shuffled.slice(0, 3), shuffled.slice(3, 5)];
  }
  return spec;
}
