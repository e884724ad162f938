#!/usr/bin/env node
// The process entry of the command line (bin/backprop-derive.js runs its compiled form): real
// standard streams, progress on a terminal, signal handling while writing, and the exit code.
import { main } from "./main.js";
import { plainTerminal, terminalProgress } from "./progress.js";
import { why } from "./write.js";

// A closed pipe (| head) ends the output quietly, as for any Unix tool; any other failure to
// write (a full device) is one line and exit 1.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  process.stderr.write(`backprop-derive: standard output: cannot write (${why(e)})\n`);
  process.exit(1);
});

const progress = process.stderr.isTTY ? terminalProgress((s) => process.stderr.write(s), Date.now, plainTerminal(process.env)) : undefined;
const code = await main(
  process.argv.slice(2),
  (s) => {
    progress?.done();
    process.stdout.write(`${s}\n`);
  },
  (s) => {
    progress?.done();
    process.stderr.write(`${s}\n`);
  },
  {
    write: (chunk) => {
      progress?.done();
      process.stdout.write(chunk);
    },
    signals: true,
    ...(progress ? { progress } : {}),
  },
);
progress?.done();
process.exitCode = code;
