// The documents of the topology presets (issue 9): every formula passes KaTeX strict in every
// format, language and style; the LaTeX compiles with pdflatex; the picture of a DAG has columns
// by depth, curves drawn at the same coordinates in SVG and TikZ, labels that overlap nothing,
// tied edges in one colour with a legend, elided wide columns, and compiles 200 columns deep.
// Under CI a missing pdflatex fails this file; elsewhere its compilations are skipped with a message.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contentText, FORMATS, type OutputFile } from "../../src/render/formats.js";
import { diagramHeaders } from "../../src/render/context.js";
import { diagramSvg, diagramTikz, layoutDiagram } from "../../src/render/diagram.js";
import { labelBox, overlaps } from "../../src/render/diagram-geometry.js";
import { escapeTex } from "../../src/expr/tex-text.js";
import {
  checked,
  katexError,
  latexErrors,
  mdFormulas,
  networkOf,
  pdflatex,
  tempDir,
  texFormulas,
  tool,
  TOPOLOGY_PRESETS,
} from "./helpers.js";
import { MAX_LAYERS } from "../../src/network/spec.js";

const hasLatex = tool("pdflatex", ["--version"]);

const text = (files: OutputFile[], name: string): string => String(contentText(files.find((x) => x.name === name)!.content));

/** Control sequences that KaTeX and MathJax both know (formats.test.ts's list, and theta for a shared weight). */
const PORTABLE = new Set(
  "frac partial sum in mathrm left right vec operatorname delta eta sigma ln tanh begin end cdot odot nabla bar leftarrow vdots cdots ddots dots sqrt text quad checkmark equiv times circ qquad Bigl Bigr exp theta overrightarrow alpha".split(
    " ",
  ),
);

describe.each(["en", "zh-Hant"])("documents in %s", (lang) => {
  describe.each([...TOPOLOGY_PRESETS])("%s", (preset) => {
    it.each(["notes", "proof"] as const)(
      "%s: every formula of the LaTeX and the Markdown passes KaTeX strict; the HTML has no error",
      (style) => {
        const input = checked(preset, lang);
        const tex = texFormulas(text(FORMATS.tex(input, { style }), "derivation.tex"));
        const { display, inline } = mdFormulas(text(FORMATS.md(input, { style }), "derivation.md"));
        expect(tex.length).toBeGreaterThan(40);
        expect(display.length).toBeGreaterThan(5);
        expect([...tex, ...display, ...inline].map(katexError).filter(Boolean)).toEqual([]);
        const commands = new Set([...display, ...inline].flatMap((f) => [...f.matchAll(/\\([a-zA-Z]+)/g)].map((m) => m[1]!)));
        expect([...commands].filter((c) => !PORTABLE.has(c))).toEqual([]);
        expect(text(FORMATS.html(input, { style, assets: "external" }), "derivation.html")).not.toContain("katex-error");
      },
    );
  });
});

describe("what the documents say about the topology", () => {
  const md = (preset: string, style: "notes" | "proof" = "proof"): string => text(FORMATS.md(checked(preset), { style }), "derivation.md");
  it("an output that feeds a later node: both terms, and why", () => {
    const doc = md("output-feeds");
    expect(doc).toContain("But E depends on $y_k$ in two ways");
    expect(doc).toMatch(/\\delta_4 &= .*\\delta_5 w_\{54\}/);
  });
  it("tied weights: the sum over the uses, and one update of the shared value", () => {
    const doc = md("tied-autoencoder");
    expect(doc).toContain("## Shared weights: the total derivative over their uses");
    expect(doc).toContain(
      "\\frac{\\partial E}{\\partial \\theta_1} &= \\frac{\\partial E}{\\partial w_{41}} + \\frac{\\partial E}{\\partial w_{64}}",
    );
    expect(doc).toContain("\\theta_1 &\\leftarrow \\theta_1 - \\eta \\left(\\delta_4 x_1 + \\delta_6 y_4\\right)");
  });
  it("a skip connection: a downstream set across layers, and the matrix form by blocks of weights", () => {
    expect(md("residual")).toContain("The nodes of this layer feed layers 2, 3: the downstream set of a node is every node it feeds");
    const doc = md("residual", "notes");
    expect(doc).toMatch(/\\delta_3 &= .*\\delta_6 w_\{63\}.*\\delta_9 w_\{93\}/);
    expect(doc).toContain(
      "\\vec{\\delta}^{(1)} &= \\left(1 - \\left(\\vec{y}^{(1)} \\odot \\vec{y}^{(1)}\\right)\\right) \\odot \\left(\\bar{W}^{(2,1)T} \\cdot \\vec{\\delta}^{(2)} + \\bar{W}^{(3,1)T} \\cdot \\vec{\\delta}^{(3)}\\right)",
    );
  });
  it("missing edges: one sentence instead of a matrix form", () => {
    const doc = md("pruned", "notes");
    expect(doc).toContain("A layer-by-layer matrix form of these equations needs every layer to feed the next one fully");
    expect(doc).not.toContain("bar{W}");
    expect(md("pruned")).toContain("The layers of this network do not each feed only the next one, fully");
  });
});

