// A picture of the network, as the seed's document starts with one: layers left to right, nodes
// numbered as in the text, the constant input 1 of each layer (its bias) as a square below it.
// One layout, two drawings: SVG (out/network.svg, for HTML and Markdown) and TikZ (inline in LaTeX).
// - A layer wider than min(--expand, MAX_DRAWN) nodes is drawn as its first nodes, a vertical
//   ellipsis and its last node (the rule of elide.ts), so the picture stays small at any size.
// - Edges carry their weight's name w_{kj} while every pair of adjacent layers has at most
//   EDGE_LABEL_LIMIT edges, bias edges included, and no layer is elided: the seed's 3-2-2 (8 and
//   6 edges) and the 3-4-2 preset (16 and 10) are labelled; beyond that, labels would overlap.
// The geometry both layouts share (nodes, edges, where a label may sit) is diagram-geometry.ts.
import type { Network } from "../network/graph.js";
import { indexList } from "../expr/latex.js";
import { node as nodeIndex } from "../expr/build.js";
import { elideList } from "./elide.js";
import { layoutGraphDiagram } from "./graph-diagram.js";
import {
  type Diagram,
  type DiagramEdge,
  type DiagramNode,
  DX,
  DY,
  EDGE_LABEL_LIMIT,
  labelBox,
  MAX_DRAWN,
  type NodeKind,
  placeLabels,
  type Point,
  R,
} from "./diagram-geometry.js";

export function layoutDiagram(network: Network, expand: number, headers: readonly (readonly string[])[]): Diagram {
  // Any other topology: columns by depth, laid out by a layered-graph algorithm.
  if (!network.plain) return layoutGraphDiagram(network, expand, headers);
  const drawn = Math.max(2, Math.min(expand, MAX_DRAWN));
  const last = network.layers.length - 1;
  const elided = network.layers.some((l) => l.nodes.length > drawn);
  const withinLimit =
    !elided && network.layers.slice(1).every((l, i) => (network.layers[i]!.nodes.length + 1) * l.nodes.length <= EDGE_LABEL_LIMIT);
  const columns = network.layers.map((layer) => {
    const kind: NodeKind = layer.index === 0 ? "input" : layer.index === last ? "output" : "hidden";
    const items = elideList<number | null>(layer.nodes, drawn, () => null);
    const x = layer.index * DX;
    // Items centred on y = 0; the bias input one row below the layer's last node.
    const y0 = -((items.length - 1) * DY) / 2;
    const nodes: DiagramNode[] = items.map((n, i) =>
      n === null
        ? { key: `e${layer.index}`, label: "", kind: "ellipsis", x, y: y0 + i * DY }
        : { key: `n${n}`, label: String(n), kind, x, y: y0 + i * DY },
    );
    const bias: DiagramNode | undefined =
      layer.index === last ? undefined : { key: `b${layer.index}`, label: "1", kind: "bias", x, y: y0 + items.length * DY + 0.15 };
    return { nodes, bias };
  });
  const plain: (Omit<DiagramEdge, "at"> & { weight: string })[] = [];
  for (let l = 1; l <= last; l++) {
    const sources = [...columns[l - 1]!.nodes, columns[l - 1]!.bias!].filter((n) => n.kind !== "ellipsis");
    const targets = columns[l]!.nodes.filter((n) => n.kind !== "ellipsis");
    for (const to of targets) {
      for (const from of sources) {
        const k = nodeIndex(Number(to.label));
        const weight = from.kind === "bias" ? `b_${to.label}` : indexList([k, nodeIndex(Number(from.label))]);
        plain.push({ from, to, weight });
      }
    }
  }
  const nodes = columns.flatMap((c) => (c.bias ? [...c.nodes, c.bias] : c.nodes));
  // Past the label limit, or where the labels cannot all be placed apart, no labels at all.
  const spots = withinLimit ? placeLabels(plain, nodes) : undefined;
  const labelled = spots !== undefined;
  const edges: DiagramEdge[] = plain.map((e, i) => (spots ? { ...e, at: spots[i]! } : { from: e.from, to: e.to, at: 0.5 }));
  const ys = nodes.map((n) => n.y);
  return {
    nodes,
    edges,
    headers: network.layers.map((l) => ({ x: l.index * DX, lines: headers[l.index] ?? [] })),
    width: last * DX,
    top: Math.min(...ys),
    bottom: Math.max(...ys),
    labelled,
    ...(elided ? { elidedAbove: drawn } : {}),
  };
}

const PX = 56;

