// Backpropagation through time: a recurrent network read in Goodfellow's notation over the
// unrolled graph that the other sections derive node by node. The hidden state's error term is
// derived by the total derivative over its downstream set, which is its own output o^{(t)} and
// the next step's a^{(t+1)}: delta_h^{(t)} = f'(a^{(t)}) (.) (V^T delta_o^{(t)} + W^T delta_h^{(t+1)}),
// delta_h^{(T+1)} = 0; each shared matrix's gradient is the sum over time of its uses, by the
// argument for tied weights. The vector identities are followed by their scalar entries over
// the unrolled nodes, which the step check evaluates; the layout (spec.recurrent) gives the
// node numbers of x^{(t)}, h^{(t)} and y^{(t)}.
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import type { RecurrentLayout } from "../../network/forms/recurrent.js";
import type { Network } from "../../network/graph.js";
import type { Builder } from "../builder.js";
import type { Block, Section } from "../proof.js";
import { dE, delta, ETA, fn, net, out, w } from "../symbols.js";
import { at, dAt, entry as sharedEntry, readers, renamed } from "./recurrent-notation.js";

export const vec = (name: string, t: number | string, sub?: string): Expr => b.vecSym(name, sub === undefined ? [] : [b.ivar(sub)], t);
export const M = (name: string): Expr => b.matSym(name);
export const dH = (t: number | string): Expr => vec("delta", t, "h");
export const dO = (t: number | string): Expr => vec("delta", t, "o");

/** Terms over the steps in `steps`, the middle ones elided beyond five. */
export function overSteps(steps: readonly number[], term: (t: number) => Expr): Expr {
  const shown = steps.length <= 5 ? steps.map(term) : [term(steps[0]!), term(steps[1]!), b.ELLIPSIS, term(steps.at(-1)!)];
  return b.rawAdd(...shown);
}

const list = (nodes: readonly number[]): string => nodes.join(", ");

export function recurrentSection(bd: Builder, hiddenForm?: Expr): Section {
  const network = bd.network;
  const l = network.spec.recurrent;
  if (l === undefined) return { id: "recurrent", title: bd.title("sec-rnn"), blocks: [] };
  const hFn = letterOf(network, l.ids[1]!.get("h")![0]!);
  const blocks: Block[] = [
    bd.text("p-rnn-tied", { U: M("U"), W: M("W"), V: M("V"), b: b.vecSym("b"), c: b.vecSym("c") }, { show: "proof" }),
    ...deltaBlocks(bd, l, hFn),
    ...(hiddenForm === undefined ? [] : hiddenIndexBlocks(bd, l, hiddenForm)),
    ...gradientBlocks(bd, l),
    bd.text("p-rnn-vanishing", {
      WT: b.transpose(M("W")),
      fp: fn(hFn, vec("a", "u"), 1),
      u: b.indexValue(b.ivar("u")),
      t: b.indexValue(b.ivar("t")),
      s: b.indexValue(b.ivar("s")),
      gap: b.sub(b.indexValue(b.ivar("s")), b.indexValue(b.ivar("t"))),
    }),
    bd.text("p-rnn-truncated"),
  ];
  return { id: "recurrent", title: bd.title("sec-rnn"), blocks };
}

function letterOf(network: Network, node: number): string {
  return network.layers[network.nodes[node]!.layer]!.fn!;
}

/** The hidden state's error term unit by unit: the readers' sum, then f' specialised (the hidden layers' index form renamed). */
function hiddenIndexBlocks(bd: Builder, l: RecurrentLayout, hiddenForm: Expr): Block[] {
  const f = letterOf(bd.network, l.ids[1]!.get("h")![0]!);
  const d = dAt("h", "j", "t");
  const cases: readonly ["p-rnn-unit-before" | "p-rnn-unit-before-last" | "p-rnn-unit-last", boolean, boolean][] =
    l.lossAt === "every"
      ? [
          ["p-rnn-unit-before", true, true],
          ["p-rnn-unit-last", true, false],
        ]
      : [
          ["p-rnn-unit-before-last", false, true],
          ["p-rnn-unit-last", true, false],
        ];
  const blocks: Block[] = [];
  for (const [key, withOutput, withNext] of cases) {
    // T = 1: there is no step before the last.
    if (withNext && l.steps === 1) continue;
    const sum = readers(withOutput, withNext);
    blocks.push(bd.text(key, { T: l.steps, t: b.indexValue(b.ivar("t")) }));
    blocks.push(
      bd.steps([
        bd.step(d, b.rawMul(fn(f, at("a", "j", "t"), 1), sum), "substitution", "substitute-delta"),
        bd.step(d, renamed(hiddenForm, "hidden", "t", sum), "substitution", "rnn-hidden-specialised", { continues: true }),
      ]),
    );
  }
  return blocks;
}

