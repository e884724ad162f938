// What a command receives besides its arguments: where its output goes, where "-" reads from,
// how progress is shown, and whether it may handle signals (only as its own process).
import { NO_PROGRESS, type Progress } from "../progress.js";
import type { Stdin } from "./io.js";

export interface Io {
  /** One line of standard output. */
  readonly print: (line: string) => void;
  /** One line of standard error (the error printer makes every message one bounded line). */
  readonly error: (line: string) => void;
  /** Raw standard output, for a document written with --out - (no newline added). */
  readonly write: (chunk: string | Uint8Array) => void;
  /** The text of standard input, for a SPEC or --params of "-". */
  readonly stdin?: Stdin;
  /** Progress of long work: shown on a terminal; NO_PROGRESS otherwise. */
  readonly progress?: Progress;
  /** Remove temporary files and exit on SIGINT/SIGTERM while writing (only as its own process). */
  readonly signals?: boolean;
  /**
   * Reports a failure as the command line does (one bounded line; the exit code it would have),
   * for a command that goes on after one (derive --watch).
   */
  readonly fail?: (e: unknown) => Promise<number>;
  /** Ends a command that runs until stopped (derive --watch); without it, the process's end does. */
  readonly stop?: AbortSignal;
}

export const progressOf = (io: Io, quiet: boolean): Progress => (quiet || io.progress === undefined ? NO_PROGRESS : io.progress);
