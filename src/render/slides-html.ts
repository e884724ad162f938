// Lecture slides as one HTML file that travels alone: the frames of the Beamer deck (the same
// plan, slides-plan.ts), every formula set by KaTeX ahead of time, KaTeX's stylesheet and fonts
// inside it, and a few lines of script for the keyboard (→, space: on; ←: back; Home, End). A
// derivation unfolds line by line as in the Beamer deck: each overlay is the display with the
// lines still to come kept as empty space (\phantom), so that nothing moves as it unfolds. Each
// frame is a 1280×720 canvas, scaled to the window; what does not fit is set smaller. Printed,
// it is one frame per page, each derivation whole.
import type { Inline, Proof } from "../derive/proof.js";
import { toLatex } from "../expr/latex.js";
import { katexInlineCss } from "./assets.js";
import { diagramHeaders } from "./context.js";
import { diagramSvg, layoutDiagram } from "./diagram.js";
import type { OutputFile } from "./document.js";
import { math } from "./html.js";
import { escapeHtml } from "./page.js";
import { type Frame, type SlideRow, slidesPlan } from "./slides-plan.js";

export const SLIDES_HTML_FILE = "derivation.slides.html";

const inline = (content: readonly Inline[]): string =>
  content.map((c) => ("math" in c ? math(toLatex(c.math), false) : escapeHtml(c.text))).join("");

const tagOf = (r: SlideRow): string => (r.tag === undefined ? "" : ` \\quad (\\text{${r.tag}})`);

/** The display with its first `shown` rows, the others as empty space of their size. */
function display(rows: readonly SlideRow[], shown: number): string {
  const body = rows
    .map((r, i) =>
      i < shown ? `${r.lhs} &${r.rel} ${r.rhs}${tagOf(r)}` : `\\phantom{${r.lhs}} &\\phantom{{} ${r.rel} ${r.rhs}${tagOf(r)}}`,
    )
    .join(" \\\\ ");
  return math(`\\begin{aligned}${body}\\end{aligned}`, true);
}

/** A frame's overlays: one per row when it unfolds, else one. */
function states(rows: readonly SlideRow[], unfold: boolean): string[] {
  if (!unfold) return [display(rows, rows.length)];
  return rows.map((_, i) => display(rows, i + 1));
}

const section = (title: string, steps: number, body: string): string =>
  `<section class="frame" data-steps="${steps}" hidden>\n<h2>${escapeHtml(title)}</h2>\n<div class="body">${body}</div>\n</section>`;

function frameHtml(proof: Proof, f: Frame): string {
  const intro = f.intro === undefined ? "" : `<p class="intro">${inline(f.intro)}</p>`;
  if (f.kind === "network") {
    const d = layoutDiagram(proof.network, 4, diagramHeaders(proof.network, proof.lang));
    return section(f.title, 1, `${intro}<div class="picture">${diagramSvg(d, f.title)}</div>`);
  }
  const block = (rows: readonly SlideRow[], unfold: boolean): string =>
    `<div class="display">${states(rows, unfold)
      .map((s, i, all) => `<div class="state${i === all.length - 1 ? " last" : ""}" data-state="${i + 1}">${s}</div>`)
      .join("")}</div>`;
  if (!f.columns) return section(f.title, f.unfold ? f.rows.length : 1, `${intro}${block(f.rows, f.unfold)}`);
  const half = Math.ceil(f.rows.length / 2);
  return section(
    f.title,
    1,
    `${intro}<div class="columns">${block(f.rows.slice(0, half), false)}${block(f.rows.slice(half), false)}</div>`,
  );
}