function deltaBlocks(bd: Builder, l: RecurrentLayout, f: string): Block[] {
  const t = "t";
  const T = l.steps;
  const every = l.lossAt === "every";
  const blocks: Block[] = [
    bd.text("p-rnn-delta-intro", {
      t: b.indexValue(b.ivar("t")),
      dh: dH(t),
      a: vec("a", t),
      do: dO(t),
      o: vec("o", t),
      h: vec("h", t),
      anext: vec("a", "t+1"),
    }),
    bd.steps([
      bd.step(dH(t), dE(vec("a", t)), "definition", "def-delta", { relation: "define" }),
      bd.step(dO(t), dE(vec("o", t)), "definition", "def-delta", { relation: "define" }),
      ...bd.chain(dE(vec("h", t)), [
        [
          b.add(
            b.matmul(b.transpose(b.deriv(vec("o", t), vec("h", t))), dE(vec("o", t))),
            b.matmul(b.transpose(b.deriv(vec("a", "t+1"), vec("h", t))), dE(vec("a", "t+1"))),
          ),
          "total-derivative",
          "total-rnn",
        ],
        [b.add(b.matmul(b.transpose(M("V")), dO(t)), b.matmul(b.transpose(M("W")), dH("t+1"))), "substitution", "rnn-jacobians"],
      ]),
      ...bd.chain(dH(t), [
        [b.hadamard(fn(f, vec("a", t), 1), dE(vec("h", t))), "chain-rule", "chain-rnn"],
        [
          b.hadamard(fn(f, vec("a", t), 1), b.add(b.matmul(b.transpose(M("V")), dO(t)), b.matmul(b.transpose(M("W")), dH("t+1")))),
          "substitution",
          "substitute-delta",
        ],
      ]),
    ]),
    bd.text(every ? "p-rnn-delta-ends" : "p-rnn-delta-ends-last", { T, last: dH(T + 1), zero: b.ZERO, dT: dH(T), dt: dH(t), t }),
    bd.text("p-rnn-delta-entries", {}, { show: "proof" }),
  ];
  // The entries: delta_k of every hidden node, from its own step's outputs and the next step's hidden nodes.
  for (let s = T; s >= 1; s--) {
    const hs = l.ids[s]!.get("h")!;
    const ys = l.ids[s]!.get("y") ?? [];
    const next = s < T ? l.ids[s + 1]!.get("h")! : [];
    const entry = (k: number): Expr => b.mul(b.add(...[...ys, ...next].map((m) => b.mul(w(m, k), delta(m)))), fn(f, net(k), 1));
    blocks.push(bd.text("p-rnn-delta-step", { t: s, dh: dH(s), nodes: list(hs) }, { show: "proof" }));
    blocks.push(
      bd.steps(
        bd.perNode(
          hs,
          () => 1,
          (k) => [delta(k), entry(k), "substitution", "mx-entry"],
        ),
        { enumeration: true, show: "proof" },
      ),
    );
  }
  return blocks;
}

