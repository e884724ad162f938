// Readable at any size: a [784, 128, 10] network renders to documents whose size does not grow
// with the layers' widths. (Rendering time is a figure of the benchmark, bench/render.ts: no
// assertion here depends on the machine's load.)
import { describe, expect, it } from "vitest";
import { FORMATS, type Format } from "../../src/render/formats.js";
import { checked } from "./helpers.js";
import { contentText } from "../../src/render/document.js";

const MNIST = { layers: [784, 128, 10], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" };
const SMALLER = { ...MNIST, layers: [100, 50, 10] };
const DOCUMENTS: readonly Format[] = ["tex", "html", "md"];

const sizes = (spec: object): Record<string, number> =>
  Object.fromEntries(DOCUMENTS.map((f) => [f, String(contentText(FORMATS[f](checked(spec), {})[0]!.content)).length]));

describe("a [784, 128, 10] network", { timeout: 120_000 }, () => {
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
    const md = String(contentText(FORMATS.md(checked(MNIST), {})[0]!.content));
    expect(md).toContain("Layers wider than 6 nodes show their first nodes, an ellipsis and their last node.");
  });
});
