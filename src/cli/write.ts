// Writing the outputs so that a reader never sees a half-written file and a failure leaves
// nothing behind (outputs.ts stages and commits a run's files). Every file is written first under
// a temporary name in its own target directory, created exclusively (O_CREAT | O_EXCL |
// O_NOFOLLOW: a planted file or symlink of that name makes the open fail instead of being
// followed), then all are renamed into place; rename
// replaces a symlink standing at the target rather than writing through it. Temporary names are
// `.<file>.<pid>.<12 hex digits>.bpd-tmp`; they are removed on any failure and, while the writes
// run, on SIGINT and SIGTERM. One left by a killed process (SIGKILL, power loss) is stale when
// its process no longer runs or it is a day old, and the next run into that directory removes it.
import { randomBytes } from "node:crypto";
import { accessSync, closeSync, constants, lstatSync, mkdirSync, openSync, readdirSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";
import { InputError, shorten } from "../errors.js";
import type { Content, OutputFile } from "../render/document.js";

export const TEMP_SUFFIX = ".bpd-tmp";
const TEMP = /^\..+\.(\d+)\.[0-9a-f]{12}\.bpd-tmp$/;
const STALE_MS = 24 * 60 * 60 * 1000;
/** Creating the output directory gives up after this (some file systems refuse by never answering). */
export const MKDIR_DEADLINE_MS = 5_000;
const CHUNK = 1 << 16;

export const errno = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? String((e as Error).message);
const WHY: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large for this system",
  EACCES: "permission denied",
  EROFS: "read-only file system",
};
export const why = (e: unknown): string => {
  const code = errno(e);
  return Object.hasOwn(WHY, code) ? `${code}: ${WHY[code]}` : code;
};

/**
 * `dir` and its missing parents, one level at a time (Node's recursive mkdir can spin on /proc);
 * returns the directories it created, outermost first.
 */
export function makeDir(dir: string, field = "--out"): string[] {
  const created: string[] = [];
  const started = Date.now();
  const parts = resolve(dir).split(sep);
  let path = parts[0] === "" ? sep : parts[0]!;
  for (const part of parts.slice(1)) {
    if (part === "") continue;
    path = join(path, part);
    if (Date.now() - started > MKDIR_DEADLINE_MS)
      throw new InputError(field, `cannot create ${shorten(dir)} (gave up after ${MKDIR_DEADLINE_MS / 1000} s)`);
    let kind: "dir" | "other" | "none";
    try {
      // A symlink to a directory is followed, as for any path the user gives.
      kind = lstatSync(path, { throwIfNoEntry: false }) === undefined ? "none" : isDir(path) ? "dir" : "other";
    } catch (e) {
      throw new InputError(field, `cannot create ${shorten(dir)} (${why(e)} at ${shorten(path)})`);
    }
    if (kind === "other") throw new InputError(field, `cannot create ${shorten(dir)}: ${shorten(path)} is a file, not a directory`);
    if (kind === "dir") continue;
    try {
      mkdirSync(path);
      created.push(path);
    } catch (e) {
      if (errno(e) !== "EEXIST" || !isDir(path))
        throw new InputError(field, `cannot create ${shorten(dir)} (${why(e)} at ${shorten(path)})`);
    }
  }
  return created;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Whether `dir` exists as a writable directory or could be created: checked before any work, so
 * that a long derivation does not end in a refusal it could have met at once. Creates nothing.
 */
export function checkOutDir(dir: string): void {
  let path = resolve(dir);
  for (;;) {
    let st: ReturnType<typeof lstatSync> | undefined;
    try {
      st = lstatSync(path, { throwIfNoEntry: false });
    } catch {
      st = undefined; // ENOTDIR: a file stands higher up; the parent loop finds it.
    }
    if (st !== undefined) {
      if (!isDir(path)) throw new InputError("--out", `cannot create ${shorten(dir)}: ${shorten(path)} is a file, not a directory`);
      try {
        accessSync(path, constants.W_OK);
      } catch (e) {
        throw new InputError("--out", `cannot write to ${shorten(path)} (${why(e)}); give a writable directory`);
      }
      return;
    }
    const parent = dirname(path);
    if (parent === path) return;
    path = parent;
  }
}

/**
 * Refuses, before anything is written, a directory standing where a file goes, and a file or a
 * symlink where a directory goes (a symlink at a file's place is fine: rename replaces it).
 */
export function checkTargets(out: string, files: readonly OutputFile[]): void {
  for (const f of files) {
    const parts = f.name.split("/");
    let path = out;
    for (const [i, part] of parts.entries()) {
      path = join(path, part);
      const st = lstatSync(path, { throwIfNoEntry: false });
      if (st === undefined) break;
      const last = i === parts.length - 1;
      if (last && st.isDirectory())
        throw new InputError("--out", `a directory is in the way: ${shorten(path)} must be a file; move it or choose another --out`);
      if (!last && st.isSymbolicLink()) {
        // Followed, it would write outside --out.
        throw new InputError(
          "--out",
          `a symlink is in the way: ${shorten(path)} must be a directory inside the output directory; remove it or choose another --out`,
        );
      }
      if (!last && !isDir(path)) {
        throw new InputError("--out", `a file is in the way: ${shorten(path)} must be a directory; move it or choose another --out`);
      }
    }
  }
}

const alive = (pid: number): boolean => {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errno(e) === "EPERM";
  }
};

