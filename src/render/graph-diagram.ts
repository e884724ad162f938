// The picture of a network that is not the seed's consecutive fully connected layers: any DAG,
// in columns by depth (the longest path from an input), laid out by dagre's layered algorithm
// (crossing reduction within each column, and long edges routed through the gaps of the
// columns they pass), each routed edge drawn as a smooth curve through dagre's points. The
// curve is a chain of cubic Bezier segments computed here, so SVG and TikZ draw it at the same
// coordinates, and an edge's label sits at a point of that very curve. Tied edges share a
// colour, named in a legend. A column wider than the drawing limit shows its first nodes, an
// ellipsis and its last node, in number order, with plain curves instead of a routed layout.
import dagre from "@dagrejs/dagre";
import type { Network } from "../network/graph.js";
import { indexList } from "../expr/latex.js";
import { node as nodeIndex } from "../expr/build.js";
import { elideList } from "./elide.js";
import type { Diagram, DiagramEdge, DiagramNode, NodeKind, Point } from "./diagram-geometry.js";
import { DX, DY, EDGE_LABEL_LIMIT, MAX_DRAWN, placeLabels, R } from "./diagram-geometry.js";

/** dagre works in pixels: this many to a layout unit. */
const SCALE = 100;

type Draft = Omit<DiagramEdge, "at">;

