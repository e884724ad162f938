// A step over part of the network names its nodes, "(k = 6, 7)", and elides only runs of
// consecutive nodes: in conv2d ([1,5,5] input, 25 nodes; a 2x2 convolution to 2 maps of 4x4,
// nodes 26-57; max pooling to 2x2x2, nodes 58-65; a dense layer of 3, nodes 66-68) the steps
// about weights range over the convolution's and the dense layer's nodes, never the pooling
// nodes, which have no weights: "26, ..., 68" would say otherwise.
import { describe, expect, it } from "vitest";
import { contentText } from "../../src/render/document.js";
import { FORMATS } from "../../src/render/formats.js";
import { checked } from "./helpers.js";

describe("the nodes a step ranges over", () => {
  it("are listed with a gap where the set has one", () => {
    const md = String(contentText(FORMATS.md(checked("conv2d"), { style: "proof" }).find((f) => f.name === "derivation.md")!.content));
    expect(md).toContain("k = 26, \\dots, 57, 66, 67, 68");
    expect(md).not.toMatch(/k = 26, \\dots, 68\b/);
  });

  it("are elided to the ends of a run of consecutive nodes", () => {
    const md = String(contentText(FORMATS.md(checked("deep-relu"), { style: "proof" }).find((f) => f.name === "derivation.md")!.content));
    expect(md).toMatch(/[kj] = \d+, \\dots, \d+\)/);
  });
});