const CSS = `
html,body{margin:0;height:100%;background:#222;overflow:hidden}
body{font-family:"Latin Modern Sans","Helvetica Neue",Arial,"Noto Sans CJK TC",sans-serif;color:#111}
.frame{position:absolute;left:50%;top:50%;width:1280px;height:720px;margin:-360px 0 0 -640px;box-sizing:border-box;
  padding:28px 56px 40px;background:#fff;display:flex;flex-direction:column;transform-origin:center center}
.frame[hidden]{display:none}
.frame h2{margin:0 0 18px;font-size:36px;font-weight:600;color:#1d3f72;border-bottom:2px solid #1d3f72;padding-bottom:8px}
.frame.title{justify-content:center;align-items:center;text-align:center}
.frame.title h1{font-size:44px;color:#1d3f72;max-width:1000px;line-height:1.25}
.body{flex:1;min-height:0;overflow:hidden;font-size:28px;display:flex;flex-direction:column}
.body>*{flex:none}.body>:first-child{margin-top:auto}.body>:last-child{margin-bottom:auto}.body>.picture{flex:1}
.intro{margin:0 0 12px;font-size:0.8em;line-height:1.4}
.display{overflow:hidden}
.state[hidden]{display:none}
.katex-display{margin:0.4em 0}
.columns{display:flex;gap:32px}.columns>.display{flex:1;min-width:0}
.picture{flex:1;min-height:0;position:relative}.picture svg{position:absolute;left:0;top:0;width:100%;height:100%}
.counter{position:fixed;right:12px;bottom:8px;color:#bbb;font:14px sans-serif}
@media print{
  @page{size:1280px 720px;margin:0}
  html,body{background:#fff;overflow:visible;height:auto}
  .frame,.frame[hidden]{display:flex;position:relative;left:0;top:0;margin:0;transform:none!important;break-after:page;page-break-after:always}
  .state,.state[hidden]{display:none}
  .state.last{display:block}
  .counter{display:none}
}`;

/** Navigation, and each frame's type set smaller until its formulas fit the canvas. */
const SCRIPT = `
(() => {
  const frames = [...document.querySelectorAll(".frame")];
  const counter = document.querySelector(".counter");
  let f = 0, s = 1;
  const steps = (i) => Number(frames[i].dataset.steps);
  const fits = (frame) => {
    const body = frame.querySelector(".body");
    if (!body) return true;
    if (body.scrollHeight > body.clientHeight + 1) return false;
    return [...frame.querySelectorAll(".display, .intro")].every((d) => d.scrollWidth <= d.clientWidth + 1);
  };
  const fit = (frame) => {
    const body = frame.querySelector(".body");
    if (!body) return;
    let size = 28;
    body.style.fontSize = size + "px";
    while (!fits(frame) && size > 8) body.style.fontSize = (size -= 1) + "px";
  };
  const scale = () => {
    const k = Math.min(innerWidth / 1280, innerHeight / 720);
    for (const fr of frames) fr.style.transform = "scale(" + k + ")";
  };
  const show = () => {
    frames.forEach((fr, i) => (fr.hidden = i !== f));
    for (const st of frames[f].querySelectorAll(".state")) st.hidden = Number(st.dataset.state) !== Math.min(s, steps(f));
    counter.textContent = f + 1 + " / " + frames.length;
    history.replaceState(null, "", "#" + (f + 1));
  };
  const next = () => { if (s < steps(f)) s++; else if (f < frames.length - 1) { f++; s = 1; } show(); };
  const prev = () => { if (s > 1) s--; else if (f > 0) { f--; s = steps(f); } show(); };
  addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const k = e.key;
    if (k === "ArrowRight" || k === " " || k === "PageDown" || k === "Enter") next();
    else if (k === "ArrowLeft" || k === "PageUp" || k === "Backspace") prev();
    else if (k === "Home") { f = 0; s = 1; show(); }
    else if (k === "End") { f = frames.length - 1; s = steps(f); show(); }
    else return;
    e.preventDefault();
  });
  addEventListener("resize", scale);
  const start = () => {
    // Each frame is fitted once, whole (its last overlay), as it is printed.
    for (const fr of frames) {
      fr.hidden = false;
      const states = [...fr.querySelectorAll(".state")];
      for (const st of states) st.hidden = !st.classList.contains("last");
      fit(fr);
      fr.hidden = true;
    }
    const n = Number(location.hash.slice(1));
    if (Number.isInteger(n) && n >= 1 && n <= frames.length) f = n - 1;
    scale();
    show();
    document.body.dataset.ready = "true";
  };
  // Every font face loaded before anything is measured (a hidden frame asks for none).
  Promise.all([...document.fonts].map((face) => face.load())).then(start, start);
})();
`;

export function slidesHtml(proof: Proof): string {
  const deck = slidesPlan(proof);
  const frames = deck.frames.map((f) => frameHtml(proof, f));
  return [
    "<!DOCTYPE html>",
    `<html lang="${escapeHtml(deck.lang)}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(deck.title)}</title>`,
    `<style>${katexInlineCss()}</style>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    `<section class="frame title" data-steps="1" hidden><h1>${escapeHtml(deck.title)}</h1></section>`,
    ...frames,
    '<div class="counter" aria-live="polite"></div>',
    `<script>${SCRIPT}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

export const slidesHtmlFile = (proof: Proof): OutputFile => ({ name: SLIDES_HTML_FILE, content: slidesHtml(proof) });
