// Readable at any size: a [784, 128, 10] network renders to documents whose size does not grow
// with the layers' widths, in under a second (the derivation itself is measured elsewhere).
import { describe, expect, it } from "vitest";
import { FORMATS, type Format } from "../../src/render/formats.js";
import { checked } from "./helpers.js";

const MNIST = { layers: [784, 128, 10], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" };
const SMALLER = { ...MNIST, layers: [100, 50, 10] };
const DOCUMENTS: readonly Format[] = ["tex", "html", "md"];

const sizes = (spec: object): Record<string, number> =>
  Object.fromEntries(DOCUMENTS.map((f) => [f, String(FORMATS[f](checked(spec), {})[0]!.content).length]));

describe("a [784, 128, 10] network", { timeout: 120_000 }, () => {
  it("renders LaTeX, HTML and Markdown in under a second", () => {
    const input = checked(MNIST);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      for (const f of DOCUMENTS) FORMATS[f](input, {});
      const c = process.cpuUsage(c0);
      wall.push(performance.now() - t0);
      cpu.push((c.user + c.system) / 1000);
    }
    const ms = (xs: number[]): string => xs.map((x) => x.toFixed(0)).join(", ");
    console.log(`render [784, 128, 10] (tex + html + md), runs 1-3: wall ${ms(wall)} ms; cpu ${ms(cpu)} ms`);
    // The first run also compiles KaTeX and the templates. CPU time, not wall time: the test files
    // run in parallel on few cores, and the others' load must not make this one fail.
    expect(Math.min(...cpu)).toBeLessThan(1000);
  });

  it("produces documents of bounded size, the same as for a much smaller network", () => {
    const big = sizes(MNIST);
    const small = sizes(SMALLER);
    console.log(`document sizes [784, 128, 10]: ${JSON.stringify(big)}; [100, 50, 10]: ${JSON.stringify(small)}`);
    expect(big.tex!).toBeLessThan(100_000);
    expect(big.md!).toBeLessThan(100_000);
    expect(big.html!).toBeLessThan(3_000_000);
    for (const f of DOCUMENTS) expect(big[f]!).toBeLessThan(1.1 * small[f]!);
  });

  it("says in the picture's caption that wide layers are drawn in part", () => {
    const md = String(FORMATS.md(checked(MNIST), {})[0]!.content);
    expect(md).toContain("Layers wider than 6 nodes show their first nodes, an ellipsis and their last node.");
  });
});