describe("the picture of a DAG", () => {
  const layout = (spec: string | object, expand = 6) => {
    const network = networkOf(spec);
    return layoutDiagram(network, expand, diagramHeaders(network, "en"));
  };

  it("puts nodes in columns by depth, the depth in each heading", () => {
    const d = layout("two-outputs");
    const x = (label: string): number => d.nodes.find((n) => n.label === label && n.kind !== "bias")!.x;
    expect([x("1"), x("3"), x("5"), x("7")].map((v) => v / x("3"))).toEqual([0, 1, 2, 3]);
    expect(d.headers.map((h) => h.lines[0])).toEqual(["input", "depth 1", "depth 2", "depth 3"]);
    expect(d.nodes.filter((n) => n.kind === "output").map((n) => n.label)).toEqual(["5", "7"]);
  });

  it("reads top down in number order as far as the crossings allow: never upside down", () => {
    for (const preset of TOPOLOGY_PRESETS) {
      const d = layout(preset);
      let inOrder = 0;
      let against = 0;
      const columns = new Map<number, { n: number; y: number }[]>();
      for (const n of d.nodes)
        if (n.kind !== "bias" && n.kind !== "ellipsis") columns.set(n.x, [...(columns.get(n.x) ?? []), { n: Number(n.label), y: n.y }]);
      for (const column of columns.values()) {
        for (const a of column) for (const b of column) if (a.n < b.n) a.y < b.y ? inOrder++ : against++;
      }
      expect(inOrder, preset).toBeGreaterThanOrEqual(against);
    }
    // The residual block's columns are drawn in number order outright.
    const r = layout("residual");
    const column = (labels: string[]): string[] =>
      r.nodes
        .filter((n) => labels.includes(n.label) && n.kind !== "bias")
        .sort((a, b) => a.y - b.y)
        .map((n) => n.label);
    expect(column(["1", "2"])).toEqual(["1", "2"]);
    expect(column(["3", "4", "5"])).toEqual(["3", "4", "5"]);
  });

  it("curves an edge that skips a column, with the same control points in SVG and TikZ", () => {
    const d = layout("residual");
    const curved = d.edges.filter((e) => e.curve !== undefined);
    // Inputs to layer 2 (2 x 3) and layer 1 to the output (3 x 1) skip a column.
    expect(curved).toHaveLength(9);
    const svg = diagramSvg(d, "t");
    const tikz = diagramTikz(d, escapeTex);
    const paths = [...svg.matchAll(/<path d="M ([^"]+)"/g)].map((m) => m[1]!);
    const draws = [...tikz.matchAll(/\\draw\[draw=black!50\] (\([^;]+);/g)].map((m) => m[1]!);
    expect(paths).toHaveLength(9);
    expect(draws).toHaveLength(9);
    // Every TikZ coordinate, scaled and shifted as the SVG is, is the SVG's number (to its rounding).
    const svgNumbers = paths.map((p) => p.replace(/[MC]/g, " ").trim().split(/\s+/).map(Number));
    const tikzNumbers = draws.map((t) => [...t.matchAll(/\(([-0-9.]+), ([-0-9.]+)\)/g)].flatMap((m) => [Number(m[1]), Number(m[2])]));
    const [x0, y0] = [svgNumbers[0]![0]! - tikzNumbers[0]![0]! * 56, svgNumbers[0]![1]! - tikzNumbers[0]![1]! * 56];
    tikzNumbers.forEach((t, i) =>
      t.forEach((v, n) => expect(Math.abs(v * 56 + (n % 2 === 0 ? x0 : y0) - svgNumbers[i]![n]!)).toBeLessThan(0.2)),
    );
  });

  it("labels edges at spots that overlap no node and no other label, or not at all", () => {
    for (const preset of TOPOLOGY_PRESETS) {
      const d = layout(preset);
      if (!d.labelled) continue;
      const boxes = d.edges.map(labelBox);
      boxes.forEach((b, i) => {
        for (const c of boxes.slice(i + 1)) expect(overlaps(b, c)).toBe(false);
        for (const n of d.nodes) expect(overlaps(b, { x: n.x, y: n.y, w: 0.34, h: 0.34 })).toBe(false);
      });
    }
    expect(layout("output-feeds").labelled).toBe(true);
    expect(layout("dense").labelled).toBe(true);
  });

  it("draws tied edges in one colour and names them in a legend, in SVG and TikZ", () => {
    const d = layout("tied-autoencoder");
    expect(d.legend?.map((g) => [g.theta, g.weights])).toEqual([
      [1, ["41", "64"]],
      [2, ["42", "74"]],
      [3, ["53", "85"]],
    ]);
    const colours = d.edges.filter((e) => e.tie !== undefined).map((e) => `${e.weight}:${e.tie!.svg}`);
    expect(colours).toHaveLength(6);
    expect(new Set(d.edges.filter((e) => e.weight === "41" || e.weight === "64").map((e) => e.tie!.svg)).size).toBe(1);
    expect(diagramSvg(d, "t")).toMatch(/<g class="legend">.*&#952;<tspan dy="3" font-size="8">1<\/tspan>/);
    expect(diagramTikz(d, escapeTex)).toContain("$\\theta_{1} = w_{41} = w_{64}$");
  });

  it("elides a column wider than the limit", () => {
    const d = layout({ inputs: 30, nodes: [{ from: Array.from({ length: 30 }, (_, i) => i + 1) }, { from: [1, 31] }], outputs: [32] });
    expect(d.elidedAbove).toBe(6);
    expect(d.nodes.filter((n) => n.kind === "ellipsis")).toHaveLength(1);
    expect(d.nodes.filter((n) => n.kind === "input").map((n) => n.label)).toEqual(["1", "2", "3", "4", "30"]);
    expect(d.labelled).toBe(false);
  });
});

describe.skipIf(!hasLatex)("pdflatex", { timeout: 120_000 }, () => {
  const compile = (preset: string | object, lang = "en", style: "notes" | "proof" = "notes") => {
    const dir = tempDir();
    for (const f of FORMATS.tex(checked(preset, lang), { style })) writeFileSync(join(dir, f.name), contentText(f.content));
    return pdflatex(dir, "derivation.tex");
  };
  // A chain as deep as allowed (200 columns, the input's included) with an edge skipping ahead every tenth node.
  const deep = {
    name: "deep chain",
    inputs: 1,
    activation: "tanh",
    nodes: Array.from({ length: MAX_LAYERS - 1 }, (_, i) => ({ from: i % 10 === 9 ? [i - 8, i + 1] : [i + 1] })),
    outputs: [MAX_LAYERS],
  };
  const picture = () => {
    const dir = tempDir();
    const network = networkOf(deep);
    const d = layoutDiagram(network, 6, diagramHeaders(network, "en"));
    writeFileSync(
      join(dir, "pic.tex"),
      [
        "\\documentclass{article}",
        "\\usepackage{tikz}",
        "\\begin{document}",
        "\\resizebox{\\textwidth}{!}{",
        diagramTikz(d, escapeTex),
        "}",
        "\\end{document}",
        "",
      ].join("\n"),
    );
    return pdflatex(dir, "pic.tex");
  };
  const jobs: [string, () => Promise<{ code: number | null; log: string; pdf: boolean }>][] = [
    ...TOPOLOGY_PRESETS.map((p): [string, () => ReturnType<typeof picture>] => [`${p}, notes, English`, () => compile(p)]),
    ["tied-autoencoder, proof, Chinese", () => compile("tied-autoencoder", "zh-Hant", "proof")],
    ["two-outputs, notes, Chinese", () => compile("two-outputs", "zh-Hant")],
    ["a picture 200 columns deep", picture],
  ];
  // Two at a time: the machines have two cores.
  const results = (async () => {
    const out: Awaited<ReturnType<typeof picture>>[] = [];
    for (let i = 0; i < jobs.length; i += 2) out.push(...(await Promise.all(jobs.slice(i, i + 2).map(([, f]) => f()))));
    return out;
  })();
  it.each(jobs.map(([name], i) => [name, i] as const))("compiles %s", async (_name, i) => {
    const r = (await results)[i]!;
    expect(latexErrors(r.log), "pdflatex errors").toBe("");
    expect(r.code).toBe(0);
    expect(r.pdf).toBe(true);
  });
});
