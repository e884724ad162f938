// derive --format json of [256,256,256] against [64,64,64] (16 times the parameters), each as its
// own process with the default checks: the time ratio (target at most 10) and the peak memory
// of the larger (target under 1 GB), measured in this run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { timed } from "./timed.js";
import { median } from "./measure.js";

export function benchScale(): string[] {
  const out = mkdtempSync(join(tmpdir(), "bpd-bench-"));
  const run = (layers: string) =>
    timed(["derive", "--layers", layers, "--activation", "sigmoid", "--loss", "mse", "--format", "json", "--out", out, "--quiet"]);
  // Alternating, median of 3 each: a busy moment weighs on both sides alike.
  const small: number[] = [];
  const large: { seconds: number; maxRssBytes: number }[] = [];
  for (let i = 0; i < 3; i++) {
    small.push(run("64,64,64").seconds);
    large.push(run("256,256,256"));
  }
  rmSync(out, { recursive: true, force: true });
  const t64 = median(small);
  const t256 = median(large.map((r) => r.seconds));
  const peak = Math.max(...large.map((r) => r.maxRssBytes)) / 2 ** 20;
  return [
    `derive --layers 64,64,64 --format json: ${t64.toFixed(2)} s; --layers 256,256,256: ${t256.toFixed(2)} s (median of 3, alternating, whole processes)`,
    `  time ratio [256,256,256] / [64,64,64] (16x the parameters; target at most 10): ${(t256 / t64).toFixed(2)}`,
    `  peak memory of [256,256,256] (max RSS of the 3 runs; target under 1024 MB): ${peak.toFixed(0)} MB`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of benchScale()) console.log(l);
