// Builds steps and blocks with stable ids and labels in the proof's language.
import type { Expr, IndexSet } from "../expr/types.js";
import type { Network } from "../network/graph.js";
import type { Relation, RuleId } from "../rules/equation.js";
import type { Equation } from "../rules/equation.js";
import { label, message } from "./messages/index.js";
import type { MessageKey } from "./messages/en.js";
import type { Block, ForAll, Step } from "./proof.js";

export type Link = readonly [rhs: Expr, rule: RuleId, labelKey: string];

export class Builder {
  private count = 0;
  constructor(
    readonly network: Network,
    readonly lang: string,
  ) {}

  step(lhs: Expr, rhs: Expr, rule: RuleId, labelKey: string, opts: { relation?: Relation; continues?: boolean; forall?: readonly ForAll[] } = {}): Step {
    return {
      id: `s${++this.count}`,
      lhs,
      rhs,
      relation: opts.relation ?? "eq",
      rule,
      label: label(this.lang, labelKey),
      continues: opts.continues ?? false,
      forall: opts.forall ?? [],
    };
  }

  /** lhs = a = b = ...: one step per link, each after the first displayed as a continuation. */
  chain(lhs: Expr, links: readonly Link[], forall: readonly ForAll[] = []): Step[] {
    return links.map(([rhs, rule, key], i) => this.step(lhs, rhs, rule, key, { continues: i > 0, forall }));
  }

  /** A lemma's equations as steps; consecutive equations with the same lhs form one chain. */
  equations(eqs: readonly Equation[], forall: readonly ForAll[] = []): Step[] {
    return eqs.map((e, i) => {
      const prev = eqs[i - 1];
      const continues = prev !== undefined && prev.lhs === e.lhs;
      return this.step(e.lhs, e.rhs, e.rule, e.label, { relation: e.relation ?? "eq", continues, forall });
    });
  }

  text(key: MessageKey, params: Record<string, Expr | string | number> = {}): Block {
    return { kind: "text", content: message(this.lang, key, params) };
  }

  steps(steps: readonly Step[], enumeration = false): Block {
    return enumeration ? { kind: "steps", steps, enumeration } : { kind: "steps", steps };
  }

  title(key: MessageKey): string {
    return label(this.lang, key);
  }
}

export const nodesOf = (nodes: readonly number[]): IndexSet => ({ kind: "nodes", nodes });
