// The recurrent form: an Elman network in Goodfellow's notation,
//   a^{(t)} = b + W h^{(t-1)} + U x^{(t)},  h^{(t)} = f(a^{(t)}),
//   o^{(t)} = c + V h^{(t)},                y^{(t)} = g(o^{(t)}),   E = sum_t E^{(t)},
// the sum over the steps that carry a loss (every step, or the last). It is parsed into the one
// graph form, unrolled over T steps (cell.ts), U, W, V, b and c tied across the steps; the
// layout (the cell, its node numbers per step, the shared parameters) is what documents,
// params and evaluate read to speak in the recurrent notation.
import { InputError } from "../../errors.js";
import type { Activation } from "../../rules/activations/activation.js";
import type { Loss } from "../../rules/losses/loss.js";
import { resolveActivation, resolveLoss } from "../../rules/registry.js";
import { MAX_PARAMETERS } from "../schema.js";
import { checkTopology, depths, plainLayers, type SpecNode } from "../topology.js";
import { type Cell, unroll, unrolledUses, type SharedParam } from "./cell.js";

export type LossAt = "every" | "last";

export interface RecurrentLayout {
  readonly cell: Cell;
  readonly sizes: { readonly x: number; readonly h: number; readonly y: number };
  readonly steps: number;
  readonly lossAt: LossAt;
  /** The steps whose output carries a loss, ascending (1..T, or T alone). */
  readonly lossSteps: readonly number[];
  /** Node numbers of x, h and y at steps 1..T (index 0 unused; y only at loss steps). */
  readonly ids: readonly ReadonlyMap<string, readonly number[]>[];
  /** The node numbers of h^{(0)} (inputs of the graph, given by params.h0). */
  readonly h0: readonly number[];
  /** U, W, V, b, c: shapes and the graph key of each entry. */
  readonly shared: readonly SharedParam[];
}

/** What the recurrent form gives the Spec (spec.ts adds the form). */
export interface RecurrentParsed {
  readonly name: string;
  readonly layers: readonly number[];
  readonly activations: readonly Activation[];
  readonly inputs: number;
  readonly nodes: readonly SpecNode[];
  readonly outputs: readonly number[];
  readonly tied: readonly (readonly string[])[];
  readonly allowDead: boolean;
  readonly plain: boolean;
  readonly loss: Loss;
  readonly recurrent: RecurrentLayout;
}

/** Keys of a spec that the recurrent form does not take. */
const OTHER_FORMS = ["layers", "connections", "activations", "inputs", "nodes", "outputs", "tied", "allowDead", "reduction"] as const;

/** Goodfellow's Elman cell: h from x (U) and the previous h (W), y from h (V). */
export function elmanCell(x: number, h: number, y: number, f: Activation, g: Activation): Cell {
  return {
    kind: "elman",
    inputs: [{ name: "x", size: x }],
    units: [
      { name: "h", size: h, activation: f, bias: "b", output: false },
      { name: "y", size: y, activation: g, bias: "c", output: true },
    ],
    weights: [
      { name: "U", to: "h", from: "x", lag: 0 },
      { name: "W", to: "h", from: "h", lag: 1 },
      { name: "V", to: "y", from: "h", lag: 0 },
    ],
  };
}

export function recurrentSpec(o: Record<string, unknown>, alpha: number | undefined): RecurrentParsed {
  for (const k of OTHER_FORMS) {
    if (o[k] !== undefined)
      throw new InputError(k, 'belongs to another form; the recurrent form gives "recurrent", "activation", "outputActivation" and "loss"');
  }
  const r = o.recurrent as { inputs: number; hidden: number; outputs: number; steps: number; lossAt?: LossAt };
  const f = resolveActivation(o.activation ?? "tanh", "activation", alpha);
  const g = resolveActivation(o.outputActivation ?? "softmax", "outputActivation", alpha);
  const loss = resolveLoss(o.loss ?? (g.elementwise ? "mse" : "cross-entropy"), "loss");
  if (!f.elementwise)
    throw new InputError("activation", `is ${f.id}; the hidden state needs an elementwise activation (tanh, sigmoid, relu, ...)`);
  if (!g.elementwise && r.outputs < 2)
    throw new InputError("recurrent.outputs", `is ${r.outputs}; a softmax output needs at least 2 units (one unit would always be 1)`);
  const lossAt = r.lossAt ?? "every";
  const T = r.steps;
  const lossSteps = lossAt === "every" ? Array.from({ length: T }, (_, i) => i + 1) : [T];
  const cell = elmanCell(r.inputs, r.hidden, r.outputs, f, g);
  const uses = unrolledUses(cell, T, lossSteps);
  if (uses > MAX_PARAMETERS) {
    throw new InputError(
      "recurrent",
      `unrolled over ${T} steps has ${uses} weight and bias uses; at most ${MAX_PARAMETERS} can be derived`,
    );
  }
  const u = unroll(cell, T, lossSteps, "recurrent");
  const topology = { inputs: u.inputs, nodes: u.nodes, outputs: u.outputs, tied: u.tied, allowDead: false };
  checkTopology(topology, "recurrent.outputs");
  const d = depths(topology);
  const layers: number[] = [];
  for (let k = 1; k < d.length; k++) layers[d[k]!] = (layers[d[k]!] ?? 0) + 1;
  const name = (o.name as string | undefined) ?? `RNN [${r.inputs}, ${r.hidden}, ${r.outputs}], T = ${T}`;
  return {
    name,
    layers: Array.from(layers, (n) => n ?? 0),
    activations: u.nodes.map((n) => n.activation),
    ...topology,
    plain: plainLayers(topology, d),
    loss,
    recurrent: {
      cell,
      sizes: { x: r.inputs, h: r.hidden, y: r.outputs },
      steps: T,
      lossAt,
      lossSteps,
      ids: u.ids,
      h0: u.initial.get("h")!,
      shared: u.shared,
    },
  };
}
