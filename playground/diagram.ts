// The network's picture (network.svg, as the documents draw it), made interactive: each drawn node
// can be selected by click or keyboard, and selecting node j marks its error term δ_j wherever
// the derivation writes it, its downstream nodes and the edges w_kj that its total-derivative sum
// runs over. The picture is read as drawn (circles, their numbers, lines between them), so that
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

/** LaTeX that names δ_j: \delta_4 or \delta_{12}. */
const namesDelta = (tex: string, j: number): boolean => new RegExp(`^\\\\delta_(?:${j}|\\{${j}\\})$`).test(tex.trim());

export interface Selection {
  readonly node: number;
  readonly places: number;
  readonly downstream: readonly number[];
}

/**
 * Puts the picture into `box` and wires it to the derivation in `article`; `onSelect` hears each
 * selection. Edges are attributed by their ends: a line starts at the right of its source circle
 * and ends at the left of its target's.
 */
export function mountDiagram(box: HTMLElement, svgText: string, network: Network, article: HTMLElement, onSelect: (s: Selection) => void): void {
  box.innerHTML = svgText;
  const svg = box.querySelector("svg");
  if (svg === null) return;
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-label", "The network; each node can be selected");
  const nodes = drawnNodes(svg);
  const r = Number(svg.querySelector("g.nodes circle")?.getAttribute("r") ?? 19);
  const lines: { line: SVGLineElement; from?: number; to?: number }[] = [];
  for (const line of svg.querySelectorAll<SVGLineElement>("g.edges line")) {
    const a = (k: string): number => Number(line.getAttribute(k));
    const from = nearest(nodes, a("x1") - r, a("y1"), r);
    const to = nearest(nodes, a("x2") + r, a("y2"), r);
    lines.push({ line, ...(from ? { from: from.id } : {}), ...(to ? { to: to.id } : {}) });
  }
  const select = (n: Drawn): void => {
    for (const m of nodes) {
      m.group.classList.toggle("selected", m === n);
      m.group.setAttribute("aria-pressed", String(m === n));
    }
    const info = network.nodes[n.id];
    const layer = info === undefined ? undefined : network.layers[info.layer];
    // Through a softmax layer, δ of a node sums over its whole layer as well.
    const coupled = layer?.activation !== undefined && !layer.activation.elementwise ? layer.nodes.filter((k) => k !== n.id) : [];
    const downstream = [...(info?.downstream ?? []), ...coupled];
    for (const m of nodes) m.group.classList.toggle("downstream", downstream.includes(m.id));
    for (const l of lines) l.line.classList.toggle("in-sum", l.from === n.id && l.to !== undefined && (info?.downstream ?? []).includes(l.to));
    let places = 0;
    let first: Element | undefined;
    for (const old of article.querySelectorAll(".bpd-hl")) old.classList.remove("bpd-hl");
    for (const note of article.querySelectorAll("annotation")) {
      if (!namesDelta(note.textContent ?? "", n.id)) continue;
      const at = note.closest("tr") ?? note.closest(".katex-display") ?? note.closest(".katex");
      if (at === null || at.classList.contains("bpd-hl")) continue;
      at.classList.add("bpd-hl");
      places++;
      first ??= at;
    }
    first?.scrollIntoView({ block: "center" });
    onSelect({ node: n.id, places, downstream });
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
