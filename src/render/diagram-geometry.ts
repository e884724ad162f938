// The geometry the pictures of a network share: their nodes, edges and labels in layout units
// (one unit between rows, DX between layers), where a weight's label may sit along a straight or
// curved edge, and the drawing limits. The layered layout (diagram.ts) and the graph layout
// (graph-diagram.ts) place nodes; SVG and TikZ draw what they placed.

export const MAX_DRAWN = 10;
export const EDGE_LABEL_LIMIT = 16;
/** The radius of a node, in layout units. */
export const R = 0.34;

export type NodeKind = "input" | "hidden" | "output" | "bias" | "ellipsis";

export interface DiagramNode {
  readonly key: string;
  /** The node number, "1" for a bias input, "" for an ellipsis. */
  readonly label: string;
  readonly kind: NodeKind;
  readonly x: number;
  readonly y: number;
}

export interface Point {
  x: number;
  y: number;
}

/** One cubic Bezier segment of a curved edge. */
export interface Segment {
  readonly from: Point;
  readonly c1: Point;
  readonly c2: Point;
  readonly to: Point;
}

export interface DiagramEdge {
  readonly from: DiagramNode;
  readonly to: DiagramNode;
  /** A curved edge (one routed around the columns it passes): its segments, centre to centre. */
  readonly curve?: readonly Segment[];
  /** The colour of a tied weight's group. */
  readonly tie?: { readonly svg: string; readonly tikz: string };
  /** The index list of the weight: "41" for w_{41}, "b_4" for w_{b_4}; absent when unlabelled. */
  readonly weight?: string;
  /** Where along the edge (centre to centre) its label sits, 0 at the source. */
  readonly at: number;
}

/** A label's box in layout units: centre and half-sizes. SVG and TikZ both draw at the centre. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Half-sizes of a weight's label (w_{41} at 12 px, 56 px to the unit, with a little air). */
const LABEL_W = 0.3;
const LABEL_H = 0.15;

export const labelBox = (e: DiagramEdge): Box => {
  const p =
    e.curve === undefined
      ? { x: e.from.x + (e.to.x - e.from.x) * e.at, y: e.from.y + (e.to.y - e.from.y) * e.at }
      : pointOnCurve(e.curve, e.at);
  return { x: p.x, y: p.y, w: LABEL_W, h: LABEL_H };
};

const bezier = (s: Segment, t: number): Point => {
  const u = 1 - t;
  const [a, b, c, d] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
  return { x: a * s.from.x + b * s.c1.x + c * s.c2.x + d * s.to.x, y: a * s.from.y + b * s.c1.y + c * s.c2.y + d * s.to.y };
};

/** The point at fraction `at` of a curve's length (measured along 16 chords per segment). */
export function pointOnCurve(curve: readonly Segment[], at: number): Point {
  const pts = curve.flatMap((s, i) => Array.from({ length: i === 0 ? 17 : 16 }, (_, n) => bezier(s, (i === 0 ? n : n + 1) / 16)));
  const lengths = [0];
  for (let i = 1; i < pts.length; i++) lengths.push(lengths[i - 1]! + Math.hypot(pts[i]!.x - pts[i - 1]!.x, pts[i]!.y - pts[i - 1]!.y));
  const goal = at * lengths[lengths.length - 1]!;
  const i = Math.max(
    1,
    lengths.findIndex((l) => l >= goal),
  );
  const f = (goal - lengths[i - 1]!) / (lengths[i]! - lengths[i - 1]! || 1);
  return { x: pts[i - 1]!.x + (pts[i]!.x - pts[i - 1]!.x) * f, y: pts[i - 1]!.y + (pts[i]!.y - pts[i - 1]!.y) * f };
}

export const overlaps = (a: Box, b: Box): boolean => Math.abs(a.x - b.x) < a.w + b.w && Math.abs(a.y - b.y) < a.h + b.h;

/** Where a label may sit along its edge, tried in this order: away from the crowded middle first. */
const SPOTS = [0.22, 0.78, 0.3, 0.7, 0.38, 0.62, 0.46, 0.54, 0.26, 0.74, 0.34, 0.66, 0.42, 0.58, 0.5];

/**
 * Each edge's label at the first spot along it where it overlaps no node and no label placed
 * before it; undefined when some label finds no such spot (the picture is then unlabelled).
 */
export function placeLabels(edges: readonly Omit<DiagramEdge, "at">[], nodes: readonly DiagramNode[]): number[] | undefined {
  const placed: Box[] = [];
  const nodeBoxes: Box[] = nodes.map((n) => ({ x: n.x, y: n.y, w: R, h: R }));
  const spots: number[] = [];
  for (const e of edges) {
    const spot = SPOTS.find((at) => {
      const box = labelBox({ ...e, at });
      return !placed.some((p) => overlaps(p, box)) && !nodeBoxes.some((n) => overlaps(n, box));
    });
    if (spot === undefined) return undefined;
    placed.push(labelBox({ ...e, at: spot }));
    spots.push(spot);
  }
  return spots;
}

export interface Diagram {
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  /** Column headings: the layer's role and activation. */
  readonly headers: readonly { readonly x: number; readonly lines: readonly string[] }[];
  readonly width: number;
  readonly top: number;
  readonly bottom: number;
  readonly labelled: boolean;
  /** Layers wider than this many nodes are drawn in part; undefined when none is. */
  readonly elidedAbove?: number;
  /** Tied weights: each group's colour, its shared value theta_g and its edges' index lists. */
  readonly legend?: readonly {
    readonly colour: { readonly svg: string; readonly tikz: string };
    readonly theta: number;
    readonly weights: readonly string[];
  }[];
}

/** Layout units: one unit between rows, DX between layers. */
export const DX = 3.6;
export const DY = 1.25;
