// The kernel gradient of a convolutional network, in kernel notation: an entry ∂E/∂K_{f,c,u,v}
// of the first layer's kernel (it reads the input), the sum over the windows of the error terms
// of filter f times the input under offset (u, v) of each window (the correlation of the input
// with the error terms). The answer is the worked example's line for that shared entry of the
// graph, checked at the sheet's numbers and shown renamed (δ_{f,i,j}, x_{c,r,q}, K_{f,c,u,v}, all
// 1-based); the value is the one `evaluate` prints (its gradients[layer].K).
import { convolutionEvaluation } from "../check/convolution-evaluation.js";
import { checkSteps } from "../check/steps.js";
import type { Step } from "../derive/proof.js";
import * as b from "../expr/build.js";
import { key } from "../expr/key.js";
import type { Expr } from "../expr/types.js";
import { children, mapChildren } from "../expr/walk.js";
import type { ConvLayer, ConvolutionLayout, MapShape } from "../network/forms/convolution-layout.js";
import { weightSlots } from "../network/forms/convolution-params.js";
import { chainsOf, type Context, DIGITS, numberOf } from "./context.js";
import { say } from "./messages.js";
import { UncheckedAnswer } from "./numeric.js";
import { equation, listOf, math } from "./pieces.js";
import type { Exercise } from "./types.js";

/** (c, i, j), 1-based, of node k in a map whose first node is `first`, or undefined outside it. */
function position(m: MapShape, first: number, k: number): [number, number, number] | undefined {
  const at = k - first;
  if (at < 0 || at >= m.c * m.h * m.w) return undefined;
  return [Math.floor(at / (m.h * m.w)) + 1, Math.floor((at % (m.h * m.w)) / m.w) + 1, (at % m.w) + 1];
}

const indexed = (name: string, dims: 1 | 2, [c, i, j]: readonly number[]): Expr =>
  dims === 1 ? b.sym(name, b.node(c!), b.node(j!)) : b.sym(name, b.node(c!), b.node(i!), b.node(j!));

interface Names {
  readonly layout: ConvolutionLayout;
  readonly layer: ConvLayer;
  /** The kernel entry's symbol, and the graph symbols that stand for it (θ_g or w_kj). */
  readonly kernel: Expr;
  readonly stands: ReadonlySet<string>;
  /** The kernel's use by each window: w_{kj} of an edge of its group -> K^{(i,j)}. */
  readonly uses: ReadonlyMap<string, Expr>;
}

function renamed(n: Names, e: Expr): Expr {
  if (n.stands.has(key(e))) return n.kernel;
  const use = n.uses.get(key(e));
  if (use !== undefined) return use;
  const first = e.kind === "sym" && e.idx.length === 1 ? e.idx[0] : undefined;
  if (e.kind === "sym" && first?.kind === "node") {
    const k = first.n;
    const out = position(n.layer.output, n.layer.first, k);
    if (out !== undefined && e.name === "delta") return indexed("delta", n.layout.dims, out);
    const inp = position(n.layout.input, 1, k);
    if (inp !== undefined && (e.name === "x" || e.name === "y")) return indexed("x", n.layout.dims, inp);
    return e;
  }
  let changed = false;
  const out = mapChildren(e, (c) => {
    const r = renamed(n, c);
    if (r !== c) changed = true;
    return r;
  });
  return changed ? out : e;
}

const deltas = (e: Expr): Expr[] => [...(e.kind === "sym" && e.name === "delta" ? [e] : []), ...children(e).flatMap(deltas)];

interface Entry {
  readonly layout: ConvolutionLayout;
  /** The entry's indices, 0-based: [f, c, u, v] ([f, c, v] in 1-D). */
  readonly idx: readonly number[];
  /** ∂E/∂θ_g (or ∂E/∂w_kj for an entry of one use) in the graph's symbols. */
  readonly graph: Expr;
  readonly names: Names;
}

/** An entry of the first layer's kernel, drawn from the choices' generator, and how to rename its lines. */
function kernelEntry(ctx: Context): Entry | undefined {
  const layout = ctx.network.spec.convolution;
  const layer = layout?.layers[0];
  if (layout === undefined || layer === undefined || layer.kind !== "conv") return undefined;
  const slots = weightSlots(ctx.network, layout, 0).filter((s) => s.path[0] === "K");
  const slot = slots[Math.floor(ctx.r() * slots.length)]!;
  const idx = slot.path.slice(1) as number[];
  const param = ctx.network.params[slot.param]!;
  const group = ctx.network.tied.findIndex((g) =>
    g.some((e) => ctx.network.edges[e]!.to === param.to && ctx.network.edges[e]!.from === param.from),
  );
  const wrt = group < 0 ? b.sym("w", b.node(param.to), b.node(param.from as number)) : b.sym("theta", b.node(group + 1));
  const kernel = b.sym("K", ...idx.map((i) => b.node(i + 1)));
  // Each window's use of the entry: K^{(i,j)}, the window's position (1-based) in the output map.
  const uses = new Map<string, Expr>();
  for (const e of group < 0 ? [] : ctx.network.tied[group]!) {
    const edge = ctx.network.edges[e]!;
    const at = position(layer.output, layer.first, edge.to);
    if (at === undefined || edge.from === "b") continue;
    const window = layout.dims === 1 ? String(at[2]) : `${at[1]},${at[2]}`;
    uses.set(
      key(b.sym("w", b.node(edge.to), b.node(edge.from))),
      b.sym("K", ...idx.map((i) => b.node(i + 1)), { kind: "example", of: b.ivar(window) }),
    );
  }
  return { layout, idx, graph: b.deriv(b.sym("E"), wrt), names: { layout, layer, kernel, stands: new Set([key(wrt)]), uses } };
}

