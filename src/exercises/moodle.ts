// The sheet as Moodle XML: a numeric exercise is a "numerical" question with its answer and a
// tolerance, every other one an "essay" question with the key as the grader's information. Each
// question states its network (and its numbers) itself, since Moodle shows questions one by one.
// Formulas are written \( … \) and \[ … \] for Moodle's MathJax filter.
import { alignedRows } from "./outline.js";
import { escapeHtml } from "./html.js";
import { say } from "./messages.js";
import type { Exercise, Line, Piece, Sheet, SheetPart } from "./types.js";

const html = (ps: readonly Piece[]): string => ps.map((p) => ("text" in p ? escapeHtml(p.text) : `\\(${escapeHtml(p.tex)}\\)`)).join("");
const display = (lines: readonly Line[]): string =>
  lines.length === 0 ? "" : `<p>\\[\\begin{aligned}${escapeHtml(alignedRows(lines).join(" \\\\ "))}\\end{aligned}\\]</p>`;

/** Text in CDATA, whose one forbidden sequence is split across two sections. */
const cdata = (s: string): string => `<![CDATA[${s.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
const xmlText = (s: string): string => s.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);

function questionText(sheet: Sheet, part: SheetPart, e: Exercise): string {
  const network = `<ul>${part.network.map((l) => `<li>${html(l)}</li>`).join("")}</ul>`;
  const numbers =
    e.kind === "numeric" && e.source === "numeric"
      ? `<p>${html(say(sheet.lang, "numbersIntro"))}</p><p>${part.numbers.map((n) => html([n])).join(", ")}</p>`
      : "";
  return `${network}${numbers}<p>${html(e.prompt)}</p>${display(e.given)}`;
}

const keyHtml = (e: Exercise): string => `<p>${html(e.answer.intro)}</p>${display(e.answer.lines)}<p>${html(e.answer.outro)}</p>`;

function question(sheet: Sheet, part: SheetPart, e: Exercise): string {
  const head = [
    `    <name><text>${xmlText(e.id)}</text></name>`,
    `    <questiontext format="html"><text>${cdata(questionText(sheet, part, e))}</text></questiontext>`,
    `    <generalfeedback format="html"><text>${cdata(keyHtml(e))}</text></generalfeedback>`,
    "    <defaultgrade>1</defaultgrade>",
    "    <penalty>0</penalty>",
    "    <hidden>0</hidden>",
  ];
  if (e.kind === "numeric" && e.answer.shown !== undefined) {
    return [
      '  <question type="numerical">',
      ...head,
      '    <answer fraction="100" format="moodle_auto_format">',
      `      <text>${e.answer.shown}</text>`,
      `      <tolerance>${e.answer.tolerance}</tolerance>`,
      '      <feedback format="html"><text></text></feedback>',
      "    </answer>",
      "  </question>",
    ].join("\n");
  }
  return [
    '  <question type="essay">',
    ...head,
    "    <responseformat>editor</responseformat>",
    "    <responserequired>1</responserequired>",
    "    <responsefieldlines>15</responsefieldlines>",
    "    <attachments>0</attachments>",
    `    <graderinfo format="html"><text>${cdata(keyHtml(e))}</text></graderinfo>`,
    '    <responsetemplate format="html"><text></text></responsetemplate>',
    "  </question>",
  ].join("\n");
}

export const sheetMoodle = (sheet: Sheet): string =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<quiz>",
    ...sheet.parts.flatMap((p) => p.exercises.map((e) => question(sheet, p, e))),
    "</quiz>",
    "",
  ].join("\n");
