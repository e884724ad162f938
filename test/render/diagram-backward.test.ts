// The backward picture beside the network's: the same nodes at the same places, in SVG and in
// TikZ from one list of marks (their coordinates agree through the network figure's mapping), an
// error term above every non-input node, the factor f' of an elementwise activation below it,
// and the weights w_kj on arrows that run right to left between non-input nodes only.
import { describe, expect, it } from "vitest";
import { backwardEdges, backwardMarks, backwardSvg, backwardTikz, svgPoint } from "../../src/render/diagram-backward.js";
import { diagramHeaders } from "../../src/render/context.js";
import { layoutDiagram } from "../../src/render/diagram.js";
import { networkOf, TOPOLOGY_PRESETS } from "./helpers.js";

const layout = (spec: string | object) => {
  const network = networkOf(spec);
  return { network, d: layoutDiagram(network, 6, diagramHeaders(network, "en")) };
};

describe.each(["seed", "deep-relu", ...TOPOLOGY_PRESETS])("the backward picture of %s", (name) => {
  const { network, d } = layout(name);
  const svg = backwardSvg(d, network, "Backward pass");
  const tikz = backwardTikz(d, network, "Backward pass");

  it("puts every node where the SVG and the TikZ agree, at the network picture's coordinates", () => {
    const circles = [...svg.matchAll(/<circle cx="([\d.-]+)" cy="([\d.-]+)"[^>]*\/><text[^>]*>([^<]+)<\/text>/g)].map((m) => ({
      x: Number(m[1]),
      y: Number(m[2]),
      label: m[3]!,
    }));
    const nodes = [...tikz.matchAll(/\\node\[bpd(?:delta|faded)\] \(bpdb[^)]+\) at \(([\d.-]+), ([\d.-]+)\) \{([^}]+)\}/g)].map((m) => ({
      x: Number(m[1]),
      y: Number(m[2]),
      label: m[3]!,
    }));
    const marks = backwardMarks(d, network);
    expect(circles).toHaveLength(marks.length);
    expect(nodes).toHaveLength(marks.length);
    for (const [i, m] of marks.entries()) {
      const s = svgPoint(d, m.node);
      expect(circles[i]!.label).toBe(m.node.label);
      expect(nodes[i]!.label).toBe(m.node.label);
      // The TikZ coordinates are the layout's; the SVG's are the same point mapped as the network's picture maps it.
      expect(nodes[i]!.x).toBeCloseTo(m.node.x, 3);
      expect(nodes[i]!.y).toBeCloseTo(m.node.y, 3);
      expect(Math.abs(circles[i]!.x - s.x)).toBeLessThanOrEqual(0.051);
      expect(Math.abs(circles[i]!.y - s.y)).toBeLessThanOrEqual(0.051);
    }
  });

  it("writes δ above every non-input node and the factor f' of an elementwise activation below it", () => {
    for (const m of backwardMarks(d, network)) {
      const k = Number(m.node.label);
      const layer = network.layers[network.nodes[k]!.layer]!;
      if (layer.index === 0) {
        expect(m.delta).toBeUndefined();
        continue;
      }
      expect(m.delta).toBe(m.node.label);
      expect(tikz).toContain(`{$\\delta_{${k}}$}`);
      if (layer.activation!.elementwise) {
        expect(m.factor).toBe(layer.fn);
        expect(tikz).toContain(`{$\\times ${layer.fn}'$}`);
      } else expect(m.factor).toBeUndefined();
    }
  });

  it("draws the weights on arrows from the later node back to the earlier, never into an input", () => {
    const edges = backwardEdges(d);
    for (const e of edges) {
      expect(e.from.kind).not.toBe("input");
      expect(e.from.kind).not.toBe("bias");
      if (e.curve === undefined) expect(tikz).toContain(`\\draw[bpdback] (bpdb${e.to.key}) -- (bpdb${e.from.key});`);
      if (e.weight !== undefined) expect(tikz).toContain(`{$w_{${e.weight}}$}`);
    }
    const arrows = (svg.match(/marker-(?:end|start)="url\(#bpd-back\)"/g) ?? []).length;
    expect(arrows).toBe(edges.length);
  });
});
