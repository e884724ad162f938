// Files in and out. Outputs are rendered completely in memory, then written under temporary
// names and renamed, so that bad input never leaves a half-written or overwritten file.
import { accessSync, constants, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import type { OutputFile } from "../render/formats.js";

export function readJson(path: string, field: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(field, `cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(field, `${path} is not valid JSON: ${String((e as Error).message).split("\n")[0]}`);
  }
}

/** Checks that `dir` exists or can be created, and is writable, before anything is rendered. */
export function checkOutDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw new Error("not a directory");
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new InputError("--out", `cannot write to ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); give a writable directory`);
  }
}

export function writeAll(dir: string, files: readonly OutputFile[]): string[] {
  const tag = `.tmp-${process.pid}`;
  const written: string[] = [];
  try {
    for (const f of files) {
      writeFileSync(join(dir, f.name + tag), f.content);
      written.push(f.name);
    }
  } catch (e) {
    for (const name of written) rmSync(join(dir, name + tag), { force: true });
    throw new InputError("--out", `cannot write to ${dir} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  for (const f of files) renameSync(join(dir, f.name + tag), join(dir, f.name));
  return files.map((f) => join(dir, f.name));
}