/** Removes the stale temporary files of earlier runs from `dir`; returns their names. */
export function sweep(dir: string, now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP.exec(name);
    if (m === null) continue;
    const path = join(dir, name);
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (st === undefined || st.isDirectory()) continue;
    if (alive(Number(m[1])) && now - st.mtimeMs < STALE_MS) continue;
    try {
      unlinkSync(path);
      removed.push(name);
    } catch {
      // Another run removed it first, or it cannot be removed: either way it is not ours to report.
    }
  }
  return removed;
}

/** Temporary files of the writes in progress, removed by `abandon` (on a signal). */
export const pending = new Set<string>();

export function abandon(): void {
  for (const path of pending) {
    try {
      unlinkSync(path);
    } catch {
      // Already renamed or removed.
    }
  }
  pending.clear();
}

export const tempName = (target: string): string =>
  join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}${TEMP_SUFFIX}`);

const FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** The file system refused a write: the cause is the system's (ENOSPC, EFBIG, ...), not the content's. */
export class WriteError extends Error {
  constructor(override readonly cause: unknown) {
    super(errno(cause));
  }
}

/** A file system call whose failure is a WriteError (an error of the content's own making is not). */
function fsCall<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new WriteError(e);
  }
}

/** The pieces of a content, as bytes: a string or bytes whole, a stream of text piece by piece. */
function* piecesOf(content: Content): Generator<Uint8Array> {
  if (typeof content === "string") yield Buffer.from(content, "utf8");
  else if (content instanceof Uint8Array) yield content;
  else for (const chunk of content.chunks()) yield Buffer.from(chunk, "utf8");
}

/**
 * Creates `path` (failing if anything, a symlink included, is there) and writes `content` to it,
 * a stream piece by piece. A failure of the file system is a WriteError; one of making the
 * content is thrown as it is (the caller removes the file either way).
 */
export async function writeExclusive(path: string, content: Content): Promise<void> {
  const fd = fsCall(() => openSync(path, FLAGS, 0o644));
  pending.add(path);
  try {
    for (const bytes of piecesOf(content)) {
      for (let at = 0; at < bytes.length; ) {
        at += fsCall(() => writeSync(fd, bytes, at, Math.min(CHUNK, bytes.length - at)));
        // Let a signal's handler run between chunks, so that an interrupted run cleans up.
        if (at < bytes.length) await new Promise((r) => setImmediate(r));
      }
      await new Promise((r) => setImmediate(r));
    }
  } finally {
    closeSync(fd);
  }
}
