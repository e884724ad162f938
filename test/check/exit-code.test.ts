// check exits 1 when a step or a gradient fails: the CLI is run in process on a proof with one
// fault injected (the derivation itself never has one to show), and must list it and exit 1.
import { describe, expect, it, vi } from "vitest";
import * as b from "../../src/expr/build.js";
import type { Proof } from "../../src/derive/proof.js";
import { run } from "../cli/helpers.js";

vi.mock("../../src/derive/derive.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/derive/derive.js")>();
  return {
    ...real,
    derive: (...args: Parameters<typeof real.derive>): Proof => {
      const proof = real.derive(...args);
      // The gradient of the first parameter doubled, and the last specialised step's right side too.
      const params = [...proof.results.params].map((q, i) => (i === 0 ? { ...q, gradient: b.mul(b.num(2), q.gradient) } : q));
      const sections = proof.sections.map((s) =>
        s.id !== "specialise"
          ? s
          : {
              ...s,
              blocks: s.blocks.map((blk, n) =>
                blk.kind === "steps" && n === s.blocks.length - 1
                  ? { ...blk, steps: [...blk.steps].map((st, m) => (m === 0 ? { ...st, rhs: b.mul(b.num(2), st.rhs) } : st)) }
                  : blk,
              ),
            },
      );
      return { ...proof, sections, results: { ...proof.results, params } };
    },
  };
});

describe("check's exit code", () => {
  it("exits 1 on a failed step and a failed gradient, and names both", async () => {
    const r = await run("check", "sigmoid-mse");
    expect(r.code).toBe(1);
    expect(r.out.some((l) => l.startsWith("FAILED s"))).toBe(true);
    expect(r.out.some((l) => l.startsWith("w_3_1") && l.endsWith("NO"))).toBe(true);
    expect(r.out.at(-1)).toMatch(/, 1 failed,/);
  });

  it("says it with the exit code alone under --quiet", async () => {
    expect(await run("check", "sigmoid-mse", "--quiet")).toMatchObject({ code: 1, out: [], err: [] });
  });
});
