// The checker's faster passes change no verdict: the incremental pass that moves a tied
// parameter's every use and reaches only the nodes downstream of a change
// (src/oracle/incremental.ts), the complex-step pass that computes only what the perturbed
// quantity moves (src/oracle/complex-pass.ts), and the passes written into reused arrays
// (src/oracle/scratch.ts, local.ts). Over the fuzz's random networks, the other topologies'
// presets (skips, pruned, tied weights), convolutions (every kernel entry tied across its
// positions; strides, padding, max and average pooling, two convolutions) and the recurrent
// presets (weights tied across time), at random points and at given params, the gradient check
// and the step check (either method) run with the passes as they were (test/check/tied-before.ts,
// complex-before.ts, local-before.ts) and as they are, and every row is compared.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { PRESET_DIR } from "../../src/cli/spec-input.js";
import { rng } from "../../src/oracle/rng.js";
import { randomSpec, wideParams } from "./fuzz-networks.js";

const CASES = Number(process.env.FUZZ_CASES ?? 8);
const SEED = Number(process.env.FUZZ_SEED ?? 20261208);
const PRESETS = ["residual", "dense", "pruned", "two-outputs", "output-feeds", "tied-autoencoder", "conv1d", "conv2d", "rnn", "rnn-last"];

/** Small convolutions of every shape the form takes: 1-D and 2-D, channels, stride, padding, two layers. */
const CONVOLUTIONS: unknown[] = [
  {
    shape: [2, 5],
    stack: [
      { conv: { filters: 2, kernel: 2, stride: 2, padding: 1 }, activation: "tanh" },
      { dense: 2, activation: "softmax" },
    ],
    loss: "cross-entropy",
  },
  {
    shape: [1, 4, 5],
    stack: [
      { conv: { filters: 2, kernel: [2, 3] }, activation: "sigmoid" },
      { conv: { filters: 1, kernel: 2, padding: 1 }, activation: "relu" },
      { dense: 2, activation: "sigmoid" },
    ],
    loss: "binary-cross-entropy",
  },
  {
    shape: [1, 5, 5],
    stack: [
      { conv: { filters: 2, kernel: 2 }, activation: "tanh" },
      { pool: "max", size: 2 },
      { dense: 2, activation: "softmax" },
    ],
    loss: "cross-entropy",
  },
  {
    shape: [2, 6],
    stack: [
      { conv: { filters: 2, kernel: 3 }, activation: "relu" },
      { pool: "average", size: 2 },
      { dense: 1, activation: "sigmoid" },
    ],
    loss: "binary-cross-entropy",
  },
  {
    shape: [2, 3, 3],
    stack: [
      { conv: { filters: 3, kernel: 2 }, activation: "softplus" },
      { dense: 1, activation: "identity" },
    ],
    loss: "mse",
  },
];

/** One module graph of the checker, with the passes as they are now or as they were. */
async function checker(pass: "before" | "after") {
  vi.resetModules();
  if (pass === "before") {
    vi.doMock("../../src/oracle/incremental.js", () => import("./tied-before.js"));
    vi.doMock("../../src/oracle/complex-pass.js", () => import("./complex-before.js"));
    vi.doMock("../../src/oracle/local.js", () => import("./local-before.js"));
  } else {
    vi.doUnmock("../../src/oracle/incremental.js");
    vi.doUnmock("../../src/oracle/complex-pass.js");
    vi.doUnmock("../../src/oracle/local.js");
  }
  const [gradcheck, steps, sampling, derive, spec] = await Promise.all([
    import("../../src/check/gradcheck.js"),
    import("../../src/check/steps.js"),
    import("../../src/check/sampling.js"),
    import("../../src/derive/derive.js"),
    import("../../src/network/spec.js"),
  ]);
  const graph = await import("../../src/network/graph.js");
  /** Every row's verdict, and its numeric derivatives with their estimated errors (rounding differs). */
  return (s: unknown, given: boolean, i: number): { verdicts: string[]; numbers: [number, number][] } => {
    const network = graph.buildNetwork(spec.parseSpec(s));
    const proof = derive.derive(network);
    const params = given
      ? { params: wideParams(network, rng(SEED * 7 + i), (["plain", "saturated", "tiny-probability"] as const)[i % 3]!) }
      : {};
    const verdicts: string[] = [];
    const numbers: [number, number][] = [];
    try {
      const g = gradcheck.gradientCheck(proof, { seed: SEED + i, ...params });
      verdicts.push(
        `gradients: ${g.checked} checked, ${g.failed} failed, ${JSON.stringify(g.notCompared)} not compared, ${g.redraws} redraws`,
      );
      for (const r of g.rows) {
        verdicts.push(`${r.name}: ${r.outcome}${r.reason === undefined ? "" : ` ${r.reason}`}`);
        numbers.push([r.numeric, r.noise]);
      }
      for (const method of ["central", "complex-step"] as const) {
        const st = steps.checkSteps(proof, { seed: SEED + i, method, ...params });
        verdicts.push(
          `steps (${method}): ${st.verified} verified, ${st.failed} failed, ${JSON.stringify(st.notCompared)} not compared, ${st.points} points, ${st.redraws} redraws`,
        );
        for (const [id, c] of st.checks) verdicts.push(`${id}: ${c.status}, ${c.points} points, ${c.method}`);
      }
    } catch (e) {
      if (!(e instanceof sampling.KinkError)) throw e;
      verdicts.push(`refused: ${e.message}`);
    }
    return { verdicts, numbers };
  };
}

const r = rng(SEED);
const fuzz = Array.from({ length: CASES }, (_, i) => ({ name: `fuzz case ${i}`, spec: randomSpec(r), i }));
const presets = PRESETS.map((name, n) => ({
  name: `preset ${name}`,
  spec: JSON.parse(readFileSync(join(PRESET_DIR, `${name}.json`), "utf8")) as unknown,
  i: CASES + n,
}));
const convolutions = CONVOLUTIONS.map((spec, n) => ({ name: `convolution ${n}`, spec, i: CASES + PRESETS.length + n }));

type Checker = Awaited<ReturnType<typeof checker>>;

describe("the sparse incremental, complex-step and local passes", () => {
  let before: Checker;
  let after: Checker;
  beforeAll(async () => {
    before = await checker("before");
    after = await checker("after");
  });

  it.each([...fuzz, ...presets, ...convolutions].map((c) => [c.name, c] as const))(
    "leave every row of the check as it was, at random points and at given params: %s",
    (_name, c) => {
      for (const given of [false, true]) {
        const a = before(c.spec, given, c.i);
        const z = after(c.spec, given, c.i);
        const where = `${c.name}${given ? " at given params" : ""}: ${JSON.stringify(c.spec)}`;
        expect(z.verdicts, where).toEqual(a.verdicts);
        // The comparison covered something: the gradients' and both step checks' summaries at least, or a refusal.
        expect(a.verdicts.length, where).toBeGreaterThanOrEqual(a.verdicts[0]!.startsWith("refused") ? 1 : 3);
        expect(z.numbers.length, where).toBe(a.numbers.length);
        // The same derivative to within the errors the check itself estimates for both.
        a.numbers.forEach(([x, noise], n) => {
          const [y, noiseAfter] = z.numbers[n]!;
          if (Number.isNaN(x)) expect(y, where).toBeNaN();
          else expect(Math.abs(y - x), where).toBeLessThanOrEqual(noise + noiseAfter + 1e-12 * Math.max(1, Math.abs(x)));
        });
      }
    },
  );
});
