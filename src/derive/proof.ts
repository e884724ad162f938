// A proof is data: sections of prose and steps. Renderers print it; checkers evaluate it.
import type { Expr, IndexSet } from "../expr/types.js";
import type { Network } from "../network/graph.js";
import type { Relation, RuleId } from "../rules/equation.js";

/** A free index of an index-form step and the nodes it ranges over, in order. */
export interface ForAll {
  readonly index: string;
  readonly set: IndexSet;
}

export interface Step {
  /** Stable within a proof: "s12". */
  readonly id: string;
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly relation: Relation;
  readonly rule: RuleId;
  /** The human justification, in the proof's language. */
  readonly label: string;
  /** Displayed as a continuation "= rhs" of the previous step, whose lhs it shares. */
  readonly continues: boolean;
  /** Free indices of an index-form step; empty for a step about concrete nodes. */
  readonly forall: readonly ForAll[];
}

export type Inline = { readonly text: string } | { readonly math: Expr };

export type Block =
  | { readonly kind: "text"; readonly content: readonly Inline[] }
  /** `enumeration` marks a list of like steps, one per node or weight, that renderers may elide. */
  | { readonly kind: "steps"; readonly steps: readonly Step[]; readonly enumeration?: boolean };

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly Block[];
}

export interface ParamResult {
  readonly to: number;
  readonly from: number | "b";
  readonly symbol: Expr;
  readonly gradient: Expr;
  readonly update: Expr;
}

export interface Results {
  /** Final, specialised and simplified delta of every non-input node, by node id. */
  readonly delta: ReadonlyMap<number, Expr>;
  readonly params: readonly ParamResult[];
}

export interface Proof {
  readonly network: Network;
  readonly lang: string;
  readonly sections: readonly Section[];
  /** Forward definitions: net_k and y_k of every non-input node, as printed. */
  readonly forward: ReadonlyMap<number, { readonly net: Expr; readonly y: Expr }>;
  readonly results: Results;
}
