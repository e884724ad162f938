// The value of a numeric exercise recomputed from its own spec and params by the oracle alone
// (the forward definitions, and derivatives of E by complex steps or extrapolated central
// differences): nothing of the derivation or the checker is shared.
import { parseBatch } from "../../src/check/params.js";
import * as b from "../../src/expr/build.js";
import type { Exercise } from "../../src/exercises/types.js";
import { exampleParams } from "../../src/network/batch.js";
import { buildNetwork, type Network } from "../../src/network/graph.js";
import { paramAt } from "../../src/network/params.js";
import { parseSpec } from "../../src/network/spec.js";
import { batchDerivative, batchPass } from "../../src/oracle/batch.js";
import { derivative, newTally } from "../../src/oracle/differences.js";
import { forwardPass } from "../../src/oracle/forward.js";

/** The value of a numeric exercise, from its own spec and params, by the oracle alone. */
export function independent(e: Exercise): { value: number; noise: number } {
  const network: Network = buildNetwork(parseSpec(e.spec));
  const batch = parseBatch(network, e.params);
  const q = e.quantity!;
  const p = exampleParams(batch, 0);
  const single = batch.examples.length === 1;
  const E = b.sym("E");
  const dE = (quantity: Parameters<typeof derivative>[2]): { value: number; noise: number } => {
    const tally = newTally();
    const value = derivative({ network, params: p, base: forwardPass(network, p), method: "complex-step", tally }, E, quantity);
    return { value, noise: tally.noise };
  };
  const gradient = (): { value: number; noise: number } => {
    const i = paramAt(network, q.node!, q.from!)!;
    if (single) return dE({ kind: "param", index: i });
    const d = batchDerivative(network, batch, batchPass(network, batch), i, "complex-step");
    return { value: d.value, noise: d.noise };
  };
  switch (q.kind) {
    case "E":
      return { value: single ? forwardPass(network, p).E : batchPass(network, batch).E, noise: 0 };
    case "net":
      return { value: forwardPass(network, p).net[q.node!]!, noise: 0 };
    case "y":
      return { value: forwardPass(network, p).y[q.node!]!, noise: 0 };
    case "delta":
      return dE({ kind: "net", node: q.node! });
    case "gradient":
      return gradient();
    case "updated": {
      const g = gradient();
      return { value: p.values[paramAt(network, q.node!, q.from!)!]! - p.eta * g.value, noise: p.eta * g.noise };
    }
  }
}
