// Start-up and whole-command times of the compiled command line, as ratios to a bare `node -e 0`
// measured in the same run (interleaved, median of several runs): --help, --version, and the
// command that `npm start` runs (the seed network, all formats, step and gradient checks).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "./measure.js";

const ROOT = join(import.meta.dirname, "..");
const RUN = join(ROOT, "dist", "bin", "run.js");

function time(args: readonly string[], cmd = process.execPath): number {
  const t0 = performance.now();
  execFileSync(cmd, args, { stdio: "ignore", cwd: ROOT, env: { ...process.env, NODE_OPTIONS: "" } });
  return performance.now() - t0;
}

export function benchStartup(runs = 9): string[] {
  const out = mkdtempSync(join(tmpdir(), "bpd-bench-"));
  const cases: Record<string, () => number> = {
    "node -e 0": () => time(["-e", "0"]),
    "backprop-derive --help": () => time([RUN, "--help"]),
    "backprop-derive --version": () => time([RUN, "--version"]),
    "npm start's command (seed, all formats, checked; target <= 5x)": () => time([RUN, "derive", "seed", "--out", out, "--quiet"]),
    "derive seed --no-check --format md": () => time([RUN, "derive", "seed", "--no-check", "--format", "md", "--out", out, "--quiet"]),
    "npm start (npm itself included)": () => time(["start", "--silent"], "npm"),
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) for (const [k, f] of Object.entries(cases)) times[k]!.push(f());
  rmSync(out, { recursive: true, force: true });
  const base = median(times["node -e 0"]!);
  return Object.entries(times).map(
    ([k, t]) => `${k.padEnd(50)} ${median(t).toFixed(0).padStart(6)} ms  ${(median(t) / base).toFixed(1).padStart(5)}x`,
  );
}
