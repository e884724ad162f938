// The network's picture (network.svg, as the documents draw it), made interactive: each drawn node
// can be selected by click or keyboard, and selecting node j marks its error term δ_j wherever
// the derivation writes it, its downstream nodes and the edges w_kj that its total-derivative sum
// runs over. The picture is read as drawn (circles, their numbers, lines and curves between them), so that
// the page needs nothing of the drawing code beyond its output.
import type { Network } from "../src/index.js";

interface Drawn {
  readonly id: number;
  readonly group: SVGGElement;
  readonly x: number;
  readonly y: number;
}

/** The nodes drawn: each group under .nodes with a circle and a number (bias squares and ellipses are not nodes). */
function drawnNodes(svg: SVGSVGElement): Drawn[] {
  const out: Drawn[] = [];
  for (const g of svg.querySelectorAll<SVGGElement>("g.nodes > g")) {
    const circle = g.querySelector("circle");
    const id = Number(g.textContent?.trim());
    if (circle === null || !Number.isInteger(id) || id < 1) continue;
    out.push({ id, group: g, x: Number(circle.getAttribute("cx")), y: Number(circle.getAttribute("cy")) });
  }
  return out;
}

/** The node whose centre is nearest to (x, y), within `reach`. */
function nearest(nodes: readonly Drawn[], x: number, y: number, reach: number): Drawn | undefined {
  let best: Drawn | undefined;
  let d = reach;
  for (const n of nodes) {
    const e = Math.hypot(n.x - x, n.y - y);
    if (e < d) [best, d] = [n, e];
  }
  return best;
}

/** LaTeX that writes δ_j: \delta_4 (not \delta_41) or \delta_{12}. */
export const writesDelta = (tex: string, j: number): boolean => new RegExp(`\\\\delta_(?:${j}(?![0-9])|\\{${j}\\})`).test(tex);

/**
 * Whether an index-form formula covers node j: it ends in its binding "(j = 3, 4, 6)" or
 * "(k = 3, \dots, 8)" and j is listed, or lies in a range that \dots stands for.
 */
export function coversNode(tex: string, j: number): boolean {
  const m = /\((?:j|k) = ([^()]*)\)\s*$/.exec(tex);
  if (m === null) return false;
  const items = m[1]!.split(",").map((x) => x.trim());
  return items.some((x, i) => {
    if (x === String(j)) return true;
    if (x !== "\\dots") return false;
    const [a, b] = [Number(items[i - 1]), Number(items[i + 1])];
    return a < j && j < b;
  });
}

/** A formula about some δ: it writes δ_j or δ_k. */
const aboutDelta = (tex: string): boolean => /\\delta_[jk](?![a-z])/.test(tex);

/** The ends of a drawn edge: a line from the right of its source's circle to the left of its target's; a curve (a path) from centre to centre. */
function edgeEnds(el: SVGElement, r: number): { from: { x: number; y: number }; to: { x: number; y: number } } | undefined {
  if (el.tagName === "line") {
    const a = (k: string): number => Number(el.getAttribute(k));
    return { from: { x: a("x1") - r, y: a("y1") }, to: { x: a("x2") + r, y: a("y2") } };
  }
  const n = (el.getAttribute("d") ?? "").match(/-?\d+(?:\.\d+)?/g)?.map(Number) ?? [];
  return n.length < 4 ? undefined : { from: { x: n[0]!, y: n[1]! }, to: { x: n[n.length - 2]!, y: n[n.length - 1]! } };
}

export interface Selection {
  readonly node: number;
  readonly places: number;
  /** Whether the places are index-form lines whose binding lists the node (none writes its δ out). */
  readonly indexForm: boolean;
  /** The nodes its δ's sum runs over: downstream, and the other members of its softmax set. */
  readonly downstream: readonly number[];
  readonly role: "input" | "hidden" | "output" | "output that feeds";
  /** The edges of the sum, each "k-j" for w_kj. */
  readonly edges: readonly string[];
}

/**
 * Puts the picture into `box` and wires it to the derivation in `article`; `onSelect` hears each
 * selection. Edges are attributed by their ends (edgeEnds). A tied edge keeps its group's
 * colour when it is in the sum: the sum is shown by width, and every other edge fades.
 */
