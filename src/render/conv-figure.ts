// The picture of a convolutional network: the first convolution layer's maps (channel 1 of the map
// it reads, filter 1 of the map it writes), each position a cell, the zero padding dashed. Above,
// forward: the kernel's one window at the first output position, and the position it reaches.
// Below, backward: one position of the map read, and the output positions whose windows cover it
// (the downstream nodes of its total derivative). One geometry (convFigure), two drawings: SVG
// (for HTML and Markdown) and TikZ (inline in LaTeX).
import { label } from "../derive/messages/index.js";
import type { ConvLayer, ConvolutionLayout } from "../network/forms/convolution-layout.js";
import type { Network } from "../network/graph.js";

/** A cell's side, and the most a map is drawn across (larger maps get smaller cells). */
const CELL = 15;
const MAX_SIDE = 150;
const GAP = 70;
const MARGIN = 12;
const TITLE = 22;

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export type Mark = "cell" | "padding" | "window" | "reached" | "source" | "fed";

export interface ConvFigure {
  readonly width: number;
  readonly height: number;
  /** Every cell and highlight, in drawing order (highlights last). */
  readonly rects: readonly (Rect & { readonly mark: Mark })[];
  readonly arrows: readonly { readonly from: readonly [number, number]; readonly to: readonly [number, number] }[];
  /** Text lines, each starting at (x, y) (its baseline). */
  readonly texts: readonly { readonly x: number; readonly y: number; readonly text: string; readonly box: Rect }[];
  /** The two panels' boxes, titles included (they never overlap). */
  readonly panels: readonly Rect[];
}

/** The first convolution layer and the number of the stack layer it is (from 1). */
export function firstConv(layout: ConvolutionLayout): { layer: ConvLayer; l: number } | undefined {
  const i = layout.layers.findIndex((l) => l.kind === "conv");
  return i < 0 ? undefined : { layer: layout.layers[i] as ConvLayer, l: i + 1 };
}

/** An estimate of a text's width at 12 px: wide characters (CJK) count twice. */
const textWidth = (s: string): number => [...s].reduce((n, c) => n + (/[\u2e80-\uffef]/u.test(c) ? 12 : 6.6), 0);

/** The output positions (i, j) whose windows cover input position (r, q). */
function fedBy(layer: ConvLayer, r: number, q: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < layer.output.h; i++)
    for (let j = 0; j < layer.output.w; j++) {
      const u = r - (layer.stride[0] * i - layer.padding[0]);
      const v = q - (layer.stride[1] * j - layer.padding[1]);
      if (u >= 0 && u < layer.kernel[0] && v >= 0 && v < layer.kernel[1]) out.push([i, j]);
    }
  return out;
}

export function convFigure(layout: ConvolutionLayout, lang: string): ConvFigure | undefined {
  const found = firstConv(layout);
  if (found === undefined) return undefined;
  const { layer, l } = found;
  const m = layer.input;
  const o = layer.output;
  const [ph, pw] = layer.padding;
  const rows = m.h + 2 * ph;
  const cols = m.w + 2 * pw;
  const cell = Math.min(CELL, MAX_SIDE / Math.max(rows, cols, o.h, o.w));
  const rects: (Rect & { mark: Mark })[] = [];
  const arrows: { from: [number, number]; to: [number, number] }[] = [];
  const texts: { x: number; y: number; text: string; box: Rect }[] = [];
  const panels: Rect[] = [];
  const inW = cols * cell;
  const inH = rows * cell;
  const outW = o.w * cell;
  const outH = o.h * cell;
  const outX = MARGIN + inW + GAP;
  const text = (x: number, y: number, s: string): void => {
    texts.push({ x, y, text: s, box: { x, y: y - 11, w: textWidth(s), h: 14 } });
  };
  const fill = (key: Parameters<typeof label>[1], values: Record<string, string | number>): string =>
    label(lang, key).replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]));
  const panel = (top: number, title: string, input: (x0: number, y0: number) => void, output: (x0: number, y0: number) => void): number => {
    text(MARGIN, top + 14, title);
    const y0 = top + TITLE + 16;
    text(MARGIN, y0 - 4, fill("fig-conv-map-in", { l: l - 1 }));
    const oy = y0 + (inH - outH) / 2;
    text(outX, oy - 4, fill("fig-conv-map-out", { l }));
    for (let r = 0; r < rows; r++)
      for (let q = 0; q < cols; q++) {
        const pad = r < ph || r >= ph + m.h || q < pw || q >= pw + m.w;
        rects.push({ x: MARGIN + q * cell, y: y0 + r * cell, w: cell, h: cell, mark: pad ? "padding" : "cell" });
      }
    for (let i = 0; i < o.h; i++)
      for (let j = 0; j < o.w; j++) rects.push({ x: outX + j * cell, y: oy + i * cell, w: cell, h: cell, mark: "cell" });
    input(MARGIN, y0);
    output(outX, oy);
    const bottom = y0 + Math.max(inH, outH);
    panels.push({ x: MARGIN, y: top, w: outX + outW - MARGIN, h: bottom - top });
    return bottom;
  };
  // Forward: the window at output position (0, 0) covers padded rows and columns 0 .. k - 1.
  const end = panel(
    MARGIN,
    label(lang, "fig-conv-forward"),
    (x0, y0) => rects.push({ x: x0, y: y0, w: layer.kernel[1] * cell, h: layer.kernel[0] * cell, mark: "window" }),
    (x0, y0) => {
      rects.push({ x: x0, y: y0, w: cell, h: cell, mark: "reached" });
      arrows.push({ from: [MARGIN + inW + 4, y0 + cell / 2], to: [x0 - 4, y0 + cell / 2] });
    },
  );
  // Backward: a position near the middle of the map read that some window covers.
  const candidates: [number, number][] = [];
  for (let r = 0; r < m.h; r++) for (let q = 0; q < m.w; q++) candidates.push([r, q]);
  const mid = (a: [number, number]): number => Math.abs(a[0] - (m.h - 1) / 2) + Math.abs(a[1] - (m.w - 1) / 2);
  const [r, q] = candidates.filter(([a, c]) => fedBy(layer, a, c).length > 0).sort((a, b) => mid(a) - mid(b))[0]!;
  const fed = fedBy(layer, r, q);
  panel(
    end + 28,
    label(lang, "fig-conv-backward"),
    (x0, y0) => {
      rects.push({ x: x0 + (q + pw) * cell, y: y0 + (r + ph) * cell, w: cell, h: cell, mark: "source" });
      arrows.push({ from: [MARGIN + inW + 4, y0 + (r + ph + 0.5) * cell], to: [outX - 4, 0] });
    },
    (x0, y0) => {
      for (const [i, j] of fed) rects.push({ x: x0 + j * cell, y: y0 + i * cell, w: cell, h: cell, mark: "fed" });
      const ys = fed.map(([i]) => y0 + (i + 0.5) * cell);
      const last = arrows.pop()!;
      arrows.push({ from: last.from, to: [x0 - 4, (Math.min(...ys) + Math.max(...ys)) / 2] });
    },
  );
  const width = Math.max(outX + outW, ...texts.map((t) => t.box.x + t.box.w)) + MARGIN;
  const height = Math.max(...panels.map((p) => p.y + p.h)) + MARGIN;
  return { width, height, rects, arrows, texts, panels };
}

