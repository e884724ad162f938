// Builds steps and blocks with stable ids and labels in the proof's language. A step's label is
// one its rule may give (labels.ts): the pair is checked when the code compiles.
import { key } from "../expr/key.js";
import type { Expr, IndexSet } from "../expr/types.js";
import type { Network } from "../network/graph.js";
import type { ElementwiseActivation } from "../rules/activations/activation.js";
import type { Relation, RuleId } from "../rules/equation.js";
import type { Equation } from "../rules/equation.js";
import type { LabelOf } from "./labels.js";
import { label, labelOf, message, type MessageKey, type Param } from "./messages/index.js";
import type { Block, ForAll, Inline, Shown, Step, StepList, Target, TextLayout } from "./proof.js";
import { Deferred, Enumeration } from "./enumeration.js";

/** One link of a chain lhs = a = b: its right side, its rule and a label of that rule. */
export type Link = { [R in RuleId]: readonly [rhs: Expr, rule: R, labelKey: LabelOf<R>] }[RuleId];

export interface StepOptions {
  readonly relation?: Relation;
  readonly continues?: boolean;
  readonly forall?: readonly ForAll[];
  readonly anchor?: string;
  readonly tag?: string;
  /** Values for the label's placeholders ("by Lemma {n}"). */
  readonly labelParams?: Readonly<Record<string, string | number>>;
}

export type Params = Record<string, Param>;

/** A step of an enumeration: its two sides, its rule, a label of that rule, and its relation. */
export type Instance = { [R in RuleId]: readonly [lhs: Expr, rhs: Expr, rule: R, labelKey: LabelOf<R>, relation?: Relation] }[RuleId];

export interface BlockOptions {
  readonly enumeration?: boolean;
  readonly show?: "proof" | "both";
  readonly notesRows?: number;
  readonly notesLast?: boolean;
  readonly deltaResults?: boolean;
  readonly instancesOf?: readonly string[];
  readonly lemma?: ElementwiseActivation;
}

export class Builder {
  private count: number;
  constructor(
    readonly network: Network,
    readonly lang: string,
    /** Step ids are this prefix and a number: "s12". */
    private readonly prefix = "s",
    /** The number of steps made before (a deferred block's builder continues its numbering). */
    start = 0,
  ) {
    this.count = start;
  }

  step<R extends RuleId>(lhs: Expr, rhs: Expr, rule: R, labelKey: LabelOf<R>, opts: StepOptions = {}): Step {
    const text = label(this.lang, labelKey);
    return this.make(
      lhs,
      rhs,
      rule,
      opts.labelParams === undefined ? text : text.replace(/\{(\w+)\}/g, (m, k: string) => String(opts.labelParams![k] ?? m)),
      opts,
    );
  }

  private make(lhs: Expr, rhs: Expr, rule: RuleId, text: string, opts: StepOptions): Step {
    return {
      id: `${this.prefix}${++this.count}`,
      lhs,
      rhs,
      relation: opts.relation ?? "eq",
      rule,
      label: text,
      continues: opts.continues ?? false,
      forall: opts.forall ?? [],
      ...(opts.anchor === undefined ? {} : { anchor: opts.anchor }),
      ...(opts.tag === undefined ? {} : { tag: opts.tag }),
    };
  }

  /** lhs = a = b = ...: one step per link, each after the first displayed as a continuation. */
  chain(lhs: Expr, links: readonly Link[], forall: readonly ForAll[] = [], anchorLast?: string): Step[] {
    return links.map(([rhs, rule, key], i) =>
      this.make(lhs, rhs, rule, label(this.lang, key as MessageKey), {
        continues: i > 0,
        forall,
        ...(anchorLast !== undefined && i === links.length - 1 ? { anchor: anchorLast } : {}),
      }),
    );
  }

  /**
   * A rule module's equations (a lemma) as steps; consecutive equations with the same lhs form
   * one chain. Their labels are message keys given as strings, so they are checked here: a key
   * that no table has, or one its rule may not give, is a bug of the module.
   */
  equations(eqs: readonly Equation[], forall: readonly ForAll[] = []): Step[] {
    return eqs.map((e, i) => {
      const prev = eqs[i - 1];
      // Compared by value: a module may build the same left side afresh for each line.
      const continues = prev !== undefined && (prev.lhs === e.lhs || key(prev.lhs) === key(e.lhs));
      return this.make(e.lhs, e.rhs, e.rule, labelOf(this.lang, e.label), { relation: e.relation ?? "eq", continues, forall });
    });
  }

  text(key: MessageKey, params: Params = {}, opts: { show?: Shown; layout?: TextLayout; target?: Target } = {}): Block {
    return { kind: "text", content: message(this.lang, key, params), ...opts };
  }

  /** A row of a table: each cell text or formulas. The content holds the cells joined. */
  row(cells: readonly (string | Expr | readonly Inline[])[], layout: "row" | "head" = "row"): Block {
    const parts = cells.map((c): readonly Inline[] =>
      typeof c === "string" ? [{ text: c }] : Array.isArray(c) ? (c as readonly Inline[]) : [{ math: c as Expr }],
    );
    return { kind: "text", content: parts.flatMap((p, i) => (i === 0 ? p : [{ text: "; " }, ...p])), cells: parts, layout };
  }

  steps(steps: StepList, opts: BlockOptions | boolean = {}): Block {
    const o = typeof opts === "boolean" ? { enumeration: opts } : opts;
    return {
      kind: "steps",
      steps,
      ...(o.enumeration ? { enumeration: true } : {}),
      ...(o.show === undefined ? {} : { show: o.show }),
      ...(o.notesRows === undefined ? {} : { notesRows: o.notesRows }),
      ...(o.notesLast ? { notesLast: true } : {}),
      ...(o.deltaResults ? { deltaResults: true } : {}),
      ...(o.instancesOf === undefined ? {} : { instancesOf: o.instancesOf }),
      ...(o.lemma === undefined ? {} : { lemma: o.lemma }),
    };
  }

  /**
   * count(n) steps for each node n, the i-th of node n written by make(n, i) whenever it is read
   * (an enumeration: enumeration.ts). Their ids are reserved now, in order.
   */
  perNode(nodes: readonly number[], count: (node: number) => number, make: (node: number, i: number) => Instance): Enumeration {
    const lang = this.lang;
    const e = new Enumeration(nodes, count, this.count + 1, this.prefix, (n, i) => {
      const [lhs, rhs, rule, key, relation] = make(n, i);
      return { lhs, rhs, rule, relation: relation ?? "eq", label: label(lang, key as MessageKey) };
    });
    this.count += e.length;
    return e;
  }

  /**
   * Steps made only when read, `count` of them, by `make` with a builder that numbers them as this
   * one would have at this point: for chains whose formulas are as large as a layer's weights.
   */
  deferred(count: number, make: (bd: Builder) => readonly Step[]): StepList {
    const start = this.count;
    this.count += count;
    return new Deferred(count, () => make(new Builder(this.network, this.lang, this.prefix, start)));
  }

  title(key: MessageKey): string {
    return label(this.lang, key);
  }
}

export const nodesOf = (nodes: readonly number[]): IndexSet => ({ kind: "nodes", nodes });