export function layoutGraphDiagram(network: Network, expand: number, headers: readonly (readonly string[])[]): Diagram {
  const drawn = Math.max(2, Math.min(expand, MAX_DRAWN));
  const depthOf = (k: number): number => network.nodes[k]!.depth;
  const maxDepth = Math.max(...network.nodes.slice(1).map((n) => n.depth));
  const columns: number[][] = Array.from({ length: maxDepth + 1 }, () => []);
  for (const n of network.nodes.slice(1)) columns[n.depth]!.push(n.id);
  const elided = columns.some((c) => c.length > drawn);
  const outputs = new Set(network.outputs);
  const kindOf = (k: number): NodeKind => (network.nodes[k]!.layer === 0 ? "input" : outputs.has(k) ? "output" : "hidden");
  const shown = columns.map((c) => elideList<number | null>(c, drawn, () => null));
  const visible = new Set(shown.flat().filter((k): k is number => k !== null));
  const edgeList = network.nodes.flatMap((n) =>
    visible.has(n.id) ? n.preds.filter((j) => visible.has(j)).map((j) => [j, n.id] as const) : [],
  );
  const pos = new Map<string, Point>();
  const routes = new Map<string, Point[]>();
  if (!elided) {
    // dagre's layered layout, left to right, each node at the rank of its depth.
    const g = new dagre.graphlib.Graph();
    g.setGraph({
      rankdir: "LR",
      ranker: "none",
      nodesep: DY * SCALE - 2 * R * SCALE,
      ranksep: DX * SCALE - 2 * R * SCALE,
      edgesep: 0.3 * SCALE,
    });
    g.setDefaultEdgeLabel(() => ({}));
    // Ranks twice the depth, as dagre itself ranks (it doubles every edge's length to make room
    // for labels), so that every edge has a routed point between its ends.
    for (const k of visible) g.setNode(String(k), { width: 2 * R * SCALE, height: 2 * R * SCALE, rank: 2 * depthOf(k) });
    for (const [j, k] of edgeList) g.setEdge(String(j), String(k), { minlen: depthOf(k) - depthOf(j) });
    dagre.layout(g);
    for (const k of visible) {
      const n = g.node(String(k));
      pos.set(`n${k}`, { x: depthOf(k) * DX, y: n.y / SCALE });
    }
    for (const [j, k] of edgeList) {
      const pts = (g.edge(String(j), String(k)).points ?? []) as { x: number; y: number }[];
      // The points dagre routes the edge through, between its two nodes (its ends are the nodes' centres).
      routes.set(
        `${j}-${k}`,
        pts.slice(1, -1).map((p) => ({ x: p.x / SCALE, y: p.y / SCALE })),
      );
    }
    // dagre's x spacing follows ranksep; ours is DX per depth: rescale the routes' x.
    rescaleRoutes(routes, g, visible, depthOf);
    // Crossings do not change when the picture is mirrored top to bottom: mirror it when that
    // puts more nodes of a column in the order of their numbers, top down, as a reader expects.
    if (numberOrderScore(columns, pos) < 0) {
      for (const p of pos.values()) p.y = -p.y;
      for (const r of routes.values()) for (const p of r) p.y = -p.y;
    }
    // An edge between neighbouring columns is straight; one that skips columns keeps the points
    // where it passes each column between (dagre's gap between that column's nodes).
    for (const [key, r] of routes) {
      const [j, k] = key.split("-").map(Number) as [number, number];
      routes.set(key, depthOf(k) - depthOf(j) > 1 ? r.filter((p) => Math.abs(p.x / DX - Math.round(p.x / DX)) < 1e-6) : []);
    }
  } else {
    shown.forEach((items, d) =>
      items.forEach((k, i) => k !== null && pos.set(`n${k}`, { x: d * DX, y: (i - (items.length - 1) / 2) * DY })),
    );
  }
  // Centre the picture on y = 0.
  const ys = [...pos.values()].map((p) => p.y);
  const mid = (Math.min(...ys) + Math.max(...ys)) / 2;
  const nodes: DiagramNode[] = [];
  const byKey = new Map<string, DiagramNode>();
  shown.forEach((items, d) => {
    items.forEach((k, i) => {
      let n: DiagramNode;
      if (k === null) {
        const before = pos.get(`n${items[i - 1]}`)!;
        const after = pos.get(`n${items[i + 1]}`)!;
        n = { key: `e${d}`, label: "", kind: "ellipsis", x: d * DX, y: (before.y + after.y) / 2 - mid };
      } else {
        const p = pos.get(`n${k}`)!;
        n = { key: `n${k}`, label: String(k), kind: kindOf(k), x: p.x, y: p.y - mid };
      }
      nodes.push(n);
      byKey.set(n.key, n);
    });
  });
  for (const r of routes.values()) for (const p of r) p.y -= mid;
  // One constant input 1 per column that feeds biases, below the column before it.
  const lowest = (d: number): number => {
    const inColumn = nodes.filter((n) => n.x === d * DX).map((n) => n.y);
    const passing = [...routes.values()]
      .flat()
      .filter((p) => Math.abs(p.x - d * DX) < DX / 2)
      .map((p) => p.y);
    return Math.max(...inColumn, ...passing);
  };
  const drafts: Draft[] = [];
  const tie = tieColours(network);
  for (const [j, k] of edgeList) {
    const from = byKey.get(`n${j}`)!;
    const to = byKey.get(`n${k}`)!;
    const weight = indexList([nodeIndex(k), nodeIndex(j)]);
    const route = routes.get(`${j}-${k}`) ?? (depthOf(k) - depthOf(j) > 1 ? [arcPoint(from, to)] : []);
    // A pooling node's edges carry no weight, so no name.
    const named = network.nodes[k]!.combine === "weighted" ? { weight } : {};
    drafts.push({ from, to, ...named, ...(route.length > 0 ? { curve: curveThrough([from, ...route, to]) } : {}), ...tieOf(tie, k, j) });
  }
  for (let d = 1; d <= maxDepth; d++) {
    const biased = shown[d]!.filter((k): k is number => k !== null && network.nodes[k]!.bias);
    if (biased.length === 0) continue;
    const bias: DiagramNode = { key: `b${d - 1}`, label: "1", kind: "bias", x: (d - 1) * DX, y: lowest(d - 1) + DY };
    nodes.push(bias);
    for (const k of biased) drafts.push({ from: bias, to: byKey.get(`n${k}`)!, weight: `b_${k}`, ...tieOf(tie, k, "b") });
  }
  // Labels while every column receives at most EDGE_LABEL_LIMIT edges, bias edges included.
  const perColumn = new Map<number, number>();
  for (const e of drafts) perColumn.set(e.to.x, (perColumn.get(e.to.x) ?? 0) + 1);
  const withinLimit = !elided && [...perColumn.values()].every((n) => n <= EDGE_LABEL_LIMIT);
  const spots = withinLimit ? placeLabels(drafts, nodes) : undefined;
  const edges: DiagramEdge[] = drafts.map((e, i) => (spots ? { ...e, at: spots[i]! } : { ...withoutWeight(e), at: 0.5 }));
  const allY = [...nodes.map((n) => n.y), ...edges.flatMap((e) => (e.curve ?? []).flatMap((s) => [s.c1.y, s.c2.y]))];
  return {
    nodes,
    edges,
    headers: columns.map((_, d) => ({ x: d * DX, lines: headers[d] ?? [] })),
    width: maxDepth * DX,
    top: Math.min(...allY),
    bottom: Math.max(...allY),
    labelled: spots !== undefined,
    ...(elided ? { elidedAbove: drawn } : {}),
    ...(tie.legend.length > 0 ? { legend: tie.legend } : {}),
  };
}

