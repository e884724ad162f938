// An enumeration: one step per node (or per weight of each node), made when it is read. The
// sections declare how many steps each node has and how to write the i-th; nothing per node or
// weight is stored, so that a network of 10^6 weights costs memory per layer, not per weight.
// Step ids are reserved when the enumeration is built, consecutive and in node order, so that they
// are the ids the steps would have had if they had been built one by one.
import type { Expr } from "../expr/types.js";
import type { Relation, RuleId } from "../rules/equation.js";
import type { Section, Seq, Step } from "./proof.js";

/** What a step of an enumeration says; its id comes from its place. */
export interface StepBody {
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly relation: Relation;
  readonly rule: RuleId;
  readonly label: string;
}

export class Enumeration implements Seq<Step> {
  readonly length: number;
  /** starts[g]: the position of the first step of nodes[g]; starts[nodes.length] = length. */
  private readonly starts: Float64Array;

  constructor(
    /** The nodes, in order; node nodes[g] has count(nodes[g]) steps. */
    readonly nodes: readonly number[],
    count: (node: number) => number,
    /** The number of the first step's id ("s" + first). */
    readonly first: number,
    readonly prefix: string,
    private readonly make: (node: number, i: number) => StepBody,
  ) {
    this.starts = new Float64Array(nodes.length + 1);
    let at = 0;
    nodes.forEach((n, g) => {
      this.starts[g] = at;
      at += count(n);
    });
    this.starts[nodes.length] = at;
    this.length = at;
  }

  /** The positions of the steps of nodes[g]: from (inclusive) to (exclusive). */
  range(g: number): readonly [from: number, to: number] {
    return [this.starts[g]!, this.starts[g + 1]!];
  }

  /** The step at a position; undefined outside the enumeration. */
  at(i: number): Step | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) return undefined;
    // The last node whose first step is at or before i.
    let lo = 0;
    let hi = this.nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.step(lo, i);
  }

  /** The id a position has: consecutive from `first`. */
  idAt(i: number): string {
    return `${this.prefix}${this.first + i}`;
  }

  /** The position of a step id of this enumeration, or undefined. */
  indexOf(id: string): number | undefined {
    if (!id.startsWith(this.prefix)) return undefined;
    const i = Number(id.slice(this.prefix.length)) - this.first;
    return Number.isInteger(i) && i >= 0 && i < this.length && this.idAt(i) === id ? i : undefined;
  }

  private step(g: number, i: number): Step {
    const node = this.nodes[g]!;
    const body = this.make(node, i - this.starts[g]!);
    return {
      id: this.idAt(i),
      lhs: body.lhs,
      rhs: body.rhs,
      relation: body.relation,
      rule: body.rule,
      label: body.label,
      continues: false,
      forall: [],
    };
  }

  *[Symbol.iterator](): Iterator<Step> {
    for (let g = 0; g < this.nodes.length; g++) {
      const [from, to] = this.range(g);
      for (let i = from; i < to; i++) yield this.step(g, i);
    }
  }
}

/** Steps made together when read (a chain with a formula as large as a layer's weight matrix). */
export class Deferred implements Seq<Step> {
  constructor(
    readonly length: number,
    private readonly make: () => readonly Step[],
  ) {}
  private made(): readonly Step[] {
    const steps = this.make();
    if (steps.length !== this.length) throw new Error(`a deferred block made ${steps.length} steps, not ${this.length}`);
    return steps;
  }
  at(i: number): Step | undefined {
    return Number.isInteger(i) && i >= 0 && i < this.length ? this.made()[i] : undefined;
  }
  [Symbol.iterator](): Iterator<Step> {
    return this.made()[Symbol.iterator]();
  }
}

/** The step of these sections with this id, made if an enumeration holds it; undefined if none does. */
export function findStep(sections: readonly Section[], id: string): Step | undefined {
  for (const section of sections) {
    for (const block of section.blocks) {
      if (block.kind !== "steps") continue;
      if (block.steps instanceof Enumeration) {
        const i = block.steps.indexOf(id);
        if (i !== undefined) return block.steps.at(i);
        continue;
      }
      for (const s of block.steps) if (s.id === id) return s;
    }
  }
  return undefined;
}