const STYLE: Record<Exclude<NodeKind, "ellipsis">, { fill: string; stroke: string; tikz: string }> = {
  input: { fill: "#dbeafe", stroke: "#1e40af", tikz: "fill=blue!15, draw=blue!60!black" },
  hidden: { fill: "#fef3c7", stroke: "#92400e", tikz: "fill=orange!20, draw=orange!60!black" },
  output: { fill: "#dcfce7", stroke: "#166534", tikz: "fill=green!20, draw=green!45!black" },
  bias: { fill: "#ffffff", stroke: "#4b5563", tikz: "fill=white, draw=black!60, dashed" },
};

const xml = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const f = (v: number): string => String(Math.round(v * 10) / 10);

/** w with its subscript as SVG text: w_{41}, w_{b_4} (the bias index one level lower still). */
function weightSvg(weight: string): string {
  const [head, tail] = weight.startsWith("b_") ? ["b", weight.slice(2)] : [weight, ""];
  const low = tail ? `<tspan dy="2" font-size="7">${xml(tail)}</tspan>` : "";
  return `w<tspan dy="3" font-size="8">${xml(head)}</tspan>${low}`;
}

export function diagramSvg(d: Diagram, title: string): string {
  const legendRows = d.legend?.length ?? 0;
  const margin = { x: 1.3, top: 1.6, bottom: 0.8 + 0.45 * legendRows };
  const X = (x: number): number => (x + margin.x) * PX;
  const Y = (y: number): number => (y - d.top + margin.top) * PX;
  const width = (d.width + 2 * margin.x) * PX;
  const height = (d.bottom - d.top + margin.top + margin.bottom) * PX;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${f(width)}" height="${f(height)}" viewBox="0 0 ${f(width)} ${f(height)}" font-family="Helvetica, Arial, sans-serif" role="img">`,
    `<title>${xml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  for (const h of d.headers) {
    h.lines.forEach((line, i) => {
      out.push(
        `<text x="${f(X(h.x))}" y="${f(14 + i * 15)}" text-anchor="middle" font-size="${i === 0 ? 13 : 11}" fill="#111827">${xml(line)}</text>`,
      );
    });
  }
  const edges: string[] = [];
  const labels: string[] = [];
  for (const e of d.edges) {
    const dash = e.from.kind === "bias" ? ` stroke-dasharray="4 3"` : "";
    const stroke = e.tie === undefined ? `stroke="#6b7280" stroke-width="1"` : `stroke="${e.tie.svg}" stroke-width="2"`;
    if (e.curve !== undefined) {
      // The curve from centre to centre; the nodes are drawn over its ends.
      const d0 = e.curve[0]!.from;
      const path = e.curve
        .map((s) => `C ${f(X(s.c1.x))} ${f(Y(s.c1.y))} ${f(X(s.c2.x))} ${f(Y(s.c2.y))} ${f(X(s.to.x))} ${f(Y(s.to.y))}`)
        .join(" ");
      edges.push(`<path d="M ${f(X(d0.x))} ${f(Y(d0.y))} ${path}" fill="none" ${stroke}${dash}/>`);
    } else {
      edges.push(
        `<line x1="${f(X(e.from.x) + R * PX)}" y1="${f(Y(e.from.y))}" x2="${f(X(e.to.x) - R * PX)}" y2="${f(Y(e.to.y))}" ${stroke}${dash}/>`,
      );
    }
    if (e.weight === undefined) continue;
    const box = labelBox(e);
    const lx = X(box.x);
    const ly = Y(box.y);
    labels.push(
      `<text x="${f(lx)}" y="${f(ly + 3)}" text-anchor="middle" font-size="12" font-style="italic" fill="#111827" stroke="#ffffff" stroke-width="3" paint-order="stroke">${weightSvg(e.weight)}</text>`,
    );
  }
  out.push(`<g class="edges">`, ...edges, `</g>`);
  out.push(`<g class="nodes">`);
  for (const n of d.nodes) {
    if (n.kind === "ellipsis") {
      out.push(`<text x="${f(X(n.x))}" y="${f(Y(n.y) + 8)}" text-anchor="middle" font-size="24" fill="#374151">&#8942;</text>`);
      continue;
    }
    const s = STYLE[n.kind];
    const shape =
      n.kind === "bias"
        ? `<rect x="${f(X(n.x) - R * PX)}" y="${f(Y(n.y) - R * PX)}" width="${f(2 * R * PX)}" height="${f(2 * R * PX)}" rx="4" fill="${s.fill}" stroke="${s.stroke}" stroke-width="1.5" stroke-dasharray="4 3"/>`
        : `<circle cx="${f(X(n.x))}" cy="${f(Y(n.y))}" r="${f(R * PX)}" fill="${s.fill}" stroke="${s.stroke}" stroke-width="1.5"/>`;
    out.push(
      `<g class="${n.kind}">${shape}<text x="${f(X(n.x))}" y="${f(Y(n.y) + 5)}" text-anchor="middle" font-size="14" fill="#111827">${xml(n.label)}</text></g>`,
    );
  }
  out.push(`</g>`, `<g class="labels">`, ...labels, `</g>`);
  (d.legend ?? []).forEach((g, i) => {
    const y = Y(d.bottom) + (0.9 + 0.45 * i) * PX;
    const x = X(0) - R * PX;
    const names = g.weights.map((w) => ` = ${weightSvg(w)}`).join("");
    out.push(
      `<g class="legend"><line x1="${f(x)}" y1="${f(y - 4)}" x2="${f(x + 28)}" y2="${f(y - 4)}" stroke="${g.colour.svg}" stroke-width="2"/><text x="${f(x + 36)}" y="${f(y)}" font-size="12" font-style="italic" fill="#111827">&#952;<tspan dy="3" font-size="8">${g.theta}</tspan><tspan dy="-3">${names}</tspan></text></g>`,
    );
  });
  out.push(`</svg>`);
  return `${out.join("\n")}\n`;
}

