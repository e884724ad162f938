// Reading input files: bounded in size (read in chunks, so /dev/zero or an endless pipe is
// refused, not read until memory runs out) and in nesting (measured by a scan before JSON.parse,
// without recursion), so that every refusal is one line and comes at once.
import { closeSync, openSync, readSync } from "node:fs";
import { InputError, shorten } from "../errors.js";

/** Input files (specs, params, templates) larger than this are refused before parsing. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;
/** Deeper nesting than any spec or params needs (the deepest, params.weights.k.j, is 3). */
export const MAX_JSON_DEPTH = 16;

/** Where the bytes of "-" come from: standard input, or a test's text. */
export type Stdin = () => string;

function readBounded(fd: number, name: string, field: string, what: string): string {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(1 << 16);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") continue;
      if (code === "EOF") break;
      throw new InputError(field, `cannot read ${what}${shorten(name)} (${code ?? "unreadable"})`);
    }
    if (n === 0) break;
    total += n;
    if (total > MAX_INPUT_BYTES)
      throw new InputError(field, `${shorten(name)} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB; input files must be smaller`);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The text of a file, or of standard input for "-", at most MAX_INPUT_BYTES; `what` prefixes its name in messages. */
export function readText(path: string, field: string, stdin?: Stdin, what = ""): string {
  if (path === "-") {
    if (stdin !== undefined) {
      const text = stdin();
      if (text.length > MAX_INPUT_BYTES) throw new InputError(field, `standard input is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
      return text;
    }
    return readBounded(0, "standard input", field, what);
  }
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(field, `cannot read ${what}${shorten(path)} (${code === "ENOENT" ? "no such file" : (code ?? "unreadable")})`);
  }
  try {
    return readBounded(fd, path, field, what);
  } finally {
    closeSync(fd);
  }
}

/** The deepest nesting of brackets in JSON text, outside strings, with where it exceeds `max`. */
export function jsonDepth(text: string, max: number): { depth: number; at?: number } {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123 /* [ { */) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (depth > max) return { depth, at: i };
    } else if (c === 93 || c === 125 /* ] } */) depth--;
  }
  return { depth: deepest };
}

/** A JSON file (or "-"): size, nesting and syntax checked, each refusal naming `field`. */
export function readJson(path: string, field: string, stdin?: Stdin): unknown {
  const text = readText(path, field, stdin);
  const name = path === "-" ? "standard input" : shorten(path);
  const { at } = jsonDepth(text, MAX_JSON_DEPTH);
  if (at !== undefined)
    throw new InputError(
      field,
      `${name} nests arrays or objects more than ${MAX_JSON_DEPTH} deep (at character ${at}); a spec or params file needs at most 3`,
    );
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(field, `${name} is not valid JSON: ${shorten(String((e as Error).message).split("\n")[0]!, 100)}`);
  }
}
