// The picture of a recurrent network: on the left its cell folded, x -> h -> yhat with the
// recurrent loop on h; on the right the cell unrolled over the steps, h^{(0)} first, a column
// x^{(t)}, h^{(t)}, yhat^{(t)} per step (yhat only at a step with a loss) and the recurrent edge
// h^{(t-1)} -> h^{(t)} between columns; past MAX_STEPS steps, the first two, an ellipsis and the
// last. U, W and V are named once, on the folded cell's edges; every edge of the unrolled
// network has the colour of its matrix, so the folded cell is the legend. One layout, two
// drawings: SVG (network.svg, for HTML and Markdown) and TikZ (LaTeX), from the same coordinates.
import { fill, label } from "../derive/messages/index.js";
import type { RecurrentLayout } from "../network/forms/recurrent.js";

/** Steps drawn in full up to this many; beyond, the first two, an ellipsis and the last. */
export const MAX_STEPS = 4;

type Row = "x" | "h" | "y";
type Matrix = "U" | "W" | "V";

interface Box {
  readonly key: string;
  readonly row: Row;
  /** The step: a number, "t" in the folded cell, or undefined for the ellipsis. */
  readonly step: number | "t" | undefined;
  readonly x: number;
  readonly y: number;
}

interface Arrow {
  readonly from: Box;
  readonly to: Box;
  readonly matrix: Matrix;
  /** The name of the matrix, written beside this edge (once per matrix). */
  readonly label?: boolean;
  /** The folded cell's loop on h. */
  readonly loop?: boolean;
}

export interface RecurrentDiagram {
  readonly boxes: readonly Box[];
  readonly arrows: readonly Arrow[];
  readonly width: number;
  readonly height: number;
  /** Where the folded cell ends and the unrolled network begins: the "=" between them. */
  readonly equals: number;
}

const ROW_Y: Record<Row, number> = { y: 0.5, h: 1.7, x: 2.9 };
export const BOX_W = 0.9;
export const BOX_H = 0.55;
const STEP_DX = 1.7;

const COLOUR: Record<Matrix, { svg: string; tikz: string }> = {
  U: { svg: "#1d4ed8", tikz: "blue!70!black" },
  W: { svg: "#b45309", tikz: "orange!80!black" },
  V: { svg: "#15803d", tikz: "green!50!black" },
};

/** The steps drawn: all of them, or the first two, an ellipsis (undefined) and the last. */
export function drawnSteps(steps: number): (number | undefined)[] {
  if (steps <= MAX_STEPS) return Array.from({ length: steps }, (_, i) => i + 1);
  return [1, 2, undefined, steps];
}

export function layoutRecurrent(l: RecurrentLayout): RecurrentDiagram {
  const boxes: Box[] = [];
  const arrows: Arrow[] = [];
  const box = (key: string, row: Row, step: Box["step"], x: number): Box => {
    const b = { key, row, step, x, y: ROW_Y[row] };
    boxes.push(b);
    return b;
  };
  // The folded cell.
  const fx = box("fx", "x", "t", 0.6);
  const fh = box("fh", "h", "t", 0.6);
  const fy = box("fy", "y", "t", 0.6);
  arrows.push({ from: fx, to: fh, matrix: "U", label: true });
  arrows.push({ from: fh, to: fh, matrix: "W", label: true, loop: true });
  arrows.push({ from: fh, to: fy, matrix: "V", label: true });
  const equals = 2.25;
  // The unrolled network.
  let prev = box("h0", "h", 0, 3.1);
  const loss = new Set(l.lossSteps);
  drawnSteps(l.steps).forEach((t, i) => {
    const x = 3.1 + STEP_DX * (i + 1);
    if (t === undefined) {
      const dots = box("dots", "h", undefined, x);
      arrows.push({ from: prev, to: dots, matrix: "W" });
      prev = dots;
      return;
    }
    const xt = box(`x${t}`, "x", t, x);
    const ht = box(`h${t}`, "h", t, x);
    arrows.push({ from: xt, to: ht, matrix: "U" });
    arrows.push({ from: prev, to: ht, matrix: "W" });
    if (loss.has(t)) arrows.push({ from: ht, to: box(`y${t}`, "y", t, x), matrix: "V" });
    prev = ht;
  });
  const width = Math.max(...boxes.map((b) => b.x)) + BOX_W / 2 + 0.3;
  return { boxes, arrows, width, height: ROW_Y.x + BOX_H / 2 + 0.3, equals };
}

