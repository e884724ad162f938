// Claims built from the derivation's own scalar steps, in both notations: the derived formula as a
// claim (it must hold), and mistakes made from it by the mutation suite's operators
// (test/check/mutants.ts), each with the diagnosis it calls for.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { derive } from "../../src/derive/derive.js";
import type { Step } from "../../src/derive/proof.js";
import { equal } from "../../src/expr/key.js";
import { toLatex } from "../../src/expr/latex.js";
import { toText } from "../../src/expr/text.js";
import type { Expr } from "../../src/expr/types.js";
import { children, mentionsIndex } from "../../src/expr/walk.js";
import { buildNetwork, type Network } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import type { Diagnosis } from "../../src/verify/variants.js";
import { OPERATORS, type OperatorName } from "../check/mutants.js";

/** The six networks of the claim table: sigmoid/mse, the seed, sigmoid/BCE, tanh, a DAG with an output that feeds, a tied network. */
export const NETWORKS = ["sigmoid-mse", "seed", "sigmoid-bce", "tanh-mse", "output-feeds", "tied-autoencoder"] as const;

export function presetNetwork(name: string): Network {
  const spec = JSON.parse(readFileSync(resolve(import.meta.dirname, `../../templates/networks/${name}.json`), "utf8")) as Record<
    string,
    unknown
  >;
  delete spec.name;
  return buildNetwork(parseSpec(spec));
}

/** The diagnosis each operator's mistake calls for. */
export const EXPECTED: Record<OperatorName, Diagnosis> = {
  "drop-fprime": "missing-derivative",
  "swap-wkj": "swapped-indices",
  "drop-sum-term": "missing-term",
  "wrong-set": "wrong-set",
  "flip-sign": "sign",
  "drop-half-mse": "factor",
  "y-for-y(1-y)": "wrong-derivative",
  "softmax-elementwise": "elementwise-softmax",
};

const VECTOR = new Set(["tensor", "matrix", "transpose", "matmul", "hadamard"]);
const scalar = (e: Expr): boolean => !VECTOR.has(e.kind) && !(e.kind === "sym" && e.name === "theta") && children(e).every(scalar);

/** Whether a step's left side is one a claim may have (E, delta, net, y, dE/d..., dy/dnet). */
function claimable(s: Step): boolean {
  const l = s.lhs;
  if (s.rule === "gradient-descent" || !scalar(l) || !scalar(s.rhs)) return false;
  if (l.kind === "sym") return ["E", "delta", "net", "y"].includes(l.name);
  return (
    l.kind === "deriv" && l.of.kind === "sym" && (l.of.name === "E" || (l.of.name === "y" && l.wrt.kind === "sym" && l.wrt.name === "net"))
  );
}

export interface DerivedClaim {
  readonly plain: string;
  readonly latex: string;
  readonly lhs: Expr;
  readonly rhs: Expr;
  /** The range clause in each notation ("" for a step about named nodes). */
  readonly range: { readonly plain: string; readonly latex: string };
  /** Whether the tree is about the loss (E, dE/dy_k, an output delta): where mse's 1/2 shows. */
  readonly lossSite: boolean;
}

/** Every distinct claimable scalar step of a network's proof, both notations. */
export function derivedClaims(network: Network): DerivedClaim[] {
  const proof = derive(network);
  const seen = new Set<string>();
  const out: DerivedClaim[] = [];
  for (const section of proof.sections) {
    // The mini-batch section's E is the batch loss over examples d: a claim is about one example.
    if (section.id === "batch") continue;
    for (const block of section.blocks) {
      if (block.kind !== "steps") continue;
      for (const s of block.steps) {
        if (!claimable(s)) continue;
        // The range of each free index, as the step states it; a step whose forall names an
        // index its left side does not mention (the softmax's y_i "for k") is left out.
        if (s.forall.some((f) => !mentionsIndex(s.lhs, f.index))) continue;
        const ranges = s.forall.map((f) => ({ index: f.index, nodes: f.set.kind === "nodes" ? f.set.nodes : [] }));
        if (ranges.some((r) => r.nodes.length === 0)) continue;
        const plainRange = ranges.length === 0 ? "" : ` for ${ranges.map((r) => `${r.index} in {${r.nodes.join(", ")}}`).join(", ")}`;
        const latexRange =
          ranges.length === 0 ? "" : ` \\quad \\text{for } ${ranges.map((r) => `${r.index} \\in \\{${r.nodes.join(", ")}\\}`).join(", ")}`;
        const plain = `${toText(s.lhs)} = ${toText(s.rhs)}${plainRange}`;
        if (seen.has(plain)) continue;
        seen.add(plain);
        const l = s.lhs;
        const lossSite =
          (l.kind === "sym" && (l.name === "E" || (l.name === "delta" && isOutputDelta(network, l)))) ||
          (l.kind === "deriv" && l.of.kind === "sym" && l.of.name === "E" && l.wrt.kind === "sym" && l.wrt.name === "y");
        out.push({
          plain,
          latex: `${toLatex(s.lhs)} = ${toLatex(s.rhs)}${latexRange}`,
          lhs: s.lhs,
          rhs: s.rhs,
          range: { plain: plainRange, latex: latexRange },
          lossSite,
        });
      }
    }
  }
  return out;
}

function isOutputDelta(network: Network, l: Extract<Expr, { kind: "sym" }>): boolean {
  const i = l.idx[0];
  return i?.kind === "var" ? i.name === "k" : i?.kind === "node" && network.outputs.includes(i.n);
}

export interface Mistake {
  readonly operator: OperatorName;
  readonly claim: string;
  readonly notation: "plain" | "latex";
  readonly expected: Diagnosis;
}

/** The mistakes the operators make of the derived claims, both notations. */
export function mistakes(network: Network, claims: readonly DerivedClaim[]): Mistake[] {
  const out: Mistake[] = [];
  for (const c of claims) {
    for (const [name, op] of Object.entries(OPERATORS) as [OperatorName, (typeof OPERATORS)[OperatorName]][]) {
      const m = op(c.rhs, { network, lossSite: c.lossSite });
      if (m === undefined || equal(m, c.rhs)) continue;
      // Softmax taken elementwise in its own definition makes y_k = e^{net_k} / e^{net_k} = 1:
      // no derivative is involved, so no differentiation mistake to name.
      if (name === "softmax-elementwise" && c.lhs.kind === "sym" && c.lhs.name === "y") continue;
      out.push({ operator: name, claim: `${toText(c.lhs)} = ${toText(m)}${c.range.plain}`, notation: "plain", expected: EXPECTED[name] });
      out.push({ operator: name, claim: `${toLatex(c.lhs)} = ${toLatex(m)}${c.range.latex}`, notation: "latex", expected: EXPECTED[name] });
    }
  }
  return out;
}
