// The formula side of the CAS cross-check: E written as nerdamer-prime text by walking the network
// graph (never the engine's trees), with named constants for what a derivative cannot touch, and
// user formulas translated from the spec's mathjs syntax.
import { createRequire } from "node:module";
import type { Network } from "../network/graph.js";
import { DEFAULT_ALPHA } from "../rules/activations/leaky-relu.js";

/** A formula the CAS cannot be trusted with: the network is reported as not cross-checked. */
export class CasUnsupported extends Error {}

export type Branches = ReadonlyMap<number, boolean>;

/** CAS names: w4_1, wb_4, x_1, t_6 (nerdamer reads w_4_1 as the product w_4 * _1). */
export const casName = (kind: "w" | "x" | "t", to: number, from?: number | "b"): string =>
  kind !== "w" ? `${kind}_${to}` : from === "b" ? `wb_${to}` : `w${to}_${from}`;

/**
 * Which nodes are written out (the others are the names net_m, y_m) and which terms w_mj y_j of
 * each net (j = "b": the bias); the terms left out of net_m are the constant r_m.
 */
export interface Live {
  net(m: number): boolean;
  y(m: number): boolean;
  term(m: number, j: number | "b"): boolean;
}
export const ALL: Live = { net: () => true, y: () => true, term: () => true };
export const NONE: Live = { net: () => false, y: () => false, term: () => true };

/** e as a plain symbol: nerdamer's own e is slower and turns into 325368125/119696244 in results. */
export const E_BASE = "ee";
export const exp = (a: string): string => `${E_BASE}^(${a})`;

/** E as one scalar formula in nerdamer syntax, of w4_1, wb_4, x_1, t_6. */
export const casLoss = (network: Network, branches: Branches = new Map()): string =>
  formulas(network, branches, ALL).terms.map((t) => `(${t})`).join("+");

/** net_m and y_m of each node, over the previous layer's references, and E's term per output. */
export function formulas(network: Network, branches: Branches, live: Live): { net: Map<number, string>; y: Map<number, string>; terms: string[] } {
  const src = network.spec.source;
  const net = new Map<number, string>();
  const y = new Map<number, string>();
  const yRef = (j: number): string => (network.nodes[j]!.layer === 0 ? casName("x", j) : live.y(j) ? y.get(j)! : `y_${j}`);
  const netRef = (m: number): string => (live.net(m) ? `(${net.get(m)!})` : `net_${m}`);
  for (const layer of network.layers.slice(1)) {
    for (const k of layer.nodes) {
      const terms = network.nodes[k]!.preds.filter((j) => live.term(k, j)).map((j) => `${casName("w", k, j)}*${yRef(j)}`);
      if (live.term(k, "b")) terms.push(casName("w", k, "b"));
      if (terms.length <= network.nodes[k]!.preds.length) terms.push(`r_${k}`);
      net.set(k, terms.join("+"));
    }
    const spec = Array.isArray(src.activations)
      ? src.activations[layer.index - 1]
      : layer.index === network.layers.length - 1 ? (src.outputActivation ?? src.activation) : src.activation;
    for (const k of layer.nodes) {
      const u = netRef(k);
      const f: Record<string, () => string> = {
        identity: () => u,
        sigmoid: () => `(1/(1+${exp(`-${u}`)}))`,
        tanh: () => `tanh(${u})`,
        softplus: () => `log(1+${exp(u)})`,
        relu: () => (branch(branches, k) ? u : "0"),
        "leaky-relu": () => (branch(branches, k) ? u : `(${field(spec, "alpha") ?? src.alpha ?? DEFAULT_ALPHA}*${u})`),
        // 1 / sum_l e^{net_l - net_k}: nerdamer-prime 1.5.0 simplifies e^a/(e^a+e^b) to
        // (e^a+e^b)^(-1+a), so the textbook quotient cannot be handed to it.
        softmax: () => `(1/(1${layer.nodes.filter((l) => l !== k).map((l) => `+${exp(`${netRef(l)}-${u}`)}`).join("")}))`,
        custom: () => `(${customFormula(custom(spec), { x: u })})`,
      };
      const id = layer.activation!.id;
      if (!Object.hasOwn(f, id)) throw new CasUnsupported(`activation "${id}" has no CAS formula`);
      y.set(k, f[id]!());
    }
  }
  const each = (f: (y: string, t: string) => string): string[] => network.outputs.map((k) => f(yRef(k), casName("t", k)));
  const loss: Record<string, () => string[]> = {
    mse: () => each((yk, tk) => `(1/2)*(${tk}-${yk})^2`),
    sse: () => each((yk, tk) => `(${tk}-${yk})^2`),
    "cross-entropy": () => each((yk, tk) => `-${tk}*log(${yk})`),
    "binary-cross-entropy": () => each((yk, tk) => `-(${tk}*log(${yk})+(1-${tk})*log(1-${yk}))`),
    custom: () => each((yk, tk) => customFormula(custom(src.loss), { y: yk, t: tk })),
  };
  if (!Object.hasOwn(loss, network.loss.id)) throw new CasUnsupported(`loss "${network.loss.id}" has no CAS formula`);
  return { net, y, terms: loss[network.loss.id]!() };
}

