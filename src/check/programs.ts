// The derived formulas of a proof compiled once (src/expr/codegen.ts) against the frame of
// src/check/frame.ts: each net, y and δ by node, E, and the gradients and updates all at once
// (in parts), or one by one where some tree has no meaning.
import * as b from "../expr/build.js";
import { compileAssignments, compileExpr, compileValue, irReads, toIR, type CodegenScope, type Frame, type IR } from "../expr/codegen.js";
import { EvalError } from "../expr/evaluate.js";
import type { Expr } from "../expr/types.js";
import type { Proof } from "../derive/proof.js";
import { activationOf, type Network } from "../network/graph.js";
import { DELTA, GRAD, lossScope, outputDeltaScope, scopeFor, UPDATE } from "./frame.js";
import { stableForms, tanhOf } from "./stable.js";

/** Gradients (or updates) compiled into one function. */
const BATCH = 4096;

export interface Compiled {
  readonly run: (frame: Frame) => number;
  /** The deltas it reads: computed before it runs. */
  readonly deltas: readonly number[];
}

export interface Programs {
  readonly network: Network;
  /** net and y of each non-input node, by node id. */
  readonly net: (Compiled | undefined)[];
  readonly y: (Compiled | undefined)[];
  delta(n: number): Compiled | undefined;
  E(): Compiled;
  /** Every gradient (or update) at once, or undefined where some tree has no meaning. */
  batch(which: "gradient" | "update"): { readonly run: (frame: Frame) => void; readonly deltas: readonly number[] } | undefined;
  single(which: "gradient" | "update", i: number): Compiled;
}

const cache = new WeakMap<Proof, Programs>();

function compiled(e: Expr, scope: CodegenScope, network: Network): Compiled {
  const c = compileExpr(stableForms(e, tanhOf(network)), scope);
  return { run: c.run, deltas: c.reads(DELTA) };
}

export function programs(proof: Proof): Programs {
  const hit = cache.get(proof);
  if (hit !== undefined) return hit;
  const network = proof.network;
  const scope = scopeFor(network);
  const net: (Compiled | undefined)[] = [];
  const y: (Compiled | undefined)[] = [];
  for (const [n, def] of proof.forward) {
    net[n] = compiled(def.net, scope, network);
    if (activationOf(network, n)!.elementwise) y[n] = compiled(def.y, scope, network);
  }
  const deltas: (Compiled | undefined)[] = [];
  let E: Compiled | undefined;
  const batches = new Map<string, ReturnType<Programs["batch"]>>();
  const singles = new Map<string, Compiled>();
  const results = proof.results.params;
  const tree = (which: "gradient" | "update", i: number): Expr => {
    const r = results.at(i);
    if (r === undefined) throw new EvalError(`no value for ${which} ${i}`);
    return stableForms(which === "gradient" ? r.gradient : r.update, tanhOf(network));
  };
  const made: Programs = {
    network,
    net,
    y,
    delta(n) {
      if (deltas[n] === undefined && proof.results.delta.has(n)) {
        const tree = proof.results.delta.get(n)!;
        deltas[n] = compiled(tree, outputDeltaScope(network, scope, tree) ?? scope, network);
      }
      return deltas[n];
    },
    E() {
      // scale * (0 + term_1 + term_2 + ...), as the printed E = scale * sum_k term_k: built once.
      if (E === undefined) {
        const loss = network.loss;
        const terms = network.outputs.map((k) => loss.term(b.sym("y", b.node(k)), b.sym("t", b.node(k))));
        const ls = lossScope(network, scope);
        const ir: IR = {
          k: "mul",
          xs: [
            { k: "const", v: loss.scale },
            { k: "add", xs: terms.map((t) => toIR(t, ls)) },
          ],
        };
        E = { run: compileValue(ir), deltas: irReads(ir, DELTA) };
      }
      return E;
    },
    batch(which) {
      if (!batches.has(which)) {
        // In parts of BATCH trees: a DAG's trees roll into no loops, and one function holding
        // 10^5 of them unrolled needs a frame larger than V8's stack.
        const parts: NonNullable<ReturnType<typeof compileAssignments>>[] = [];
        for (let from = 0; from < results.length; from += BATCH) {
          const c = compileAssignments(
            Array.from({ length: Math.min(BATCH, results.length - from) }, (_, i) => tree(which, from + i)),
            scope,
            which === "gradient" ? GRAD : UPDATE,
            from,
          );
          if (c === undefined) break;
          parts.push(c);
        }
        const complete = parts.length === Math.ceil(results.length / BATCH);
        const deltas = new Set<number>();
        for (const c of parts) for (const n of c.reads(DELTA)) deltas.add(n);
        batches.set(which, complete ? { run: (frame) => parts.forEach((c) => c.run(frame)), deltas: [...deltas] } : undefined);
      }
      return batches.get(which);
    },
    single(which, i) {
      const k = `${which}${i}`;
      let c = singles.get(k);
      if (c === undefined) {
        c = compiled(tree(which, i), scope, network);
        singles.set(k, c);
      }
      return c;
    },
  };
  cache.set(proof, made);
  return made;
}
