// The shape of an MNIST course example, derived and checked: `check` of a [1,28,28] input, 8
// filters 3×3 (relu), then max pooling 2 (or, beside it, a dense layer on the convolution's
// output directly), dense 10 softmax, cross-entropy; each as its own process with the default
// checks (every step at seeded points, 300 sampled gradients). Target: under 10 s on two cores.
// The wall time depends on the machine's load; the CPU time (user + system) less so: both printed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RUN } from "./timed.js";

const stack = (pool: boolean): unknown[] => [
  { conv: { filters: 8, kernel: 3 }, activation: "relu" },
  ...(pool ? [{ pool: "max", size: 2 }] : []),
  { dense: 10, activation: "softmax" },
];

export function benchConv(): string[] {
  const dir = mkdtempSync(join(tmpdir(), "bpd-bench-"));
  const lines = ["== derive and check a convolution of an MNIST-sized input (whole processes, default checks; target under 10 s)"];
  for (const pool of [true, false]) {
    const file = join(dir, `conv${pool ? "-pool" : ""}.json`);
    writeFileSync(file, JSON.stringify({ shape: [1, 28, 28], stack: stack(pool), loss: "cross-entropy" }));
    const r = spawnSync("/usr/bin/time", ["-f", "%e %U %S %M", process.execPath, RUN, "check", file], {
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "" },
      maxBuffer: 2 ** 26,
    });
    const [wall, user, system, kb] = r.stderr.trim().split("\n").at(-1)!.split(" ").map(Number);
    const summary = r.stdout
      .trim()
      .split("\n")
      .filter((l) => /^steps:|parameters checked|^method:/.test(l));
    const name = pool ? "[1,28,28], 8 filters 3×3, max pool 2, dense 10" : "[1,28,28], 8 filters 3×3, dense 10 (no pool)";
    lines.push(
      `check ${name}: ${wall!.toFixed(1)} s wall, ${(user! + system!).toFixed(1)} s CPU, ${(kb! / 1024).toFixed(0)} MB, exit ${r.status}; wall / 10 s target: ${(wall! / 10).toFixed(2)}`,
      ...summary.map((l) => `  ${l.slice(0, 200)}`),
    );
  }
  rmSync(dir, { recursive: true, force: true });
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of benchConv()) console.log(l);
