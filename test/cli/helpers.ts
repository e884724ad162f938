// Runs the CLI in-process and captures its output, its error lines and its exit code.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCas } from "../../src/check/cas.js";
import { main } from "../../src/cli/main.js";

// As the command-line entry does before check and derive: the CAS is loaded by a dynamic import.
await loadCas();

export interface Run {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

export function run(...argv: string[]): Run {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out, err };
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), "bpd-"));

export function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
  return path;
}

export const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);
