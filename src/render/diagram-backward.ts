// The backward pass as a picture, beside the network's: the same nodes at the same coordinates
// (layoutDiagram's), every edge now an arrow from right to left carrying its weight w_kj, each
// non-input node with its error term δ_k above it and the factor f' of its activation below it
// (softmax's Jacobian has no one letter: none is written). SVG and TikZ draw from one list of
// marks computed here, so the two pictures agree.
import type { Network } from "../network/graph.js";
import { type Diagram, type DiagramEdge, type DiagramNode, labelBox, R } from "./diagram-geometry.js";
import { TIKZ_MAX_WIDTH } from "./diagram.js";

/** What the picture draws besides the edges: a node and its two labels, in layout units. */
export interface BackwardMark {
  readonly node: DiagramNode;
  /** The error term's node number, or undefined for an input node (drawn faded, no δ). */
  readonly delta?: string;
  /** The activation's letter whose derivative multiplies the sum ("f"), when it has one. */
  readonly factor?: string;
  /** Where the two labels sit: above and below the node. */
  readonly above: { readonly x: number; readonly y: number };
  readonly below: { readonly x: number; readonly y: number };
}

const GAP = 0.2;

/** Whether the backward picture is drawn: for networks whose picture fits at full scale (a
 * deeper one's would be too small to read, and doubles the work of typesetting it). */
export const drawsBackward = (d: Diagram): boolean => d.width <= TIKZ_MAX_WIDTH;

/** The nodes of the picture with their labels; bias inputs carry no error term and are left out. */
export function backwardMarks(d: Diagram, network: Network): BackwardMark[] {
  return d.nodes
    .filter((n) => n.kind !== "bias" && n.kind !== "ellipsis")
    .map((node) => {
      const k = Number(node.label);
      const layer = network.layers[network.nodes[k]?.layer ?? 0];
      const input = node.kind === "input" || layer === undefined || layer.index === 0;
      const factor = !input && layer.activation!.elementwise ? layer.fn : undefined;
      return {
        node,
        ...(input ? {} : { delta: node.label }),
        ...(factor === undefined ? {} : { factor }),
        above: { x: node.x, y: node.y - R - GAP },
        below: { x: node.x, y: node.y + R + GAP + 0.08 },
      };
    });
}

/** The edges the error terms flow back along: those between non-input nodes (an input has no error term, a bias input neither). */
export const backwardEdges = (d: Diagram): DiagramEdge[] =>
  d.edges.filter((e) => e.from.kind !== "bias" && e.from.kind !== "input" && e.from.kind !== "ellipsis" && e.to.kind !== "ellipsis");

const PX = 56;
const MARGIN = { x: 1.3, top: 1.6, bottom: 0.8 };
const f = (v: number): string => String(Math.round(v * 10) / 10);
const xml = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** The SVG coordinates of a layout point: the network figure's transformation. */
export const svgPoint = (d: Diagram, p: { x: number; y: number }): { x: number; y: number } => ({
  x: (p.x + MARGIN.x) * PX,
  y: (p.y - d.top + MARGIN.top) * PX,
});

const sub = (head: string, index: string): string => `${head}<tspan dy="3" font-size="8">${xml(index)}</tspan>`;

/** The backward picture as SVG, `heading` above it. */
export function backwardSvg(d: Diagram, network: Network, heading: string): string {
  const width = (d.width + 2 * MARGIN.x) * PX;
  const height = (d.bottom - d.top + MARGIN.top + MARGIN.bottom) * PX;
  const P = (p: { x: number; y: number }) => svgPoint(d, p);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${f(width)}" height="${f(height)}" viewBox="0 0 ${f(width)} ${f(height)}" font-family="Helvetica, Arial, sans-serif" class="backward">`,
    `<defs><marker id="bpd-back" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 8 4 L 0 8 z" fill="#b91c1c"/></marker></defs>`,
    `<text x="${f(width / 2)}" y="14" text-anchor="middle" font-size="13" fill="#111827">${xml(heading)}</text>`,
  ];
  for (const e of backwardEdges(d)) {
    const a = P(e.from);
    const b = P(e.to);
    if (e.curve !== undefined) {
      const path = e.curve
        .map((s) => {
          const [c1, c2, to] = [P(s.c1), P(s.c2), P(s.to)];
          return `C ${f(c1.x)} ${f(c1.y)} ${f(c2.x)} ${f(c2.y)} ${f(to.x)} ${f(to.y)}`;
        })
        .join(" ");
      out.push(`<path d="M ${f(a.x)} ${f(a.y)} ${path}" fill="none" stroke="#b91c1c" stroke-width="1" marker-start="url(#bpd-back)"/>`);
    } else {
      // From the later node back to the earlier one, the arrowhead at the earlier node's rim.
      out.push(
        `<line x1="${f(b.x - R * PX)}" y1="${f(b.y)}" x2="${f(a.x + R * PX)}" y2="${f(a.y)}" stroke="#b91c1c" stroke-width="1" marker-end="url(#bpd-back)"/>`,
      );
    }
    if (e.weight === undefined) continue;
    const at = P(labelBox(e));
    out.push(
      `<text x="${f(at.x)}" y="${f(at.y + 3)}" text-anchor="middle" font-size="12" font-style="italic" fill="#111827" stroke="#ffffff" stroke-width="3" paint-order="stroke">${sub("w", e.weight)}</text>`,
    );
  }
  for (const m of backwardMarks(d, network)) {
    const c = P(m.node);
    const faded = m.delta === undefined;
    out.push(
      `<g class="${faded ? "input" : "delta"}"><circle cx="${f(c.x)}" cy="${f(c.y)}" r="${f(R * PX)}" fill="${faded ? "#f3f4f6" : "#fee2e2"}" stroke="${faded ? "#9ca3af" : "#b91c1c"}" stroke-width="1.5"/><text x="${f(c.x)}" y="${f(c.y + 5)}" text-anchor="middle" font-size="14" fill="#111827">${xml(m.node.label)}</text></g>`,
    );
    if (m.delta !== undefined) {
      const a = P(m.above);
      out.push(
        `<text x="${f(a.x)}" y="${f(a.y)}" text-anchor="middle" font-size="12" font-style="italic" fill="#b91c1c">${sub("δ", m.delta)}</text>`,
      );
    }
    if (m.factor !== undefined) {
      const b = P(m.below);
      out.push(
        `<text x="${f(b.x)}" y="${f(b.y)}" text-anchor="middle" font-size="11" font-style="italic" fill="#374151">× ${xml(m.factor)}′</text>`,
      );
    }
  }
  out.push(`</svg>`);
  return `${out.join("\n")}\n`;
}

