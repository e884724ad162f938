#!/usr/bin/env node
// The command-line entry: dispatches to a command; bad input exits 2 with one line on stderr.
import { InputError } from "../errors.js";
import { loadCas } from "../check/cas.js";
import { KinkError } from "../check/gradcheck.js";
import { runCheck } from "./commands/check.js";
import { runDerive } from "./commands/derive.js";
import { runEvaluate } from "./commands/evaluate.js";
import { HELP } from "./help.js";

const COMMANDS = { derive: runDerive, check: runCheck, evaluate: runEvaluate } satisfies Record<
  string,
  (argv: readonly string[], print: (s: string) => void) => number
>;

export function main(argv: readonly string[], print: (s: string) => void, error: (s: string) => void): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    print(HELP.main!);
    return command === undefined ? 2 : 0;
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    error(`backprop-derive: unknown command "${command}"; allowed: ${Object.keys(COMMANDS).join(", ")} (see --help)`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    print(HELP[command]!);
    return 0;
  }
  try {
    return COMMANDS[command as keyof typeof COMMANDS](rest, print);
  } catch (e) {
    if (e instanceof InputError) {
      error(`backprop-derive: ${e.message}`);
      return 2;
    }
    if (e instanceof KinkError) {
      error(`backprop-derive: ${e.message}`);
      return 1;
    }
    error(`backprop-derive: internal error: ${(e as Error).message} (please report it)`);
    return 70;
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/").split("/").pop()!);
if (isEntry) {
  // A closed pipe (| head) ends the output quietly, as for any Unix tool.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  // The CAS is loaded (a dynamic import) only for the commands that cross-check with it.
  const command = process.argv[2];
  if ((command === "check" || command === "derive") && !process.argv.includes("--help") && !process.argv.includes("-h")) await loadCas();
  process.exitCode = main(process.argv.slice(2), (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`));
}
