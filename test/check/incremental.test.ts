// The faster incremental pass (one affected sum updated, src/oracle/incremental.ts) changes no
// verdict of the check: over the fuzz's random networks (at random points and at given params)
// and the other topologies' presets (skips, pruned, tied weights), the gradient check and the
// step check are run with the earlier pass (test/check/incremental-before.ts, which re-summed
// the perturbed node's fan-in) and with the current one, and every row is compared.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { PRESET_DIR } from "../../src/cli/spec-input.js";
import { rng } from "../../src/oracle/rng.js";
import { randomSpec, wideParams } from "./fuzz-networks.js";

// Half the fuzz's CI-sized count by default (each case is checked twice); FUZZ_CASES sets it.
const CASES = Number(process.env.FUZZ_CASES ?? 15);
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const PRESETS = ["residual", "dense", "pruned", "two-outputs", "output-feeds", "tied-autoencoder"];

/** One module graph of the checker, with the pass as it is now or as it was. */
async function checker(pass: "before" | "after") {
  vi.resetModules();
  if (pass === "before") vi.doMock("../../src/oracle/incremental.js", () => import("./incremental-before.js"));
  else vi.doUnmock("../../src/oracle/incremental.js");
  const [gradcheck, steps, sampling, derive, graph, spec] = await Promise.all([
    import("../../src/check/gradcheck.js"),
    import("../../src/check/steps.js"),
    import("../../src/check/sampling.js"),
    import("../../src/derive/derive.js"),
    import("../../src/network/graph.js"),
    import("../../src/network/spec.js"),
  ]);
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
      const st = steps.checkSteps(proof, { seed: SEED + i, ...params });
      verdicts.push(
        `steps: ${st.verified} verified, ${st.failed} failed, ${JSON.stringify(st.notCompared)} not compared, ${st.points} points, ${st.redraws} redraws`,
      );
      for (const [id, c] of st.checks) verdicts.push(`${id}: ${c.status}, ${c.points} points, ${c.method}`);
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

describe("the incremental pass that updates one sum", () => {
  it("leaves every row of the check as it was, at random points and at given params", async () => {
    const before = await checker("before");
    const after = await checker("after");
    let rows = 0;
    for (const c of [...fuzz, ...presets]) {
      for (const given of [false, true]) {
        const a = before(c.spec, given, c.i);
        const z = after(c.spec, given, c.i);
        const where = `${c.name}${given ? " at given params" : ""}: ${JSON.stringify(c.spec)}`;
        expect(z.verdicts, where).toEqual(a.verdicts);
        expect(z.numbers.length, where).toBe(a.numbers.length);
        // The same derivative to within the errors the check itself estimates for both.
        a.numbers.forEach(([x, noise], n) => {
          const [y, noiseAfter] = z.numbers[n]!;
          if (Number.isNaN(x)) expect(y, where).toBeNaN();
          else expect(Math.abs(y - x), where).toBeLessThanOrEqual(noise + noiseAfter + 1e-12 * Math.max(1, Math.abs(x)));
        });
        rows += a.verdicts.length;
      }
    }
    // The comparison covered something: every case gives at least its two summary rows.
    expect(rows).toBeGreaterThan(4 * (fuzz.length + presets.length));
  });
});
