// The network described in words, in the proof's language, for the documents' title: its sizes,
// what its topology has beyond consecutive dense layers, its activations and its loss. Every
// phrase comes from the message tables, so the title is in the document's language throughout.
import type { Layer, Network } from "../network/graph.js";
import type { Activation } from "../rules/activations/activation.js";
import { fill, label, type MessageKey } from "./messages/index.js";

/** The short name of an activation in a title ("ReLU", "leaky ReLU", "custom"). */
function shortName(lang: string, a: Activation): string {
  switch (a.id) {
    case "custom":
      return label(lang, "describe-custom");
    case "identity":
      return label(lang, "describe-identity");
    case "leaky-relu":
      return "leaky ReLU";
    default:
      return a.title;
  }
}

/** "a, b and c" in the language's way: the parts of the description, or names. */
function list(lang: string, items: readonly string[], names = false): string {
  if (items.length <= 1) return items[0] ?? "";
  const [and, comma] = names ? (["describe-names-and", "describe-names-comma"] as const) : (["describe-and", "describe-comma"] as const);
  return fill(label(lang, and), { a: items.slice(0, -1).join(label(lang, comma)), b: items[items.length - 1]! });
}

const distinct = (lang: string, layers: readonly Layer[]): string[] => [...new Set(layers.map((l) => shortName(lang, l.activation!)))];

/** What the topology has beyond consecutive fully connected layers, as message keys. */
export function topologyFeatures(network: Network): MessageKey[] {
  // A recurrent network: its unrolled graph's features are those of every unrolled recurrence.
  if (network.spec.recurrent !== undefined)
    return [network.spec.recurrent.lossAt === "every" ? "describe-recurrent" : "describe-recurrent-last"];
  if (network.plain) return [];
  const out: MessageKey[] = [];
  const nodes = network.nodes;
  const real = nodes.slice(1);
  if (real.some((n) => n.preds.some((j) => n.depth - nodes[j]!.depth > 1))) out.push("describe-skip");
  // An edge left out: a node without an edge from some node of a layer that feeds its layer.
  const missing = network.layers.slice(1).some((layer) => {
    const feeding = new Set(layer.nodes.flatMap((k) => nodes[k]!.preds.map((j) => nodes[j]!.layer)));
    const whole = [...feeding].reduce((s, g) => s + network.layers[g]!.nodes.length, 0);
    return layer.nodes.some((k) => nodes[k]!.preds.length < whole);
  });
  if (missing) out.push("describe-pruned");
  if (new Set(network.outputs.map((k) => nodes[k]!.depth)).size > 1) out.push("describe-depths");
  if (network.layers.some((l) => l.feeds)) out.push("describe-feeds");
  if (network.tied.length > 0) out.push("describe-tied");
  return out;
}

/** "a 3-2-2 network with ReLU hidden nodes and softmax outputs, trained on the cross-entropy". */
export function describeNetwork(network: Network, lang: string): string {
  const hidden = distinct(
    lang,
    network.layers.filter((l) => l.role === "hidden"),
  );
  const outputs = distinct(
    lang,
    network.layers.filter((l) => l.role === "output"),
  );
  const one = network.outputs.length === 1;
  const steps = String(network.spec.recurrent?.steps ?? 0);
  const parts = topologyFeatures(network).map((k) => fill(label(lang, k), { steps }));
  if (hidden.length > 0) parts.push(fill(label(lang, "describe-hidden"), { names: list(lang, hidden, true) }));
  const outName = list(lang, outputs, true);
  // English puts "an" before a vowel sound ("an identity output").
  const article = /^[aeiou]/i.test(outName) ? "an" : "a";
  parts.push(fill(label(lang, one ? "describe-output-one" : "describe-outputs"), { names: outName, article }));
  const r = network.spec.recurrent;
  const sizes = r
    ? `${r.sizes.x}-${r.sizes.h}-${r.sizes.y}`
    : network.plain
      ? network.spec.layers.join("-")
      : (() => {
          const byDepth: number[] = [];
          for (const n of network.nodes.slice(1)) byDepth[n.depth] = (byDepth[n.depth] ?? 0) + 1;
          return byDepth.map((n) => n ?? 0).join("-");
        })();
  const text = fill(label(lang, "describe-network"), { sizes, parts: list(lang, parts), loss: label(lang, lossKey(network)) });
  // A space sets a Latin name apart from Chinese text, never two Chinese words.
  return text.replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, "$1");
}

function lossKey(network: Network): MessageKey {
  switch (network.loss.id) {
    case "mse":
      return "loss-mse";
    case "sse":
      return "loss-sse";
    case "cross-entropy":
      return "loss-cross-entropy";
    case "binary-cross-entropy":
      return "loss-binary-cross-entropy";
    default:
      return "loss-custom";
  }
}

/**
 * The documents' title: the network described in the proof's language, or, when the spec was
 * given a name of its own (`named`), that name.
 */
export function documentTitle(network: Network, lang: string, named?: string): string {
  return named === undefined
    ? fill(label(lang, "title"), { name: describeNetwork(network, lang) })
    : fill(label(lang, "title-named"), { name: named });
}