export function mountDiagram(
  box: HTMLElement,
  svgText: string,
  network: Network,
  article: HTMLElement,
  onSelect: (s: Selection) => void,
): void {
  box.innerHTML = svgText;
  // The file holds the network's picture and the backward pass beside it; the page shows the
  // network's, the one a node can be selected in.
  const inner = box.querySelector("svg > svg");
  if (inner !== null) box.replaceChildren(inner);
  const svg = box.querySelector("svg");
  if (svg === null) return;
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-label", "The network; each node can be selected");
  const nodes = drawnNodes(svg);
  const r = Number(svg.querySelector("g.nodes circle")?.getAttribute("r") ?? 19);
  const edges: { el: SVGElement; from?: number; to?: number }[] = [];
  for (const el of svg.querySelectorAll<SVGElement>("g.edges line, g.edges path")) {
    const ends = edgeEnds(el, r);
    const from = ends && nearest(nodes, ends.from.x, ends.from.y, r);
    const to = ends && nearest(nodes, ends.to.x, ends.to.y, r);
    // A tied weight's edge is drawn in its group's colour, wider than the others.
    if (el.getAttribute("stroke-width") === "2") el.classList.add("tied");
    if (from !== undefined && to !== undefined) el.dataset.edge = `${to.id}-${from.id}`;
    edges.push({ el, ...(from ? { from: from.id } : {}), ...(to ? { to: to.id } : {}) });
  }
  const select = (n: Drawn): void => {
    for (const m of nodes) {
      m.group.classList.toggle("selected", m === n);
      m.group.setAttribute("aria-pressed", String(m === n));
    }
    const info = network.nodes[n.id];
    const layer = info === undefined ? undefined : network.layers[info.layer];
    const down = info?.downstream ?? [];
    // Through a softmax set, δ of a node sums over the whole set as well.
    const coupled = layer?.activation !== undefined && !layer.activation.elementwise ? layer.nodes.filter((k) => k !== n.id) : [];
    const downstream = [...down, ...coupled];
    for (const m of nodes) m.group.classList.toggle("downstream", downstream.includes(m.id));
    const inSum: string[] = [];
    for (const e of edges) {
      const on = e.from === n.id && e.to !== undefined && down.includes(e.to);
      e.el.classList.toggle("in-sum", on);
      if (on) inSum.push(`${e.to}-${e.from}`);
    }
    svg.classList.add("selecting");
    for (const old of article.querySelectorAll(".bpd-hl")) old.classList.remove("bpd-hl");
    const mark = (test: (note: Element) => boolean): { places: number; first?: Element } => {
      let places = 0;
      let first: Element | undefined;
      for (const note of article.querySelectorAll("annotation")) {
        if (!test(note)) continue;
        const at = note.closest("tr") ?? note.closest(".katex-display") ?? note.closest(".katex");
        if (at === null || at.classList.contains("bpd-hl")) continue;
        at.classList.add("bpd-hl");
        places++;
        first ??= at;
      }
      return { places, ...(first ? { first } : {}) };
    };
    const own = mark((note) => writesDelta(note.textContent ?? "", n.id));
    // The notes write one node of a group out in full; the others, only in index form: there, the
    // lines of a δ's derivation whose binding lists this node.
    const covered =
      own.places > 0
        ? { places: 0 }
        : mark(
            (note) =>
              coversNode(note.textContent ?? "", n.id) &&
              [...(note.closest("table") ?? note.parentElement ?? note).querySelectorAll("annotation")].some((a) =>
                aboutDelta(a.textContent ?? ""),
              ),
          );
    const places = own.places + covered.places;
    const first = own.first ?? covered.first;
    first?.scrollIntoView({ block: "center" });
    const role =
      layer === undefined || layer.role === "input"
        ? "input"
        : layer.role === "hidden"
          ? "hidden"
          : down.length > 0
            ? "output that feeds"
            : "output";
    onSelect({ node: n.id, places, indexForm: own.places === 0 && covered.places > 0, downstream, role, edges: inSum });
  };
  for (const n of nodes) {
    const g = n.group;
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.setAttribute("aria-pressed", "false");
    g.setAttribute("aria-label", `node ${n.id}`);
    g.dataset.node = String(n.id);
    g.addEventListener("click", () => select(n));
    g.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        select(n);
      }
    });
  }
}
