// The "exercises" panel: a sheet for the network on the page, drawn when asked (a seed per
// sheet), each answer hidden until its button is pressed; the sheet, the key and the Moodle XML
// download as the command line writes them (`backprop-derive exercises SPEC --seed N`). The
// library does the work on the page: deriving and checking every answer of a small network
// takes about a second, so a sheet is drawn on request, never as you type.
import katex from "katex";
import {
  alignedRows,
  derive,
  type Network,
  type Piece,
  makeSheet,
  notesNumbers,
  type Sheet,
  type SheetLine,
  sheetFiles,
} from "../src/index.js";

/** Networks over this many weights and biases get no sheet on the page (the command line makes one). */
const EXERCISE_LIMIT = 200;

export interface ExercisesBox {
  /** The network a sheet is drawn for, and the language of the sheet. */
  update(network: Network, lang: string): void;
}

const tex = (s: string, display: boolean): string => {
  try {
    return katex.renderToString(s, { displayMode: display, throwOnError: true, strict: "error" });
  } catch {
    return s;
  }
};

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const piecesHtml = (ps: readonly Piece[]): string => ps.map((p) => ("text" in p ? escapeHtml(p.text) : tex(p.tex, false))).join("");
const linesHtml = (lines: readonly SheetLine[]): string =>
  lines.length === 0 ? "" : `<div class="display">${tex(`\\begin{aligned}${alignedRows(lines).join(" \\\\ ")}\\end{aligned}`, true)}</div>`;

export function mountExercises(doc: Document): ExercisesBox {
  const seedInput = doc.getElementById("exercises-seed") as HTMLInputElement;
  const drawButton = doc.getElementById("exercises-draw") as HTMLButtonElement;
  const list = doc.getElementById("exercises-list")!;
  const downloads = doc.getElementById("exercises-downloads")!;
  let network: Network | undefined;
  let lang = "en";
  let sheet: Sheet | undefined;

  const note = (text: string): void => {
    const p = doc.createElement("p");
    p.className = "note";
    p.textContent = text;
    list.replaceChildren(p);
    downloads.hidden = true;
  };

  const show = (s: Sheet): void => {
    const items = s.exercises.map((e, i) => {
      const li = doc.createElement("li");
      const prompt = doc.createElement("div");
      prompt.innerHTML = `<p>${piecesHtml(e.prompt)}</p>${linesHtml(e.given)}`;
      const button = doc.createElement("button");
      button.type = "button";
      button.textContent = "Show the answer";
      button.setAttribute("aria-expanded", "false");
      const answer = doc.createElement("div");
      answer.className = "answer";
      answer.id = `exercise-answer-${i + 1}`;
      answer.hidden = true;
      button.setAttribute("aria-controls", answer.id);
      button.addEventListener("click", () => {
        if (answer.childElementCount === 0)
          answer.innerHTML = `<p>${piecesHtml(e.answer.intro)}</p>${linesHtml(e.answer.lines)}<p>${piecesHtml(e.answer.outro)}</p>`;
        answer.hidden = !answer.hidden;
        button.textContent = answer.hidden ? "Show the answer" : "Hide the answer";
        button.setAttribute("aria-expanded", String(!answer.hidden));
      });
      li.append(prompt, button, answer);
      return li;
    });
    const ol = doc.createElement("ol");
    ol.append(...items);
    list.replaceChildren(ol);
    downloads.hidden = false;
  };

  drawButton.addEventListener("click", () => {
    if (network === undefined) return;
    if (network.params.length > EXERCISE_LIMIT) {
      note(`The page draws sheets for networks of up to ${EXERCISE_LIMIT} weights and biases.`);
      return;
    }
    const seed = Number(seedInput.value);
    if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
      note("The seed is a whole number from 0 to 4294967295.");
      return;
    }
    try {
      const proof = derive(network, { lang });
      sheet = makeSheet(proof, { seed, kinds: ["numeric", "derivation", "spot-the-error", "mini-batch"], numbers: [notesNumbers(proof)] });
      show(sheet);
    } catch (e) {
      sheet = undefined;
      note(`No sheet: ${(e as Error).message}`);
    }
  });

  const file = (format: "tex" | "moodle", name: string): void => {
    if (sheet === undefined) return;
    const f = sheetFiles(sheet, format).find((x) => x.name === name)!;
    const a = doc.createElement("a");
    a.href = URL.createObjectURL(new Blob([f.content], { type: format === "moodle" ? "application/xml" : "application/x-tex" }));
    a.download = f.name;
    a.hidden = true;
    doc.body.append(a);
    a.click();
    a.remove();
  };
  for (const [id, format, name] of [
    ["exercises-sheet", "tex", "exercises.tex"],
    ["exercises-key", "tex", "answers.tex"],
    ["exercises-moodle", "moodle", "exercises.moodle.xml"],
  ] as const)
    doc.getElementById(id)!.addEventListener("click", () => file(format, name));

  return {
    update(n, l) {
      // A sheet belongs to one network: another network (or language) clears it.
      if (n !== network || l !== lang) {
        sheet = undefined;
        list.replaceChildren();
        downloads.hidden = true;
      }
      network = n;
      lang = l === "zh-Hant" ? "zh-Hant" : "en";
    },
  };
}
