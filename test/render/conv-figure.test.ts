// The picture of a convolutional network: one window of the kernel and the one output position it
// reaches, one position of the map read and the output positions whose windows cover it (counted
// here from the definition of a window, not by the picture's code), the zero padding drawn; no
// text over another or over a cell, the two panels apart, everything inside the picture; the
// documents carry it (network.svg for HTML and Markdown, TikZ in LaTeX) with its caption.
import { describe, expect, it } from "vitest";
import { convFigure, convFigureSvg, convFigureTikz, type Rect } from "../../src/render/conv-figure.js";
import { contentText, FORMATS } from "../../src/render/formats.js";
import { checked, networkOf } from "./helpers.js";

const SPECS: [string, object | string][] = [
  ["conv2d", "conv2d"],
  ["conv1d", "conv1d"],
  [
    "stride 2, padding 1, two channels",
    { shape: [2, 5, 5], stack: [{ conv: { filters: 2, kernel: 3, stride: 2, padding: 1 } }, { dense: 2 }], loss: "mse" },
  ],
  ["1-D with padding", { shape: [1, 7], stack: [{ conv: { filters: 1, kernel: 3, padding: 1 } }, { dense: 2 }], loss: "mse" }],
  ["a large map", { shape: [1, 28, 28], stack: [{ conv: { filters: 1, kernel: 3 } }, { dense: 2 }], loss: "mse" }],
];

const overlap = (a: Rect, b: Rect): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe.each(SPECS)("the picture of %s", (_, spec) => {
  const network = networkOf(spec);
  const layout = network.spec.convolution!;
  const conv = layout.layers[0]!;
  if (conv.kind !== "conv") throw new Error("the first layer is a convolution in these specs");

  it.each(["en", "zh-Hant"])("in %s: one window, the position it reaches, and the positions a position feeds", (lang) => {
    const fig = convFigure(layout, lang)!;
    const svg = convFigureSvg(fig, "t");
    const count = (mark: string): number => (svg.match(new RegExp(`class="${mark}"`, "g")) ?? []).length;
    expect(count("window")).toBe(1);
    expect(count("reached")).toBe(1);
    expect(count("source")).toBe(1);
    const [ph, pw] = conv.padding;
    expect(count("padding")).toBe(2 * ((conv.input.h + 2 * ph) * (conv.input.w + 2 * pw) - conv.input.h * conv.input.w));
    // The source cell's position, from its place in the backward panel's input grid, and the windows that cover it.
    const rects = fig.rects;
    const source = rects.find((r) => r.mark === "source")!;
    const fedX = Math.min(...rects.filter((r) => r.mark === "fed").map((r) => r.x));
    const grid = rects.filter((r) => (r.mark === "cell" || r.mark === "padding") && r.y >= fig.panels[1]!.y && r.x < fedX);
    const cell = source.w;
    const q = Math.round((source.x - Math.min(...grid.map((g) => g.x))) / cell) - pw;
    const r = Math.round((source.y - Math.min(...grid.map((g) => g.y))) / cell) - ph;
    let windows = 0;
    for (let i = 0; i < conv.output.h; i++)
      for (let j = 0; j < conv.output.w; j++) {
        const u = r - (conv.stride[0] * i - ph);
        const v = q - (conv.stride[1] * j - pw);
        if (u >= 0 && u < conv.kernel[0] && v >= 0 && v < conv.kernel[1]) windows++;
      }
    expect(windows).toBeGreaterThan(0);
    expect(count("fed")).toBe(windows);
  });

  it.each(["en", "zh-Hant"])("in %s: nothing overlaps, everything is inside", (lang) => {
    const fig = convFigure(layout, lang)!;
    const [a, b] = fig.panels;
    expect(overlap(a!, b!)).toBe(false);
    fig.texts.forEach((t, i) => {
      fig.texts.forEach((u, j) => {
        if (i < j) expect(overlap(t.box, u.box), `${t.text} / ${u.text}`).toBe(false);
      });
      for (const r of fig.rects) expect(overlap(t.box, r), t.text).toBe(false);
      expect(t.box.x + t.box.w).toBeLessThanOrEqual(fig.width);
      expect(t.box.y).toBeGreaterThanOrEqual(0);
    });
    for (const r of fig.rects) {
      expect(r.x + r.w).toBeLessThanOrEqual(fig.width);
      expect(r.y + r.h).toBeLessThanOrEqual(fig.height);
    }
    expect(convFigureTikz(fig, (s) => s).match(/rectangle/g)!.length).toBe(fig.rects.length);
  });
});

describe("the documents carry the picture", () => {
  it("network.svg of the Markdown is the feature maps' picture, the LaTeX its TikZ, each with its caption", () => {
    const input = checked("conv2d");
    const md = FORMATS.md(input, { style: "notes" });
    const svg = String(contentText(md.find((f) => f.name === "network.svg")!.content));
    expect(svg).toContain('class="window"');
    expect(String(contentText(md.find((f) => f.name === "derivation.md")!.content))).toContain("*The first convolution layer: channel 1");
    const tex = String(contentText(FORMATS.tex(input, { style: "notes" }).find((f) => f.name === "derivation.tex")!.content));
    expect(tex).toContain("\\draw[draw=blue!80!black, line width=1.2pt]");
    expect(tex).toContain("The first convolution layer: channel 1");
  });
});
