// A proof's per-node and per-weight steps and results are made when read (src/derive/lazy.ts), so
// derive() alone measures little: the benches time derive() and one reading of everything it
// derives, as the JSON writer or a renderer of every step would read it.
import { derive } from "../src/derive/derive.js";
import type { Proof } from "../src/derive/proof.js";
import { size } from "../src/expr/walk.js";
import type { Network } from "../src/network/graph.js";

/** Every step of every block, every node's δ and every weight's gradient and update, made once: their total size in Expr nodes. */
export function readAll(proof: Proof): number {
  let n = 0;
  for (const s of proof.sections) {
    for (const b of s.blocks) {
      if (b.kind !== "steps") continue;
      for (const st of b.steps) n += size(st.lhs) + size(st.rhs);
    }
  }
  for (const d of proof.results.delta.values()) n += size(d);
  for (const p of proof.results.params) n += size(p.gradient) + size(p.update);
  return n;
}

/** derive() and one reading of everything it derives; the proof's size, to show it was all made. */
export function deriveWhole(network: Network): { proof: Proof; nodes: number } {
  const proof = derive(network);
  return { proof, nodes: readAll(proof) };
}
