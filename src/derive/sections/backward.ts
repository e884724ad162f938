// The error terms: the output layer by the chain rule (or, for softmax, the total derivative
// over the layer), then every hidden layer in reverse order by the total derivative over its
// downstream set. Each delta is written once and referred to by symbol afterwards.
import * as b from "../../expr/build.js";
import type { Expr, Index } from "../../expr/types.js";
import { expandSums } from "../../expr/walk.js";
import type { Layer, Network } from "../../network/graph.js";
import type { Builder } from "../builder.js";
import type { Block, ForAll, Section, StepList } from "../proof.js";
import { dE, delta, fn, net, w, y } from "../symbols.js";
import { hiddenLayers, overLayer, roles, v } from "./roles.js";
import { resolveSet } from "../../network/sets.js";

/** The generic output delta of node k, in index form. */
function outputDelta(layer: Layer, k: Index): Expr {
  const a = layer.activation!;
  if (a.elementwise) return b.mul(dE(y(k)), fn(layer.fn!, net(k), 1));
  return b.sum("i", { kind: "layer", of: k }, b.mul(dE(y(v("i"))), b.deriv(y(v("i")), net(k))));
}

export function outputSection(bd: Builder): Section {
  const network = bd.network;
  const layer = network.layers[network.layers.length - 1]!;
  const r = roles(network, layer);
  const k = v(r.self);
  const forall = overLayer(r, layer);
  const a = layer.activation!;
  const blocks: Block[] = [];
  if (a.elementwise) {
    blocks.push(bd.text("p-output-elementwise", { yk: y(k), f: b.sym(layer.fn!) }));
    blocks.push(
      bd.steps(
        bd.chain(
          delta(k),
          [
            [dE(net(k)), "definition", "def-delta"],
            [b.mul(dE(y(k)), b.deriv(y(k), net(k))), "chain-rule", "chain-output"],
            [outputDelta(layer, k), "activation-derivative", "activation-derivative"],
          ],
          forall,
        ),
      ),
    );
  } else {
    blocks.push(bd.text("p-output-softmax", { yk: y(k), netk: net(k), yi: y(v("i")) }));
    blocks.push(
      bd.steps(
        bd.chain(
          delta(k),
          [
            [dE(net(k)), "definition", "def-delta"],
            [outputDelta(layer, k), "total-derivative", "total-output"],
          ],
          forall,
        ),
      ),
    );
  }
  blocks.push(bd.text("p-output-nodes", {}, { show: "proof" }));
  blocks.push(bd.steps(enumerate(bd, layer, (n) => outputDelta(layer, b.node(n))), { enumeration: true, show: "proof" }));
  return { id: "output", title: bd.title("sec-output"), blocks };
}

/** For softmax hidden layers: dE/dy_m through the downstream nodes of m. */
export const dEdyHidden = (m: Index): Expr =>
  b.sum("k", { kind: "downstream", of: m }, b.mul(delta(v("k")), w(v("k"), m)));

/** The generic hidden delta of node j, in index form. */
export function hiddenDelta(layer: Layer, j: Index): Expr {
  const a = layer.activation!;
  const downstream = b.sum("k", { kind: "downstream", of: j }, b.mul(delta(v("k")), w(v("k"), j)));
  if (a.elementwise) return b.mul(downstream, fn(layer.fn!, net(j), 1));
  return b.sum("m", { kind: "layer", of: j }, b.mul(dEdyHidden(v("m")), b.deriv(y(v("m")), net(j))));
}

