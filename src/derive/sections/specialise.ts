// Specialisation: the chosen activations and loss substituted into the generic error terms and
// simplified to textbook form, with each activation's derivative identity proved as a lemma the
// first time it is used. Simplification happens once per layer, in index form; nodes are
// instances of the layer's formula.
import * as b from "../../expr/build.js";
import { diff } from "../../expr/diff.js";
import { key } from "../../expr/key.js";
import type { Expr, Index } from "../../expr/types.js";
import { bindIndex, children, expandSums } from "../../expr/walk.js";
import { activationKey, type Layer } from "../../network/graph.js";
import { resolveSet } from "../../network/sets.js";
import type { Activation } from "../../rules/activations/activation.js";
import { trace } from "../../simplify/simplify.js";
import type { Assumption } from "../../simplify/rule.js";
import type { Builder, Link } from "../builder.js";
import { LEMMA_SECTION, type Block, type ForAll, type Section, type Target } from "../proof.js";
import { LazyMap } from "../lazy.js";
import { dE, delta, net, t, y } from "../symbols.js";
import { dEdyHidden, dLoss, downstreamSum } from "./backward.js";
import { concreteLocals, localEquation, localFactor, readByPooling } from "../combine.js";
import { nonInputLayers, overLayer, roles, v } from "./roles.js";
import { activationName, lossName } from "./names.js";

export interface Specialised {
  readonly lemmas: Section;
  readonly section: Section;
  /** The final delta of every non-input node, sums written out (made when read). */
  readonly delta: ReadonlyMap<number, Expr>;
  /** The final delta of each non-input layer in index form (k for the output layer, j hidden). */
  readonly indexForm: ReadonlyMap<number, Expr>;
}

/** Each output layer's result has an anchor of its own. */
const outputAnchor = (bd: Builder, layer: Layer): string => (bd.network.plain ? "spec-output" : `spec-output-${layer.index}`);

/** The simplification as lines of the chain, one per rule that changed the expression. */
function simplified(e: Expr, assumptions: readonly Assumption[]): { links: Link[]; result: Expr; usedAssumption: boolean } {
  const steps = trace(e, assumptions);
  const links = steps.map((t): Link => [t.result, "simplification", t.label]);
  const result = steps.length === 0 ? e : steps[steps.length - 1]!.result;
  return { links, result, usedAssumption: steps.some((t) => t.rule === "assumption") };
}

const mentions = (e: Expr, name: string): boolean => (e.kind === "sym" && e.name === name) || children(e).some((c) => mentions(c, name));

const hasSign = (e: Expr): boolean => (e.kind === "call" && (e.fn === "sign" || e.fn === "abs")) || children(e).some(hasSign);

/** Lemma n's paragraph, which the text refers to as "Lemma n". */
const lemmaTarget = (n: number): Target => ({ name: `lemma-${n}`, text: String(n) });
const lemmaRef = (n: number): { ref: string; text: string } => ({ ref: lemmaTarget(n).name, text: lemmaTarget(n).text });

