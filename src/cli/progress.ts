// Progress on a terminal: after the first second of work, one line on stderr, redrawn in place
// ("backprop-derive: [3/6] checking every step 40%"), erased when the command ends. Nothing is
// drawn when stderr is not a terminal or with --quiet (the command then gets NO_PROGRESS). On a
// terminal that takes no escape codes (TERM=dumb) or where the user asked for none (NO_COLOR),
// the line is redrawn with a carriage return and spaces alone.
import type { Progress } from "../progress.js";

/** Work shorter than this shows no progress at all. */
export const SHOW_AFTER_MS = 1_000;
const REDRAW_MS = 100;

export interface TerminalProgress extends Progress {
  /** Erases the line (at the end of the command). */
  done(): void;
}

/** Whether the terminal of `env` is to get no escape codes: TERM=dumb, or NO_COLOR set to anything but "". */
export const plainTerminal = (env: Readonly<Record<string, string | undefined>>): boolean =>
  env.TERM === "dumb" || (env.NO_COLOR !== undefined && env.NO_COLOR !== "");

export function terminalProgress(write: (s: string) => void, now: () => number = Date.now, plain = false): TerminalProgress {
  const started = now();
  // The width of the line drawn last, which a plain redraw covers with spaces.
  let width = 0;
  const line = (text: string): string => {
    if (!plain) return `\r\x1b[K${text}`;
    const out = `\r${text}${" ".repeat(Math.max(0, width - text.length))}`;
    width = text.length;
    return out;
  };
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
    write(line(`backprop-derive: ${counter}${name}${pct}`));
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
      if (drawn) write(plain ? `\r${" ".repeat(width)}\r` : "\r\x1b[K");
      drawn = false;
      width = 0;
    },
  };
}