/** A convolutional network's picture and its caption, or undefined for another network (or one without a convolution). */
export function convFigureOf(network: Network, lang: string): { figure: ConvFigure; caption: string } | undefined {
  const layout = network.spec.convolution;
  const figure = layout === undefined ? undefined : convFigure(layout, lang);
  if (layout === undefined || figure === undefined) return undefined;
  const padded = firstConv(layout)!.layer.padding.some((p) => p > 0);
  return { figure, caption: label(lang, padded ? "fig-conv-padded" : "fig-conv") };
}

const f = (v: number): string => String(Math.round(v * 10) / 10);
const xml = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

const STYLE: Record<Mark, { fill: string; stroke: string; width: number; dash?: boolean; tikz: string }> = {
  cell: { fill: "#ffffff", stroke: "#9ca3af", width: 1, tikz: "draw=gray!60, fill=white" },
  padding: { fill: "#f3f4f6", stroke: "#9ca3af", width: 1, dash: true, tikz: "draw=gray!60, dashed, fill=gray!8" },
  window: { fill: "none", stroke: "#2563eb", width: 2.5, tikz: "draw=blue!80!black, line width=1.2pt" },
  reached: { fill: "#bfdbfe", stroke: "#2563eb", width: 2, tikz: "draw=blue!80!black, fill=blue!20, line width=1pt" },
  source: { fill: "#fed7aa", stroke: "#ea580c", width: 2, tikz: "draw=orange!90!black, fill=orange!25, line width=1pt" },
  fed: { fill: "#fed7aa", stroke: "#ea580c", width: 2, tikz: "draw=orange!90!black, fill=orange!25, line width=1pt" },
};

export function convFigureSvg(fig: ConvFigure, title: string): string {
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${f(fig.width)}" height="${f(fig.height)}" viewBox="0 0 ${f(fig.width)} ${f(fig.height)}" font-family="Helvetica, Arial, sans-serif" role="img">`,
    `<title>${xml(title)}</title>`,
    `<defs><marker id="conv-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M 0 0 L 10 5 L 0 10 z" fill="#374151"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  for (const r of fig.rects) {
    const s = STYLE[r.mark];
    out.push(
      `<rect class="${r.mark}" x="${f(r.x)}" y="${f(r.y)}" width="${f(r.w)}" height="${f(r.h)}" fill="${s.fill}" stroke="${s.stroke}" stroke-width="${s.width}"${s.dash ? ' stroke-dasharray="3 2"' : ""}/>`,
    );
  }
  for (const a of fig.arrows)
    out.push(
      `<line x1="${f(a.from[0])}" y1="${f(a.from[1])}" x2="${f(a.to[0])}" y2="${f(a.to[1])}" stroke="#374151" stroke-width="1.5" marker-end="url(#conv-arrow)"/>`,
    );
  for (const t of fig.texts) out.push(`<text x="${f(t.x)}" y="${f(t.y)}" font-size="12" fill="#111827">${xml(t.text)}</text>`);
  out.push("</svg>", "");
  return out.join("\n");
}

/** The same picture in TikZ, 1 px = 0.02 cm, y pointing up. */
export function convFigureTikz(fig: ConvFigure, escape: (s: string) => string): string {
  const S = 0.02;
  const P = (x: number, y: number): string => `(${(x * S).toFixed(3)},${(-y * S).toFixed(3)})`;
  const lines = ["\\begin{tikzpicture}"];
  for (const r of fig.rects) lines.push(`\\draw[${STYLE[r.mark].tikz}] ${P(r.x, r.y)} rectangle ${P(r.x + r.w, r.y + r.h)};`);
  for (const a of fig.arrows)
    lines.push(`\\draw[->, >=stealth, thick, gray!70!black] ${P(a.from[0], a.from[1])} -- ${P(a.to[0], a.to[1])};`);
  for (const t of fig.texts) lines.push(`\\node[anchor=base west, inner sep=0pt, font=\\small] at ${P(t.x, t.y)} {${escape(t.text)}};`);
  lines.push("\\end{tikzpicture}");
  return lines.join("\n");
}