export function specialise(bd: Builder): Specialised {
  const network = bd.network;
  const lemmaBlocks: Block[] = [];
  const lemmaNumber = new Map<string, number>();
  const lemmaFor = (a: Activation, layer: Layer): number => {
    const key = activationKey(a);
    const known = lemmaNumber.get(key);
    if (known !== undefined) return known;
    const n = lemmaNumber.size + 1;
    lemmaNumber.set(key, n);
    if (a.elementwise) {
      const eqs = a.lemma(b.sym("x"), b.sym("y"));
      // A lemma that ends in terms of the output says first what y is: y = sigma(x).
      const usesY = eqs.some((e) => mentions(e.rhs, "y"));
      lemmaBlocks.push(
        usesY
          ? bd.text("p-lemma-y", { n, activation: activationName(a), y: b.sym("y"), fx: eqs[0]!.lhs }, { target: lemmaTarget(n) })
          : bd.text("p-lemma", { n, activation: activationName(a) }, { target: lemmaTarget(n) }),
      );
      if (eqs.some((e) => hasSign(e.rhs))) lemmaBlocks.push(bd.text("p-lemma-sign"));
      lemmaBlocks.push(bd.steps(bd.equations(eqs), { lemma: a }));
    } else {
      lemmaBlocks.push(bd.text("p-lemma", { n, activation: activationName(a) }, { target: lemmaTarget(n) }));
      const k = v("k");
      const forall: ForAll[] = [
        { index: "k", set: { kind: "nodes", nodes: layer.nodes } },
        { index: "i", set: { kind: "layer", of: k } },
      ];
      lemmaBlocks.push(bd.steps(bd.equations(a.lemma(v("i"), k), forall)));
    }
    return n;
  };

  const blocks: Block[] = [];
  // Each node's delta is its layer's simplified index form with the node put in and the sums
  // written out: made when read (LazyMap), never stored per node.
  const instance = new Map<number, (n: number) => Expr>();
  const layers = [...nonInputLayers(network)].reverse();
  const index = new Map<number, Expr>();
  // Hidden layers whose activation was specialised before: the notes give only the result.
  const done = new Map<string, Expr>();
  for (const layer of layers) {
    const r = roles(network, layer);
    const a = layer.activation!;
    const self = v(r.self);
    const forall = overLayer(r, layer);
    const lemma = lemmaFor(a, layer);
    // An output layer repeats one of the same activation and role (several steps' outputs of a recurrent network).
    const key = `${r.isOutput ? `out:${layer.feeds}` : "hidden"}:${activationKey(a)}`;
    const repeat = done.has(key);
    const own: Block[] = [];
    const result = r.isOutput ? outputDelta(bd, layer, self, forall, lemma, own) : hiddenDelta(bd, layer, self, forall, lemma, own);
    if (repeat) {
      blocks.push(...own.map((blk): Block => ({ ...blk, show: "proof" })));
      blocks.push(
        bd.text("p-spec-same", { layer: layer.index, activation: activationName(a), result: b.rawAdd(result) }, { show: "notes" }),
      );
    } else blocks.push(...own);
    done.set(key, result);
    index.set(layer.index, result);
    blocks.push(bd.text("p-spec-nodes", {}, { show: "proof" }));
    // The notes write out one node of each hidden layer; an output node's instance adds nothing,
    // nor does a later step's copy of a recurrent network's hidden layer.
    const example = !r.isOutput && !(repeat && network.spec.recurrent !== undefined);
    if (example) blocks.push(bd.text("p-spec-example", { n: layer.nodes[0]! }, { show: "notes" }));
    const mixed = !r.isOutput && readByPooling(network, layer) && localEquation(network, layer, v("k"), self) === undefined;
    const of = (n: number): Expr => {
      const e = expandSums(bindIndex(result, r.self, b.node(n)), (s) => resolveSet(network, s));
      // Readers of several kinds: each dnet_k/dy_j in its own node's closed form.
      return mixed ? concreteLocals(network, e) : e;
    };
    for (const n of layer.nodes) instance.set(n, of);
    const perNode = bd.perNode(
      layer.nodes,
      () => 1,
      (n) => [delta(n), of(n), "substitution", r.isOutput && a.elementwise ? "instantiate" : "enumerate"],
    );
    blocks.push(
      bd.steps(
        perNode,
        example ? { enumeration: true, notesRows: 1, deltaResults: true } : { enumeration: true, show: "proof", deltaResults: true },
      ),
    );
  }
  return {
    lemmas: { id: LEMMA_SECTION, title: bd.title("sec-lemmas"), blocks: lemmaBlocks },
    section: { id: "specialise", title: bd.title("sec-specialise"), blocks },
    delta: new LazyMap([...instance.keys()], (n) => instance.get(n)!(n)),
    indexForm: index,
  };
}

/**
 * dE/dy_q for the loss, derived from its per-output term: steps and the simplified result. For
 * an output that also feeds others (`direct`), the loss's own derivative d(loss)/dy_q, the part
 * of dE/dy_q that does not pass through the nodes it feeds.
 */
function lossDerivative(bd: Builder, q: Index, forall: readonly ForAll[], blocks: Block[], direct = false): Expr {
  const loss = bd.network.loss;
  const term = b.mul(b.num(loss.scale), loss.term(y(q), t(q)));
  const raw = diff(term, y(q));
  const s = simplified(raw, []);
  blocks.push(bd.text("p-spec-loss", { loss: lossName(bd), yk: y(q), q: b.indexValue(q) }));
  blocks.push(
    bd.steps(
      bd.chain(
        direct ? dLoss(bd.network, q) : dE(y(q)),
        [[b.deriv(term, y(q)), "loss-derivative", "loss-term"], [raw, "differentiation", "differentiate"], ...s.links],
        forall,
      ),
    ),
  );
  return s.result;
}

