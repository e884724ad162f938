#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so that no build step stands between source and use.
import { register } from "tsx/esm/api";

register();
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});
const { main } = await import("../src/cli/main.ts");
process.exitCode = main(process.argv.slice(2), (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`));
