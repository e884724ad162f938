// The checker never cries wolf: seeded random networks (every activation, softmax on hidden
// layers too, every loss, custom formulas), each checked as `check` does (random points) and as
// `check --params` does (given params: weights up to ±3, some scaled to saturate the outputs,
// some with an output probability of about 1e-11), must report no failure. The derivations
// are correct (the mutation suite shows that the same checks catch faults), so any failure is
// a false alarm. FUZZ_CASES=300 (npm run test:fuzz) runs the full count; npm test a CI-sized one.
import { describe, expect, it } from "vitest";
import { gradientCheck } from "../../src/check/gradcheck.js";
import { randomParams, type Params } from "../../src/check/params.js";
import { KinkError } from "../../src/check/sampling.js";
import { checkSteps } from "../../src/check/steps.js";
import { derive } from "../../src/derive/derive.js";
import type { Proof } from "../../src/derive/proof.js";
import { buildNetwork, type Network } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import { rng, uniform, type Rng } from "../../src/oracle/rng.js";
import { LOSS_NAMES } from "../rules/names.js";

const CASES = Number(process.env.FUZZ_CASES ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);

const ACTIVATIONS: unknown[] = [
  "identity",
  "sigmoid",
  "tanh",
  "relu",
  "leaky-relu",
  "softplus",
  "softmax",
  { name: "leaky-relu", alpha: 0.2 },
  { custom: "x / (1 + abs(x))" },
  { custom: "tanh(x) + 0.1 * x" },
  { custom: "x^3 / 3 + x" },
  { custom: "sin(x) + x" },
];
const LOSSES: unknown[] = [...LOSS_NAMES, { custom: "(y - t)^4" }, { custom: "ln(1 + (y - t)^2)" }];

type Kind = "plain" | "saturated" | "tiny-probability";

function randomSpec(r: Rng): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const layers = Array.from({ length: 2 + Math.floor(r() * 3) }, () => 1 + Math.floor(r() * 4));
  const activations = layers.slice(1).map(() => pick(ACTIVATIONS));
  const loss = pick(LOSSES);
  const last = activations.length - 1;
  if (loss === "binary-cross-entropy") activations[last] = "sigmoid";
  if (loss === "cross-entropy") activations[last] = pick(["softmax", "sigmoid"]);
  activations.forEach((a, l) => {
    // A one-node softmax is the constant 1; a softmax output fed to a loss of y alone is fine.
    if (a === "softmax" && layers[l + 1] === 1) layers[l + 1] = 2;
  });
  return { layers, activations, loss };
}

/** Params as a user might give them: weights up to ±3; saturated: scaled up; tiny: one output near 0. */
function wideParams(network: Network, r: Rng, kind: Kind): Params {
  const p = randomParams(network, r);
  const scale = kind === "saturated" ? 12 : 1;
  const values = network.params.map(() => scale * uniform(r, -3, 3));
  if (kind === "tiny-probability") {
    // The first output's bias pushes its probability to about e^{-25}, 1e-11.
    const bias = network.params.findIndex((q) => q.to === network.outputs[0] && q.from === "b");
    values[bias] = -25 - 3 * network.nodes[network.outputs[0]!]!.preds.length;
  }
  return { ...p, values };
}

interface Outcome {
  readonly failures: string[];
  readonly refused: string[];
  readonly notChecked: number;
}

function checkAll(proof: Proof, seed: number, params?: Params): Outcome {
  const failures: string[] = [];
  const refused: string[] = [];
  let notChecked = 0;
  const opts = params ? { params } : {};
  try {
    const g = gradientCheck(proof, { seed, ...opts });
    notChecked += g.overflow;
    for (const row of g.rows)
      if (!row.ok) failures.push(`gradient ${row.name}: derived ${row.derived}, numeric ${row.numeric}, noise ${row.noise}`);
    const s = checkSteps(proof, { seed, ...opts });
    notChecked += s.overflow;
    for (const f of s.failures)
      failures.push(
        `step ${f.step} (${f.label}) ${f.where} point ${f.point}: ${f.lhs} vs ${f.rhs}, error ${f.error}${f.reason ? `: ${f.reason}` : ""}`,
      );
  } catch (e) {
    // Given params at which a difference would cross a kink, or a loss that is not finite:
    // refused with a reason (exit 1, not a verdict on the derivation); counted apart.
    if (!(e instanceof KinkError)) throw e;
    refused.push(e.message);
  }
  return { failures, refused, notChecked };
}

describe(`the fuzz: ${CASES} random networks, each at random points and at given params`, () => {
  const r = rng(SEED);
  const cases = Array.from({ length: CASES }, (_, i) => ({
    i,
    spec: randomSpec(r),
    kind: (["plain", "saturated", "tiny-probability"] as const)[i % 3]!,
  }));
  const tally = { failures: 0, refused: 0, notChecked: 0 };

  it.each(cases)("case $i ($kind)", ({ i, spec, kind }) => {
    const network = buildNetwork(parseSpec(spec));
    const proof = derive(network);
    const random = checkAll(proof, SEED + i);
    const given = checkAll(proof, SEED + i, wideParams(network, rng(SEED * 7 + i), kind));
    tally.failures += random.failures.length + given.failures.length;
    tally.refused += given.refused.length;
    tally.notChecked += random.notChecked + given.notChecked;
    // Random points are redrawn until they can be used: never refused.
    expect(random.refused).toEqual([]);
    expect([...random.failures, ...given.failures], JSON.stringify(spec)).toEqual([]);
  });

  it("reports its figures", () => {
    console.log(
      `fuzz: ${CASES} networks (seed ${SEED}), ${tally.failures} false failures, ${tally.refused} given params refused (a difference across a kink or a loss that is not finite), ${tally.notChecked} steps or gradients not checked (overflow)`,
    );
    expect(tally.failures).toBe(0);
  });
});