/** An expanded sum with `part` among its terms, the other terms grouped before it (in any factor). */
function regroup(e: Expr, part: Expr): Expr {
  if (e.kind === "mul") return b.rawMul(...e.factors.map((f) => regroup(f, part)));
  if (e.kind !== "add") return e;
  const at = e.terms.findIndex((t) => key(t) === key(part));
  if (at < 0 || e.terms.length < 3) return e;
  return b.rawAdd(b.add(...e.terms.filter((_, i) => i !== at)), part);
}

function regroupLast(links: readonly Link[], part: Expr): Link[] {
  return links.map((l, i) => (i === links.length - 1 ? ([regroup(l[0], part), l[1], l[2]] as unknown as Link) : l));
}

function outputDelta(bd: Builder, layer: Layer, k: Index, forall: readonly ForAll[], lemma: number, blocks: Block[]): Expr {
  const a = layer.activation!;
  if (layer.feeds && a.elementwise) {
    // An output that also feeds others: the loss's own derivative plus what flows back from downstream.
    const dl = lossDerivative(bd, k, forall, blocks, true);
    const fprime = a.derivative(net(k), y(k));
    const back = downstreamSum(k, "m");
    blocks.push(bd.text("p-spec-activation", { layer: layer.index, activation: activationName(a), lemma: lemmaRef(lemma) }));
    blocks.push(
      bd.steps([
        bd.step(b.call(layer.fn!, [net(k)], 1), fprime, "activation-derivative", "by-lemma-n", { forall, labelParams: { n: lemma } }),
      ]),
    );
    const product = b.mul(b.add(dl, back), fprime);
    const simple = simplified(product, []);
    // The two sources kept apart, (y_k - t_k) + sum_m delta_m w_mk: the loss's own derivative
    // and what flows back from the nodes k feeds.
    const s = { links: regroupLast(simple.links, back), result: regroup(simple.result, back) };
    blocks.push(bd.text("p-spec-output-feeds"));
    blocks.push(
      bd.steps(
        bd.chain(
          delta(k),
          [
            [b.mul(b.add(dLoss(bd.network, k), back), b.call(layer.fn!, [net(k)], 1)), "substitution", "generic-delta"],
            [product, "substitution", "substitute-derivatives"],
            ...s.links,
          ],
          forall,
          outputAnchor(bd, layer),
        ),
      ),
    );
    return s.result;
  }
  if (a.elementwise) {
    const dEdy = lossDerivative(bd, k, forall, blocks);
    const fprime = a.derivative(net(k), y(k));
    blocks.push(bd.text("p-spec-activation", { layer: layer.index, activation: activationName(a), lemma: lemmaRef(lemma) }));
    blocks.push(
      bd.steps([
        bd.step(b.call(layer.fn!, [net(k)], 1), fprime, "activation-derivative", "by-lemma-n", { forall, labelParams: { n: lemma } }),
      ]),
    );
    const product = b.mul(dEdy, fprime);
    const s = simplified(product, []);
    blocks.push(bd.text("p-spec-output"));
    blocks.push(
      bd.steps(
        bd.chain(
          delta(k),
          [
            [b.mul(dE(y(k)), b.call(layer.fn!, [net(k)], 1)), "substitution", "generic-delta"],
            [product, "substitution", "substitute-derivatives"],
            ...s.links,
          ],
          forall,
          outputAnchor(bd, layer),
        ),
      ),
    );
    return s.result;
  }
  const i = v("i");
  const overI: ForAll[] = [...forall, { index: "i", set: { kind: "layer", of: k } }];
  // A softmax output layer that also feeds: the loss's own derivative, and what flows back.
  const dEdy = lossDerivative(bd, i, [{ index: "i", set: forall[0]!.set }], blocks, layer.feeds);
  const back = downstreamSum(i, "m");
  const partial = a.partial(i, k);
  blocks.push(bd.text("p-spec-activation", { layer: layer.index, activation: activationName(a), lemma: lemmaRef(lemma) }));
  blocks.push(
    bd.steps([
      bd.step(b.deriv(y(i), net(k)), partial, "activation-derivative", "by-lemma-n", { forall: overI, labelParams: { n: lemma } }),
    ]),
  );
  const layerSet = { kind: "layer", of: k } as const;
  const direct = b.sum("i", layerSet, b.mul(dEdy, partial));
  // The part through the nodes the layer's outputs feed: sum_i (sum_m delta_m w_mi) dy_i/dnet_k.
  const summed = layer.feeds ? b.add(direct, b.sum("i", layerSet, b.mul(back, partial))) : direct;
  const assumption: Assumption = { lhs: b.sum("i", layerSet, t(i)), rhs: b.ONE };
  const s = simplified(summed, bd.network.loss.targets === "distribution" ? [assumption] : []);
  blocks.push(bd.text(layer.feeds ? "p-spec-output-softmax-feeds" : "p-spec-output"));
  // The two derivatives side by side before they are multiplied: sum_i (-t_i / y_i) y_i ([i = k] - y_k).
  const directShown = b.sum("i", layerSet, b.rawMul(dEdy, partial));
  const shown = layer.feeds ? b.rawAdd(directShown, b.sum("i", layerSet, b.rawMul(back, partial))) : directShown;
  const generic = layer.feeds
    ? b.sum("i", layerSet, b.mul(b.add(dLoss(bd.network, i), back), b.deriv(y(i), net(k))))
    : b.sum("i", layerSet, b.mul(dE(y(i)), b.deriv(y(i), net(k))));
  const cancels = key(shown) !== key(summed);
  blocks.push(
    bd.steps(
      bd.chain(
        delta(k),
        [
          [generic, "substitution", "generic-delta"],
          ...(cancels
            ? ([
                [shown, "substitution", "substitute-derivatives"],
                [summed, "simplification", "simp-cancel"],
              ] as const)
            : ([[summed, "substitution", "substitute-derivatives"]] as const)),
        ],
        forall,
      ),
    ),
  );
  if (s.usedAssumption) {
    blocks.push(bd.text("p-assumption"));
    blocks.push(bd.steps([bd.step(assumption.lhs, assumption.rhs, "assumption", "assume-distribution", { forall })]));
  }
  if (s.links.length > 0) blocks.push(bd.steps(bd.chain(delta(k), s.links, forall)));
  return s.result;
}