const withoutWeight = (e: Draft): Draft => {
  const { weight: _, ...rest } = e;
  return rest;
};

/** Pairs of nodes in one column drawn in number order (top down) minus pairs drawn against it. */
function numberOrderScore(columns: readonly number[][], pos: ReadonlyMap<string, Point>): number {
  let score = 0;
  for (const column of columns) {
    const ys = column.map((k) => pos.get(`n${k}`)?.y).filter((y): y is number => y !== undefined);
    for (let a = 0; a < ys.length; a++) for (let b = a + 1; b < ys.length; b++) score += Math.sign(ys[b]! - ys[a]!);
  }
  return score;
}

/** dagre spaces ranks by its own ranksep; the routes' x are mapped onto DX per depth. */
function rescaleRoutes(
  routes: Map<string, Point[]>,
  g: InstanceType<typeof dagre.graphlib.Graph>,
  visible: ReadonlySet<number>,
  depthOf: (k: number) => number,
): void {
  // dagre's x of each depth, from its nodes; a dummy between two depths is interpolated.
  const at = new Map<number, number>();
  for (const k of visible) at.set(depthOf(k), g.node(String(k)).x / SCALE);
  const known = [...at.entries()].sort((a, b) => a[0] - b[0]);
  const map = (x: number): number => {
    for (let i = 1; i < known.length; i++) {
      const [d0, x0] = known[i - 1]!;
      const [d1, x1] = known[i]!;
      if (x <= x1 || i === known.length - 1) return (d0 + ((x - x0) / (x1 - x0 || 1)) * (d1 - d0)) * DX;
    }
    return known[0]![0] * DX;
  };
  for (const r of routes.values()) for (const p of r) p.x = map(p.x);
}

/** A point above the straight line between two nodes, for an edge that skips columns. */
const arcPoint = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: Math.min(a.y, b.y) - 0.6 * DY });

/** Cubic Bezier segments through the points (Catmull-Rom): smooth, and straight for two points. */
export function curveThrough(points: readonly Point[]): { c1: Point; c2: Point; to: Point; from: Point }[] {
  const p = (i: number): Point => points[Math.max(0, Math.min(points.length - 1, i))]!;
  const segments = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b, c, d] = [p(i - 1), p(i), p(i + 1), p(i + 2)];
    segments.push({
      from: b,
      c1: { x: b.x + (c.x - a.x) / 6, y: b.y + (c.y - a.y) / 6 },
      c2: { x: c.x - (d.x - b.x) / 6, y: c.y - (d.y - b.y) / 6 },
      to: c,
    });
  }
  return segments;
}

const COLOURS = [
  { svg: "#dc2626", tikz: "red!80!black" },
  { svg: "#2563eb", tikz: "blue!80!black" },
  { svg: "#7c3aed", tikz: "violet!80!black" },
  { svg: "#059669", tikz: "teal!80!black" },
  { svg: "#d97706", tikz: "orange!90!black" },
  { svg: "#db2777", tikz: "magenta!80!black" },
];

interface Ties {
  readonly of: ReadonlyMap<string, number>;
  readonly legend: Diagram["legend"] & {};
}

/** Each tied group's colour (cycling through the palette), and the legend naming its edges. */
function tieColours(network: Network): Ties {
  const of = new Map<string, number>();
  const legend: { colour: { svg: string; tikz: string }; theta: number; weights: string[] }[] = [];
  network.tied.forEach((group, g) => {
    const colour = COLOURS[g % COLOURS.length]!;
    const weights = group.map((e) => {
      const p = network.edges[e]!;
      of.set(`${p.to}:${p.from}`, g);
      return p.from === "b" ? `b_${p.to}` : indexList([nodeIndex(p.to), nodeIndex(p.from)]);
    });
    legend.push({ colour, theta: g + 1, weights });
  });
  return { of, legend };
}

function tieOf(t: Ties, to: number, from: number | "b"): { tie?: { svg: string; tikz: string } } {
  const g = t.of.get(`${to}:${from}`);
  return g === undefined ? {} : { tie: COLOURS[g % COLOURS.length]! };
}