/** The gradient of each shared entry as its sum over the steps of its uses, in index form. */
function indexGradients(l: RecurrentLayout): [Expr, Expr][] {
  const everyStep = (body: Expr): Expr => b.sum("t", { kind: "upto", bound: "T" }, body);
  const lossSteps = (body: (t: string) => Expr): Expr => (l.lossAt === "every" ? everyStep(body("t")) : body("T"));
  return [
    [sharedEntry("U", "j", "i"), everyStep(b.rawMul(dAt("h", "j", "t"), at("x", "i", "t")))],
    [sharedEntry("W", "j", "l"), everyStep(b.rawMul(dAt("h", "j", "t"), at("h", "l", "t-1")))],
    [sharedEntry("b", "j"), everyStep(dAt("h", "j", "t"))],
    [sharedEntry("V", "k", "j"), lossSteps((t) => b.rawMul(dAt("o", "k", t), at("h", "j", t)))],
    [sharedEntry("c", "k"), lossSteps((t) => dAt("o", "k", t))],
  ];
}

function gradientBlocks(bd: Builder, l: RecurrentLayout): Block[] {
  const network = bd.network;
  const all = Array.from({ length: l.steps }, (_, i) => i + 1);
  const loss = l.lossSteps;
  const sum = (steps: readonly number[], term: (s: number) => Expr): Expr => overSteps(steps, term);
  const grads: [string, Expr, Expr][] = [
    ["U", M("U"), sum(all, (s) => b.matmul(dH(s), b.transpose(vec("x", s))))],
    ["W", M("W"), sum(all, (s) => b.matmul(dH(s), b.transpose(vec("h", s - 1))))],
    ["b", b.vecSym("b"), sum(all, (s) => dH(s))],
    ["V", M("V"), sum(loss, (s) => b.matmul(dO(s), b.transpose(vec("h", s))))],
    ["c", b.vecSym("c"), sum(loss, (s) => dO(s))],
  ];
  const blocks: Block[] = [
    bd.text("p-rnn-gradients", { W: M("W"), Wij: sharedEntry("W", "j", "l") }),
    bd.steps(indexGradients(l).map(([p, g]) => bd.step(dE(p), g, "total-derivative", "total-tied"))),
    // The matrix form is in the summary: the notes leave it here to the proof.
    bd.text("p-rnn-gradients-matrix", {}, { show: "proof" }),
    bd.steps(
      grads.map(([, p, g]) => bd.step(dE(p), g, "total-derivative", "total-tied")),
      { show: "proof" },
    ),
    bd.text("p-rnn-gradient-entries", {}, { show: "proof" }),
  ];
  // Every shared entry: the sum over the steps of its uses, delta_k y_j (delta_k for a bias).
  const keys = l.shared.flatMap((sh) => sh.keys);
  const head = new Map<string, number>();
  network.tied.forEach((g, i) => {
    const e = network.edges[g[0]!]!;
    head.set(`${e.to}:${e.from}`, i);
  });
  const use = (e: { to: number; from: number | "b" }): Expr => (e.from === "b" ? delta(e.to) : b.rawMul(delta(e.to), out(network, e.from)));
  const entry = (key: string): [Expr, Expr] => {
    const colon = key.indexOf(":");
    const to = Number(key.slice(0, colon));
    const from = key.slice(colon + 1) === "b" ? ("b" as const) : Number(key.slice(colon + 1));
    const g = head.get(key);
    if (g === undefined) return [dE(from === "b" ? b.sym("w", b.bias(b.node(to))) : w(to, from)), use({ to, from })];
    return [dE(b.sym("theta", b.node(g + 1))), b.rawAdd(...network.tied[g]!.map((e) => use(network.edges[e]!)))];
  };
  blocks.push(
    bd.steps(
      bd.perNode(
        keys.map((_, n) => n + 1),
        () => 1,
        (n) => {
          const [lhs, rhs] = entry(keys[n - 1]!);
          return [lhs, rhs, "total-derivative", "total-tied"];
        },
      ),
      { enumeration: true, show: "proof" },
    ),
  );
  blocks.push(bd.text("p-rnn-updates", { eta: ETA }));
  blocks.push(
    bd.steps(
      grads.map(([, p]) =>
        bd.step(p, b.rawAdd(p, b.rawMul(b.MINUS_ONE, ETA, dE(p))), "gradient-descent", "update-tied", { relation: "update" }),
      ),
      { notesRows: 1 },
    ),
  );
  return blocks;
}
