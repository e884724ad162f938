// The house's hard limit on a module's size: no file under src/ over 400 lines (the guideline is
// about 300), so that a module that grows past one idea is split by idea. Generated modules
// (src/render/generated/, made by scripts/generate.mjs from KaTeX and the templates) are data.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../src");
const GENERATED = join(SRC, "render", "generated");
const MAX_LINES = 400;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (p === GENERATED) return [];
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** A file's lines as an editor counts them (a final newline ends the last line, it starts none). */
const lineCount = (text: string): number => text.split("\n").length - (text.endsWith("\n") ? 1 : 0);

/** The files longer than the limit, with their lengths. */
const tooLong = (files: readonly { name: string; text: string }[]): string[] =>
  files.filter((f) => lineCount(f.text) > MAX_LINES).map((f) => `${f.name}: ${lineCount(f.text)} lines`);

describe("module size", () => {
  it(`no file under src/ is over ${MAX_LINES} lines`, () => {
    const files = sources(SRC).map((p) => ({ name: relative(SRC, p), text: readFileSync(p, "utf8") }));
    expect(files.length).toBeGreaterThan(100);
    expect(tooLong(files)).toEqual([]);
  });

  it("counts lines as an editor does, and names a file one line over (the check itself can fail)", () => {
    expect(lineCount("a\nb\n")).toBe(2);
    expect(lineCount("a\nb")).toBe(2);
    const at = "x\n".repeat(MAX_LINES);
    expect(tooLong([{ name: "at.ts", text: at }])).toEqual([]);
    expect(tooLong([{ name: "over.ts", text: `${at}y\n` }])).toEqual([`over.ts: ${MAX_LINES + 1} lines`]);
  });
});