/** The widest picture drawn at full scale, in layout units (centimetres): wider ones are drawn
 * with a smaller horizontal unit, so that no coordinate comes near TeX's largest dimension
 * (16383pt, about 575 cm) at any depth, and then scaled to the text width by the document. */
export const TIKZ_MAX_WIDTH = 150;

/** TikZ, in centimetres (one layout unit each, narrower for very deep networks); `escape`
 * prepares heading text for LaTeX. */
export function diagramTikz(d: Diagram, escape: (s: string) => string): string {
  const name = (n: DiagramNode): string => `bpd${n.key}`;
  const xUnit = Math.min(1, TIKZ_MAX_WIDTH / Math.max(d.width, 1));
  const lines: string[] = [
    `\\begin{tikzpicture}[x=${xUnit.toFixed(4)}cm, y=-1cm, font=\\small,`,
    ...(["input", "hidden", "output", "bias"] as const).map(
      (k) =>
        `  bpd${k}/.style={${k === "bias" ? "rectangle, rounded corners=1pt" : "circle"}, ${STYLE[k].tikz}, minimum size=${f(2 * R)}cm, inner sep=0pt},`,
    ),
    `  bpdw/.style={fill=white, inner sep=0.6pt, font=\\scriptsize}]`,
  ];
  for (const h of d.headers) {
    lines.push(`\\node[align=center, anchor=south] at (${f(h.x)}, ${f(d.top - 0.55)}) {${h.lines.map(escape).join("\\\\ ")}};`);
  }
  // Curves go from centre to centre at the SVG's coordinates, under the nodes drawn after them.
  const styleOf = (e: DiagramEdge): string =>
    `${e.tie === undefined ? "draw=black!50" : `draw=${e.tie.tikz}, line width=0.8pt`}${e.from.kind === "bias" ? ", dashed" : ""}`;
  const at = (p: Point): string => `(${p.x.toFixed(3)}, ${p.y.toFixed(3)})`;
  for (const e of d.edges) {
    if (e.curve === undefined) continue;
    lines.push(
      `\\draw[${styleOf(e)}] ${at(e.curve[0]!.from)}${e.curve.map((s) => ` .. controls ${at(s.c1)} and ${at(s.c2)} .. ${at(s.to)}`).join("")};`,
    );
  }
  for (const n of d.nodes) {
    if (n.kind === "ellipsis") lines.push(`\\node at (${f(n.x)}, ${f(n.y)}) {$\\vdots$};`);
    else lines.push(`\\node[bpd${n.kind}] (${name(n)}) at (${f(n.x)}, ${f(n.y)}) {${n.label}};`);
  }
  for (const e of d.edges) {
    if (e.curve !== undefined) continue;
    lines.push(`\\path[${styleOf(e)}] (${name(e.from)}) -- (${name(e.to)});`);
  }
  // The labels at the SVG's coordinates, drawn over every edge.
  for (const e of d.edges) {
    if (e.weight === undefined) continue;
    const box = labelBox(e);
    lines.push(`\\node[bpdw] at (${box.x.toFixed(3)}, ${box.y.toFixed(3)}) {$w_{${e.weight}}$};`);
  }
  (d.legend ?? []).forEach((g, i) => {
    const y = d.bottom + 0.9 + 0.45 * i;
    const x = -R;
    lines.push(
      `\\draw[draw=${g.colour.tikz}, line width=0.8pt] (${f(x)}, ${f(y)}) -- (${f(x + 0.5)}, ${f(y)}) node[right, font=\\scriptsize] {$\\theta_{${g.theta}}${g.weights.map((w) => ` = w_{${w}}`).join("")}$};`,
    );
  });
  lines.push(`\\end{tikzpicture}`);
  return lines.join("\n");
}
