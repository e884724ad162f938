// The picture of the network: the seed's numbering, roles told apart, bias inputs, edge labels
// while legible, and an ellipsis instead of hundreds of circles.
import { describe, expect, it } from "vitest";
import { diagramSvg, diagramTikz, layoutDiagram } from "../../src/render/diagram.js";
import { EDGE_LABEL_LIMIT, labelBox, overlaps } from "../../src/render/diagram-geometry.js";
import { diagramHeaders } from "../../src/render/context.js";
import { escapeTex } from "../../src/expr/tex-text.js";
import { networkOf } from "./helpers.js";

const layout = (spec: string | object, expand = 6) => {
  const network = networkOf(spec);
  return layoutDiagram(network, expand, diagramHeaders(network, "en"));
};

describe("the seed's 3-2-2 network", () => {
  const d = layout("seed");
  it("numbers its nodes as the seed does and tells inputs, hidden and outputs apart", () => {
    const by = (kind: string) => d.nodes.filter((n) => n.kind === kind).map((n) => n.label);
    expect(by("input")).toEqual(["1", "2", "3"]);
    expect(by("hidden")).toEqual(["4", "5"]);
    expect(by("output")).toEqual(["6", "7"]);
    expect(by("bias")).toEqual(["1", "1"]);
    expect(d.nodes.filter((n) => n.kind === "input").every((n) => n.x === 0)).toBe(true);
    expect(Math.min(...d.nodes.filter((n) => n.kind === "output").map((n) => n.x))).toBeGreaterThan(0);
  });

  it("labels every edge w_{kj}, the later node first, and bias edges w_{b_k}", () => {
    expect(d.labelled).toBe(true);
    const names = d.edges.map((e) => e.weight).sort();
    expect(names).toEqual(["41", "42", "43", "51", "52", "53", "64", "65", "74", "75", "b_4", "b_5", "b_6", "b_7"].sort());
  });

  it("draws SVG with a class per role and the labels as text", () => {
    const svg = diagramSvg(d, "The network");
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<g class="input">/g)).toHaveLength(3);
    expect(svg.match(/<g class="hidden">/g)).toHaveLength(2);
    expect(svg.match(/<g class="output">/g)).toHaveLength(2);
    expect(svg.match(/<g class="bias">/g)).toHaveLength(2);
    expect(svg).toContain('w<tspan dy="3" font-size="8">41</tspan>');
    expect(svg).toContain('w<tspan dy="3" font-size="8">b</tspan><tspan dy="2" font-size="7">4</tspan>');
    expect(svg).toContain(">ReLU, 2 nodes</text>");
  });

  it("draws TikZ with named nodes and labelled edges", () => {
    const tikz = diagramTikz(d, escapeTex);
    expect(tikz).toContain("\\node[bpdinput] (bpdn1) at (0, ");
    expect(tikz).toMatch(
      /\\path\[draw=black!50\] \(bpdn1\) -- \(bpdn4\);[\s\S]*\\node\[bpdw\] at \([0-9.]+, -?[0-9.]+\) \{\$w_\{41\}\$\};/,
    );
    expect(tikz).toMatch(
      /\\path\[draw=black!50, dashed\] \(bpdb0\) -- \(bpdn4\);[\s\S]*\\node\[bpdw\] at \([0-9.]+, -?[0-9.]+\) \{\$w_\{b_4\}\$\};/,
    );
  });
});

describe("edge labels", () => {
  it(`stop beyond ${EDGE_LABEL_LIMIT} edges between two layers`, () => {
    expect(layout("tanh-mse").labelled).toBe(true); // 3-4-2: 16 and 10 edges
    expect(layout("deep-relu").labelled).toBe(false); // 4-5-5-5-3: 25 edges
    expect(layout("deep-relu").edges.every((e) => e.weight === undefined)).toBe(true);
  });
});

describe("a [784, 128, 10] network", () => {
  const d = layout({ layers: [784, 128, 10], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" });
  it("draws the first nodes, an ellipsis and the last node of each wide layer", () => {
    expect(d.nodes.filter((n) => n.kind === "input").map((n) => n.label)).toEqual(["1", "2", "3", "4", "784"]);
    expect(d.nodes.filter((n) => n.kind === "hidden").map((n) => n.label)).toEqual(["785", "786", "787", "788", "912"]);
    expect(d.nodes.filter((n) => n.kind === "output").map((n) => n.label)).toEqual(["913", "914", "915", "916", "922"]);
    expect(d.nodes.filter((n) => n.kind === "ellipsis")).toHaveLength(3);
    expect(d.labelled).toBe(false);
  });
  it("stays small", () => {
    expect(diagramSvg(d, "x").length).toBeLessThan(20_000);
    expect(d.edges.length).toBeLessThanOrEqual(2 * 6 * 5);
  });
  it("follows --expand, up to ten drawn nodes", () => {
    const wide = layout({ layers: [784, 128, 10], activation: "relu", loss: "mse" }, 100);
    expect(wide.nodes.filter((n) => n.kind === "input")).toHaveLength(9);
    expect(wide.nodes.filter((n) => n.kind === "output")).toHaveLength(10);
  });
});

describe("edge labels, placed", () => {
  it.each(["seed", "sigmoid-mse", "tanh-mse", "deep-relu", "sigmoid-bce", { layers: [4, 5, 3], activation: "sigmoid", loss: "mse" }])(
    "never overlap one another or a node, in SVG and TikZ alike (%s)",
    (spec) => {
      const d = layout(spec);
      const labelled = d.edges.filter((e) => e.weight !== undefined);
      expect(labelled.length === 0 || labelled.length === d.edges.length).toBe(true);
      const boxes = labelled.map(labelBox);
      for (let a = 0; a < boxes.length; a++)
        for (let b = a + 1; b < boxes.length; b++)
          expect(overlaps(boxes[a]!, boxes[b]!), `${labelled[a]!.weight} and ${labelled[b]!.weight}`).toBe(false);
      for (const box of boxes) for (const n of d.nodes) expect(overlaps(box, { x: n.x, y: n.y, w: 0.34, h: 0.34 })).toBe(false);
      // The TikZ labels stand at the very coordinates of the SVG's.
      const tikz = diagramTikz(d, escapeTex);
      for (const e of labelled) expect(tikz).toContain(`at (${labelBox(e).x.toFixed(3)}, ${labelBox(e).y.toFixed(3)}) {$w_{${e.weight}}$}`);
    },
  );

  it("the seed's and the 3-4-2 preset's pictures keep their labels", () => {
    expect(layout("seed").labelled).toBe(true);
    expect(layout("tanh-mse").labelled).toBe(true);
  });
});
