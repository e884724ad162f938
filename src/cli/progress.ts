// Progress on a terminal: after the first second of work, one line on stderr, redrawn in place
// ("backprop-derive: [3/6] checking every step 40%"), erased when the command ends. Nothing is
// drawn when stderr is not a terminal or with --quiet (the command then gets NO_PROGRESS).
import type { Progress } from "../progress.js";

/** Work shorter than this shows no progress at all. */
export const SHOW_AFTER_MS = 1_000;
const REDRAW_MS = 100;

export interface TerminalProgress extends Progress {
  /** Erases the line (at the end of the command). */
  done(): void;
}

export function terminalProgress(write: (s: string) => void, now: () => number = Date.now): TerminalProgress {
  const started = now();
  let stages = 0;
  let index = 0;
  let name = "";
  let total: number | undefined;
  let drawn = false;
  let last = 0;
  const draw = (done?: number): void => {
    const t = now();
    if (t - started < SHOW_AFTER_MS || (drawn && t - last < REDRAW_MS && done !== undefined)) return;
    const counter = stages > 0 ? `[${Math.min(index, stages)}/${stages}] ` : "";
    const pct = total !== undefined && total > 0 && done !== undefined ? ` ${Math.min(100, Math.floor((100 * done) / total))}%` : "";
    write(`\r\x1b[Kbackprop-derive: ${counter}${name}${pct}`);
    drawn = true;
    last = t;
  };
  return {
    plan: (n) => {
      stages = n;
    },
    stage: (stageName, stageTotal) => {
      index++;
      name = stageName;
      total = stageTotal;
      draw();
    },
    advance: (done) => draw(done),
    done: () => {
      if (drawn) write("\r\x1b[K");
      drawn = false;
    },
  };
}
