// The checker at scale, each figure a ratio to its target measured in this run: one full gradient
// from the derived expressions against a hand-written backprop loop (bench/gradient.ts), `evaluate`
// of [784,128,10] against 1 s, `check --full-check` of [784,128,10] against a minute and against
// the sampled `check`, and [256,256,256] sigmoid/mse checked clean. The commands run in process, through main().
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { paramsToJson, randomParams } from "../src/check/params.js";
import { rng } from "../src/oracle/rng.js";
import { main } from "../src/cli/main.js";
import { buildNetwork } from "../src/network/graph.js";
import { parseSpec } from "../src/network/spec.js";
import { benchGradient } from "./gradient.js";

async function command(argv: string[]): Promise<{ code: number; ms: number; last: string }> {
  const out: string[] = [];
  const t0 = performance.now();
  const code = await main(
    argv,
    (s) => out.push(s),
    (s) => out.push(s),
  );
  return { code, ms: performance.now() - t0, last: out.at(-1)?.slice(0, 160) ?? "" };
}

export async function benchChecks(): Promise<string[]> {
  const lines = benchGradient();
  const dir = mkdtempSync(join(tmpdir(), "bpd-bench-"));
  const spec = { layers: [784, 128, 10], activation: "sigmoid", loss: "mse" };
  const network = buildNetwork(parseSpec(spec));
  const specFile = join(dir, "spec.json");
  const paramsFile = join(dir, "params.json");
  writeFileSync(specFile, JSON.stringify(spec));
  writeFileSync(paramsFile, JSON.stringify(paramsToJson(network, randomParams(network, rng(1)))));
  const ev = await command(["evaluate", specFile, "--params", paramsFile]);
  lines.push("", "== the commands at scale, in process (parsing, derivation and checks included)");
  lines.push(`evaluate [784,128,10]: ${ev.ms.toFixed(0)} ms, exit ${ev.code}; / 1 s target: ${(ev.ms / 1000).toFixed(2)}`);
  const check = ["check", "--layers", "784,128,10", "--activation", "sigmoid", "--loss", "mse"];
  const sampled = await command(check);
  const full = await command([...check, "--full-check"]);
  lines.push(
    `check --full-check [784,128,10]: ${(full.ms / 1000).toFixed(1)} s, exit ${full.code}; / 60 s target: ${(full.ms / 60_000).toFixed(2)}`,
    `  ${full.last}`,
    `check [784,128,10] (sampled): ${(sampled.ms / 1000).toFixed(1)} s, exit ${sampled.code}; --full-check ÷ sampled: ${(full.ms / sampled.ms).toFixed(2)} (target <= 5)`,
  );
  const wide = await command(["check", "--layers", "256,256,256", "--activation", "sigmoid", "--loss", "mse"]);
  lines.push(`check [256,256,256] sigmoid/mse: ${(wide.ms / 1000).toFixed(1)} s, exit ${wide.code} (0: clean)`, `  ${wide.last}`);
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of await benchChecks()) console.log(l);
