// Runs the CLI in-process and captures its output, its error lines and its exit code.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";

export interface Run {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
  /** What was written raw to standard output (--out -). */
  readonly raw: string;
}

/** The command line in this process; `stdin` is what a SPEC or --params of "-" reads. */
export async function runWith(argv: readonly string[], options: { stdin?: string } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  let raw = "";
  const write = (chunk: string | Uint8Array): void => {
    raw += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
  };
  const stdin = options.stdin;
  const code = await main(
    argv,
    (s) => out.push(s),
    (s) => err.push(s),
    { write, ...(stdin === undefined ? {} : { stdin: () => stdin }) },
  );
  return { code, out, err, raw };
}

export const run = (...argv: string[]): Promise<Run> => runWith(argv);

export const tempDir = (): string => mkdtempSync(join(tmpdir(), "bpd-"));

export function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
  return path;
}

export const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

/** Every file under `dir` with its bytes, to show that a refused run changed nothing. */
export function snapshot(dir: string): Map<string, string> {
  const m = new Map<string, string>();
  if (!existsSync(dir)) return m;
  for (const name of readdirSync(dir, { recursive: true }).map(String).sort()) {
    const path = join(dir, name);
    try {
      m.set(name, readFileSync(path).toString("base64"));
    } catch {
      m.set(name, "(directory)");
    }
  }
  return m;
}
