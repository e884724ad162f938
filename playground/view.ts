// What the page prints about the checks and about itself: the live count, the verdicts, and the
// table of derived gradients against finite differences. Plain text nodes only (no HTML from
// strings): messages quote what the user typed.
import type { GradientReport, StepReport } from "../src/index.js";
import type { Selection } from "./diagram.js";

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** "Checking every step: 120 of 240". */
export function progressLine(stage: string, done: number, total: number | undefined): string {
  const what = stage.charAt(0).toUpperCase() + stage.slice(1);
  return total === undefined ? `${what}…` : `${what}: ${done.toLocaleString("en")} of ${total.toLocaleString("en")}`;
}

/** "2 overflow, 1 vacuous": counts of rows or steps not compared, by reason. */
const reasons = (counts: Readonly<Record<string, number | undefined>>, leave = ""): string =>
  Object.entries(counts)
    .filter(([k, n]) => k !== leave && (n ?? 0) > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");

/** The verdicts, one sentence each; each ends in "N failed". */
export function verdict(steps: StepReport, report: GradientReport): string[] {
  const left = steps.unchecked > 0 ? `, ${plural(steps.unchecked, "step")} of long enumerations left out of the seeded sample` : "";
  const skippedSteps = Object.values(steps.notCompared).reduce((t, n) => t + n, 0) - steps.unchecked;
  const stepsNot = skippedSteps > 0 ? `, ${skippedSteps} not compared (${reasons(steps.notCompared, "sampled-out")})` : "";
  const skipped = report.rows.length - report.checked - report.failed;
  const overflow = skipped > 0 ? `, ${skipped} not compared (${reasons(report.notCompared)})` : "";
  return [
    `Steps: ${plural(steps.total, "step")} at ${plural(steps.points, "random point")}: ${steps.verified.toLocaleString("en")} verified, ${steps.definitions.toLocaleString("en")} definitions or notation${left}${stepsNot}, ${steps.failed} failed.`,
    `Gradients: ${report.checked.toLocaleString("en")} of ${plural(report.total, "parameter")} compared with central differences${overflow}, worst relative error ${report.worst.toExponential(2)}, ${report.failed} failed.`,
  ];
}

/** Fills the table body with one row per compared parameter (the seeded sample beyond 300). */
export function fillTable(body: HTMLTableSectionElement, report: GradientReport | undefined): void {
  const doc = body.ownerDocument;
  body.replaceChildren();
  for (const r of report?.rows ?? []) {
    const tr = doc.createElement("tr");
    if (r.outcome === "failed") tr.className = "failed";
    const cells = [
      r.name,
      r.derived.toPrecision(10),
      r.numeric.toPrecision(10),
      r.relError.toExponential(2),
      r.outcome === "compared" ? "yes" : r.outcome === "failed" ? "NO" : `not compared: ${r.reason}`,
    ];
    cells.forEach((text, i) => {
      const td = doc.createElement(i === 0 ? "th" : "td");
      if (i === 0) td.setAttribute("scope", "row");
      td.textContent = text;
      tr.append(td);
    });
    body.append(tr);
  }
}

export function setText(el: HTMLElement, lines: readonly string[], failed = false): void {
  el.replaceChildren(...lines.map((l) => Object.assign(el.ownerDocument.createElement("span"), { textContent: l, className: "line" })));
  el.classList.toggle("failed", failed);
}

const nodeList = (ks: readonly number[]): string => `node${ks.length === 1 ? "" : "s"} ${ks.join(", ")}`;

/** What a selected node's δ is made of, in one sentence. */
export function selectionLine(s: Selection): string {
  const marked = `δ${s.node} marked in ${plural(s.places, "place")}${s.indexForm ? " (the index form that covers it)" : ""}`;
  if (s.role === "input") return `Node ${s.node}: an input, which has no δ; it feeds ${nodeList(s.downstream)}.`;
  if (s.role === "output")
    return `Node ${s.node}: ${marked}; ${s.downstream.length ? `an output of a softmax set, whose δ sums over ${nodeList(s.downstream)}` : "an output node, whose δ comes from the loss"}.`;
  if (s.role === "output that feeds")
    return `Node ${s.node}: ${marked}; an output that also feeds others, so its δ has the loss's term and a sum over ${nodeList(s.downstream)}.`;
  return `Node ${s.node}: ${marked}; its sum runs over ${nodeList(s.downstream)}.`;
}
