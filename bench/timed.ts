// One run of the compiled command as its own process, under /usr/bin/time: its exit, wall time,
// peak memory (max RSS) and stderr. Node's default heap (NODE_OPTIONS cleared).
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..");
export const RUN = join(ROOT, "dist", "bin", "run.js");

export interface Timed {
  readonly status: number | null;
  readonly seconds: number;
  readonly maxRssBytes: number;
  /** stderr without /usr/bin/time's own lines. */
  readonly stderr: string[];
}

export function timed(args: readonly string[]): Timed {
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M", process.execPath, RUN, ...args], {
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
    maxBuffer: 2 ** 26,
  });
  const lines = r.stderr.trim().split("\n");
  const [seconds, kb] = lines.at(-1)!.split(" ").map(Number);
  return {
    status: r.status,
    seconds: seconds!,
    maxRssBytes: kb! * 1024,
    stderr: lines.slice(0, -1).filter((l) => !/^Command (exited|terminated)/.test(l)),
  };
}
