// The files of a sheet in the formats asked for: exercises.<fmt> and answers.<fmt> for tex, html
// and md, exercises.json, and exercises.moodle.xml.
import { assertNever } from "../expr/types.js";
import { sheetHtml } from "./html.js";
import { sheetJson } from "./json.js";
import { sheetMd } from "./md.js";
import { sheetMoodle } from "./moodle.js";
import { outline } from "./outline.js";
import { sheetTex } from "./tex.js";
import type { Sheet } from "./types.js";

export const SHEET_FORMATS = ["tex", "html", "md", "json", "moodle"] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];

export interface SheetFile {
  readonly name: string;
  readonly content: string;
}

export function sheetFiles(sheet: Sheet, format: SheetFormat): SheetFile[] {
  const pair = (ext: string, print: (answers: boolean) => string): SheetFile[] => [
    { name: `exercises.${ext}`, content: print(false) },
    { name: `answers.${ext}`, content: print(true) },
  ];
  switch (format) {
    case "tex":
      return pair("tex", (a) => sheetTex(outline(sheet, a), sheet.lang));
    case "html":
      return pair("html", (a) => sheetHtml(outline(sheet, a), sheet.lang));
    case "md":
      return pair("md", (a) => sheetMd(outline(sheet, a)));
    case "json":
      return [{ name: "exercises.json", content: sheetJson(sheet) }];
    case "moodle":
      return [{ name: "exercises.moodle.xml", content: sheetMoodle(sheet) }];
    default:
      return assertNever(format);
  }
}