const SUP = (s: Box["step"]): string => (s === undefined ? "" : `(${s})`);

/** Where an arrow leaves and enters its boxes: vertical edges top to bottom, horizontal side to side. */
function ends(a: Arrow): { x1: number; y1: number; x2: number; y2: number } {
  if (a.from.x === a.to.x) return { x1: a.from.x, y1: a.from.y - BOX_H / 2, x2: a.to.x, y2: a.to.y + BOX_H / 2 };
  const w = (b: Box): number => (b.step === undefined ? 0.25 : BOX_W / 2);
  return { x1: a.from.x + w(a.from), y1: a.from.y, x2: a.to.x - w(a.to), y2: a.to.y };
}

/** Where a matrix's name sits: left of a vertical edge, above a horizontal one, right of the loop. */
export function labelAt(a: Arrow): { x: number; y: number } {
  if (a.loop) return { x: a.from.x + BOX_W / 2 + 0.62, y: a.from.y };
  const e = ends(a);
  return a.from.x === a.to.x ? { x: e.x1 - 0.22, y: (e.y1 + e.y2) / 2 } : { x: (e.x1 + e.x2) / 2, y: e.y1 - 0.2 };
}

const PX = 60;
const n = (v: number): string => String(Math.round(v * PX * 10) / 10);
const xml = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

function svgName(b: Box): string {
  if (b.step === undefined) return "&#8943;";
  const base = b.row === "x" ? "x" : b.row === "h" ? "h" : "&#375;";
  return `<tspan font-style="italic">${base}</tspan><tspan dy="-6" font-size="10">${xml(SUP(b.step))}</tspan>`;
}

export function recurrentSvg(d: RecurrentDiagram, title: string): string {
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(d.width)}" height="${n(d.height)}" viewBox="0 0 ${n(d.width)} ${n(d.height)}" font-family="Helvetica, Arial, sans-serif" role="img">`,
    `<title>${xml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<defs>${(Object.keys(COLOUR) as Matrix[])
      .map(
        (m) =>
          `<marker id="bpd-rnn-${m}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M 0 0 L 10 5 L 0 10 z" fill="${COLOUR[m].svg}"/></marker>`,
      )
      .join("")}</defs>`,
  ];
  for (const a of d.arrows) {
    const c = COLOUR[a.matrix].svg;
    const cls = `class="edge ${a.matrix}${a.loop ? " recurrent loop" : a.matrix === "W" ? " recurrent" : ""}"`;
    if (a.loop) {
      const x = a.from.x + BOX_W / 2;
      const y = a.from.y;
      out.push(
        `<path ${cls} d="M ${n(x)} ${n(y - 0.12)} C ${n(x + 0.6)} ${n(y - 0.55)} ${n(x + 0.6)} ${n(y + 0.55)} ${n(x)} ${n(y + 0.12)}" fill="none" stroke="${c}" stroke-width="1.6" marker-end="url(#bpd-rnn-W)"/>`,
      );
    } else {
      const e = ends(a);
      out.push(
        `<line ${cls} x1="${n(e.x1)}" y1="${n(e.y1)}" x2="${n(e.x2)}" y2="${n(e.y2)}" stroke="${c}" stroke-width="1.6" marker-end="url(#bpd-rnn-${a.matrix})"/>`,
      );
    }
    if (a.label) {
      const p = labelAt(a);
      out.push(
        `<text class="label" x="${n(p.x)}" y="${n(p.y + 5 / PX)}" text-anchor="middle" font-size="15" font-style="italic" fill="${c}">${a.matrix}</text>`,
      );
    }
  }
  for (const b of d.boxes) {
    if (b.step === undefined) {
      out.push(`<text x="${n(b.x)}" y="${n(b.y + 6 / PX)}" text-anchor="middle" font-size="22" fill="#374151">${svgName(b)}</text>`);
      continue;
    }
    const fill = b.row === "x" ? "#dbeafe" : b.row === "h" ? "#fef3c7" : "#dcfce7";
    const dashed = b.step === 0 ? ` stroke-dasharray="4 3"` : "";
    out.push(
      `<g class="box ${b.row}"><rect x="${n(b.x - BOX_W / 2)}" y="${n(b.y - BOX_H / 2)}" width="${n(BOX_W)}" height="${n(BOX_H)}" rx="6" fill="${fill}" stroke="#374151" stroke-width="1.2"${dashed}/><text x="${n(b.x)}" y="${n(b.y + 5 / PX)}" text-anchor="middle" font-size="15" fill="#111827">${svgName(b)}</text></g>`,
    );
  }
  out.push(`<text x="${n(d.equals)}" y="${n(ROW_Y.h + 7 / PX)}" text-anchor="middle" font-size="22" fill="#374151">=</text>`, `</svg>`);
  return `${out.join("\n")}\n`;
}

