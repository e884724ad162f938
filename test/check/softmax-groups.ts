// Seeded random graphs built around softmax groups (test/check/softmax-groups.test.ts): a hidden
// softmax group and an output softmax group whose members differ in having a bias, and output
// softmax nodes that also feed later nodes (elementwise outputs, sometimes a chain of two). Every
// activation is analytic, so that complex-step differentiation of the oracle applies everywhere.
import type { Rng } from "../../src/oracle/rng.js";
import { LOSS_NAMES } from "../rules/names.js";

const SMOOTH: readonly unknown[] = ["sigmoid", "tanh", "softplus", "identity", { custom: "x / (1 + x^2)" }];
const LOSSES: readonly unknown[] = [...LOSS_NAMES, { custom: "(y - t)^4" }];

interface Node {
  from: number[];
  activation: unknown;
  bias?: boolean;
  group?: string;
}

/** Biases for a group's members: mixed (some with, some without) unless `mixed` is false. */
function groupBiases(r: Rng, size: number, mixed: boolean): boolean[] {
  const biases = Array.from({ length: size }, () => r() < 0.5);
  if (mixed && biases.every((x) => x === biases[0])) biases[Math.floor(r() * size)] = !biases[0];
  return biases;
}

export interface SoftmaxCase {
  readonly spec: Record<string, unknown>;
  /** Whether a group's members were made to differ in having a bias. */
  readonly mixed: boolean;
  /** Whether some output softmax node feeds later nodes. */
  readonly feeds: boolean;
}

/** A random graph-form spec with softmax groups as the file's head describes. */
export function softmaxGroupDag(r: Rng): SoftmaxCase {
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const some = (xs: readonly number[]): number[] => {
    const chosen = xs.filter(() => r() < 0.5);
    return chosen.length > 0 ? chosen : [pick(xs)];
  };
  const loss = pick(LOSSES);
  const inputs = int(1, 3);
  const nodes: Node[] = [];
  const id = (): number => inputs + nodes.length + 1;
  const earlier = (): number[] => Array.from({ length: id() - 1 }, (_, i) => i + 1);
  const readBy = new Set<number>();
  const add = (n: Node): number => {
    n.from.sort((a, b) => a - b);
    for (const j of n.from) readBy.add(j);
    nodes.push(n);
    return id() - 1;
  };
  const mixed = r() < 0.85;
  // Hidden elementwise nodes.
  for (let h = int(1, 2); h > 0; h--) add({ from: some(earlier()), activation: pick(SMOOTH), ...(r() < 0.2 ? { bias: false } : {}) });
  // A hidden softmax group (half the time), read by one elementwise node after it.
  if (r() < 0.5) {
    const before = earlier();
    const size = int(2, 3);
    const biases = groupBiases(r, size, mixed);
    const members = biases.map((bias) => add({ from: some(before), activation: "softmax", group: "h", bias }));
    add({ from: [...members, ...some(earlier().filter((j) => !members.includes(j)))], activation: pick(SMOOTH) });
  }
  // Every node so far that nothing reads is read by the first member of the output group.
  const unread = earlier().filter((j) => j > inputs && !readBy.has(j));
  const before = earlier();
  const size = int(2, 3);
  const biases = groupBiases(r, size, mixed);
  const out = biases.map((bias, i) =>
    add({ from: [...new Set([...some(before), ...(i === 0 ? unread : [])])], activation: "softmax", group: "out", bias }),
  );
  // Nodes fed by the output group (most of the time): outputs themselves, sometimes a chain of two.
  const feeds = r() < 0.8;
  const outputs = [...out];
  const sigmoidLoss = loss === "cross-entropy" || loss === "binary-cross-entropy";
  if (feeds) {
    const first = add({
      from: [...new Set([...some(out), ...(r() < 0.4 ? some(before) : [])])],
      activation: sigmoidLoss ? "sigmoid" : pick(SMOOTH),
    });
    outputs.push(first);
    if (r() < 0.4) outputs.push(add({ from: [first, ...some(out)], activation: sigmoidLoss ? "sigmoid" : pick(SMOOTH) }));
  }
  return { spec: { inputs, nodes, outputs, loss }, mixed, feeds };
}