/** The same picture in TikZ, in layout units (centimetres), y downwards as the network's. */
export function backwardTikz(d: Diagram, network: Network, heading: string): string {
  const p = (x: number, y: number): string => `(${x.toFixed(3)}, ${y.toFixed(3)})`;
  // The network picture's horizontal unit: a very deep network is drawn narrower, never past TeX's largest dimension.
  const xUnit = Math.min(1, TIKZ_MAX_WIDTH / Math.max(d.width, 1));
  const lines: string[] = [
    `\\begin{tikzpicture}[x=${xUnit.toFixed(4)}cm, y=-1cm, font=\\small,`,
    `  bpdback/.style={draw=red!70!black, -stealth},`,
    `  bpddelta/.style={circle, fill=red!10, draw=red!70!black, minimum size=${(2 * R).toFixed(2)}cm, inner sep=0pt},`,
    `  bpdfaded/.style={circle, fill=black!5, draw=black!40, minimum size=${(2 * R).toFixed(2)}cm, inner sep=0pt},`,
    `  bpdw/.style={fill=white, inner sep=0.6pt, font=\\scriptsize}]`,
    `\\node[anchor=south] at ${p(d.width / 2, d.top - 0.55)} {${heading}};`,
  ];
  const marks = backwardMarks(d, network);
  // Curves first, centre to centre under the nodes (as in the network's picture); straight edges
  // after the nodes, from rim to rim.
  for (const e of backwardEdges(d)) {
    if (e.curve === undefined) continue;
    const segs = [...e.curve].reverse();
    lines.push(
      `\\draw[bpdback] ${p(segs[0]!.to.x, segs[0]!.to.y)}${segs.map((s) => ` .. controls ${p(s.c2.x, s.c2.y)} and ${p(s.c1.x, s.c1.y)} .. ${p(s.from.x, s.from.y)}`).join("")};`,
    );
  }
  for (const m of marks)
    lines.push(
      `\\node[${m.delta === undefined ? "bpdfaded" : "bpddelta"}] (bpdb${m.node.key}) at ${p(m.node.x, m.node.y)} {${m.node.label}};`,
    );
  for (const e of backwardEdges(d)) {
    if (e.curve === undefined) lines.push(`\\draw[bpdback] (bpdb${e.to.key}) -- (bpdb${e.from.key});`);
    if (e.weight !== undefined) {
      const at = labelBox(e);
      lines.push(`\\node[bpdw] at ${p(at.x, at.y)} {$w_{${e.weight}}$};`);
    }
  }
  for (const m of marks) {
    if (m.delta !== undefined) lines.push(`\\node[text=red!70!black] at ${p(m.above.x, m.above.y)} {$\\delta_{${m.delta}}$};`);
    if (m.factor !== undefined) lines.push(`\\node[font=\\scriptsize] at ${p(m.below.x, m.below.y)} {$\\times ${m.factor}'$};`);
  }
  lines.push(`\\end{tikzpicture}`);
  return lines.join("\n");
}

/** The network's picture and the backward picture side by side, in one SVG file. */
export function figureSvg(forward: string, backward: string, title: string): string {
  const size = (svg: string): [number, number] => {
    const m = /<svg [^>]*?width="([\d.]+)" height="([\d.]+)"/.exec(svg)!;
    return [Number(m[1]), Number(m[2])];
  };
  const [wa, ha] = size(forward);
  const [wb, hb] = size(backward);
  const gap = 20;
  const width = wa + gap + wb;
  const height = Math.max(ha, hb);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${f(width)}" height="${f(height)}" viewBox="0 0 ${f(width)} ${f(height)}" role="img">`,
    `<title>${xml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    forward
      .replace(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" /, '<svg x="0" y="0" ')
      .replace(/<title>[^<]*<\/title>\n/, "")
      .trimEnd(),
    backward.replace(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" /, `<svg x="${f(wa + gap)}" y="0" `).trimEnd(),
    `</svg>`,
    "",
  ].join("\n");
}