export function hiddenSection(bd: Builder): Section {
  const network = bd.network;
  const blocks: Block[] = [];
  // The notes derive the hidden error term once, for the last hidden layer, and give the other
  // layers its result; the proof derives it for every layer.
  let first = true;
  for (const layer of [...hiddenLayers(network)].reverse()) {
    const shown = first ? "both" : "proof";
    const r = roles(network, layer);
    const j = v(r.self);
    const k = v(r.down);
    const forall = overLayer(r, layer);
    const overJK: ForAll[] = [...forall, { index: r.down, set: { kind: "downstream", of: j } }];
    const f = layer.fn!;
    blocks.push(bd.text("p-hidden-layer", { layer: layer.index, yj: y(j), netj: net(j), netk: net(k) }, { show: shown }));
    if (!first) {
      const nodes = layer.nodes.length <= 3 ? layer.nodes.join(", ") : `${layer.nodes[0]}, ..., ${layer.nodes[layer.nodes.length - 1]}`;
      blocks.push(bd.text("p-hidden-same", { layer: layer.index, nodes }, { show: "notes" }));
    }
    if (layer.activation!.elementwise) {
      const total = b.sum(r.down, { kind: "downstream", of: j }, b.mul(dE(net(k)), b.deriv(net(k), net(j))));
      const withDelta = b.sum(r.down, { kind: "downstream", of: j }, b.mul(delta(k), b.deriv(net(k), net(j))));
      blocks.push(
        bd.steps(
          bd.chain(
            delta(j),
            [
              [dE(net(j)), "definition", "def-delta"],
              [total, "total-derivative", "total-hidden"],
              [withDelta, "definition", "use-delta"],
            ],
            forall,
          ),
          { show: shown },
        ),
      );
      blocks.push(bd.text("p-hidden-inner", { netk: net(k), netj: net(j), yj: y(j) }, { show: shown }));
      blocks.push(
        bd.steps(
          bd.chain(
            b.deriv(net(k), net(j)),
            [
              [b.mul(b.deriv(net(k), y(j)), b.deriv(y(j), net(j))), "chain-rule", "chain-inner"],
              [b.mul(w(k, j), b.deriv(y(j), net(j))), "linearity", "linearity-y"],
              [b.mul(w(k, j), fn(f, net(j), 1)), "activation-derivative", "activation-derivative"],
            ],
            overJK,
          ),
          { show: shown },
        ),
      );
      const seedForm = b.sum(r.down, { kind: "downstream", of: j }, b.mul(delta(k), w(k, j), fn(f, net(j), 1)));
      blocks.push(
        bd.steps(
          bd.chain(
            delta(j),
            [
              [seedForm, "substitution", "substitute"],
              [hiddenDelta(layer, j), "factor", "factor-out"],
            ],
            forall,
          ),
          // The notes give the other hidden layers the result only.
          first ? {} : { notesLast: true },
        ),
      );
    } else {
      const m = v("m");
      blocks.push(bd.text("p-hidden-softmax", { netj: net(j) }));
      blocks.push(
        bd.steps([
          bd.step(dE(y(m)), dEdyHidden(m), "total-derivative", "total-hidden-softmax", {
            forall: [{ index: "m", set: forall[0]!.set }],
          }),
          ...bd.chain(
            delta(j),
            [
              [dE(net(j)), "definition", "def-delta"],
              [b.sum("m", { kind: "layer", of: j }, b.mul(dE(y(m)), b.deriv(y(m), net(j)))), "total-derivative", "total-output"],
              [hiddenDelta(layer, j), "substitution", "substitute"],
            ],
            forall,
          ),
        ]),
      );
    }
    blocks.push(bd.text("p-hidden-nodes", {}, { show: "proof" }));
    blocks.push(bd.text("p-hidden-example", { n: layer.nodes[0]! }, { show: "notes" }));
    blocks.push(bd.steps(enumerate(bd, layer, (n) => hiddenDelta(layer, b.node(n))), { enumeration: true, notesRows: 1 }));
    first = false;
  }
  if (blocks.length > 0) blocks.push(bd.text("p-backprop"));
  return { id: "hidden", title: bd.title("sec-hidden"), blocks };
}

/** delta_n = (its index-form expression with every sum written out), for each node of a layer. */
function enumerate(bd: Builder, layer: Layer, deltaOf: (n: number) => Expr): StepList {
  const network: Network = bd.network;
  const key = layer.activation!.elementwise && layer.index === network.layers.length - 1 ? "instantiate" : "enumerate";
  return bd.perNode(layer.nodes, () => 1, (n) => [delta(n), expandSums(deltaOf(n), (s) => resolveSet(network, s)), "substitution", key]);
}