const field = (spec: unknown, key: string): unknown =>
  typeof spec === "object" && spec !== null ? (spec as Record<string, unknown>)[key] : undefined;

function custom(spec: unknown): string {
  const f = field(spec, "custom");
  if (typeof f !== "string") throw new CasUnsupported("a custom activation or loss without its formula in spec.source");
  return f;
}

export function branch(branches: Branches, k: number): boolean {
  const b = branches.get(k);
  if (b === undefined) throw new CasUnsupported(`no branch was chosen for the kink of node ${k}`);
  return b;
}

export type Scope = Record<string, number>;

// mathjs parses user formulas (the spec's own syntax) and evaluates nerdamer's printed results:
// nerdamer's buildFunction overflows its stack on some derivatives and is slow on the rest.
const require = createRequire(import.meta.url);
export type MathNode = { type: string; toString(options?: object): string; [k: string]: unknown };
export type MathJs = { parse(s: string): MathNode; compile(s: string): { evaluate(scope: Scope): unknown } };
let mathjs: MathJs | undefined;
export const math = (): MathJs => (mathjs ??= require("mathjs") as MathJs);

const FUNCTIONS: Record<string, (a: string) => string> = {
  ...Object.fromEntries(["log", "tanh", "sin", "cos", "abs"].map((f) => [f, (a: string) => `${f}(${a})`])),
  exp,
  // e^(ln(u)/2): nerdamer-prime 1.5.0 differentiates sqrt(u)^2 into a fourth root, and
  // sqrt(w*x) into sqrt(sqrt(x))/(2 sqrt(w)).
  sqrt: (a) => exp(`log(${a})/2`),
  ln: (a) => `log(${a})`,
  sigmoid: (a) => `(1/(1+${exp(`-(${a})`)}))`,
  softplus: (a) => `log(1+${exp(a)})`,
  // (u + |u|) / 2: its derivative is [u > 0] away from 0, which is all a point check sees.
  relu: (a) => `((${a})+abs(${a}))/2`,
};
FUNCTIONS.sigma = FUNCTIONS.sigmoid!;

/** A user formula (already validated by the spec parser) in nerdamer syntax, with text for its variables. */
export function customFormula(formula: string, vars: Record<string, string>): string {
  const handler = (n: MathNode, options: object): string | undefined => {
    const name = n.type === "FunctionNode" ? ((n.fn as MathNode).name as string) : (n.name as string);
    if (n.type === "SymbolNode") return Object.hasOwn(vars, name) ? `(${vars[name]!})` : name === "e" ? E_BASE : undefined;
    if (n.type !== "FunctionNode") return undefined;
    if (!Object.hasOwn(FUNCTIONS, name)) throw new CasUnsupported(`function "${name}" in "${formula}"`);
    return FUNCTIONS[name]!((n.args as MathNode[])[0]!.toString(options));
  };
  return math().parse(formula).toString({ parenthesis: "all", implicit: "show", handler }).replace(/\s+/g, "");
}
