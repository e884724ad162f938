// npm run stress: the largest networks the limits allow, each derived by the compiled command in
// every format (tex, html, md in both styles; json), one process per run under /usr/bin/time,
// with Node's default heap. Prints the exit, the wall time, the peak memory (max RSS) and the
// size written per run: the figures of the README's "Limits". Not part of the tests (it takes
// tens of minutes). `npm run stress -- wide-a deep-1` runs only the networks named.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAX_LAYERS, MAX_PARAMETERS } from "../src/network/spec.js";
import { MAX_NODES } from "../src/network/schema.js";
import { ROOT, timed } from "./timed.js";

/**
 * A DAG of `nodes` listed nodes over MAX_LAYERS depths (inputs included): each node reads three
 * neighbours spread over the depth before, so that every node is read, and one node two back.
 */
export function dagAtLimit(nodes = MAX_NODES, inputs = 500, depths = MAX_LAYERS): object {
  const levels = depths - 1;
  const sizeOf = (level: number): number => (level === 0 ? inputs : Math.floor(nodes / levels) + (level <= nodes % levels ? 1 : 0));
  const first = [1];
  for (let level = 1; level <= levels; level++) first.push(first[level - 1]! + sizeOf(level - 1));
  const list: { from: number[]; activation: string }[] = [];
  for (let level = 1; level <= levels; level++) {
    for (let i = 0; i < sizeOf(level); i++) {
      const prev = sizeOf(level - 1);
      const at = Math.floor((i * prev) / sizeOf(level));
      const from = new Set([0, 1, 2].map((d) => first[level - 1]! + ((at + d) % prev)));
      if (level >= 2) from.add(first[level - 2]! + (i % sizeOf(level - 2)));
      list.push({ from: [...from].sort((a, b) => a - b), activation: "tanh" });
    }
  }
  const outputs = Array.from({ length: sizeOf(levels) }, (_, i) => first[levels]! + i);
  return { name: "DAG at the node limit", inputs, nodes: list, outputs, loss: "mse" };
}

const deep = (width: number): number[] => Array.from({ length: MAX_LAYERS }, () => width);

/** The networks at the limits: [name, spec]. */
const NETWORKS: [string, () => object][] = [
  ["wide-a", () => ({ layers: [10_000, 199], activation: "sigmoid", loss: "mse" })],
  ["wide-b", () => ({ layers: [9_999, 200], activation: "sigmoid", loss: "mse" })],
  ["deep-1", () => ({ layers: deep(1), activation: "sigmoid", loss: "mse" })],
  ["deep-16", () => ({ layers: deep(16), activation: "tanh", outputActivation: "softmax", loss: "cross-entropy" })],
  ["dag", () => dagAtLimit()],
];

const RUNS: { format: string; style?: string }[] = [
  { format: "json" },
  { format: "md", style: "notes" },
  { format: "md", style: "proof" },
  { format: "tex", style: "notes" },
  { format: "tex", style: "proof" },
  { format: "html", style: "notes" },
  { format: "html", style: "proof" },
];

const bytes = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (n, e) => n + (e.isDirectory() ? bytes(join(dir, e.name)) : statSync(join(dir, e.name)).size),
    0,
  );
const mb = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MB`;

function params(spec: object): number {
  const s = spec as { layers?: number[]; nodes?: { from: number[] }[] };
  if (s.layers) return s.layers.slice(1).reduce((n, w, i) => n + w * (s.layers![i]! + 1), 0);
  return s.nodes!.reduce((n, x) => n + x.from.length + 1, 0);
}

function stress(only: readonly string[]): void {
  execFileSync(process.execPath, [join(ROOT, "scripts", "ensure-built.mjs")], { stdio: "inherit" });
  const dir = mkdtempSync(join(tmpdir(), "bpd-stress-"));
  console.log(
    `limits: ${MAX_PARAMETERS} weights and biases, ${MAX_LAYERS} layers (depths), ${MAX_NODES} listed nodes; Node ${process.version}, default heap`,
  );
  console.log("network   params     format style  exit      time   max RSS    written  note");
  for (const [name, make] of NETWORKS) {
    if (only.length > 0 && !only.includes(name)) continue;
    const spec = make();
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(spec));
    for (const { format, style } of RUNS) {
      const out = join(dir, "out");
      rmSync(out, { recursive: true, force: true });
      const r = timed(["derive", file, "--format", format, ...(style ? ["--style", style] : []), "--out", out, "--quiet"]);
      const note = r.stderr.join(" | ").slice(0, 200);
      let written = 0;
      try {
        written = bytes(out);
      } catch {
        written = 0;
      }
      console.log(
        `${name.padEnd(9)} ${String(params(spec)).padStart(8)} ${format.padStart(6)} ${(style ?? "-").padEnd(6)} ${String(r.status).padStart(4)} ${r.seconds.toFixed(1).padStart(8)} s ${mb(r.maxRssBytes).padStart(9)} ${mb(written).padStart(10)}  ${note}`,
      );
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) stress(process.argv.slice(2));