function hiddenDelta(bd: Builder, layer: Layer, j: Index, forall: readonly ForAll[], lemma: number, blocks: Block[]): Expr {
  const a = layer.activation!;
  const k = v("k");
  const downstream = b.sum("k", { kind: "downstream", of: j }, b.mul(delta(k), localFactor(bd.network, layer, k, j)));
  blocks.push(bd.text("p-spec-activation", { layer: layer.index, activation: activationName(a), lemma: lemmaRef(lemma) }));
  if (a.elementwise) {
    const fprime = a.derivative(net(j), y(j));
    blocks.push(
      bd.steps([
        bd.step(b.call(layer.fn!, [net(j)], 1), fprime, "activation-derivative", "by-lemma-n", { forall, labelParams: { n: lemma } }),
      ]),
    );
    const product = b.mul(fprime, downstream);
    const s = simplified(product, []);
    blocks.push(bd.text("p-spec-hidden", { layer: layer.index }));
    blocks.push(
      bd.steps(
        bd.chain(
          delta(j),
          [
            [b.mul(downstream, b.call(layer.fn!, [net(j)], 1)), "substitution", "generic-delta"],
            [product, "substitution", "substitute-derivatives"],
            ...s.links,
          ],
          forall,
        ),
      ),
    );
    return s.result;
  }
  const m = v("m");
  const partial = a.partial(m, j);
  blocks.push(
    bd.steps([
      bd.step(b.deriv(y(m), net(j)), partial, "activation-derivative", "by-lemma-n", {
        forall: [...forall, { index: "m", set: { kind: "layer", of: j } }],
        labelParams: { n: lemma },
      }),
    ]),
  );
  const summed = b.sum("m", { kind: "layer", of: j }, b.mul(dEdyHidden(m), partial));
  const s = simplified(summed, []);
  blocks.push(bd.text("p-spec-hidden", { layer: layer.index }));
  blocks.push(bd.steps(bd.chain(delta(j), [[summed, "substitution", "substitute"], ...s.links], forall)));
  return s.result;
}
