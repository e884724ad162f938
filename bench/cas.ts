// Timing of the CAS cross-check at its size limit: nerdamer-prime's cost, not the engine's, is
// what sets CAS_MAX_PARAMS. Softmax over sigmoids is the slowest 40-parameter network found.
import { pathToFileURL } from "node:url";
import { CAS_MAX_PARAMS, casCrossCheck } from "../src/check/cas.js";
import { derive } from "../src/derive/derive.js";
import type { Proof } from "../src/derive/proof.js";
import { buildNetwork } from "../src/network/graph.js";
import { parseSpec } from "../src/network/spec.js";

const NETWORKS = [
  { layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" },
  { layers: [4, 4, 4], activation: "tanh", loss: "mse" },
  { layers: [4, 4, 4], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" },
  { layers: [4, 4, 4], activation: "sigmoid", outputActivation: "softmax", loss: "cross-entropy" },
];

const proofOf = (spec: unknown): Proof => derive(buildNetwork(parseSpec(spec)));

export async function benchCas(): Promise<string[]> {
  // Loading nerdamer-prime and warming it up is not the cross-check's cost.
  await casCrossCheck(proofOf({ layers: [1, 1, 1], activation: "sigmoid", loss: "mse" }), { points: 1 });
  const lines: string[] = [];
  for (const spec of NETWORKS) {
    const proof = proofOf(spec);
    const start = performance.now();
    const report = await casCrossCheck(proof, { seed: 1 });
    const ms = Math.round(performance.now() - start);
    const what = [spec.activation, spec.outputActivation, spec.loss].filter((x) => x !== undefined).join("/");
    const verdict = report.checked
      ? `${report.agreed} agreed, ${report.disagreed.length} disagreed, ${report.derivatives} derivatives`
      : `not made: ${report.notMade}: ${report.reason}`;
    lines.push(
      `cas cross-check [${spec.layers.join(",")}] ${what} (${proof.network.params.length} params, limit ${CAS_MAX_PARAMS}): ${ms} ms, ${verdict}`,
    );
  }
  return lines;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await benchCas()) console.log(line);
}
