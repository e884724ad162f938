// All-or-nothing outputs of one run, for one spec or several: every file of every spec is first
// written under a temporary name beside its target (stage), and only when all are written are
// they renamed into place (commit). Each previous file is first renamed aside to a temporary name
// of its own and kept until the last rename has succeeded; when a rename fails, the renamed ones
// are put back (the new file removed, the previous one renamed back), so that a failure at any
// point leaves the previous outputs as they were. Between two stages (while the next spec is
// derived) no signal handler is installed, so that Ctrl-C stops a long derivation at once; the
// temporary files it leaves belong to a process that no longer runs, and the next run into that
// directory sweeps them (write.ts).
import { lstatSync, renameSync, rmdirSync, unlinkSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError, shorten } from "../errors.js";
import type { OutputFile } from "../render/document.js";
import { abandon, checkTargets, errno, makeDir, pending, sweep, tempName, why, WriteError, writeExclusive } from "./write.js";

export interface WriteOptions {
  /** Remove the temporary files and exit on SIGINT/SIGTERM during the writes (the command line). */
  readonly signals?: boolean;
  /** Called with the number of files written so far. */
  readonly progress?: (done: number) => void;
  /** The rename of the file system (a test puts a failing one here). */
  readonly rename?: (from: string, to: string) => void;
}

const EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

interface Staged {
  readonly temp: string;
  readonly target: string;
}

interface Placed {
  readonly target: string;
  /** The previous file at target, set aside under a temporary name. */
  readonly backup: string | undefined;
}

/** The outputs of one run under `out`: stage the files of each spec, then commit them all at once. */
export class Outputs {
  private readonly staged: Staged[] = [];
  private readonly targets = new Set<string>();
  /** The directories this run created, removed (those still empty) unless the run succeeds. */
  private readonly created: string[] = [];
  private committed = false;
  private readonly rename: (from: string, to: string) => void;

  constructor(
    private readonly out: string,
    private readonly options: WriteOptions = {},
  ) {
    this.rename = options.rename ?? renameSync;
  }

  /** Writes `files` (named relative to `out`) under temporary names; any failure is an InputError. */
  async stage(files: readonly OutputFile[]): Promise<void> {
    const onSignal = (signal: NodeJS.Signals): void => {
      this.close();
      process.exit(EXIT[signal] ?? 1);
    };
    if (this.options.signals) for (const s of Object.keys(EXIT)) process.on(s, onSignal);
    try {
      this.created.push(...makeDir(this.out));
      checkTargets(this.out, files);
      const dirs = [...new Set(files.map((f) => dirname(join(this.out, f.name))))];
      for (const d of dirs) this.created.push(...makeDir(d));
      for (const d of dirs) sweep(d);
      for (const f of files) {
        const target = join(this.out, f.name);
        if (this.targets.has(target)) throw new Error(`two outputs of one run are both ${target}`);
        const temp = tempName(target);
        try {
          await writeExclusive(temp, f.content);
        } catch (e) {
          if (!(e instanceof WriteError)) throw e;
          throw new InputError("--out", `cannot write ${shorten(target)} (${why(e.cause)}); nothing was changed`);
        }
        this.staged.push({ temp, target });
        this.targets.add(target);
        this.options.progress?.(this.staged.length);
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      if (this.options.signals) for (const s of Object.keys(EXIT)) process.off(s, onSignal);
    }
  }

  /** Renames every staged file into place, or none: returns the paths written. */
  commit(): string[] {
    const placed: Placed[] = [];
    for (const { temp, target } of this.staged) {
      let backup: string | undefined;
      try {
        backup = this.setAside(target);
        this.rename(temp, target);
      } catch (e) {
        // This target's previous file, if it was set aside, is put back first.
        if (backup !== undefined && lstatSync(target, { throwIfNoEntry: false }) === undefined) placed.push({ target, backup });
        throw new InputError("--out", `cannot replace ${shorten(target)} (${why(e)}); ${this.undo(placed)}`);
      }
      pending.delete(temp);
      placed.push({ target, backup });
    }
    for (const { backup } of placed) if (backup !== undefined) removeQuietly(backup);
    this.committed = true;
    return this.staged.map((s) => s.target);
  }

  /** Removes what a run that did not commit leaves: its temporary files and the directories it created. */
  close(): void {
    abandon();
    if (this.committed) return;
    for (const d of [...this.created].reverse()) {
      try {
        rmdirSync(d);
      } catch {
        // Not empty (another run wrote there), or gone.
      }
    }
    this.created.length = 0;
  }

  /** Renames the previous file at `target` to a temporary name; undefined when there is none. */
  private setAside(target: string): string | undefined {
    const st = lstatSync(target, { throwIfNoEntry: false });
    if (st === undefined) return undefined;
    // A directory that appeared after the checks: renaming it aside would hide it.
    if (st.isDirectory()) throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
    const backup = tempName(target);
    this.rename(target, backup);
    return backup;
  }

  /** Puts back what the renames so far changed, last first; says what the outputs are now. */
  private undo(placed: readonly Placed[]): string {
    const stuck: string[] = [];
    for (const { target, backup } of [...placed].reverse()) {
      try {
        if (backup === undefined) unlinkSync(target);
        // Replaces the new file, if it is there, in one step.
        else this.rename(backup, target);
      } catch (e) {
        const kept = backup === undefined ? "" : `; the previous one is kept beside it as ${shorten(basename(backup), 80)}`;
        stuck.push(`${shorten(target, 60)} (${errno(e)}${kept})`);
      }
    }
    if (stuck.length === 0) return "nothing was changed";
    return `${stuck.length} new ${stuck.length === 1 ? "file" : "files"} could not be taken back: ${stuck.join(", ")}`;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Left behind: a stale temporary file, swept by the next run into that directory.
  }
}

/** Writes every file under `out` all-or-nothing; returns their paths. Any failure is an InputError. */
export async function writeAll(out: string, files: readonly OutputFile[], options: WriteOptions = {}): Promise<string[]> {
  const outputs = new Outputs(out, options);
  try {
    await outputs.stage(files);
    return outputs.commit();
  } finally {
    outputs.close();
  }
}
