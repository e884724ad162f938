// npm run bench: prints figures (never asserts them; the machines are shared and noisy).
import { cpus, loadavg } from "node:os";
import { gradientCheck } from "../src/check/gradcheck.js";
import { derive } from "../src/derive/derive.js";
import { buildNetwork } from "../src/network/graph.js";
import { parseSpec } from "../src/network/spec.js";
import { benchCas } from "./cas.js";
import { benchChecks } from "./checks.js";
import { benchDerive } from "./derive.js";
import { benchSteps } from "./steps.js";
import { benchSimplify } from "./simplify.js";
import { benchStartup } from "./startup.js";
import { benchSympy } from "./sympy.js";
import { benchRender } from "./render.js";
import { benchPlayground } from "./playground.js";
import { benchTopology } from "./topology.js";
import { benchBundle } from "./bundle.js";
import { benchScale } from "./scale.js";
import { benchBatch } from "./batch.js";
import { benchTies } from "./ties.js";
import { benchConv } from "./conv.js";

const line = (s: string): void => console.log(s);
// The machine's load beside the figures: a shared machine's times are its load's as much as ours.
const load = (): string =>
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(", ")} (1, 5, 15 min), ${cpus().length} cores`;
const started = new Date();
const section = (s: string): void => line(`${s} [load ${loadavg()[0]!.toFixed(1)}]`);

line(`== npm run bench, ${started.toISOString()}: ${load()}`);
line("");

section("== start-up of the compiled command, as multiples of a bare node -e 0 in this run (median of 9)");
for (const s of benchStartup()) line(s);

line("");
line(
  "== the same sigmoid/mse networks with SymPy, its job expanded (every gradient in full) and factored (δ's by the chain rule, gradients as δ·y)",
);
for (const s of benchSympy()) line(s);

line("");
section("== derivation (sigmoid, mse), every step and result made once: median of several runs in one process");
line("layers                      params      time    per param    heap");
const figures = benchDerive();
for (const f of figures) {
  line(
    `${`[${f.layers.join(",")}]`.padEnd(26)} ${String(f.params).padStart(8)} ${f.ms.toFixed(1).padStart(8)} ms ${f.usPerParam.toFixed(2).padStart(8)} us ${f.heapMB.toFixed(1).padStart(7)} MB`,
  );
}
const mid = figures.find((f) => f.layers.join() === "16,16,16")!;
const big = figures.find((f) => f.layers.join() === "784,128,10")!;
line(`time per parameter, [784,128,10] / [16,16,16]: ${(big.usPerParam / mid.usPerParam).toFixed(2)} (flat or falling means linear)`);

line("");
section("== derive --format json at scale, whole processes (issue 10 item 4)");
for (const s of benchScale()) line(s);

line("");
section("== arbitrary topologies: a skip connection costs no more per parameter (median of 5, alternating)");
for (const s of benchTopology()) line(s);

line("");
section("== ties at scale: one tied group of 10^5 weights, parsed, built and derived (median of 3, alternating)");
for (const s of benchTies()) line(s);

line("");
section("== rendering the documents");
for (const s of benchRender()) line(s);

line("");
section("== simplification");
for (const s of benchSimplify()) line(s);

line("");
section("== gradient check of [784,128,10] (300 sampled parameters, central differences)");
{
  const proof = derive(buildNetwork(parseSpec({ layers: [784, 128, 10], activation: "sigmoid", loss: "mse" })));
  const t0 = performance.now();
  const r = gradientCheck(proof, { seed: 1 });
  line(
    `${r.checked} of ${r.total} parameters, ${r.failed} failed, worst ${r.worst.toExponential(2)}, ${(performance.now() - t0).toFixed(0)} ms`,
  );
}

line("");
for (const s of benchBatch()) line(s);

line("");
for (const s of await benchChecks()) line(s);
line("");
for (const s of benchConv()) line(s);
line("");
for (const s of await benchCas()) line(s);
line("");
for (const s of benchSteps()) line(s);

line("");
section("== the playground (dist/playground/index.html)");
for (const s of await benchPlayground()) line(s);

line("");
section("== a web page's bundle of the library (esbuild, minified, for the browser)");
for (const s of await benchBundle()) line(s);
line("");
line(`== the run took ${((Date.now() - started.getTime()) / 60000).toFixed(1)} min; at its end: ${load()}`);
