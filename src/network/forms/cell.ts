// A recurrent cell as data, and its unrolling over time into the one graph form. A cell is a
// small graph of named unit sets (h, y, ...), fed by named inputs (x) and by unit sets of the
// step before (lag 1: h^{(t-1)}), each feeding edge set one named weight matrix shared by every
// step; its biases are named vectors shared in the same way. Unrolled over T steps it is a
// feed-forward graph whose tied groups are the matrix entries: the gradient of a shared entry is
// then the sum over its uses, i.e. over time. An Elman cell is one instance (recurrent.ts); a
// gated cell is another list of units and matrices over the same unroller.
import type { Activation } from "../../rules/activations/activation.js";
import type { SpecNode } from "../topology.js";

/** A named set of inputs given at every step (x^{(t)}). */
export interface CellInput {
  readonly name: string;
  readonly size: number;
}

/** A named set of units computed at every step: y = f(bias + sum of its matrices times their sources). */
export interface CellUnit {
  readonly name: string;
  readonly size: number;
  readonly activation: Activation;
  /** The name of its bias vector, shared across steps. */
  readonly bias: string;
  /** Whether the loss reads it (it is then computed at the steps that carry a loss only). */
  readonly output: boolean;
}

/** A weight matrix shared by every step: rows the receiving units, columns the sending ones. */
export interface CellWeight {
  readonly name: string;
  readonly to: string;
  readonly from: string;
  /** 0: the source at the same step; 1: at the step before (the initial state at the first step). */
  readonly lag: 0 | 1;
}

export interface Cell {
  readonly kind: string;
  readonly inputs: readonly CellInput[];
  /** In the order they are computed within a step. */
  readonly units: readonly CellUnit[];
  readonly weights: readonly CellWeight[];
}

/** A shared parameter (a matrix, or a bias vector with cols 0) and the graph key of each entry's first use. */
export interface SharedParam {
  readonly name: string;
  readonly rows: number;
  /** Columns of a matrix; 0 for a bias vector. */
  readonly cols: number;
  /** Row-major, "k:j" or "k:b": the edge of the first step that uses the entry. */
  readonly keys: readonly string[];
}

export interface Unrolled {
  readonly inputs: number;
  readonly nodes: readonly SpecNode[];
  readonly outputs: readonly number[];
  readonly tied: readonly (readonly string[])[];
  /** The node numbers of each named set at steps 1..T (index 0 unused); undefined where not computed. */
  readonly ids: readonly ReadonlyMap<string, readonly number[]>[];
  /** The initial state of each unit set read with lag 1: h^{(0)}, given as inputs. */
  readonly initial: ReadonlyMap<string, readonly number[]>;
  readonly shared: readonly SharedParam[];
}

/** The number of weight and bias uses of the unrolled graph, computed before it is built. */
export function unrolledUses(cell: Cell, steps: number, lossSteps: readonly number[]): number {
  const size = sizes(cell);
  let uses = 0;
  for (let t = 1; t <= steps; t++) {
    for (const u of cell.units) {
      if (u.output && !lossSteps.includes(t)) continue;
      uses += u.size;
      for (const w of cell.weights) if (w.to === u.name) uses += u.size * size.get(w.from)!;
    }
  }
  return uses;
}

function sizes(cell: Cell): Map<string, number> {
  return new Map([...cell.inputs, ...cell.units].map((s) => [s.name, s.size]));
}

/**
 * The graph over T steps: inputs x^{(1)}, ..., x^{(T)}, then the initial states; then step by
 * step the cell's units in order (output units at the steps in lossSteps only).
 */
export function unroll(cell: Cell, steps: number, lossSteps: readonly number[], field: string): Unrolled {
  const size = sizes(cell);
  const ids: Map<string, number[]>[] = [new Map()];
  let next = 1;
  const take = (n: number): number[] => Array.from({ length: n }, () => next++);
  for (let t = 1; t <= steps; t++) ids.push(new Map(cell.inputs.map((i) => [i.name, take(i.size)])));
  const initial = new Map<string, number[]>();
  for (const w of cell.weights) if (w.lag === 1 && !initial.has(w.from)) initial.set(w.from, take(size.get(w.from)!));
  const inputs = next - 1;
  const nodes: SpecNode[] = [];
  const outputs: number[] = [];
  // Every use of each shared entry, in order of steps: the tied groups.
  const uses = new Map<string, string[]>();
  const use = (entry: string, key: string): void => {
    const list = uses.get(entry);
    if (list) list.push(key);
    else uses.set(entry, [key]);
  };
  for (let t = 1; t <= steps; t++) {
    const here = ids[t]!;
    for (const u of cell.units) {
      if (u.output && !lossSteps.includes(t)) continue;
      const mine = take(u.size);
      here.set(u.name, mine);
      const feeding = cell.weights
        .filter((w) => w.to === u.name)
        .map((w) => ({ w, source: w.lag === 0 ? here.get(w.from)! : t === 1 ? initial.get(w.from)! : ids[t - 1]!.get(w.from)! }));
      const from = feeding.flatMap((f) => f.source).sort((a, b) => a - b);
      mine.forEach((k, r) => {
        for (const { w, source } of feeding) source.forEach((j, c) => use(`${w.name}:${r}:${c}`, `${k}:${j}`));
        use(`${u.bias}:${r}`, `${k}:b`);
        nodes.push({
          from,
          activation: u.activation,
          bias: true,
          field,
          ...(u.activation.elementwise ? {} : { group: `${u.name}(${t})` }),
        });
      });
      if (u.output) outputs.push(...mine);
    }
  }
  const shared: SharedParam[] = [];
  for (const w of cell.weights) {
    const rows = size.get(w.to)!;
    const cols = size.get(w.from)!;
    const keys: string[] = [];
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) keys.push(uses.get(`${w.name}:${r}:${c}`)?.[0] ?? "");
    shared.push({ name: w.name, rows, cols, keys });
  }
  for (const u of cell.units) {
    shared.push({
      name: u.bias,
      rows: u.size,
      cols: 0,
      keys: Array.from({ length: u.size }, (_, r) => uses.get(`${u.bias}:${r}`)?.[0] ?? ""),
    });
  }
  const tied = [...uses.values()].filter((g) => g.length > 1);
  return { inputs, nodes, outputs, tied, ids, initial, shared };
}