/** The kernel entry's gradient by the total derivative over its uses: the correlation of the input with the error terms. */
export function kernelDerivation(ctx: Context): Exercise | undefined {
  const entry = kernelEntry(ctx);
  if (entry === undefined) return undefined;
  const chain = chainsOf(ctx.proof, "tied").find((c) => key(c.steps[0]!.lhs) === key(entry.graph));
  if (chain === undefined || chain.steps.length < 2) return undefined;
  const report = checkSteps(ctx.proof, { only: new Set(chain.steps.map((s) => s.id)) });
  if (report.failed > 0 || report.verified === 0) throw new UncheckedAnswer("a step of the derivation of a kernel gradient did not check");
  const { names } = entry;
  const window = entry.layout.dims === 1 ? "j" : "i,j";
  const use = b.sym("K", ...entry.idx.map((i) => b.node(i + 1)), { kind: "example", of: b.ivar(window) });
  const lang = ctx.lang;
  return {
    id: "",
    kind: "derivation",
    source: "derivation",
    prompt: say(lang, "kernelDerive", {
      K: [math(names.kernel)],
      use: [math(use)],
      at: entry.layout.dims === 1 ? "j" : "(i, j)",
      q: [math(b.deriv(b.sym("E"), names.kernel))],
    }),
    given: [],
    spec: ctx.network.spec.source,
    answer: {
      intro: say(lang, "answerDerivation"),
      lines: chain.steps.map((s) => {
        const step = { ...s, lhs: renamed(names, s.lhs), rhs: renamed(names, s.rhs) };
        const tag = numberOf(ctx, s);
        return tag === undefined ? { step } : { step, tag };
      }),
      outro: say(lang, "checkedSteps"),
    },
  };
}

export function kernelExercise(ctx: Context): Exercise | undefined {
  const entry = kernelEntry(ctx);
  if (entry === undefined) return undefined;
  const { layout, idx, graph, names } = entry;
  const chain = chainsOf(ctx.worked, "worked").find((c) => c.steps[0]!.rule === "substitution" && key(c.steps[0]!.lhs) === key(graph));
  if (chain === undefined) return undefined;
  const report = checkSteps(ctx.worked, {
    params: ctx.params,
    worked: { params: ctx.params, digits: DIGITS },
    only: new Set(chain.steps.map((s) => s.id)),
  });
  if (report.failed > 0 || report.verified === 0) throw new UncheckedAnswer(`the worked answer for ${key(graph)} did not check`);
  const kernel = names.kernel;
  const lines = chain.steps.map((s: Step) => ({ step: { ...s, lhs: renamed(names, s.lhs), rhs: renamed(names, s.rhs) } }));
  const shown = b.deriv(b.sym("E"), kernel);
  const value = (convolutionEvaluation(ctx.proof, layout, ctx.params).gradients[0] as { K: unknown }).K;
  const v = idx.reduce<unknown>((m, i) => (m as unknown[])[i], value) as number;
  const round = (x: number): number => Number(x.toPrecision(DIGITS));
  const given = [...new Map(deltas(chain.steps[0]!.rhs).map((e) => [key(e), e])).values()].map((e) => {
    const k = e.kind === "sym" && e.idx[0]?.kind === "node" ? e.idx[0].n : 0;
    return [equation(renamed(names, e), b.num(round(ctx.values.nodes[String(k)]!.delta)))];
  });
  const lang = ctx.lang;
  return {
    id: "",
    kind: "numeric",
    source: "numeric",
    prompt: [
      ...say(lang, "kernelCompute", { q: [math(shown)], K: [math(b.sym("K"))] }),
      { text: " " },
      ...say(lang, "kernelGiven", { given: listOf(lang, given) }),
    ],
    given: [],
    spec: ctx.network.spec.source,
    params: ctx.paramsJson,
    quantity: { kind: "gradient", layer: 1, kernel: idx.map((i) => i + 1) },
    answer: {
      intro: say(lang, "kernelAnswer"),
      lines,
      outro: [...say(lang, "answerValue", { q: [math(shown)], v: [math(b.num(round(v)))] }), { text: " " }, ...say(lang, "checkedNumbers")],
      value: v,
      shown: round(v),
      tolerance: Number(Math.max(0.01 * Math.abs(round(v)), 0.001).toPrecision(2)),
    },
  };
}
