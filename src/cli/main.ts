#!/usr/bin/env node
// The command-line entry: dispatches to a command, loaded only when it runs (so that --help and
// --version load nothing heavy). Bad input exits 2 with exactly one bounded line on stderr.
import { readFileSync } from "node:fs";
import { cutAt, escapeControls, InputError, shorten } from "../errors.js";
import { didYouMean, UnknownOption } from "./args.js";
import { HELP } from "./help.js";
import type { Io } from "./context.js";

export type { Io } from "./context.js";

const COMMANDS = {
  derive: async () => (await import("./commands/derive.js")).runDerive,
  check: async () => (await import("./commands/check.js")).runCheck,
  evaluate: async () => (await import("./commands/evaluate.js")).runEvaluate,
  verify: async () => (await import("./commands/verify.js")).runVerify,
  exercises: async () => (await import("./commands/exercises.js")).runExercises,
} satisfies Record<string, () => Promise<(argv: readonly string[], io: Io) => Promise<number>>>;

/** The longest line the error printer writes. */
export const MAX_ERROR_LINE = 280;
/** The longest line of an unknown option, which lists every option of its command. */
export const MAX_OPTIONS_LINE = 480;

/** Any message as one line of at most `max` characters: controls escaped (a newline as \\n), the middle cut between code points. */
export function oneLine(message: string, max = MAX_ERROR_LINE): string {
  const flat = escapeControls(message.trim());
  if (flat.length <= max) return flat;
  const keep = max - 5;
  const head = cutAt(flat, Math.ceil(keep * 0.7));
  const tail = flat.length - Math.floor(keep * 0.3);
  // The tail starts on a whole code point too.
  const from = /[\uDC00-\uDFFF]/.test(flat[tail] ?? "") ? tail + 1 : tail;
  return `${head} ... ${flat.slice(from)}`;
}

/** The package's version, from its package.json (src/cli and dist/cli are both two levels down). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/**
 * Runs one command line. `print` receives stdout lines, `error` stderr lines; `io` adds raw
 * output (for --out -), standard input for "-", progress on a terminal and signal handling.
 */
export async function main(
  argv: readonly string[],
  print: (s: string) => void,
  error: (s: string) => void,
  io: Partial<Io> = {},
): Promise<number> {
  const [command, ...rest] = argv;
  const say = (s: string, max?: number): void => error(oneLine(`backprop-derive: ${s}`, max));
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    print(HELP.main!);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version" || command === "-V") {
    print(version());
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    const near = didYouMean(command, Object.keys(COMMANDS));
    const hint = near === undefined ? "" : ` did you mean ${near}?`;
    say(`unknown command "${shorten(command, 40)}";${hint} allowed: ${Object.keys(COMMANDS).join(", ")} (see --help)`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    print(HELP[command]!);
    return 0;
  }
  /** A failure as one line on stderr, and the exit code it means. */
  const fail = async (e: unknown): Promise<number> => {
    if (e instanceof InputError) {
      say(e.message, e instanceof UnknownOption ? MAX_OPTIONS_LINE : MAX_ERROR_LINE);
      return 2;
    }
    // Loaded only on this path: the check modules are heavy, and --help needs none of them.
    if (e instanceof (await import("../check/gradcheck.js")).KinkError) {
      say(e.message);
      return 1;
    }
    say(`internal error: ${(e as Error).message} (please report it)`);
    return 70;
  };
  try {
    const run = await COMMANDS[command as keyof typeof COMMANDS]();
    return await run(rest, { print, error, write: (s) => print(typeof s === "string" ? s : new TextDecoder().decode(s)), fail, ...io });
  } catch (e) {
    return fail(e);
  }
}