function tikzName(b: Box): string {
  if (b.step === undefined) return "$\\cdots$";
  const base = b.row === "x" ? "\\vec{x}" : b.row === "h" ? "\\vec{h}" : "\\hat{\\vec{y}}";
  return `$${base}^{${SUP(b.step)}}$`;
}

export function recurrentTikz(d: RecurrentDiagram): string {
  const lines: string[] = [
    "\\begin{tikzpicture}[x=1cm, y=-1cm, font=\\small,",
    `  bpdrnn/.style={rectangle, rounded corners=2pt, draw=black!70, minimum width=${BOX_W}cm, minimum height=${BOX_H}cm, inner sep=1pt},`,
    "  bpdrnnx/.style={bpdrnn, fill=blue!15}, bpdrnnh/.style={bpdrnn, fill=orange!20}, bpdrnny/.style={bpdrnn, fill=green!20}]",
  ];
  for (const b of d.boxes) {
    if (b.step === undefined) lines.push(`\\node (bpd${b.key}) at (${b.x}, ${b.y}) {${tikzName(b)}};`);
    else lines.push(`\\node[bpdrnn${b.row}${b.step === 0 ? ", dashed" : ""}] (bpd${b.key}) at (${b.x}, ${b.y}) {${tikzName(b)}};`);
  }
  for (const a of d.arrows) {
    const style = `->, draw=${COLOUR[a.matrix].tikz}, line width=0.7pt`;
    if (a.loop)
      lines.push(
        `\\draw[${style}] (bpd${a.from.key}.north east) .. controls +(0.7, -0.3) and +(0.7, 0.3) .. (bpd${a.from.key}.south east);`,
      );
    else lines.push(`\\draw[${style}] (bpd${a.from.key}) -- (bpd${a.to.key});`);
    if (a.label) {
      const p = labelAt(a);
      lines.push(`\\node[text=${COLOUR[a.matrix].tikz}] at (${p.x.toFixed(2)}, ${p.y.toFixed(2)}) {$${a.matrix}$};`);
    }
  }
  lines.push(`\\node at (${d.equals}, ${ROW_Y.h}) {$=$};`, "\\end{tikzpicture}");
  return lines.join("\n");
}

/** The caption: what the two halves show, and which steps an ellipsis leaves out. */
export function recurrentCaption(lang: string, l: RecurrentLayout): string {
  const base = fill(label(lang, "fig-rnn"), { T: l.steps });
  return l.steps <= MAX_STEPS ? base : `${base}${lang === "en" ? " " : ""}${fill(label(lang, "fig-rnn-elided"), { last: l.steps - 1 })}`;
}
